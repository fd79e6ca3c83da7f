"""The site search's build side: which pages and parts Pagefind indexes, the header button, indexing errors."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from generator.site import search
from generator.site.search import (LOW_PAGE_WEIGHT, SEARCH_NAMES_FILE, SEARCH_PAGES_FILE, page_list, SearchIndexError, excluded_from_search,
                                   index_site, names_index, page_fragments, page_names, search_button, search_names,
                                   with_search_body, with_search_button)

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


ARTICLE = '<article class="md-content__inner md-typeset">'
CATEGORY = (ARTICLE + '<h1 id="ifa">Infant Family Associate (IFA)<a class="headerlink" href="#ifa">\u00b6</a></h1>'
            '<table><tr><td>Training</td><td><em>Not yet entered</em></td></tr><tr><td>Fees</td><td>$40</td></tr>'
            '</table><h3 id="renewal">Renewal</h3>\n<p><em>Not yet entered.</em></p><p>Kept.</p>'
            '<ul><li>Reflection: <em>not yet entered</em></li><li>Kept too</li></ul></article>')


def fragment(url: str, *headings: tuple[str, str]) -> dict:
    """A page as Pagefind's fragment describes it: its address and its headings (element, text)."""
    return {"url": url, "anchors": [{"element": element, "id": "x", "text": text} for element, text in headings]}


def test_a_category_page_answers_to_its_name_and_code() -> None:
    ifa = fragment("/atlas/categories/ifa/", ("h1", "Infant Family Associate (IFA)"), ("h2", "Requirements"))
    assert search_names(ifa) == [("name", "Infant Family Associate"), ("code", "IFA")]
    assert page_names("Cultural Humility") == {"name": "Cultural Humility"}
    assert page_names("Self-assessment: Infant Family Associate (IFA)") == {
        "name": "Self-assessment: Infant Family Associate", "code": "IFA"}
    assert search_names(fragment("/atlas/about-data/", ("h1", "About the data (IFA)"))) == []
    assert search_names(fragment("/atlas/categories/ifa/")) == []
    assert "data-pagefind-filter" not in with_search_body(CATEGORY, "atlas/categories/ifa/")


def test_the_glossary_answers_to_each_terms_name_and_abbreviation() -> None:
    glossary = fragment("/atlas/glossary/", ("h1", "Glossary"), ("h2", "Reflective Supervision/Consultation (RSC)"),
                        ("h3", "Not a term (NAT)"), ("h2", "Diverse & Close"))
    assert search_names(glossary) == [
        ("term", "Reflective Supervision/Consultation"), ("abbreviation", "RSC"), ("term", "Diverse & Close")]


def test_the_names_file_gives_each_name_the_ids_pagefind_gave_its_pages() -> None:
    pages = [("en_2", fragment("/atlas/categories/ifa/", ("h1", "Infant Family Associate (IFA)"))),
             ("en_1", fragment("/atlas/self-assessment/ifa/", ("h1", "Self-assessment: Infant Family Associate (IFA)"))),
             ("en_3", fragment("/atlas/", ("h1", "Atlas")))]
    assert names_index(pages) == {
        "code": {"IFA": ["en_1", "en_2"]},
        "name": {"Infant Family Associate": ["en_2"], "Self-assessment: Infant Family Associate": ["en_1"]}}


def test_the_page_list_gives_each_result_id_its_address_and_title() -> None:
    titled = fragment("/atlas/categories/ifa/", ("h1", "Infant Family Associate (IFA)"))
    titled["meta"] = {"title": "Infant Family Associate (IFA)"}
    untitled = fragment("/atlas/x/")
    untitled["meta"] = {}
    assert page_list([("en_2", titled), ("en_1", untitled)]) == {
        "en_1": ["/atlas/x/", "/atlas/x/"], "en_2": ["/atlas/categories/ifa/", "Infant Family Associate (IFA)"]}


def test_a_fragment_pagefind_wrote_differently_is_a_clear_error(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "fragment").mkdir()
    (tmp_path / "fragment" / "en_1.pf_fragment").write_bytes(gzip.compress(b'pagefind_dcd{"url":"/a/"}'))
    assert [page_id for page_id, _ in page_fragments(tmp_path)] == ["en_1"]
    for broken in (b"not gzip", gzip.compress(b'pagefind_dcd{"link":"/a/"}'), gzip.compress(b"pagefind_dcd[")[:-4]):
        (tmp_path / "fragment" / "en_2.pf_fragment").write_bytes(broken)
        with pytest.raises(SearchIndexError, match="en_2.pf_fragment could not be read"):
            list(page_fragments(tmp_path))


def test_not_yet_entered_boilerplate_is_left_out_of_the_index() -> None:
    html = with_search_body(CATEGORY, "atlas/categories/ifa/")
    assert "<td>Training</td><td data-pagefind-ignore><em>Not yet entered</em></td>" in html
    assert "<td>Fees</td><td>$40</td>" in html
    assert '<h3 id="renewal" data-pagefind-ignore>Renewal</h3>\n<p data-pagefind-ignore><em>Not yet entered.</em>' in html
    assert "<p>Kept.</p>" in html and "<li data-pagefind-ignore>Reflection: " in html and "<li>Kept too</li>" in html


