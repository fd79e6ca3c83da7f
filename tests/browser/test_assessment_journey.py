"""The self-assessment as a person goes through it: contents, filters, compact view, the printed report and blank
form (read back from Chromium's PDF), messages next to their control, categories with partial or no data, phones."""
from __future__ import annotations

import datetime
import io
import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from pypdf import PdfReader

from browsing import WCAG, settled
from conftest import real_model
from test_assessment import ECMHS, app_state, fill_some, item, open_assessment

pytestmark = pytest.mark.browser
MODEL = real_model()
PHONE = {"width": 390, "height": 844}
EMPTY = next(c for c in MODEL.categories if not c.knowledge_areas())
PARTIAL = MODEL.category("imhs")


def pdf_text(page) -> str:
    """The text of the page printed by Chromium (print media, as Save as PDF makes it), whitespace collapsed."""
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="Letter")))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split())


def stub_print(page) -> None:
    """Replace the print dialog (which would block a headless browser) by a counter of the times it was asked for."""
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")


def test_printed_report_has_name_date_ratings_notes_evidence_and_no_boilerplate(page, site_url: str) -> None:
    open_assessment(page, site_url)
    fill_some(page)
    page.get_by_label("Your name on the printed report (optional):").fill("Ada Example")
    stub_print(page)
    page.get_by_role("button", name="Print the report").click()
    assert page.evaluate("() => window.__printed") == 1
    text = pdf_text(page)
    today = datetime.date.today().isoformat()
    assert "Self-assessment report: Early Childhood Mental Health Specialist (ECMHS)" in text
    assert "Name Ada Example" in text and f"Date {today}" in text
    assert 'Took one course; "ask" my supervisor, = not a formula' in text  # the note of item 1
    assert "Evidence: College course" in text and "Rating: Emerging" in text
    assert "17 more hours of reflective supervision/consultation" in text  # requirements status
    assert "Below target" in text and "Ratings, evidence and notes" in text  # gap report, then every item
    assert " ".join(ECMHS.indicators()[-1].text.split()) in text
    assert MODEL.assessment.privacy_statement.split(".")[0] not in text  # "your answers stay in this browser"
    assert "Go to the next unrated item" not in text and "Download JSON" not in text
    assert "Rate someone else" not in text and "Self and raters, learning plan" not in text  # buttons stay on screen
    assert not re.search(r"\b(null|undefined)\b", text) and ".:" not in text, "no placeholder or doubled stop"


def test_the_gap_report_and_raters_panel_say_no_null_or_doubled_stops(page, site_url: str) -> None:
    open_assessment(page, site_url)
    fill_some(page)
    page.get_by_role("button", name="Show the gap report").click()
    report = page.locator(".atlas-report").inner_text()
    assert "Gap report" in report and not re.search(r"\b(null|undefined)\b", report), report[:400]
    page.get_by_role("button", name="Self and raters, learning plan").click()
    page.locator("#atlas-compare-title").wait_for()  # the panel's code is loaded on first use
    panel = page.locator(".atlas-compare").inner_text()
    assert "Self and raters" in panel and not re.search(r"\b(null|undefined)\b", panel), panel[:400]


def test_printing_from_the_browser_menu_also_gives_the_full_report(page, site_url: str) -> None:
    open_assessment(page, site_url)
    fill_some(page)
    text = pdf_text(page)  # no button: the page builds the report when print media starts
    assert 'Took one course; "ask" my supervisor' in text and "Name (not given)" in text


def test_clear_rating_is_a_button_of_the_page_not_a_tiny_browser_default(page, site_url: str) -> None:
    open_assessment(page, site_url)
    item(page, 0).get_by_label("Proficient").check()
    clear = item(page, 0).get_by_role("button", name="Clear rating")
    box = clear.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24, f"Clear rating is {box['width']} x {box['height']} px"
    own, page_font = clear.evaluate("""(e) => [getComputedStyle(e).fontFamily,
        getComputedStyle(e.closest('.md-typeset')).fontFamily]""")
    assert own == page_font, f"Clear rating is set in {own}, the page in {page_font}"
    clear.click()
    assert not item(page, 0).get_by_label("Proficient").is_checked()


