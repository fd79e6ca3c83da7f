"""Site search with Pagefind: which part of each page is indexed and how, the header's search button, the index.

The published site searches with Pagefind (https://pagefind.app), chosen over MkDocs Material's built-in search
because it downloads only the index pieces a query needs, when search is used (docs/benchmarks.md). Pagefind indexes
the built HTML after MkDocs has written it:
- only the article of a page is indexed, and only on pages that are not excluded from search in their front matter;
- parts marked `data-pagefind-ignore` in the templates (notices, source lines, the self-assessment form) are not,
  nor any "not yet entered" paragraph, cell or list item, nor the heading of a section holding only that;
- self-assessment pages weigh less (`data-pagefind-weight`), so they rank below the category they serve;
- the names and codes of the pages they mean (categories, knowledge areas, domains, roles, self-assessments,
  glossary terms), read from the titles and headings Pagefind indexed, go into a names file beside the index with
  the result ids Pagefind gave those pages; the dialog uses it to put them first (search-core.mjs `searchSite`).
  Not Pagefind filters: Pagefind counts every filter value on every search, and a second, filtered search per name
  would double the slowest queries;
- each indexed page's address and title go into a page list beside the index, under its result id, so that the
  dialog lists a search's results in the frame after Pagefind answers and fills in their excerpts after;
- blocks using a word of a search-terms group (competencies/search-terms.yml, the glossary's abbreviations) get the
  group's other words as index-only text in an attribute Pagefind indexes (`data-pagefind-index-attrs`);
- the header gets a search button; the site's script (search-ui.mjs) loads Pagefind's API the first time it is used.
The offline bundle keeps Material's search: Pagefind cannot load its index into a page opened from disk. Its
index gets the same index-only words, in a hidden paragraph of each section that uses a term (with_offline_synonyms).
"""
from __future__ import annotations

import gzip
import html as html_text
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

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


SEARCH_TERMS_FILE = "search-terms.yml"
"""The data file of the words that mean the same to a person searching (competencies/search-terms.yml)."""
ALSO_ATTRIBUTE = "data-atlas-search-also"
"""The attribute holding a block's index-only words, on an empty element at the block's start: Pagefind indexes it
(data-pagefind-index-attrs); browsers and screen readers show and read no attribute, and the element has no text."""
BLOCKS = re.compile(r"<(h[1-6]|p|li|td|dd|dt)\b((?:(?!data-pagefind-ignore)[^>])*)>(.*?)</\1>", re.S)
"""The text blocks that may get index-only words: headings, paragraphs, list items and table cells (none nested
in one of its own kind on these pages), unless left out of the index."""


def term_groups(search_terms: list[list[str]], glossary: list[tuple[str, str | None]]) -> list[tuple[str, ...]]:
    """Every group of words that mean the same: the search-terms file's groups, and each glossary term with its
    abbreviation."""
    groups = [tuple(group) for group in search_terms]
    groups += [(term, abbreviation) for term, abbreviation in glossary if abbreviation]
    return groups


def read_search_terms(data_dir: Path) -> list[list[str]]:
    """The term groups of data_dir's search-terms file (already checked by the loader), or none without the file."""
    path = data_dir / SEARCH_TERMS_FILE
    if not path.is_file():
        return []
    return [list(group["terms"]) for group in yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]]


def term_pattern(term: str) -> re.Pattern[str]:
    """Where a term occurs in text as whole words: in capitals only if it is written in capitals (IDEA, not
    "idea"), otherwise in any case; any run of spaces counts as one."""
    words = r"\s+".join(re.escape(word) for word in term.split())
    flags = 0 if term.isupper() else re.I
    return re.compile(rf"(?<![\w-]){words}(?![\w-])", flags)


def group_patterns(groups: list[tuple[str, ...]]) -> list[list[tuple[str, re.Pattern[str]]]]:
    """Each group's terms, each with the pattern that finds it in text."""
    return [[(term, term_pattern(term)) for term in group] for group in groups]


def other_terms(html: str, patterns: list[list[tuple[str, re.Pattern[str]]]]) -> list[str]:
    """The terms of every group that the text of html uses, but that it does not itself contain."""
    text = html_text.unescape(re.sub(r"<[^>]+>", " ", html))
    also: list[str] = []
    for group in patterns:
        if any(pattern.search(text) for _, pattern in group):
            also += [term for term, pattern in group if not pattern.search(text) and term not in also]
    return also


