"""The self-assessment in a real browser: saving, exports, imports, hostile files, no storage, keyboard, axe."""
from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browsing import (WCAG, context_without_storage, origins_outside, recording_context, settled,
                      storage_warning_shown)
from conftest import ROOT, real_model

pytestmark = pytest.mark.browser
MODEL = real_model()
ECMHS = MODEL.category("ecmhs")
PAGE = "atlas/self-assessment/ecmhs/"
STORAGE_KEY = f"{MODEL.assessment.storage_key}:ecmhs"


def open_assessment(page, site_url: str, path: str = PAGE) -> None:
    """Open a self-assessment page and wait until the interface is built."""
    page.goto(site_url + path)
    page.locator('#atlas-assessment[data-built="true"]').wait_for()


def item(page, index: int):
    """The fieldset of the index-th item."""
    return page.locator("fieldset.atlas-item").nth(index)


def fill_some(page) -> None:
    """Rate two items, tick evidence, write a note, enter RSC hours and tick a requirement."""
    item(page, 0).get_by_label("Proficient").check()
    item(page, 1).get_by_label("Emerging").check()
    item(page, 1).get_by_label("College course").check()
    item(page, 2).get_by_label("Not enough information to rate").check()
    item(page, 1).get_by_label("Note").fill('Took one course; "ask" my supervisor, = not a formula')
    rsc = page.get_by_label(re.compile(r"^Reflective supervision/consultation: hours so far"))
    rsc.fill("33")
    rsc.press("Tab")
    page.get_by_label(re.compile(r"^Endorsement Agreement signed")).check()


def app_state(page) -> dict:
    """The page's current state as plain JSON."""
    return page.evaluate("() => JSON.parse(JSON.stringify(document.getElementById('atlas-assessment').atlasApp.state))")


def saved(page) -> str | None:
    """What the page saved in localStorage for ECMHS."""
    return page.evaluate(f"() => window.localStorage.getItem({json.dumps(STORAGE_KEY)})")


def expect_kept(page) -> None:
    """The answers of fill_some are shown."""
    assert item(page, 0).get_by_label("Proficient").is_checked()
    assert item(page, 1).get_by_label("Emerging").is_checked()
    assert item(page, 1).get_by_label("College course").is_checked()
    assert item(page, 2).get_by_label("Not enough information to rate").is_checked()
    assert item(page, 1).get_by_label("Note").input_value().startswith("Took one course;")
    assert page.get_by_label(re.compile(r"^Reflective supervision/consultation: hours so far")).input_value() == "33"
    assert page.locator("#atlas-progress-label").inner_text() == f"3 of {len(ECMHS.indicators())} rated"


def test_answers_survive_reload_and_instant_navigation(page, site_url: str) -> None:
    open_assessment(page, site_url)
    fill_some(page)
    page.reload()
    page.locator('#atlas-assessment[data-built="true"]').wait_for()
    expect_kept(page)
    page.get_by_role("link", name=re.compile("Early Childhood Mental Health Specialist \\(ECMHS\\)")).first.click()
    page.wait_for_url(re.compile(r"/atlas/categories/ecmhs/"))
    page.go_back()
    page.locator('#atlas-assessment[data-built="true"]').wait_for()
    expect_kept(page)
    requirement = page.locator("#atlas-req-rsc-status")
    assert requirement.inner_text() == "Not yet: 17 more hours of reflective supervision/consultation"


def test_categories_are_kept_apart_and_exact_matches_carry_over(page, site_url: str) -> None:
    from generator.model.crosswalks import exact_matches

    open_assessment(page, site_url)
    fill_some(page)  # rates the first ECMHS indicator Proficient, which has an exact match in IMHS
    imhs_ids = [i.id for i in MODEL.category("imhs").indicators()]
    carried = {m["from"] for m in exact_matches(MODEL) if m["to"] == ECMHS.indicators()[0].id} & set(imhs_ids)
    assert len(carried) == 1
    open_assessment(page, site_url, "atlas/self-assessment/imhs/")
    assert page.locator("#atlas-progress-label").inner_text() == f"1 of {len(imhs_ids)} rated"
    target = page.locator(f"fieldset[data-item='{carried.pop()}']")
    assert target.get_by_label("Proficient").is_checked()
    marker = target.locator(".atlas-carried")
    target.scroll_into_view_if_needed()  # off-screen items are rendered once on screen (content-visibility: auto)
    expect(marker).to_contain_text("Carried over from your ECMHS answers", use_inner_text=True)
    target.get_by_label("Emerging").check()  # the user's own answer replaces the carried one
    assert marker.is_hidden()
    open_assessment(page, site_url)
    expect_kept(page)  # ECMHS answers are untouched by IMHS edits
    open_assessment(page, site_url, "atlas/self-assessment/imhs/")
    assert page.locator("fieldset.atlas-item input:checked").count() == 1  # carried answer never overwrites
    assert page.locator("fieldset.atlas-item .atlas-carried:visible").count() == 0