def test_the_blank_form_prints_every_item_with_boxes_and_no_answers(page, site_url: str) -> None:
    open_assessment(page, site_url)
    fill_some(page)
    stub_print(page)
    page.get_by_role("button", name="Print the blank form").click()
    text = pdf_text(page)
    assert "Self-assessment form: Early Childhood Mental Health Specialist (ECMHS)" in text
    assert text.count("Level:") == len(ECMHS.indicators()) and "What the levels mean" in text
    assert "Took one course" not in text and "Gap report" not in text
    assert MODEL.assessment.privacy_statement.split(".")[0] not in text


def test_the_name_is_saved_with_the_answers_and_left_out_when_empty(page, site_url: str) -> None:
    open_assessment(page, site_url)
    fill_some(page)
    assert "name" not in app_state(page)
    name = page.get_by_label("Your name on the printed report (optional):")
    name.fill("Ada <b>")
    assert name.get_attribute("aria-invalid") == "true" and "name" not in app_state(page)
    name.fill("Ada Example")
    page.reload()
    page.locator('#atlas-assessment[data-built="true"]').wait_for()
    assert page.get_by_label("Your name on the printed report (optional):").input_value() == "Ada Example"
    with page.expect_download() as info:
        settled(page.get_by_role("button", name="Download JSON")).click()
    assert json.loads(Path(info.value.path()).read_text(encoding="utf-8"))["name"] == "Ada Example"


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 720}, PHONE], ids=["1280", "390"])
def test_after_an_import_the_message_is_in_view_next_to_the_control(browser, site_url: str, tmp_path: Path,
                                                                      viewport: dict) -> None:
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    open_assessment(page, site_url)
    page.get_by_text("Save, print or import").click() if viewport == PHONE else None
    bad = tmp_path / "not-json.json"
    bad.write_text("not json", encoding="utf-8")
    control = page.get_by_label("Import a JSON export:")
    control.scroll_into_view_if_needed()
    control.set_input_files(str(bad))
    status = page.locator(".atlas-status", has_text="Import refused")
    status.wait_for()
    box, near = status.bounding_box(), page.get_by_label("Import a JSON export:").bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= viewport["height"], "the message is on screen"
    assert abs(box["y"] - near["y"]) < viewport["height"] / 2, "the message is near the import control"
    assert status.get_attribute("role") == "status"
    assert "atlas-status" in page.get_by_label("Import a JSON export:").get_attribute("aria-describedby")
    context.close()


def test_a_requirement_status_is_next_to_its_field_and_announced(page, site_url: str) -> None:
    open_assessment(page, site_url)
    field = page.get_by_label(re.compile(r"^Reflective supervision/consultation: hours so far"))
    status = page.locator(f"#{field.get_attribute('aria-describedby')}")
    field.fill("33")
    field.press("Tab")
    expect(status).to_have_text(re.compile(r"^Not yet: 17 more hours"))
    assert status.get_attribute("aria-live") == "polite", "the new status is announced"
    box, near = status.bounding_box(), field.bounding_box()
    assert abs(box["y"] - near["y"]) < 100, "the status sits next to its field"


def test_contents_and_filters_work_by_keyboard(page, site_url: str) -> None:
    open_assessment(page, site_url)
    fill_some(page)  # item 0 at target, item 1 below target with a note, item 2 "not enough information"
    contents = page.get_by_role("navigation", name="Contents by domain")
    domains = [d for d in MODEL.domains if any(i.id.split(".")[1] == d.id for i in ECMHS.indicators())]
    last = domains[-1]
    link = contents.get_by_role("link", name=re.compile(re.escape(last.name)))
    in_last = sum(1 for i in ECMHS.indicators() if i.id.split(".")[1] == last.id)
    assert f"0 of {in_last} rated" in contents.locator("li").last.inner_text()
    first_row = contents.locator("li").first.inner_text()
    assert "3 of" in first_row and "1 below target" in first_row
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.tagName === 'H3'")
    assert page.evaluate("() => document.activeElement.textContent") == last.name
    page.keyboard.press("Tab")  # on to the first rating of that domain
    assert page.evaluate("() => document.activeElement.closest('[data-item]').dataset.item").split(".")[1] == last.id

    page.get_by_label("All items").focus()
    page.keyboard.press("ArrowRight")  # Not yet rated
    shown = page.locator("fieldset.atlas-item:visible")
    assert shown.count() == len(ECMHS.indicators()) - 3
    assert "Showing" in page.locator("#atlas-filter-count").inner_text()
    page.keyboard.press("ArrowRight")  # Rated below the target
    assert [f.get_attribute("data-item") for f in shown.all()] == [ECMHS.indicators()[1].id]
    page.keyboard.press("ArrowRight")  # With a note
    assert shown.count() == 1
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # Compact view
    assert page.locator(".atlas-assess-form.atlas-compact").count() == 1
    page.get_by_label("All items").check()
    assert shown.count() == len(ECMHS.indicators())


