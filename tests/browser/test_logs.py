"""The self-assessment's training, RSC and coursework logs in a real browser: totals, the checks the data states,
renewal, evidence on the items, CSV and JSON files, hostile input refused next to its control, axe, keyboard."""
from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from browsing import WCAG, settled
from conftest import ROOT, real_model

pytestmark = pytest.mark.browser
MODEL = real_model()
ECMHS = MODEL.category("ecmhs")
TRAINING = ECMHS.requirements.training
RSC = ECMHS.requirements.rsc
RENEWAL = {item.kind: item for item in ECMHS.requirements.renewal.items}
PAGE = "atlas/self-assessment/ecmhs/"
STORAGE_KEY = f"{MODEL.assessment.storage_key}:ecmhs"
TODAY = datetime.date.today()


def open_assessment(page, site_url: str) -> None:
    """Open the ECMHS self-assessment and wait until it is built."""
    page.goto(site_url + PAGE)
    page.locator('#atlas-assessment[data-built="true"]').wait_for()
    body = page.locator("details.atlas-logs-body")
    if body.get_attribute("open") is None:
        body.locator("> summary").click()  # the logs are folded away until they hold something


def saved(page) -> str | None:
    """What the page saved for ECMHS."""
    return page.evaluate(f"() => window.localStorage.getItem({json.dumps(STORAGE_KEY)})")


def saved_logs(page) -> dict:
    """The logs of the saved answers ({} when none)."""
    text = saved(page)
    return json.loads(text).get("logs", {}) if text else {}


def add_training(page, title: str, hours: str, day: str = "2025-03-01", parts: tuple[str, ...] = (), areas: tuple[str, ...] = (),
                 provider: str = "") -> None:
    """Fill the training form and press its button."""
    form = page.locator("#atlas-log-training-form")
    form.get_by_label("Title", exact=True).fill(title)
    form.get_by_label("Provider").fill(provider)
    form.get_by_label("Date", exact=True).fill(day)
    form.get_by_label("Clock hours").fill(hours)
    for input_, value in zip(form.locator("#atlas-log-training-parts input").all(), parts):
        input_.fill(value)
    for area in areas:
        form.get_by_label(area, exact=True).check()
    form.get_by_role("button", name="Add this training").click()


def add_rsc(page, hours: str, day: str, endorsement: str = "ers", ages: str = "yes", fmt: str = "individual") -> None:
    """Fill the RSC form and press its button."""
    form = page.locator("#atlas-log-rsc-form")
    form.get_by_label("Date", exact=True).fill(day)
    form.get_by_label("Hours", exact=True).fill(hours)
    form.get_by_label("Individual or group").select_option(fmt)
    form.get_by_label("Provider's name").fill("Dr. Reflective")
    form.get_by_label("The provider's endorsement").select_option(endorsement)
    form.get_by_label(re.compile("^Serving")).select_option(ages)
    form.get_by_role("button", name="Add these RSC hours").click()


def set_date(page, label: str, value: str) -> None:
    """Type a date into a setting and let the page take it."""
    field = page.get_by_label(label)
    field.fill(value)
    field.dispatch_event("change")


def message_of(page, control) -> str:
    """The message shown next to a control (tied to it by aria-describedby)."""
    expect(control).to_have_attribute("aria-invalid", "true")
    ids = control.get_attribute("aria-describedby").split()
    return " ".join(page.locator(f"#{i}").inner_text() for i in ids)


def test_training_totals_per_part_and_knowledge_areas_as_evidence(page, site_url: str) -> None:
    open_assessment(page, site_url)
    first_ka = MODEL.knowledge_area(ECMHS.domains[0].knowledge_areas[0].ka).name
    add_training(page, "Circle of Security", "12", parts=("8", "3"), areas=(first_ka,))
    add_training(page, "Relationship day", "5", parts=("5",))
    entries = saved_logs(page)["training"]
    assert [e["hours"] for e in entries] == [12, 5] and entries[0]["parts"] == {"training.1": 8, "training.2": 3}
    summary = page.locator("#atlas-log-training-heading + * + *, .atlas-log-summary").first.inner_text()
    total = TRAINING.total_hours
    part1, part2 = (p.hours for p in TRAINING.parts)
    assert f"Logged: 17 hours of the {total} required ({total - 17} hours still short)" in summary
    assert f"13 of {part1}" in summary and f"3 of {part2}" in summary and "1 hour not assigned to a part" in summary
    status = page.locator("#atlas-req-training-status").inner_text()
    assert status.startswith("Not yet") and "counted from your log" in status
    item = page.locator("fieldset.atlas-item").first
    assert "Training, Circle of Security (2025-03-01)" in item.locator(".atlas-linked").text_content()
    assert not item.get_by_label("Training", exact=True).is_checked(), "the user's own ticks are not changed"