def test_gap_report_shows_readiness_gaps_and_shortfalls(page, site_url: str) -> None:
    open_assessment(page, site_url)
    fill_some(page)
    page.get_by_role("button", name="Show the gap report").click()
    report = page.locator(".atlas-report")
    assert report.is_visible() and page.locator(".atlas-assess-form").is_hidden()
    text = report.inner_text()
    assert "17 more hours of reflective supervision/consultation" in text
    assert ECMHS.indicators()[1].text in text.split("Below target")[1].split("Strengths")[0]
    assert ECMHS.indicators()[0].text in text.split("Strengths")[1]
    assert ECMHS.indicators()[2].text in text.split("Not enough information to rate")[1]
    table = page.get_by_role("table", name="Items at or above target, per domain")
    assert table.get_by_role("row", name=re.compile("Theoretical Foundations")).inner_text().split("\t")[1] == \
        f"1 ({round(100 / sum(1 for i in ECMHS.indicators() if '.tf.' in i.id))}%)"
    assert page.locator("svg.atlas-chart[role=img] title").count() == 1


def test_each_export_matches_the_state_and_is_named_for_category_and_date(page, site_url: str, tmp_path: Path) -> None:
    open_assessment(page, site_url)
    fill_some(page)
    today = datetime.date.today().isoformat()  # the browser names files by the local day, as this machine counts it
    files = {}
    for kind, label in [("md", "Download Markdown"), ("csv", "Download CSV"), ("json", "Download JSON")]:
        with page.expect_download() as info:
            settled(page.get_by_role("button", name=label)).click()
        download = info.value
        assert download.suggested_filename == f"iecmh-atlas-ECMHS-self-assessment-{today}.{kind}"
        target = tmp_path / download.suggested_filename
        download.save_as(target)
        files[kind] = target.read_bytes().decode("utf-8")
    expected_csv = page.evaluate("""async () => {
        const core = await import(new URL('../../../assets/js/assessment/exports.mjs', location.href).href);
        const app = document.getElementById('atlas-assessment').atlasApp;
        return core.toCSV(app.data, app.state);
    }""")
    assert files["csv"] == expected_csv
    assert files["csv"].startswith("\ufeffcategory,domain,knowledge_area,item_id,item_text,rating,")
    assert "\r\n" in files["csv"] and files["csv"].count("\r\n") == len(ECMHS.indicators()) + 1
    assert ",'= not a formula" not in files["csv"] and '""ask""' in files["csv"]
    exported = json.loads(files["json"])
    state = app_state(page)
    assert exported["answers"] == state["answers"] and exported["requirements"] == state["requirements"]
    assert exported["category"] == "ecmhs" and exported["dataset_version"] == MODEL.framework.version
    assert files["md"].startswith("# Self-assessment: Early Childhood Mental Health Specialist (ECMHS), " + today)
    assert "17 more hours of reflective supervision/consultation" in files["md"]


def test_import_into_a_fresh_profile_restores_everything(browser, site_url: str, tmp_path: Path) -> None:
    first = browser.new_context(accept_downloads=True)
    page = first.new_page()
    open_assessment(page, site_url)
    fill_some(page)
    with page.expect_download() as info:
        settled(page.get_by_role("button", name="Download JSON")).click()
    export = tmp_path / "export.json"
    info.value.save_as(export)
    original = app_state(page)
    first.close()

    fresh = browser.new_context()
    page = fresh.new_page()
    open_assessment(page, site_url)
    assert saved(page) is None
    page.get_by_label("Import a JSON export:").set_input_files(str(export))
    page.locator(".atlas-status", has_text="Imported").wait_for()
    assert app_state(page) == original
    expect_kept(page)
    page.reload()
    page.locator('#atlas-assessment[data-built="true"]').wait_for()
    assert app_state(page) == original
    fresh.close()