def with_offline_synonyms(entries: list[dict], groups: list[tuple[str, ...]]) -> None:
    """Give each section of MkDocs Material's search index (the offline copy's search) that uses a term of a group
    the group's other terms, in a hidden paragraph at the end of its text: lunr indexes the words of the text (its
    tokenizer skips the tags), and the results list, which shows the text as HTML, shows nothing of them."""
    patterns = group_patterns(groups)
    for entry in entries:
        also = other_terms(f"{entry.get('title', '')} {entry.get('text', '')}", patterns)
        if also:
            entry["text"] = f"{entry.get('text', '')}<p hidden>{html_text.escape(' '.join(also))}</p>"


def with_search_synonyms(html: str, groups: list[tuple[str, ...]]) -> str:
    """Each text block using a term of a group gets the group's other terms as index-only words, so a search for
    any of them finds the block."""
    patterns = group_patterns(groups)

    def extend(block: re.Match[str]) -> str:
        also = other_terms(block[3], patterns)
        if not also:
            return block[0]
        words = html_text.escape(" ".join(also))
        # An empty element first in the block: Pagefind adds the attribute's words to the element holding it, so
        # they weigh as the block's own words do (a heading's more than a paragraph's).
        return (f'<{block[1]}{block[2]}><span {ALSO_ATTRIBUTE}="{words}" data-pagefind-index-attrs="{ALSO_ATTRIBUTE}">'
                f"</span>{block[3]}</{block[1]}>")

    return BLOCKS.sub(extend, html)


class SearchIndexError(RuntimeError):
    """Pagefind is missing or could not index the site."""


def search_button(bundle_url: str) -> str:
    """The header's search button; the site's script opens its search dialog, on Pagefind's API from bundle_url."""
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


LOW_PAGES = re.compile(r"^atlas/self-assessment/[^/]+/$")
"""Pages that repeat another page's names for another purpose (a category's self-assessment form): they rank below
the page a name or code means, whatever the query."""
LOW_PAGE_WEIGHT = 0.3
"""The weight of every word on a low page (Pagefind's default is 1; headings 2 to 7, all scaled alike by this)."""
NAMED_PAGES = re.compile(r"^atlas/(categories|knowledge-areas|domains|roles|self-assessment)/[^/]+/$")
"""The pages that are what a name (or, for a category and its self-assessment, a code) means: the dialog puts them
first for that exact name or code (`name` and `code` in the names file, see search-core.mjs), the self-assessment
after the category unless the query asks for it."""
GLOSSARY_PAGE = "atlas/glossary/"
"""The glossary, whose terms (headings) answer to their exact names and abbreviations (`term` and `abbreviation` in
the names file)."""
CODE_IN_TITLE = re.compile(r"^(?P<name>.+?) \((?P<code>[A-Z][A-Z0-9-]*)\)$")
"""A category page's title: its name, then its code in brackets."""
NOT_ENTERED_PART = re.compile(r"<(p|td|li)>((?:(?!</?\1[ >]).)*?<em>[^<]*not yet entered[^<]*</em>(?:(?!</?\1[ >]).)*?)"
                              r"</\1>", re.S | re.I)
"""A paragraph, table cell or list item that says something is not yet entered: boilerplate, not indexed."""
EMPTY_SECTION_HEADING = re.compile(r"<(h[2-6])\b([^>]*)>((?:(?!</h).)*</\1>\s*<p data-pagefind-ignore>)", re.S)
"""A heading whose section holds only a left-out "not yet entered" paragraph."""


def with_search_body(html: str, url: str = "", groups: list[tuple[str, ...]] | None = None) -> str:
    """The page with its article marked as the part Pagefind indexes, weighted for ranking (by its address in the
    site, `url`), its "not yet entered" boilerplate left out, and the other words of the term groups it uses added
    for the index only."""
    weight = f' data-pagefind-weight="{LOW_PAGE_WEIGHT}"' if LOW_PAGES.match(url) else ""
    html = html.replace(ARTICLE, ARTICLE[:-1] + " data-pagefind-body" + weight + ">", 1)
    html = NOT_ENTERED_PART.sub(lambda m: f"<{m[1]} data-pagefind-ignore>{m[2]}</{m[1]}>", html)
    html = EMPTY_SECTION_HEADING.sub(lambda m: f"<{m[1]}{m[2]} data-pagefind-ignore>{m[3]}", html)
    if groups:
        start = html.find(ARTICLE[:-1])
        end = html.find("</article>", start)
        if start >= 0 and end > start:
            html = html[:start] + with_search_synonyms(html[start:end], groups) + html[end:]
    return html