def test_an_entry_whose_parts_exceed_its_hours_is_refused(page, site_url: str) -> None:
    open_assessment(page, site_url)
    add_training(page, "Too many", "4", parts=("3", "2"))
    parts = page.locator("#atlas-log-training-parts")
    assert "an hour counts toward one part only" in message_of(page, parts)
    assert saved(page) is None


@pytest.mark.parametrize("kind", ["negative hours", "absurd hours", "future date", "markup in the title"])
def test_hostile_training_entries_are_refused_next_to_the_control_and_nothing_changes(page, site_url: str, kind: str) -> None:
    open_assessment(page, site_url)
    add_training(page, "Kept", "2")
    before = saved(page)
    future = (TODAY + datetime.timedelta(days=3)).isoformat()
    title, hours, day, label, pattern = {
        "negative hours": ("Bad", "-5", "2025-01-01", "Clock hours", "more than 0"),
        "absurd hours": ("Bad", "100000", "2025-01-01", "Clock hours", "more than 200"),
        "future date": ("Bad", "2", future, "Date", "in the future"),
        "markup in the title": ('<img src=x onerror="alert(1)">', "2", "2025-01-01", "Title", "HTML or script"),
    }[kind]
    add_training(page, title, hours, day)
    control = page.locator("#atlas-log-training-form").get_by_label(label, exact=True)
    assert pattern in message_of(page, control)
    assert saved(page) == before, "saved data stays byte-identical"
    assert page.locator(".atlas-logs img").count() == 0


def test_rsc_counts_only_what_the_guidelines_allow_and_names_what_it_cannot_check(page, site_url: str) -> None:
    open_assessment(page, site_url)
    set_date(page, "Date of your master's degree", "2019-06-01")
    add_rsc(page, "10", "2020-01-10")
    add_rsc(page, "3", "2018-01-10")
    add_rsc(page, "4", "2020-02-10", endorsement="other")
    add_rsc(page, "5", "2020-03-10", ages="no", fmt="group")
    summary = page.locator(".atlas-log-summary").nth(1).inner_text()
    assert f"Counted: 10 hours of the {RSC.hours} required" in summary
    assert "12 hours logged do not count" in summary
    rows = page.locator("#atlas-log-rsc-form").locator("xpath=..").locator("tbody tr")
    counts = [rows.nth(i).locator("td").nth(4).inner_text() for i in range(rows.count())]
    assert counts[0].startswith("No: before your master's degree")
    assert any("endorsement is not one the guidelines name" in c for c in counts)
    assert any("not while serving children aged 3 to 6" in c for c in counts)
    rules = page.locator(".atlas-log-rules")
    rules.locator("> summary").click()
    assert "check with your association" in rules.inner_text()
    assert "Source:" in rules.inner_text()


def test_renewal_mode_shows_hours_per_cycle_and_the_mid_cycle_adjustment(page, site_url: str) -> None:
    open_assessment(page, site_url)
    page.get_by_label("Renewing it").check()
    set_date(page, "Start of your current renewal cycle", "2024-07-01")
    add_training(page, "In the cycle", "20", day="2024-08-01")
    add_training(page, "Before the cycle", "20", day="2024-06-01")
    status = page.locator(".atlas-log-renewal-status")
    train, rsc = RENEWAL["training"].hours, RENEWAL["rsc"].hours
    expect(status).to_contain_text(f"Training: 20 of {train} hours by 2027-07-01 ({train - 20} hours still needed)")
    expect(status).to_contain_text(f"Reflective supervision/consultation: 0 of {rsc} hours by 2027-07-01")
    set_date(page, "Date you were endorsed", "2025-07-01")
    two_years = {m.years_endorsed: m for m in RENEWAL["training"].mid_cycle}[2].hours
    expect(status).to_contain_text(f"Training: 20 of {two_years} hours")
    assert saved_logs(page)["mode"] == "renew"