HOSTILE_IMPORTS = {
    "not-json.json": (b"<html><script>window.__pwned = 1</script></html>", "not valid JSON"),
    "other-tool.json": (json.dumps({"competencies": [1, 2, 3]}).encode(), "not an IECMH Atlas self-assessment"),
    "other-category.json": (json.dumps({"format": "iecmh-atlas-assessment", "version": 1, "category": "imhs",
                                        "dataset_version": "0.1.0", "answers": {}, "requirements": {}}).encode(),
                            "IMHS"),
    "proto.json": (b'{"format":"iecmh-atlas-assessment","version":1,"category":"ecmhs","dataset_version":"0.1.0",'
                   b'"answers":{"__proto__":{"polluted":true}},"requirements":{}}', "__proto__"),
    "markup-note.json": (json.dumps({"format": "iecmh-atlas-assessment", "version": 1, "category": "ecmhs",
                                     "dataset_version": "0.1.0", "requirements": {},
                                     "answers": {ECMHS.indicators()[0].id: {
                                         "rating": 3, "note": "<img src=x onerror=\"window.__pwned=1\">"}}}).encode(),
                         "markup"),
    "wrong-type.json": (json.dumps({"format": "iecmh-atlas-assessment", "version": 1, "category": "ecmhs",
                                    "dataset_version": "0.1.0", "requirements": {"rsc": {"hours": -5}},
                                    "answers": {ECMHS.indicators()[0].id: {"rating": "high"}}}).encode(), "rating"),
    "too-large.json": (b" " * (MODEL.assessment.import_bytes + 1), "limit"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_IMPORTS))
def test_hostile_import_is_refused_and_changes_nothing(page, site_url: str, name: str, tmp_path: Path) -> None:
    content, reason = HOSTILE_IMPORTS[name]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_assessment(page, site_url)
    fill_some(page)
    before_saved, before_state = saved(page), app_state(page)
    path = tmp_path / name
    path.write_bytes(content)
    page.get_by_label("Import a JSON export:").set_input_files(str(path))
    status = page.locator(".atlas-status", has_text="Import refused")
    status.wait_for()
    assert reason.lower() in status.inner_text().lower() and "unchanged" in status.inner_text()
    assert saved(page) == before_saved and app_state(page) == before_state
    assert page.evaluate("() => window.__pwned === undefined && ({}).polluted === undefined")
    assert dialogs == []
    expect_kept(page)


def test_works_when_storage_is_unavailable(browser, site_url: str) -> None:
    context = context_without_storage(browser)
    page = context.new_page()
    open_assessment(page, site_url)
    assert storage_warning_shown(page)
    fill_some(page)
    assert page.locator("#atlas-progress-label").inner_text() == f"3 of {len(ECMHS.indicators())} rated"
    with page.expect_download() as info:
        settled(page.get_by_role("button", name="Download JSON")).click()
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert len(exported["answers"]) == 3
    context.close()


def test_keyboard_alone_completes_an_assessment(page, site_url: str) -> None:
    open_assessment(page, site_url, "atlas/self-assessment/ifa/")
    total = page.locator("fieldset.atlas-item").count()
    assert total == len(MODEL.category("ifa").knowledge_areas())
    next_button = page.get_by_role("button", name="Go to the next unrated item")
    for _ in range(60):  # Tab from the top of the page to the button, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent") == "Go to the next unrated item":
            break
    assert next_button.evaluate("b => b === document.activeElement")
    page.keyboard.press("Enter")  # focus moves to the first radio of the first unrated item
    for index in range(total):
        assert page.evaluate("() => document.activeElement.closest('[data-item]').dataset.item") == \
            item(page, index).get_attribute("data-item")
        page.keyboard.press("Space")        # Not yet
        page.keyboard.press("ArrowRight")   # Emerging
        page.keyboard.press("ArrowRight")   # Developing
        for _ in range(7):                   # clear button, 4 evidence boxes, note, next item's rating
            page.keyboard.press("Tab")
    assert page.locator("#atlas-progress-label").inner_text() == f"{total} of {total} rated"
    assert all(item(page, i).get_by_label("Developing").is_checked() for i in range(total))
    next_button.focus()
    page.keyboard.press("Enter")
    assert page.locator(".atlas-status").inner_text() == "Every item is rated."