def page_names(title: str) -> dict[str, str]:
    """The exact names a page answers to, from its title's text: its name, and a category's code."""
    match = CODE_IN_TITLE.match(title)
    return {"name": match["name"], "code": match["code"]} if match else {"name": title}


SEARCH_NAMES_FILE = "atlas-names.json"
"""The names file the dialog reads beside Pagefind's index (search-core.mjs SEARCH_NAMES_FILE): for each kind of
name, each name's pages as Pagefind result ids."""
FRAGMENT_SIGNATURE = b"pagefind_dcd"
"""What a Pagefind 1.x data file starts with once unzipped."""


def page_fragments(bundle_dir: Path) -> Iterator[tuple[str, dict]]:
    """Each indexed page's Pagefind result id and fragment (its address, title and headings), in id order."""
    for path in sorted((bundle_dir / "fragment").glob("*.pf_fragment")):
        try:
            fragment = json.loads(gzip.decompress(path.read_bytes()).removeprefix(FRAGMENT_SIGNATURE))
            if not isinstance(fragment, dict) or not isinstance(fragment.get("url"), str):
                raise ValueError("no page address in it")
        except (OSError, EOFError, ValueError) as exc:
            raise SearchIndexError(f"Pagefind's page fragment {path.name} could not be read ({exc}): the "
                                   "Pagefind version may have changed its format") from exc
        yield path.name.removesuffix(".pf_fragment"), fragment


def search_names(fragment: dict) -> list[tuple[str, str]]:
    """The exact names and codes a page answers to, each under its kind (name, code; term, abbreviation for the
    glossary's terms), from its Pagefind fragment: the title's of a named page, each term heading's of the glossary,
    none on other pages."""
    url = str(fragment["url"]).lstrip("/")
    headings = [anchor for anchor in fragment.get("anchors") or [] if isinstance(anchor, dict)]
    if NAMED_PAGES.match(url):
        titles = [str(anchor.get("text", "")).strip() for anchor in headings if anchor.get("element") == "h1"]
        return list(page_names(titles[0]).items()) if titles and titles[0] else []
    if url == GLOSSARY_PAGE:
        kinds = {"name": "term", "code": "abbreviation"}
        terms = [str(anchor.get("text", "")).strip() for anchor in headings if anchor.get("element") == "h2"]
        return [(kinds[key], value) for term in terms if term for key, value in page_names(term).items()]
    return []


def names_index(pages: Iterable[tuple[str, dict]]) -> dict[str, dict[str, list[str]]]:
    """For each kind of name, each name's pages as result ids, from the pages' ids and fragments."""
    index: dict[str, dict[str, set[str]]] = {}
    for page_id, fragment in pages:
        for kind, value in search_names(fragment):
            index.setdefault(kind, {}).setdefault(value, set()).add(page_id)
    return {kind: {value: sorted(ids) for value, ids in sorted(values.items())} for kind, values in sorted(index.items())}


SEARCH_PAGES_FILE = "atlas-pages.json"
"""The page list the dialog reads beside Pagefind's index (search-core.mjs SEARCH_PAGES_FILE): each Pagefind result
id's page address and title, so that the dialog lists a search's results as soon as Pagefind answers, before their
excerpts are loaded."""


def page_list(pages: Iterable[tuple[str, dict]]) -> dict[str, list[str]]:
    """Each page's address and title (Pagefind's, as its results show them; the address when it has none) under its
    result id, from the pages' ids and fragments."""
    listed = {}
    for page_id, fragment in pages:
        title = (fragment.get("meta") or {}).get("title")
        listed[page_id] = [str(fragment["url"]), str(title) if title else str(fragment["url"])]
    return dict(sorted(listed.items()))


def write_search_names(site_dir: Path) -> None:
    """Write the names file and the page list beside Pagefind's index of site_dir, from the pages Pagefind indexed."""
    bundle_dir = site_dir / BUNDLE_FOLDER
    pages = list(page_fragments(bundle_dir))
    for name, content in ((SEARCH_NAMES_FILE, names_index(pages)), (SEARCH_PAGES_FILE, page_list(pages))):
        (bundle_dir / name).write_text(json.dumps(content, ensure_ascii=False, separators=(",", ":")),
                                       encoding="utf-8")


def excluded_from_search(meta: dict) -> bool:
    """Whether a page's front matter takes it out of search (`search: {exclude: true}`, as for Material)."""
    search = meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


def index_site(site_dir: Path) -> None:
    """Write Pagefind's index of site_dir into site_dir/pagefind (the pagefind Python package runs the indexer), and
    the names file and page list beside it."""
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
    write_search_names(site_dir)
