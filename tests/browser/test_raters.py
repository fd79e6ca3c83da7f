"""Ratings by others in a real browser: rate someone else, rater files side by side, readiness, learning plan,
exports, hostile rater files, keyboard and axe (issue 15)."""
from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from browsing import WCAG, settled
from conftest import real_model

pytestmark = pytest.mark.browser
MODEL = real_model()
ECMHS = MODEL.category("ecmhs")
ITEMS = [i.id for i in ECMHS.indicators()]
PAGE = "atlas/self-assessment/ecmhs/"
PREFIX = f"{MODEL.assessment.storage_key}:ecmhs"
RULES = ECMHS.requirements.reference_ratings
TODAY = datetime.date.today()  # the browser dates a rating by the local day, as this machine does


def open_assessment(page, site_url: str, path: str = PAGE) -> None:
    """Open a self-assessment page and wait until the interface is built."""
    page.goto(site_url + path)
    page.locator('#atlas-assessment[data-built="true"]').wait_for()


def storage(page) -> dict[str, str]:
    """Everything the page saved in localStorage."""
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]))")


def rater_file(role: str, ratings: dict[str, object], rated_on: str | None = None, **changes: object) -> dict:
    """A rater file as "Rate someone else" saves it, with ratings {item id: 0..3, "nei" or {rating, note}}."""
    raw = {"format": "iecmh-atlas-rater-rating", "version": 1, "tool": "IECMH Competency Atlas", "category": "ecmhs",
           "dataset_version": MODEL.framework.version, "rated_on": rated_on or TODAY.isoformat(), "person": "J. D.",
           "rater_role": role,
           "ratings": {k: v if isinstance(v, dict) else {"rating": v} for k, v in ratings.items()}}
    raw.update(changes)
    return raw


def write(tmp_path: Path, name: str, content: dict | bytes) -> Path:
    """Write a file for an import control."""
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else json.dumps(content, indent=2).encode())
    return path


def rate_self(page, ratings: dict[int, str]) -> None:
    """Rate the self-assessment's items (by index) with the given level labels."""
    for index, label in ratings.items():
        page.locator("fieldset.atlas-item").nth(index).get_by_label(label, exact=True).check()


def open_compare(page) -> None:
    """Open the self-and-raters panel."""
    page.get_by_role("button", name="Self and raters, learning plan").click()
    page.locator("#atlas-compare-title").wait_for()


def import_rater(page, path: Path) -> str:
    """Import one rater file; the status line it leaves."""
    before = page.locator(".atlas-status").inner_text()
    page.get_by_label("Import a rater file:").set_input_files(str(path))
    page.wait_for_function("(b) => document.querySelector('.atlas-status').textContent !== b", arg=before)
    return page.locator(".atlas-status").inner_text()


def three_raters(page, tmp_path: Path) -> None:
    """Import a supervisor (item 0: Proficient, item 1: not enough info), a reflective supervisor and a colleague."""
    files = [rater_file("supervisor", {ITEMS[0]: 3, ITEMS[1]: {"rating": "nei", "note": "Not seen yet"}, ITEMS[2]: 1}),
             rater_file("reflective-supervisor", {ITEMS[0]: 1, ITEMS[1]: 1, ITEMS[2]: 1}),
             rater_file("colleague", {ITEMS[0]: 2, ITEMS[2]: 3})]
    for n, raw in enumerate(files, 1):
        assert import_rater(page, write(tmp_path, f"rater-{n}.json", raw)).startswith("Imported the rater file")


def row(page, index: int):
    """The comparison table's row of the index-th item."""
    return page.locator(f'table.atlas-comparison tr[data-item="{ITEMS[index]}"]')