def test_no_accessibility_violations_filled_in_and_as_gap_report(page, site_url: str) -> None:
    open_assessment(page, site_url)
    fill_some(page)
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_role("button", name="Show the gap report").click()
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_no_request_leaves_the_local_server(browser, site_url: str) -> None:
    context, requests = recording_context(browser)
    page = context.new_page()
    open_assessment(page, site_url)
    fill_some(page)
    page.get_by_role("button", name="Show the gap report").click()
    with page.expect_download():
        settled(page.get_by_role("button", name="Download CSV")).click()
    page.wait_for_load_state("networkidle")
    context.close()
    assert requests and origins_outside(requests, site_url) == set()


def test_start_over_asks_first(page, site_url: str) -> None:
    open_assessment(page, site_url)
    fill_some(page)
    answers = []
    page.once("dialog", lambda dialog: (answers.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Start over").click()
    assert answers and "Start over?" in answers[0]
    expect_kept(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Start over").click()
    page.locator(".atlas-status", has_text="Started over").wait_for()
    assert page.locator("#atlas-progress-label").inner_text() == f"0 of {len(ECMHS.indicators())} rated"
    assert saved(page) is None and not item(page, 0).get_by_label("Proficient").is_checked()


def test_answers_to_removed_items_are_listed_not_dropped(page, site_url: str) -> None:
    kept_id = ECMHS.indicators()[0].id
    old = {"format": "iecmh-atlas-assessment", "version": 1, "category": "ecmhs", "dataset_version": "0.0.1",
           "answers": {kept_id: {"rating": 2}, "ecmhs.tf.retired.1": {"rating": 1, "note": "from the old list"}},
           "requirements": {}}
    page.goto(site_url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, json.dumps(old)])
    open_assessment(page, site_url)
    assert item(page, 0).get_by_label("Developing").is_checked()
    removed = page.get_by_role("region", name="Answers to items that are no longer in the data")
    assert "ecmhs.tf.retired.1" in removed.inner_text() and "from the old list" in removed.inner_text()
    item(page, 1).get_by_label("Proficient").check()  # saving again keeps the removed answer
    resaved = json.loads(saved(page))
    assert resaved["answers"]["ecmhs.tf.retired.1"] == {"rating": 1, "note": "from the old list"}
    assert resaved["dataset_version"] == MODEL.framework.version


def test_printing_gives_the_gap_report(page, site_url: str) -> None:
    open_assessment(page, site_url)
    fill_some(page)
    page.emulate_media(media="print")
    expect(page.locator(".atlas-report")).to_be_visible()  # the page prepares the printout when print media applies
    assert page.locator(".atlas-assess-form").is_hidden() and page.locator(".atlas-toolbar").is_hidden()
    assert "17 more hours of reflective supervision/consultation" in page.locator(".atlas-report").inner_text()


def test_items_are_built_once_even_when_rebuilt_while_building(page, site_url: str) -> None:
    open_assessment(page, site_url)
    # A slower CPU (as a phone's), so that the first piece of ~10 ms cannot hold every item on a fast machine. The
    # rate is set back at the end: Chromium may reuse this page's renderer process for later pages of the site.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 6})
    try:
        counts = building_counts(page)
    finally:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    total = len(ECMHS.indicators())
    assert 0 < counts.pop("partly") < total
    assert counts == {"abandonedFinished": False, "builtWhenAbandoned": "false", "finished": True, "total": total,
                      "unique": total, "built": "true", "connected": total}


def building_counts(page) -> dict:
    """Rebuild the items, rebuild again while the first build is under way, and count what each left on the page."""
    return page.evaluate("""async () => {
        const app = document.getElementById('atlas-assessment').atlasApp;
        const root = document.getElementById('atlas-assessment');
        app.rebuild();                       // the items come in pieces of ~10 ms, each after a frame
        while (!document.querySelector('fieldset.atlas-item')) await new Promise((resolve) => setTimeout(resolve, 0));
        const partly = document.querySelectorAll('fieldset.atlas-item').length;  // the first piece, not all
        const abandoned = app.ready;
        app.rebuild();                       // a second rebuild abandons what the first had left to do
        const abandonedFinished = await abandoned;
        const builtWhenAbandoned = root.dataset.built;
        const finished = await app.ready;
        const ids = [...document.querySelectorAll('fieldset.atlas-item')].map((f) => f.dataset.item);
        return {partly, abandonedFinished, builtWhenAbandoned, finished, total: ids.length,
                unique: new Set(ids).size, built: root.dataset.built,
                connected: Object.values(app.itemNodes).filter((node) => node.isConnected).length};
    }""")


SAVED_FIXTURE = ROOT / "tests" / "fixtures" / "saved" / "assessment-ecmhs-v1.json"


def test_answers_saved_by_the_previous_release_load_unchanged(page, site_url: str) -> None:
    stored = SAVED_FIXTURE.read_text(encoding="utf-8")
    raw = json.loads(stored)
    page.goto(site_url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, stored])
    open_assessment(page, site_url)
    state = app_state(page)
    retired = "ecmhs.tf.retired.1"
    assert state["answers"] == {k: v for k, v in raw["answers"].items() if k != retired}
    assert state["orphans"] == {retired: raw["answers"][retired]} and state["requirements"] == raw["requirements"]
    assert item(page, 0).get_by_label("Proficient").is_checked()
    assert item(page, 2).get_by_label("Note").input_value() == raw["answers"]["ecmhs.tf.development.1"]["note"]
    assert "could not be read" not in page.locator(".atlas-status").inner_text()
    assert saved(page) == stored  # opening the page rewrites nothing


def set_notes(page, text: str) -> int:
    """Type text as the note of every item (one input event each, as typing ends); the number of notes refused."""
    return page.evaluate("""(text) => {
        let refused = 0;
        for (const note of document.querySelectorAll('fieldset.atlas-item textarea')) {
            note.value = text;
            note.dispatchEvent(new Event('input', {bubbles: true}));
            if (note.getAttribute('aria-invalid') === 'true') refused += 1;
        }
        return refused;
    }""", text)


def test_long_notes_never_make_the_saved_answers_unreadable(page, site_url: str, tmp_path: Path) -> None:
    limit = MODEL.assessment.import_bytes
    note = "漢" * (MODEL.assessment.note_chars - 1)  # within the note limit; 3 bytes each in UTF-8
    assert len(ECMHS.indicators()) * len(note.encode()) > limit, "the notes together must exceed the limit"
    open_assessment(page, site_url)
    refused = set_notes(page, note)
    assert 0 < refused < len(ECMHS.indicators())
    first = page.locator("textarea[aria-invalid=true]").first
    first.scroll_into_view_if_needed()  # off-screen items are rendered once on screen (content-visibility: auto)
    message = page.locator(f"#{first.get_attribute('aria-describedby')}")
    expect(message).to_be_visible()
    assert "bytes" in message.text_content()
    assert "not accepted" in page.locator(".atlas-status").inner_text()
    stored = saved(page)
    assert len(stored.encode()) <= limit
    accepted = len(json.loads(stored)["answers"])
    assert accepted == len(ECMHS.indicators()) - refused
    page.reload()
    page.locator('#atlas-assessment[data-built="true"]').wait_for()
    assert "could not be read" not in page.locator(".atlas-status").inner_text()
    assert len(app_state(page)["answers"]) == accepted
    with page.expect_download() as info:
        settled(page.get_by_role("button", name="Download JSON")).click()
    export = tmp_path / "export.json"
    info.value.save_as(export)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_label("Import a JSON export:").set_input_files(str(export))
    page.locator(".atlas-status", has_text="Imported").wait_for()
    assert len(app_state(page)["answers"]) == accepted


def test_two_tabs_keep_each_others_answers(browser, site_url: str) -> None:
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    open_assessment(first, site_url)
    open_assessment(second, site_url)
    item(first, 0).get_by_label("Proficient").check()
    item(second, 1).get_by_label("Emerging").check()  # the second tab saves after the first
    answers = json.loads(saved(second))["answers"]
    ids = [i.id for i in ECMHS.indicators()]
    assert answers[ids[0]]["rating"] == 3 and answers[ids[1]]["rating"] == 1
    first.locator(".atlas-status", has_text="also open in another tab").wait_for()
    item(first, 1).get_by_label("Emerging").wait_for()
    first.wait_for_function(f"() => document.getElementById('atlas-assessment').atlasApp.state.answers[{json.dumps(ids[1])}]")
    assert item(first, 1).get_by_label("Emerging").is_checked() and item(first, 0).get_by_label("Proficient").is_checked()
    assert item(second, 0).get_by_label("Proficient").is_checked()
    context.close()
