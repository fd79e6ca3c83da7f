"""Crosswalk pages in a real browser: pick two categories, filter, follow a counterpart."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from conftest import real_model
from generator.model.crosswalks import compare_indicators, compare_knowledge_areas

pytestmark = pytest.mark.browser
MODEL = real_model()
IMHS, ECMHS = MODEL.category("imhs"), MODEL.category("ecmhs")


def test_pick_two_categories_filter_unmatched_and_follow_a_counterpart(page, site_url: str) -> None:
    page.goto(site_url + "atlas/compare/")
    page.get_by_label("First category").select_option("ecmhs")  # against the site's order: the page keeps it
    page.get_by_label("Second category").select_option("imhs")
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url(re.compile(r"/atlas/compare/ecmhs--imhs/$"))
    assert page.locator("h1").inner_text().startswith(ECMHS.name), "the first category chosen comes first"
    heads = page.locator("table", has=page.locator("th", has_text="Relation")).locator("thead th").all_inner_texts()
    assert heads[0] == ECMHS.code and heads[-1] == IMHS.code

    rows = compare_indicators(MODEL, ECMHS, IMHS)
    ka_rows = compare_knowledge_areas(MODEL, ECMHS, IMHS)
    table_rows = page.locator("tr:has([data-atlas-row])")
    assert table_rows.count() == len(rows) + len(ka_rows)

    page.get_by_label("unmatched only", exact=True).check()
    visible = table_rows.locator("visible=true")
    unmatched = sum(1 for r in rows if not r.matched) + sum(1 for k in ka_rows if not k.matched)
    assert visible.count() == unmatched > 0
    assert all(m == "unmatched" for m in visible.locator("[data-atlas-row]").evaluate_all(
        "els => els.map(e => e.dataset.atlasRow)"))

    page.get_by_label("matched only", exact=True).check()
    first = next(r for r in rows if r.matched)
    assert table_rows.locator("visible=true").count() == sum(1 for r in rows if r.matched) + sum(
        1 for k in ka_rows if k.matched)
    page.get_by_role("link", name=first.right.id, exact=True).click()
    page.wait_for_url(re.compile(r"/atlas/categories/imhs/"))
    assert urlsplit(page.url).fragment == first.right.id
    assert page.locator(f"h4[id='{first.right.id}']").is_visible()


def test_picking_the_same_category_twice_explains_itself(page, site_url: str) -> None:
    page.goto(site_url + "atlas/compare/")
    page.get_by_label("First category").select_option("ifa")
    page.get_by_label("Second category").select_option("ifa")
    page.get_by_role("button", name="Compare").click()
    assert page.locator(".atlas-compare-message").inner_text() == "Pick two different categories."
    assert page.url.endswith("/atlas/compare/")


def test_crosswalk_pages_state_their_basis(page, site_url: str) -> None:
    for cw in MODEL.crosswalks:
        page.goto(site_url + f"atlas/crosswalks/{cw.id}/")
        title = page.locator(".admonition-title").first.inner_text()
        assert title == ("Relations stated by the source" if cw.basis == "source"
                         else "The Atlas project's own judgement")
        assert page.locator("table tbody tr").count() == len(cw.pairs)
