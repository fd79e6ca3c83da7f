"""MkDocs hook: regenerate the Atlas pages and the navigation whenever MkDocs loads its configuration.

MkDocs reloads the configuration on every rebuild of `mkdocs serve`, so a change to a YAML file (watched
through `watch:` in mkdocs.yml) regenerates the pages. The generator itself does not depend on MkDocs.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import markupsafe
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation, StructureItem
from mkdocs.utils import get_relative_url, is_error_template

from generator.csp import policy, shipped_script_hashes, theme_snippets, with_csp_meta
from generator.errors import DataErrors
from generator.pages import build_nav
from generator.project import Project, generate
from generator.search import (BUNDLE_FOLDER, SearchIndexError, excluded_from_search, index_site, read_search_terms,
                              term_groups, with_search_body, with_search_button)

log = logging.getLogger("mkdocs.hooks.iecmh_atlas")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate and generate the pages, then set the navigation from the model."""
    project = Project(Path(config.config_file_path).resolve().parent)
    try:
        model, pages, changed = generate(project)
    except DataErrors as exc:
        raise PluginError("The competency data has errors; the pages were not regenerated.\n" + exc.report())
    log.info("IECMH Atlas: %d generated pages%s", len(pages), " (updated)" if changed else "")
    config.nav = build_nav(model)
    _search_terms[:] = term_groups(read_search_terms(project.data_dir), [(t.term, t.abbreviation) for t in model.terms])
    return config


_search_terms: list[tuple[str, ...]] = []
"""The groups of words that mean the same to a person searching, for the index (search-terms.yml, glossary)."""


def _nav_items(items: list[StructureItem]) -> Iterator[StructureItem]:
    """Every item of a navigation tree, sections and their children included."""
    for item in items:
        yield item
        yield from _nav_items(getattr(item, "children", None) or [])


def on_nav(nav: Navigation, config: MkDocsConfig, files) -> Navigation:  # noqa: ANN001 - MkDocs passes its Files
    """Make every navigation title text: the theme writes titles into pages as HTML, and names come from the data.

    Titles become escaped Markup, so the theme prints them as text and its own `| e` does not escape them twice."""
    for item in _nav_items(nav.items):
        if isinstance(item.title, str):
            item.title = markupsafe.escape(item.title)
    return nav


def on_page_markdown(markdown: str, page, config: MkDocsConfig, files) -> str:  # noqa: ANN001 - MkDocs objects
    """Make the page's front-matter title text (the theme writes it into <title> and the header as HTML)."""
    if isinstance(page.meta.get("title"), str):
        page.meta["title"] = markupsafe.escape(page.meta["title"])
    return markdown


SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
"""The theme's search box: a dialog without a name, which screen readers announce as just "dialog"."""


def name_search_dialog(html: str) -> str:
    """Give the theme's search dialog an accessible name."""
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">')


_hashes: set[str] = set()
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`, whose injected live-reload script a strict policy would block."""
    global _serving
    _serving = command == "serve"


def on_pre_build(config: MkDocsConfig) -> None:
    """Start collecting the inline-script hashes of this build."""
    _hashes.clear()


def uses_pagefind(config: MkDocsConfig) -> bool:
    """Whether this build searches with Pagefind: every build but the offline bundle (Material's offline plugin on),
    which keeps Material's search because Pagefind cannot run from file://."""
    offline = config.plugins.get("material/offline") or config.plugins.get("offline")
    return not (offline and offline.config.enabled)


def page_policy_hashes(config: MkDocsConfig, base_url: str) -> list[str]:
    """The inline scripts the theme ships, as rendered on a page with this base URL (noted for the header file)."""
    hashes = shipped_script_hashes(theme_snippets(tuple(config.theme.dirs)), base_url, config.extra.get("scope"))
    _hashes.update(hashes)
    return hashes


def with_policy(html: str, config: MkDocsConfig, base_url: str) -> str:
    """Name the theme's search dialog and add the CSP meta tag (not when serving): only the theme's own inline
    scripts for this page's base URL are allowed, never what the page happens to contain."""
    html = name_search_dialog(html)
    hashes = page_policy_hashes(config, base_url)
    return html if _serving else with_csp_meta(html, hashes, wasm=uses_pagefind(config))


def on_post_page(output: str, page, config: MkDocsConfig) -> str:  # noqa: ANN001 - MkDocs passes its Page
    """Add the search button and mark what Pagefind indexes, then the policy."""
    if uses_pagefind(config):
        output = with_search_button(output, get_relative_url(BUNDLE_FOLDER + "/", page.url))
        if not excluded_from_search(page.meta):
            output = with_search_body(output, page.url, _search_terms)
    return with_policy(output, config, get_relative_url(".", page.url))


def on_post_build(config: MkDocsConfig) -> None:
    """Index the site with Pagefind; write the site-wide policy for hosts that send it as an HTTP header."""
    if uses_pagefind(config):
        try:
            index_site(Path(config.site_dir))
        except SearchIndexError as exc:
            raise PluginError(str(exc)) from exc
    Path(config.site_dir, "csp-header.txt").write_text(
        "Content-Security-Policy: " + policy(sorted(_hashes), wasm=uses_pagefind(config)) + "\n", encoding="utf-8")


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Give theme-rendered HTML pages (the 404 page) the search button and the same policy."""
    if not template_name.endswith(".html"):
        return output_content
    # The 404 page answers at any address, so MkDocs gives it absolute links; its search button follows.
    base_url = urlsplit(config.site_url or "/").path if is_error_template(template_name) \
        else get_relative_url(".", template_name)
    if uses_pagefind(config):
        output_content = with_search_button(output_content, base_url.rstrip("/") + "/" + BUNDLE_FOLDER + "/")
    return with_policy(output_content, config, base_url)