def test_rate_someone_else_saves_a_rater_file_and_leaves_own_answers_untouched(page, site_url: str) -> None:
    open_assessment(page, site_url)
    rate_self(page, {0: "Emerging"})
    own = storage(page)[PREFIX]
    page.get_by_role("button", name="Rate someone else").click()
    page.get_by_label("Name or initials of the person you are rating").fill("A. B.")
    page.get_by_label("Your role").select_option("reflective-supervisor")
    rated = page.locator("fieldset.atlas-rate-item")
    assert rated.count() == len(ITEMS)
    rated.nth(0).get_by_label("Proficient").check()
    rated.nth(1).get_by_label("Not enough information to rate").check()
    rated.nth(1).get_by_label("Note").fill("Have not seen this yet")
    page.reload()
    page.locator('#atlas-assessment[data-built="true"]').wait_for()
    page.get_by_role("button", name="Rate someone else").click()
    assert page.get_by_label("Name or initials of the person you are rating").input_value() == "A. B."
    assert page.locator("fieldset.atlas-rate-item").nth(0).get_by_label("Proficient").is_checked()
    with page.expect_download() as info:
        settled(page.get_by_role("button", name="Download the rater file")).click()
    assert info.value.suggested_filename == f"iecmh-atlas-ECMHS-rating-by-reflective-supervisor-{TODAY}.json"
    raw = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert raw == rater_file("reflective-supervisor", {ITEMS[0]: 3, ITEMS[1]: {"rating": "nei", "note": "Have not seen this yet"}},
                             person="A. B.")
    assert storage(page)[PREFIX] == own, "the rater's own self-assessment is untouched"
    page.get_by_role("button", name="Back to my self-assessment").click()
    assert page.locator("fieldset.atlas-item").nth(0).get_by_label("Emerging").is_checked()


def test_a_rating_without_name_or_role_is_not_saved_and_says_why(page, site_url: str) -> None:
    open_assessment(page, site_url)
    page.get_by_role("button", name="Rate someone else").click()
    page.get_by_role("button", name="Download the rater file").click()
    message = page.locator(".atlas-rate .atlas-field-message")
    assert "name or initials" in message.inner_text()


def test_rater_files_side_by_side_marked_filtered_never_averaged(page, site_url: str, tmp_path: Path) -> None:
    page.on("dialog", lambda dialog: dialog.accept())
    open_assessment(page, site_url)
    rate_self(page, {0: "Emerging", 1: "Developing", 2: "Emerging"})
    open_compare(page)
    three_raters(page, tmp_path)
    cells = row(page, 0).locator("td")
    assert [c.inner_text().split("\n")[0] for c in cells.all()] == ["Emerging (1)", "Proficient (3)", "Emerging (1)", "Developing (2)"]
    assert "two or more levels apart" in cells.nth(1).inner_text() and "apart" not in cells.nth(3).inner_text()
    assert "Not seen yet" in row(page, 1).inner_text()
    assert not re.search(r"\baverage\b|\bmean\b", page.locator(".atlas-compare").inner_text(), re.I)
    page.locator(".atlas-compare").get_by_label(re.compile("^Where we differ by two levels or more")).check()
    shown = page.locator("table.atlas-comparison tbody tr:not([hidden])")
    assert [r.get_attribute("data-item") for r in shown.all()] == [ITEMS[0], ITEMS[2]]
    page.locator(".atlas-compare").get_by_label(re.compile("^Where a rater could not rate")).check()
    assert shown.count() == len(ITEMS) - 2  # only items 0 and 2 were rated by all three
    # one change of the self rating updates its row at once
    page.get_by_role("button", name="Back to the questions").click()
    rate_self(page, {0: "Proficient"})
    open_compare(page)
    assert "apart" not in row(page, 0).locator("td").nth(1).inner_text()
    assert "apart" in row(page, 0).locator("td").nth(2).inner_text()
    # a fourth file is refused; removing one makes room
    refused = import_rater(page, write(tmp_path, "fourth.json", rater_file("other", {ITEMS[0]: 0})))
    assert "remove one first" in refused
    before = storage(page)[f"{PREFIX}:raters"]
    page.get_by_role("button", name="Remove rater 2").click()
    assert page.locator("table.atlas-comparison thead th").count() == 4
    assert json.loads(storage(page)[f"{PREFIX}:raters"])["raters"].keys() == {"rater-1", "rater-3"}
    assert before != storage(page)[f"{PREFIX}:raters"]


