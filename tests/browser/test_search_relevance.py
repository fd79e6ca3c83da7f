"""Search relevance: what practitioners type finds what they mean (tests/search/relevance.yml), in the built index.

Every query runs through Pagefind's own API on the built site, as the site's dialog searches (search-core.mjs: its
ranking settings, exact names and codes first), and passes when one of its expected pages or headings is among the links the dialog shows for
the first three results (first result only, for `first: true`)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.browser
RELEVANCE = ROOT / "tests" / "search" / "relevance.yml"
CASES = yaml.safe_load(RELEVANCE.read_text(encoding="utf-8"))["queries"]
TOP = 3
"""How many results a query's expected link must be among."""
SECTIONS = 3
"""How many heading links of a result count (as many as the site's dialog shows, SUB_RESULTS_SHOWN)."""

SEARCH_ALL = """async ([queries, top]) => {
    const core = await import('/assets/js/search-core.mjs');
    const pagefind = await import('/pagefind/pagefind.js');
    await pagefind.options({ranking: core.RANKING});
    const names = await (await fetch('/pagefind/' + core.SEARCH_NAMES_FILE)).json();
    const answers = {};
    for (const query of queries) {
        const results = await core.searchSite(pagefind, query, names);
        const data = await Promise.all(results.slice(0, top).map((result) => result.data()));
        answers[query] = data.map((d) => core.shownLinks(d, query).map((link) => link.url));
    }
    return answers;
}"""
"""For each query, the links the dialog shows for each of its first results (page link first)."""


def shown(answers: list[list[str]], first: bool) -> list[str]:
    """The links a case is judged on: every shown link of the first results, or the first result's page link."""
    if first:
        return answers[0][:1] if answers else []
    return [url for links in answers for url in links]


def describe(answers: list[list[str]]) -> str:
    """The results of a query, one line each, for a failure message."""
    return "\n".join(f"  {n}. " + "  ".join(links) for n, links in enumerate(answers, 1)) or "  (no results)"


@pytest.fixture(scope="module")
def answers(browser, site_url: str) -> dict[str, list[list[str]]]:
    """Every query of the relevance set, searched once on the built site."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "atlas/glossary/", wait_until="networkidle")
    found = page.evaluate(SEARCH_ALL, [[case["query"] for case in CASES], TOP])
    context.close()
    return found


def test_the_relevance_set_is_large_and_every_expected_link_exists(built_site: Path) -> None:
    assert len(CASES) >= 40 and len({case["query"] for case in CASES}) == len(CASES)
    for case in CASES:
        assert case["expect"], case
        for url in case["expect"]:
            path, _, anchor = url.partition("#")
            html = built_site / path.strip("/") / "index.html"
            assert html.is_file(), f"{case['query']!r} expects {url}, which is no page"
            if anchor:
                assert re.search(f'id="{re.escape(anchor)}"', html.read_text(encoding="utf-8")), \
                    f"{case['query']!r} expects {url}, which is no heading"


@pytest.mark.parametrize("case", CASES, ids=[case["query"] for case in CASES])
def test_query_finds_what_it_means(answers: dict[str, list[list[str]]], case: dict) -> None:
    found = answers[case["query"]]
    links = shown(found, case.get("first", False))
    where = "first" if case.get("first") else f"in the top {TOP}"
    assert set(case["expect"]) & set(links), \
        f"{case['query']!r}: none of {case['expect']} {where}; the search shows:\n{describe(found)}"


LISTED_AND_LOADED = """async ([queries, shown]) => {
    const core = await import('/assets/js/search-core.mjs');
    const pagefind = await import('/pagefind/pagefind.js');
    await pagefind.options({ranking: core.RANKING, highlightParam: core.HIGHLIGHT_PARAM});
    const names = await (await fetch('/pagefind/' + core.SEARCH_NAMES_FILE)).json();
    const pages = await (await fetch('/pagefind/' + core.SEARCH_PAGES_FILE)).json();
    const differ = [];
    for (const query of queries) {
        const results = (await core.searchSite(pagefind, query, names)).slice(0, shown);
        const listed = core.listedResults(results, pages, query, '/pagefind/');
        const data = await Promise.all(results.map((result) => result.data()));
        const loaded = data.map((d) => ({url: d.url, title: d.meta?.title ?? d.url}));
        const said = (listed ?? []).map(({url, title}) => ({url, title}));
        if (listed === null || JSON.stringify(said) !== JSON.stringify(loaded)) differ.push({query, said, loaded});
    }
    return differ;
}"""
"""The queries whose first results the dialog would list (from the page list) other than Pagefind's data gives them."""


def test_the_page_list_lists_each_result_as_pagefinds_own_data_does(browser, site_url: str) -> None:
    queries = [case["query"] for case in CASES]
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "atlas/glossary/", wait_until="networkidle")
    differ = page.evaluate(LISTED_AND_LOADED, [queries, 6])
    context.close()
    assert len(queries) >= 40
    assert differ == [], differ[:3]
