"""The site search's build side: which pages and parts Pagefind indexes, the header button, indexing errors."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from generator.site import search
from generator.site.search import (SearchIndexError, excluded_from_search, index_site, search_button, with_search_body,
                              with_search_button)

HEADER = ('<header class="md-header"><nav class="md-header__inner md-grid" aria-label="Header">'
          '<a href="." class="md-logo">logo</a></nav></header><nav class="md-tabs">tabs</nav>')


def test_the_search_button_goes_at_the_end_of_the_header_bar() -> None:
    html = with_search_button(HEADER, "../pagefind/")
    assert html.index("md-logo") < html.index("atlas-search-button") < html.index("</nav></header>")
    assert html.count("atlas-search-button") == 1 and 'data-atlas-search="../pagefind/"' in html
    assert with_search_button("<p>no header</p>", "../pagefind/") == "<p>no header</p>"


def test_the_search_button_is_named_and_says_its_shortcuts() -> None:
    button = search_button("pagefind/")
    assert 'type="button"' in button and 'aria-label="Search"' in button and 'aria-haspopup="dialog"' in button
    assert 'aria-keyshortcuts="/ Control+K Meta+K"' in button and 'aria-hidden="true"' in button


def test_only_the_article_is_marked_for_indexing() -> None:
    html = '<main><article class="md-content__inner md-typeset"><h1>T</h1></article></main>'
    assert with_search_body(html) == ('<main><article class="md-content__inner md-typeset" data-pagefind-body>'
                                      '<h1>T</h1></article></main>')


@pytest.mark.parametrize(("meta", "excluded"), [({}, False), ({"search": {"boost": 2}}, False),
                                                ({"search": {"exclude": True}}, True), ({"search": "x"}, False)])
def test_front_matter_takes_a_page_out_of_search(meta: dict, excluded: bool) -> None:
    assert excluded_from_search(meta) is excluded


def test_every_built_page_has_one_search_button_and_only_searchable_pages_are_indexed(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    unmarked = set()
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert html.count('class="md-header__button md-icon atlas-search-button"') == 1, path
        if "data-pagefind-body" not in html:
            unmarked.add(path.relative_to(built_site).as_posix())
    assert "index.html" in unmarked and "404.html" in unmarked  # the home page is out of search; 404 is no content
    assert all(p.startswith(("atlas/compare/", "atlas/crosswalks/")) for p in unmarked - {"index.html", "404.html"})
    assert "atlas/compare/index.html" not in unmarked and "atlas/categories/ecmhs/index.html" not in unmarked
    assert 'data-atlas-search="/pagefind/"' in (built_site / "404.html").read_text(encoding="utf-8")
    assert 'data-atlas-search="../../../pagefind/"' in (built_site / "atlas/categories/ecmhs/index.html").read_text(
        encoding="utf-8")
    assert (built_site / "pagefind" / "pagefind-entry.json").is_file()
    assert (built_site / "pagefind" / "pagefind-component-ui.js").is_file()


def test_template_parts_left_out_of_search_are_left_out_by_both_engines() -> None:
    templates = sorted((ROOT / "site_templates").rglob("*.j2"))
    assert templates
    for template in templates:
        text = template.read_text(encoding="utf-8")
        assert text.count("data-search-exclude") == text.count("data-search-exclude data-pagefind-ignore"), template


def test_indexing_an_empty_folder_fails_with_pagefinds_reason(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match=r"(?s)Pagefind could not index the site: .*did not contain any html"):
        index_site(tmp_path)


def test_indexing_without_python_to_run_pagefind_fails_clearly(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "index.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    monkeypatch.setattr(search.sys, "executable", str(tmp_path / "no-python"))
    with pytest.raises(SearchIndexError, match=re.escape("could not run Pagefind")):
        index_site(tmp_path)