def test_readiness_of_each_rating_follows_the_rules_of_the_data(page, site_url: str, tmp_path: Path) -> None:
    limit, months = RULES.not_counted_at_not_enough_info.value, RULES.valid_for_months.value
    old = TODAY.replace(year=TODAY.year - (months // 12) - 1).isoformat()
    open_assessment(page, site_url)
    open_compare(page)
    rules = page.locator(".atlas-compare .atlas-rules").inner_text()
    assert f"{limit} or more" in rules and f"valid for {months} months" in rules and "source: " in rules
    import_rater(page, write(tmp_path, "many-nei.json", rater_file("supervisor", {i: "nei" for i in ITEMS[:limit]})))
    import_rater(page, write(tmp_path, "old.json", rater_file("colleague", {ITEMS[0]: 2}, rated_on=old)))
    first, second = page.locator('li[data-rater="rater-1"]'), page.locator('li[data-rater="rater-2"]')
    assert f"{limit} \"not enough information to rate\"" in first.inner_text() and "would not count" in first.inner_text()
    assert "valid until" in first.inner_text()
    assert "would count" in second.inner_text() and "no longer valid" in second.inner_text()


def test_a_category_without_rules_shows_none_and_says_so(page, site_url: str) -> None:
    # Every category of the dataset with items to rate states its rules, so the page is started again on ECMHS's
    # data without them (as a category without reference ratings would have it).
    open_assessment(page, site_url)
    page.evaluate("""async () => {
        const ui = await import(new URL('../../../assets/js/assessment/ui.mjs', location.href).href);
        const source = document.getElementById('atlas-assessment-data');
        source.textContent = JSON.stringify({...JSON.parse(source.textContent), reference_ratings: null});
        const root = document.getElementById('atlas-assessment');
        root.removeAttribute('data-ready');
        ui.start();
        await root.atlasApp.ready;
    }""")
    open_compare(page)
    text = page.locator(".atlas-compare .atlas-rules").inner_text()
    assert "does not state how many reference ratings" in text and "so no such rule is applied" in text


def test_learning_plan_and_every_export_carry_self_and_raters(browser, site_url: str, tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    open_assessment(page, site_url)
    rate_self(page, {0: "Emerging", 1: "Developing", 2: "Emerging"})
    open_compare(page)
    three_raters(page, tmp_path)
    entry = page.locator(f'fieldset.atlas-plan-item[data-item="{ITEMS[0]}"]')
    entry.get_by_label("Goal").fill("Observe two home visits with my supervisor")
    entry.get_by_label("Way").select_option("reflective-supervision")
    entry.get_by_label("Target date").fill("2027-06-30")
    files = {}
    for kind, label in [("md", "Download Markdown"), ("csv", "Download CSV"), ("json", "Download JSON")]:
        with page.expect_download() as info:
            settled(page.get_by_role("button", name=label)).click()
        files[kind] = Path(info.value.path()).read_bytes().decode("utf-8")
    assert "## Self and raters" in files["md"] and "Rater 3: Colleague" in files["md"]
    assert "Observe two home visits with my supervisor; way: Reflective supervision; by 2027-06-30" in files["md"]
    header = files["csv"].split("\r\n")[0]
    assert "rater_3_rating" in header and header.endswith("plan_goal,plan_way,plan_target_date")
    exported = json.loads(files["json"])
    assert [r["rater_role"] for r in exported["raters"]] == ["supervisor", "reflective-supervisor", "colleague"]
    assert exported["learning_plan"][ITEMS[0]]["way"] == "reflective-supervision"
    page.get_by_role("button", name="Show the gap report").click()
    report = page.locator(".atlas-report").inner_text()
    assert "Self and raters" in report and "Learning plan" in report and "Observe two home visits" in report
    page.emulate_media(media="print")
    assert page.locator(".atlas-report-raters").is_visible() and page.locator(".atlas-compare").is_hidden()
    saved = storage(page)
    context.close()

    fresh = browser.new_context()
    page = fresh.new_page()
    open_assessment(page, site_url)
    page.get_by_label("Import a JSON export:").set_input_files(str(write(tmp_path, "export.json", files["json"].encode())))
    page.locator(".atlas-status", has_text="Imported").wait_for()
    again = storage(page)
    assert json.loads(again[f"{PREFIX}:raters"]) == json.loads(saved[f"{PREFIX}:raters"])
    assert json.loads(again[PREFIX])["answers"] == json.loads(saved[PREFIX])["answers"]
    fresh.close()


def own_export() -> bytes:
    """A self-assessment export (the applicant's own answers)."""
    return json.dumps({"format": "iecmh-atlas-assessment", "version": 1, "category": "ecmhs",
                       "dataset_version": MODEL.framework.version, "answers": {ITEMS[0]: {"rating": 2}},
                       "requirements": {}}).encode()


HOSTILE_RATERS = {
    "another-category": (json.dumps(rater_file("supervisor", {ITEMS[0]: 2}, category="imhs")).encode(), "for IMHS"),
    "future-version": (json.dumps(rater_file("supervisor", {ITEMS[0]: 2}, version=2)).encode(), "newer version"),
    "wrong-types": (json.dumps(rater_file("supervisor", {ITEMS[0]: {"rating": "high"}})).encode(), "rating must be"),
    "markup-note": (json.dumps(rater_file("supervisor", {ITEMS[0]: {"rating": 1, "note": "<img src=x onerror=\"window.__pwned=1\">"}})).encode(),
                    "markup"),
    "proto": (json.dumps(rater_file("supervisor", {ITEMS[0]: 2})).replace('"ratings": {', '"ratings": {"__proto__": {"polluted": true}, ').encode(),
              "__proto__"),
    "huge": (b" " * (MODEL.assessment.import_bytes + 1), "limit"),
    "own-export": (own_export(), "self-assessment export"),
}


@pytest.mark.parametrize("name", sorted(HOSTILE_RATERS))
def test_hostile_rater_file_is_refused_and_changes_nothing(page, site_url: str, name: str, tmp_path: Path) -> None:
    content, reason = HOSTILE_RATERS[name]
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    open_assessment(page, site_url)
    rate_self(page, {0: "Emerging"})
    open_compare(page)
    import_rater(page, write(tmp_path, "good.json", rater_file("supervisor", {ITEMS[0]: 3})))
    before = storage(page)
    assert set(before) >= {PREFIX, f"{PREFIX}:raters"}
    status = import_rater(page, write(tmp_path, f"{name}.json", content))
    message = page.locator("#atlas-rater-import + .atlas-field-message")
    assert reason.lower() in message.inner_text().lower(), message.inner_text()
    assert "refused" in status and "unchanged" in status
    assert storage(page) == before, "the saved self-assessment and the other rater files stay byte-identical"
    assert page.evaluate("() => window.__pwned === undefined && ({}).polluted === undefined")
    assert page.locator("table.atlas-comparison thead th").count() == 3 and dialogs == []


def test_keyboard_alone_rates_imports_and_compares(page, site_url: str, tmp_path: Path) -> None:
    open_assessment(page, site_url)
    rate_self(page, {0: "Emerging"})
    rate = page.get_by_role("button", name="Rate someone else")
    rate.focus()
    page.keyboard.press("Enter")
    # the panel's code is loaded on first use, then the focus moves to its heading
    page.wait_for_function("() => document.activeElement.id === 'atlas-rate-title'", timeout=5000)
    page.keyboard.press("Tab")
    page.keyboard.type("K. L.")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")  # Supervisor
    for _ in range(8):  # through the date's fields (today) to the download button
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent") == "Download the rater file":
            break
    page.keyboard.press("Tab")        # discard
    page.keyboard.press("Tab")        # first item's first level
    page.keyboard.press("Space")      # Not yet
    page.keyboard.press("ArrowRight")  # Emerging
    page.keyboard.press("ArrowRight")  # Developing
    page.keyboard.press("ArrowRight")  # Proficient
    page.keyboard.press("Shift+Tab")  # discard
    page.keyboard.press("Shift+Tab")  # download
    assert page.evaluate("() => document.activeElement.textContent") == "Download the rater file"
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    raw = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert (raw["person"], raw["rater_role"], raw["ratings"]) == ("K. L.", "supervisor", {ITEMS[0]: {"rating": 3}})
    path = write(tmp_path, "by-keyboard.json", raw)
    page.get_by_role("button", name="Back to my self-assessment").focus()
    page.keyboard.press("Enter")
    compare = page.get_by_role("button", name="Self and raters, learning plan")
    compare.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "atlas-compare-title"
    for _ in range(10):  # Tab from the panel's heading to the import control
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.id") == "atlas-rater-import":
            break
    assert page.evaluate("() => document.activeElement.id") == "atlas-rater-import"
    # The browser's own file dialog opens from a focused file input with Space; Playwright's file-chooser event for a
    # key press is unreliable in headless Chromium, so the file is given to the focused control directly.
    page.locator("#atlas-rater-import:focus").set_input_files(str(path))
    page.locator(".atlas-status", has_text="Imported the rater file").wait_for()
    assert page.evaluate("() => document.activeElement.id") == "atlas-rater-import"
    page.locator(".atlas-compare").get_by_label(re.compile("^Every item")).focus()
    page.keyboard.press("ArrowDown")  # where we differ
    shown = page.locator("table.atlas-comparison tbody tr:not([hidden])")
    assert [r.get_attribute("data-item") for r in shown.all()] == [ITEMS[0]]


def test_no_accessibility_violations_in_any_raters_state(page, site_url: str, tmp_path: Path) -> None:
    open_assessment(page, site_url)
    rate_self(page, {0: "Emerging", 1: "Developing"})
    page.get_by_role("button", name="Rate someone else").click()
    page.locator("fieldset.atlas-rate-item").nth(0).get_by_label("Proficient").check()
    page.get_by_role("button", name="Download the rater file").click()  # refused: the message is shown
    # One state is checked as the whole page (no raters yet, the panel open beside every item); the others only where
    # they change the page (the raters' panels and the gap report), since axe over the 77-item page takes seconds.
    states = {"rating someone else": Axe().run(page, context=".atlas-rate", options=WCAG)}
    page.get_by_role("button", name="Back to my self-assessment").click()
    open_compare(page)
    states["no raters yet"] = Axe().run(page, options=WCAG)
    three_raters(page, tmp_path)
    import_rater(page, write(tmp_path, "bad.json", b"{"))
    states["three raters and a refused file"] = Axe().run(page, context=".atlas-compare", options=WCAG)
    duplicates = page.evaluate("""() => { const ids = [...document.querySelectorAll('[id]')].map((n) => n.id);
        return ids.filter((id, i) => ids.indexOf(id) !== i); }""")
    assert duplicates == [], "every id on the page is unique (the comparison's controls beside the contents' filters)"
    page.locator(".atlas-compare").get_by_label(re.compile("^Where we differ")).check()
    states["filtered"] = Axe().run(page, context=".atlas-compare", options=WCAG)
    page.get_by_role("button", name="Show the gap report").click()
    states["gap report with raters"] = Axe().run(page, context={"include": [[".atlas-report"], [".atlas-compare"]]},
                                                 options=WCAG)
    for name, results in states.items():
        assert results.violations_count == 0, f"{name}: {results.generate_report()}"