def test_compact_view_makes_items_shorter(page, site_url: str) -> None:
    open_assessment(page, site_url)
    before = item(page, 0).bounding_box()["height"]
    page.get_by_label("Compact view").check()
    assert item(page, 0).bounding_box()["height"] < 0.8 * before


def test_a_category_without_items_says_so_and_offers_no_exports(page, site_url: str) -> None:
    open_assessment(page, site_url, f"atlas/self-assessment/{EMPTY.id}/")
    text = page.locator("article").inner_text()
    assert "not yet entered" in text
    for absent in ["0 of 0", "Every item is rated", "Download", "Print", "gap report", "Contents"]:
        assert absent not in page.locator("#atlas-assessment").inner_text()
    assert page.locator("#atlas-assessment button[data-export], #atlas-assessment progress").count() == 0
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_a_partial_category_says_what_is_not_yet_entered(page, site_url: str) -> None:
    open_assessment(page, site_url)
    fill_some(page)  # the first ECMHS indicator has an exact match in IMHS
    open_assessment(page, site_url, f"atlas/self-assessment/{PARTIAL.id}/")
    notice = page.locator(".atlas-notices .atlas-entered")
    assert f"Entered so far: {len(PARTIAL.indicators())} indicators" in notice.inner_text()
    missing = [k for k in PARTIAL.knowledge_areas() if k.indicators is None]
    assert missing and f"the indicators of {len(missing)} knowledge areas" in notice.inner_text()
    assert "not a low score" in notice.inner_text()
    assert "in all" not in page.locator("article").inner_text()
    carried = page.locator(".atlas-carried-summary")
    assert carried.inner_text().startswith("1 answer carried over from your ECMHS self-assessment")
    page.get_by_role("button", name="Show the gap report").click()
    assert "Not yet entered" in page.locator(".atlas-report").inner_text()


def test_no_accessibility_violations_in_the_new_states(browser, site_url: str) -> None:
    for viewport in [{"width": 1280, "height": 720}, PHONE]:
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        open_assessment(page, site_url)
        fill_some(page) if viewport != PHONE else item(page, 0).get_by_label("Proficient").check()
        page.get_by_label("Rated below the target").check()
        page.get_by_label("Compact view").check()
        results = Axe().run(page, options=WCAG)
        assert results.violations_count == 0, results.generate_report()
        page.get_by_role("button", name="Show the gap report").click()
        results = Axe().run(page, options=WCAG)
        assert results.violations_count == 0, results.generate_report()
        context.close()


def test_on_a_phone_the_first_item_is_close_and_chart_labels_are_readable(browser, site_url: str,
                                                                          tmp_path: Path) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    open_assessment(page, site_url)
    page.screenshot(path=str(tmp_path / "self-assessment-390.png"))
    toolbar = page.locator(".atlas-toolbar").bounding_box()["height"]
    assert toolbar < 130, f"the toolbar takes {toolbar} px"
    assert item(page, 0).bounding_box()["y"] < 2 * PHONE["height"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="Show the gap report").click()
    sizes = page.evaluate("""() => [...document.querySelectorAll('svg.atlas-chart text')]
        .map((t) => t.getBoundingClientRect().height)""")
    assert sizes and min(sizes) >= 11, f"chart labels are {min(sizes)} px high"
    page.screenshot(path=str(tmp_path / "gap-report-390.png"))
    context.close()
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    open_assessment(page, site_url)
    page.screenshot(path=str(tmp_path / "self-assessment-1280.png"))
    context.close()