def test_log_csv_downloads_reimports_and_bad_rows_are_all_reported(page, site_url: str, tmp_path: Path) -> None:
    open_assessment(page, site_url)
    add_training(page, "=HYPERLINK(\"http://example.com\")", "6", provider="+Provider, Inc.")
    add_training(page, "Second", "1.5")
    with page.expect_download() as info:
        settled(page.get_by_role("button", name="Download the training log (CSV)")).click()
    csv_file = tmp_path / info.value.suggested_filename
    info.value.save_as(csv_file)
    text = csv_file.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "'+Provider" in text, "formula-like cells are defused"
    entries = saved_logs(page)["training"]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_label("Import a training log (CSV, replaces this log):").set_input_files(str(csv_file))
    page.locator(".atlas-status", has_text="Imported 2 entries").wait_for()
    strip = [{k: v for k, v in e.items() if k != "id"} for e in saved_logs(page)["training"]]
    assert strip == [{k: v for k, v in e.items() if k != "id"} for e in entries]
    before = saved(page)
    header = text.splitlines()[0]
    bad = tmp_path / "bad.csv"
    bad.write_text(f"{header}\n2025-01-01,Fine,P,2,,,,\n2025-01-02,Neg,P,-1,,,,\n2099-01-01,Future,P,1,,,,\n"
                   "2025-01-03,<script>x</script>,P,1,,,,\n", encoding="utf-8")
    field = page.get_by_label("Import a training log (CSV, replaces this log):")
    field.set_input_files(str(bad))
    message = message_of(page, field)
    assert "Row 3:" in message and "Row 4:" in message and "Row 5:" in message and "Row 2:" not in message
    assert "Nothing was imported" in message
    assert saved(page) == before
    huge = tmp_path / "huge.csv"
    huge.write_text(header + "\n" + "x" * (MODEL.assessment.import_bytes + 10), encoding="utf-8")
    field.set_input_files(str(huge))
    assert "the limit is" in message_of(page, field)
    assert saved(page) == before


def test_courses_from_a_program_map_give_course_evidence_without_touching_ticks(page, site_url: str, tmp_path: Path) -> None:
    program = MODEL.programs[0]
    open_assessment(page, site_url)
    page.get_by_label("Published program maps").select_option(program.id)
    page.get_by_role("button", name="Use this program map").click()
    course = program.courses[0]
    box = page.get_by_label(re.compile(f"^{re.escape(course.code)} "))
    box.check()
    covered = {x.item.removeprefix("ka:") for x in course.covers}
    items = [i for d in ECMHS.domains for k in d.knowledge_areas or () if k.ka in covered for i in k.indicators or ()]
    assert items, "the course must reach ECMHS items"
    node = page.locator(f'fieldset[data-item="{items[0].id}"]')
    assert f"College course, {course.code}" in node.locator(".atlas-linked").text_content()
    assert "program map" in node.locator(".atlas-linked").text_content()
    assert not node.get_by_label("College course").is_checked()
    assert saved_logs(page)["coursework"]["taken"] == [course.code]
    hostile = tmp_path / "hostile.json"
    hostile.write_text(json.dumps({"format": "iecmh-atlas-program", "version": 1, "id": "x", "institution": "<b>U</b>",
                                   "program": "P", "courses": []}), encoding="utf-8")
    before = saved(page)
    field = page.get_by_label("Import a program map (JSON from the mapper):")
    field.set_input_files(str(hostile))
    assert "HTML or script" in message_of(page, field)
    assert saved(page) == before