def test_self_assessment_pages_weigh_less_than_the_page_they_serve() -> None:
    low = with_search_body(CATEGORY, "atlas/self-assessment/ifa/")
    assert f'{ARTICLE[:-1]} data-pagefind-body data-pagefind-weight="{LOW_PAGE_WEIGHT}">' in low
    assert 0 < LOW_PAGE_WEIGHT < 1
    assert "data-pagefind-weight" not in with_search_body(CATEGORY, "atlas/categories/ifa/")
    assert "data-pagefind-weight" not in with_search_body(CATEGORY, "atlas/self-assessment/")


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
    assert "benchmarks/index.html" in unmarked  # engineering figures that quote search queries
    assert all(p.startswith(("atlas/compare/", "atlas/crosswalks/"))
               for p in unmarked - {"index.html", "404.html", "benchmarks/index.html"})
    assert "atlas/compare/index.html" not in unmarked and "atlas/categories/ecmhs/index.html" not in unmarked
    assert 'data-atlas-search="/pagefind/"' in (built_site / "404.html").read_text(encoding="utf-8")
    assert 'data-atlas-search="../../../pagefind/"' in (built_site / "atlas/categories/ecmhs/index.html").read_text(
        encoding="utf-8")
    assert (built_site / "pagefind" / "pagefind-entry.json").is_file()
    assert (built_site / "pagefind" / "pagefind.js").is_file() and (built_site / "pagefind" / "pagefind-highlight.js").is_file()


def test_the_built_names_file_names_every_category_by_its_code(built_site: Path) -> None:
    import json

    names = json.loads((built_site / "pagefind" / SEARCH_NAMES_FILE).read_text(encoding="utf-8"))
    ids = {page_id for page_id, _ in page_fragments(built_site / "pagefind")}
    categories = sorted(p.parent.name for p in (built_site / "atlas" / "categories").glob("*/index.html"))
    assert categories
    for code in names["code"]:
        assert set(names["code"][code]) <= ids
    assert {code.lower() for code in names["code"]} >= set(categories)
    assert len(names["code"]["ECMHS"]) == 2  # the category and its self-assessment
    assert names["term"] and names["abbreviation"] and names["name"]
    listed = json.loads((built_site / "pagefind" / SEARCH_PAGES_FILE).read_text(encoding="utf-8"))
    assert set(listed) == ids
    assert listed[names["code"]["ECMHS"][0]][1].startswith(("Early Childhood Mental Health Specialist",
                                                            "Self-assessment"))


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


def test_a_term_in_capitals_matches_only_in_capitals_and_any_other_in_any_case() -> None:
    from generator.site.search import term_pattern

    assert term_pattern("IDEA").search("Part C of IDEA") and not term_pattern("IDEA").search("a good idea")
    assert term_pattern("home visit").search("during a Home  visit")
    assert not term_pattern("home visit").search("home visiting")  # whole words only
    assert not term_pattern("CPS").search("CPS-like") and term_pattern("CPS").search("(CPS)")


def test_blocks_using_a_term_get_the_other_terms_for_the_index_only() -> None:
    from generator.site.search import ALSO_ATTRIBUTE, with_search_synonyms

    groups = [("Children's Protective Services", "CPS", "mandated reporting"), ("IDEA", "Part C law")]
    html = ('<h4 id="x">Reports to Children&#39;s Protective Services.</h4><p>No match, a good idea.</p>'
            '<td data-pagefind-ignore>Children\'s Protective Services</td>')
    out = with_search_synonyms(html, groups)
    assert (f'<h4 id="x"><span {ALSO_ATTRIBUTE}="CPS mandated reporting" data-pagefind-index-attrs="{ALSO_ATTRIBUTE}">'
            "</span>Reports to Children&#39;s Protective Services.</h4>") in out
    assert "<p>No match, a good idea.</p>" in out and "<td data-pagefind-ignore>Children's" in out


def test_the_offline_index_gets_the_other_terms_hidden_in_the_sections_using_one() -> None:
    from generator.site.search import with_offline_synonyms

    groups = [("Children's Protective Services", "CPS", "<b>reporting</b>"), ("IDEA", "Part C law")]
    entries = [{"location": "a/#x", "title": "Reports to Children&#39;s Protective Services", "text": "<p>Call.</p>"},
               {"location": "a/#y", "title": "Other", "text": "<p>A good idea.</p>"},
               {"location": "a/#z", "title": "Law", "text": "<p>Part C law and IDEA.</p>"}]
    with_offline_synonyms(entries, groups)
    assert entries[0]["text"] == "<p>Call.</p><p hidden>CPS &lt;b&gt;reporting&lt;/b&gt;</p>"  # words as text
    assert entries[1]["text"] == "<p>A good idea.</p>" and entries[2]["text"] == "<p>Part C law and IDEA.</p>"


def test_term_groups_are_the_files_groups_and_the_glossarys_abbreviations(tmp_path: Path) -> None:
    from generator.site.search import read_search_terms, term_groups

    assert read_search_terms(tmp_path) == []
    (tmp_path / "search-terms.yml").write_text("groups:\n  - {id: a, terms: [x, y], note: n}\n", encoding="utf-8")
    groups = term_groups(read_search_terms(tmp_path), [("Reflective supervision", "RSC"), ("Domain", None)])
    assert groups == [("x", "y"), ("Reflective supervision", "RSC")]


def test_the_dataset_groups_the_words_the_issue_names() -> None:
    from generator.site.search import read_search_terms

    words = {term.lower() for group in read_search_terms(ROOT / "competencies")
             for term in group}
    assert {"cps", "idea", "rsc", "mandated reporting", "interpreter", "home visit", "immigrant"} <= words
