"""Site search with Pagefind: which part of each page is indexed, the header's search button, the index itself.

The published site searches with Pagefind (https://pagefind.app), chosen over MkDocs Material's built-in search
because it downloads only the index pieces a query needs, when search is used, and still answers typed queries in
well under a second at a hundred times the data, where Material's takes seconds (docs/benchmarks.md). Pagefind indexes the built HTML after MkDocs has written it:
- only the article of a page is indexed, and only on pages that are not excluded from search in their front matter;
- parts marked `data-pagefind-ignore` in the templates (notices, source lines, the self-assessment form) are not;
- the header gets a search button; the site's script loads Pagefind's search dialog the first time it is used.
The offline bundle keeps Material's search: Pagefind cannot load its index into a page opened from disk.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BUNDLE_FOLDER = "pagefind"
"""Where Pagefind writes its index and scripts, under the site folder."""
ARTICLE = '<article class="md-content__inner md-typeset">'
"""The theme's article element, which holds a page's own content."""
HEADER_NAV = '<nav class="md-header__inner md-grid"'
"""The start of the theme's header bar; the search button goes at its end."""
EXCLUDED_SELECTORS = ["a.headerlink"]
"""Parts of every page that are not content: the theme's heading permalinks (the pilcrow)."""
SEARCH_ICON = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" focusable="false">'
               '<path d="M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l'
               '-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 '
               '14 14 12 14 9.5 12 5 9.5 5"/></svg>')
"""Material's magnifier icon, as the theme shows it for its own search."""


class SearchIndexError(RuntimeError):
    """Pagefind is missing or could not index the site."""


def search_button(bundle_url: str) -> str:
    """The header's search button; the site's script opens Pagefind's search dialog from bundle_url with it."""
    return (f'<button type="button" class="md-header__button md-icon atlas-search-button" '
            f'data-atlas-search="{bundle_url}" aria-label="Search" aria-haspopup="dialog" '
            f'aria-keyshortcuts="/ Control+K Meta+K" title="Search (/)">{SEARCH_ICON}</button>')


def with_search_button(html: str, bundle_url: str) -> str:
    """The page with the search button at the end of its header bar (unchanged if the page has no header)."""
    start = html.find(HEADER_NAV)
    if start < 0:
        return html
    end = html.find("</nav>", start)
    return html[:end] + search_button(bundle_url) + "\n  " + html[end:]


def with_search_body(html: str) -> str:
    """The page with its article marked as the part Pagefind indexes."""
    return html.replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body>", 1)


def excluded_from_search(meta: dict) -> bool:
    """Whether a page's front matter takes it out of search (`search: {exclude: true}`, as for Material)."""
    search = meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


def index_site(site_dir: Path) -> None:
    """Write Pagefind's index of site_dir into site_dir/pagefind (the pagefind Python package runs the indexer)."""
    command = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", BUNDLE_FOLDER,
               "--exclude-selectors", ", ".join(EXCLUDED_SELECTORS), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True)
    except OSError as exc:
        raise SearchIndexError(f"could not run Pagefind: {exc}") from exc
    if result.returncode != 0 or not (site_dir / BUNDLE_FOLDER / "pagefind-entry.json").is_file():
        detail = "\n".join(dict.fromkeys(line.strip() for line in (result.stderr or result.stdout).splitlines()
                                          if line.strip()))  # Pagefind prints its reason twice
        if "No module named pagefind" in detail:
            detail = "the pagefind package is not installed: run `make site` or `pip install -e .`"
        raise SearchIndexError("Pagefind could not index the site: " + detail)