def test_logs_are_in_the_json_export_and_the_printed_report(browser, site_url: str, tmp_path: Path) -> None:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    open_assessment(page, site_url)
    add_training(page, "Exported training", "3")
    add_rsc(page, "2", "2024-02-02")
    with page.expect_download() as info:
        settled(page.get_by_role("button", name="Download JSON")).click()
    export = tmp_path / "export.json"
    info.value.save_as(export)
    data = json.loads(export.read_text(encoding="utf-8"))
    assert data["logs"]["version"] == 1 and data["logs"]["training"][0]["title"] == "Exported training"
    fresh = browser.new_context()
    other = fresh.new_page()
    open_assessment(other, site_url)
    other.get_by_label("Import a JSON export:").set_input_files(str(export))
    other.locator(".atlas-status", has_text="Imported").wait_for()
    assert json.loads(saved(other))["logs"] == data["logs"]
    other.emulate_media(media="print")
    report = other.locator(".atlas-report")
    expect(report).to_be_visible()
    assert "Training log" in report.inner_text() and "Exported training" in report.inner_text()
    pdf = tmp_path / "report.pdf"
    other.pdf(path=str(pdf))
    assert pdf.stat().st_size > 1000
    fresh.close()
    context.close()


SAVED_WITH_LOGS = ROOT / "tests" / "fixtures" / "saved" / "assessment-ecmhs-logs-v1.json"


def test_answers_with_logs_saved_by_this_release_load_unchanged(page, site_url: str) -> None:
    stored = SAVED_WITH_LOGS.read_text(encoding="utf-8")
    page.goto(site_url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, stored])
    open_assessment(page, site_url)
    assert "could not be read" not in page.locator(".atlas-status").inner_text()
    state = page.evaluate("() => JSON.parse(JSON.stringify(document.getElementById('atlas-assessment').atlasApp.state))")
    assert state["logs"] == json.loads(stored)["logs"]
    assert saved(page) == stored


def test_keyboard_alone_adds_a_training_entry_and_axe_finds_nothing(page, site_url: str) -> None:
    open_assessment(page, site_url)
    summary = page.locator("details.atlas-logs-body > summary")
    summary.focus()
    page.keyboard.press("Enter")  # folds the logs away, and Enter again opens them
    expect(page.locator("#atlas-log-training-form")).to_be_hidden()
    page.keyboard.press("Enter")
    expect(page.locator("#atlas-log-training-form")).to_be_visible()  # the logs' code loads when first unfolded
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.id") == "atlas-log-mode-apply"
    page.locator("#atlas-log-training-form").get_by_label("Title", exact=True).focus()
    page.keyboard.type("Typed with the keyboard")
    page.keyboard.press("Tab")  # the provider, left empty
    page.keyboard.press("Tab")
    page.keyboard.type("04052025")  # the date field's month, day and year segments
    for _ in range(4):  # Tab leaves the date field after its last segment
        if page.evaluate("() => document.activeElement.id") == "atlas-log-training-hours":
            break
        page.keyboard.press("Tab")
    page.keyboard.type("3")
    page.locator("#atlas-log-training-form").get_by_role("button", name="Add this training").focus()
    page.keyboard.press("Enter")
    page.locator(".atlas-status", has_text="added to the log").wait_for()
    assert saved_logs(page)["training"][0]["title"] == "Typed with the keyboard"
    add_training(page, "Bad", "-1")  # a state with a message next to a control
    add_rsc(page, "2", "2018-01-01")
    page.get_by_label("Renewing it").check()
    set_date(page, "Start of your current renewal cycle", "2024-07-01")
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_the_logs_code_loads_when_the_logs_are_unfolded_not_with_the_page(page, site_url: str) -> None:
    """A visit that never opens the logs (nothing logged yet) does not download their code, nor the raters' panels,
    the Markdown/CSV writers or the grid before they are used; unfolding the logs loads and builds them."""
    scripts = []
    page.on("request", lambda request: scripts.append(request.url.rsplit("/", 1)[-1]))
    page.goto(site_url + PAGE)
    page.locator('#atlas-assessment[data-built="true"]').wait_for()
    page.wait_for_load_state("networkidle")
    assert "ui.mjs" in scripts and "logs-lazy.mjs" in scripts, scripts
    later = {"logs-view.mjs", "logs-csv.mjs", "exports.mjs", "grid-xlsx.mjs", "raters-panels.mjs"}
    assert later.isdisjoint(scripts), sorted(later & set(scripts))
    expect(page.locator("#atlas-log-training-form")).to_have_count(0)
    page.locator("details.atlas-logs-body > summary").click()
    expect(page.locator("#atlas-log-training-form")).to_be_visible()
    assert {"logs-view.mjs", "logs-csv.mjs"} <= set(scripts)
    assert "exports.mjs" not in scripts
