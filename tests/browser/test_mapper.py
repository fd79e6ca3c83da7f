"""The coursework mapper in a real browser: build a map, import a CSV with a bad row, export YAML that validates."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from browsing import (WCAG, context_without_storage, origins_outside, recording_context, settled,
                      storage_warning_shown)
from conftest import ROOT, real_model
from generator.compile.browser_data import mapper_data
from generator.model.coverage import category_coverage, matrix
from generator.pipeline import load_model

pytestmark = pytest.mark.browser
PAGE = "atlas/programs/mapper/"
MODEL = real_model()
MAPPER_LIMIT = mapper_data(MODEL)["limits"]["import_bytes"]


def open_mapper(page, site_url: str) -> None:
    """Open the mapper and wait until it is built."""
    page.goto(site_url + PAGE)
    page.locator('#atlas-mapper[data-built="true"]').wait_for()  # built in pieces after load


def add_course(page, code: str, title: str, hours: str = "") -> None:
    """Fill in and submit the add-course form."""
    page.get_by_label("Course code").fill(code)
    page.get_by_label("Course title").fill(title)
    page.get_by_label("Clock hours (optional)").fill(hours)
    page.get_by_role("button", name="Add course").click()
    page.locator(".atlas-status", has_text=f"Added {code}.").wait_for()


def build_two_course_map(page) -> None:
    """Target ECMHS and map two courses, one of them down to a single indicator."""
    page.get_by_label("ECMHS: Early Childhood Mental Health Specialist").check()
    add_course(page, "EDU 501", "Development", "30")
    page.get_by_label("Pregnancy and Early Parenthood", exact=True).select_option("R")
    page.locator("#atlas-hours-ka_pregnancy").fill("6")
    page.locator("#atlas-hours-ka_pregnancy").press("Tab")
    page.get_by_label("Infant/Young Child Development & Behavior", exact=True).select_option("I")
    add_course(page, "EDU 520", "Practice")
    page.get_by_label("Course:").select_option("EDU 520")
    page.get_by_label("Observation and Listening", exact=True).select_option("M")
    page.get_by_text("Map single indicators of Safety").click()
    page.locator("select[data-item='ecmhs.dss.safety.1']").select_option("R")


def shown_coverage(page) -> dict:
    """The ECMHS coverage table and matrix rows as the page shows them (their text: tables off screen are laid out
    only when scrolled to, content-visibility: auto)."""
    table = page.locator(".atlas-category-coverage[data-category='ecmhs'] tbody tr")
    cells = {table.nth(i).locator("th").text_content(): table.nth(i).locator("td").all_text_contents()
             for i in range(table.count())}
    rows = page.locator(".atlas-coverage tr[data-ka]")
    matrix_rows = {rows.nth(i).get_attribute("data-ka"): rows.nth(i).locator("td").all_text_contents()
                   for i in range(rows.count())}
    return {"table": cells, "matrix": matrix_rows}


def download(page, label: str, tmp_path: Path) -> Path:
    """Click a download button and save the file."""
    with page.expect_download() as info:
        settled(page.get_by_role("button", name=label)).click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def test_two_course_map_csv_import_and_yaml_export(page, site_url: str, tmp_path: Path) -> None:
    open_mapper(page, site_url)
    build_two_course_map(page)
    assert page.locator(".atlas-courses li").count() == 2

    template = download(page, "Download the CSV template", tmp_path)
    text = template.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["course_code", "course_title", "credits", "clock_hours", "item", "item_name", "level", "hours"]
    ethics = next(i for i, r in enumerate(rows) if r[0] == "" and r[4] == "ka:ethics")
    law = next(i for i, r in enumerate(rows) if r[0] == "" and r[4] == "ka:law")
    rows[ethics][:4], rows[ethics][6:] = ["EDU 530", "Ethics seminar", "2", "20"], ["R", "3"]
    rows[law][0], rows[law][6] = "EDU 530", "Z"  # the bad row: no such level
    filled = tmp_path / "filled.csv"
    with filled.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)

    before = page.evaluate("() => localStorage.getItem('iecmh-atlas.mapper.v1')")
    page.get_by_label("Import a filled-in CSV template or a JSON export:").set_input_files(str(filled))
    page.locator(".atlas-status", has_text="Import refused").wait_for()
    errors = page.locator(".atlas-import-errors li").all_inner_texts()
    assert len(errors) == 1 and errors[0].startswith(f"Row {law + 1}:"), errors
    assert page.locator(".atlas-courses li").count() == 2
    assert page.evaluate("() => localStorage.getItem('iecmh-atlas.mapper.v1')") == before

    rows[law][6] = "I"
    with filled.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    page.get_by_label("Import a filled-in CSV template or a JSON export:").set_input_files(str(filled))
    page.get_by_role("button", name="Merge into my map").click()  # the template carries the map's two courses
    page.locator(".atlas-status", has_text="Imported").wait_for()
    assert page.locator(".atlas-courses li").count() == 3
    for field, value in [("id", "test-program"), ("institution", "Test College"), ("name", "Test Certificate")]:
        page.locator(f"#atlas-program-{field}").fill(value)  # a new map leaves them empty
        page.locator(f"#atlas-program-{field}").press("Tab")

    shown = shown_coverage(page)
    yaml_file = download(page, "Download the YAML program file", tmp_path)
    assessments = tmp_path / "assessments"
    shutil.copytree(ROOT / "assessments", assessments, ignore=shutil.ignore_patterns("programs"))
    (assessments / "programs").mkdir()
    program_id = json.loads(page.evaluate("() => localStorage.getItem('iecmh-atlas.mapper.v1')"))["id"]
    shutil.copy(yaml_file, assessments / "programs" / f"{program_id}.yml")
    model = load_model(ROOT / "competencies", assessments)  # validates the exported file like any program map
    program = model.programs[0]
    assert [c.code for c in program.courses] == ["EDU 501", "EDU 520", "EDU 530"]

    cov = category_coverage(model, program, "ecmhs")
    for label, key in [("Knowledge areas", "knowledge_areas"), ("Indicators", "indicators")]:
        t = cov[key]
        assert shown["table"][label] == [str(t["total"]), str(t["M"]), str(t["R"]), str(t["I"]), str(t["none"]),
                                         f"{t['percent_reached']}%"], label
    python_rows = {row.ka: row for _, _, group in matrix(model, program) for row in group}
    assert set(python_rows) == set(shown["matrix"])
    for ka, cells in shown["matrix"].items():
        row = python_rows[ka]
        assert cells[:-3] == [c or "" for c in row.cells], ka
        assert cells[-3:] == [str(row.reached), model.vocabulary.level_labels()[row.highest] if row.highest else "not reached",
                              f"{row.hours:g}" if row.hours else ""], ka


def test_map_survives_reload_and_hostile_json_is_refused(page, site_url: str, tmp_path: Path) -> None:
    open_mapper(page, site_url)
    build_two_course_map(page)
    page.reload()
    page.locator('#atlas-mapper[data-built="true"]').wait_for()  # built in pieces after load
    assert page.locator(".atlas-courses li").count() == 2
    before = page.evaluate("() => localStorage.getItem('iecmh-atlas.mapper.v1')")
    hostile = json.loads(before)
    hostile["courses"][0]["title"] = "<img src=x onerror=\"window.__pwned=1\">"
    hostile["__proto__"] = {"polluted": True}
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(hostile), encoding="utf-8")
    page.get_by_label("Import a filled-in CSV template or a JSON export:").set_input_files(str(path))
    page.locator(".atlas-status", has_text="Import refused").wait_for()
    assert page.evaluate("() => localStorage.getItem('iecmh-atlas.mapper.v1')") == before
    assert page.evaluate("() => window.__pwned === undefined && ({}).polluted === undefined")


def test_mapper_is_accessible_and_stays_local(browser, site_url: str) -> None:
    context, requests = recording_context(browser)
    page = context.new_page()
    open_mapper(page, site_url)
    build_two_course_map(page)
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
    page.goto(site_url + "atlas/programs/example-state-university/")
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
    context.close()
    assert requests and origins_outside(requests, site_url) == set()


def tab_to(page, description: str, is_target: str) -> None:
    """Press Tab until the focused element satisfies the JS predicate is_target(el), as a keyboard user would."""
    for _ in range(400):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return !!el && ({is_target}); }}"):
            return
    raise AssertionError(f"could not reach {description} with the Tab key")


def test_keyboard_alone_builds_a_map(page, site_url: str) -> None:
    open_mapper(page, site_url)
    tab_to(page, "the ECMHS target box", "el.id === 'atlas-target-ecmhs'")
    page.keyboard.press("Space")
    tab_to(page, "the course code field", "el.id === 'atlas-new-code'")
    page.keyboard.type("KB 100")
    page.keyboard.press("Tab")
    page.keyboard.type("Keyboard course")
    page.keyboard.press("Enter")  # submits the add-course form
    page.locator(".atlas-status", has_text="Added KB 100.").wait_for()
    tab_to(page, "the level of Pregnancy and Early Parenthood", "el.id === 'atlas-level-ka_pregnancy'")
    page.keyboard.press("ArrowDown")  # not covered -> I
    page.keyboard.press("ArrowDown")  # I -> R
    assert page.locator("#atlas-level-ka_pregnancy").input_value() == "R"
    row = page.locator(".atlas-coverage tr[data-ka='pregnancy'] td")
    assert row.first.text_content() == "R"
    tab_to(page, "the JSON download", "el.textContent === 'Download JSON'")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert exported["target_categories"] == ["ecmhs"]
    assert exported["courses"] == [{"code": "KB 100", "title": "Keyboard course",
                                    "covers": [{"item": "ka:pregnancy", "level": "R"}]}]


SAVED_FIXTURE = ROOT / "tests" / "fixtures" / "saved" / "mapper-v1.json"
STORAGE_KEY = "iecmh-atlas.mapper.v1"


def stored(page) -> str | None:
    """What the mapper saved in localStorage."""
    return page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}')")


def test_map_saved_by_the_previous_release_loads_unchanged(page, site_url: str) -> None:
    saved = SAVED_FIXTURE.read_text(encoding="utf-8")
    page.goto(site_url)
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, saved])
    open_mapper(page, site_url)
    assert page.locator(".atlas-courses li").count() == 2
    assert page.get_by_label("Institution").input_value() == json.loads(saved)["institution"]
    assert page.locator("#atlas-level-ka_pregnancy").input_value() == "R"
    assert stored(page) == saved  # opening the page rewrites nothing
    with page.expect_download() as info:
        settled(page.get_by_role("button", name="Download JSON")).click()
    assert Path(info.value.path()).read_text(encoding="utf-8") == saved


def test_json_import_asks_before_replacing_the_map(page, site_url: str) -> None:
    open_mapper(page, site_url)
    add_course(page, "OWN 100", "My own course")
    before = stored(page)
    asked: list[str] = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_label("Import a filled-in CSV template or a JSON export:").set_input_files(str(SAVED_FIXTURE))
    page.locator(".atlas-status", has_text="Import cancelled").wait_for()
    assert asked and "Replace your whole map" in asked[0]
    assert stored(page) == before and page.locator(".atlas-courses li").count() == 1
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_label("Import a filled-in CSV template or a JSON export:").set_input_files(str(SAVED_FIXTURE))
    page.locator(".atlas-status", has_text="Imported").wait_for()
    assert json.loads(stored(page)) == json.loads(SAVED_FIXTURE.read_text(encoding="utf-8"))


def test_unavailable_storage_is_said_when_the_page_opens(browser, site_url: str) -> None:
    context = context_without_storage(browser)
    page = context.new_page()
    open_mapper(page, site_url)
    assert storage_warning_shown(page)  # before any change
    add_course(page, "NS 1", "Works without storage")
    assert page.locator(".atlas-courses li").count() == 1
    context.close()


def test_two_tabs_keep_each_others_courses(browser, site_url: str) -> None:
    context = browser.new_context()
    first, second = context.new_page(), context.new_page()
    open_mapper(first, site_url)
    open_mapper(second, site_url)
    add_course(first, "TAB 1", "From the first tab")
    add_course(second, "TAB 2", "From the second tab")  # the second tab saves after the first
    assert {c["code"] for c in json.loads(stored(second))["courses"]} == {"TAB 1", "TAB 2"}
    first.locator(".atlas-courses li", has_text="TAB 2").wait_for()
    assert first.locator(".atlas-courses li").count() == 2 and second.locator(".atlas-courses li").count() == 2
    context.close()


def test_large_map_within_the_course_limit_never_makes_the_saved_map_unreadable(page, site_url: str,
                                                                                   tmp_path: Path) -> None:
    items = [f"ka:{k.id}" for k in MODEL.knowledge_areas] + [i.id for c in MODEL.categories for i in c.indicators()]

    def courses_csv(first: int, count: int) -> Path:
        """A filled-in template with count courses, each covering every item."""
        path = tmp_path / f"courses-{first}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(["course_code", "course_title", "credits", "clock_hours", "item", "level", "hours"])
            for n in range(first, first + count):
                writer.writerows([f"C{n:03}", f"Course {n}", "", "", item, "R", ""] for item in items)
        return path

    count = 60
    assert 2 * count <= 200, "within the mapper's course limit"
    open_mapper(page, site_url)
    page.get_by_label("Import a filled-in CSV template or a JSON export:").set_input_files(str(courses_csv(0, count)))
    page.locator(".atlas-status", has_text="Imported").wait_for()
    before = stored(page)
    assert len(before.encode()) <= MAPPER_LIMIT
    page.get_by_label("Import a filled-in CSV template or a JSON export:").set_input_files(str(courses_csv(count, count)))
    page.locator(".atlas-status", has_text="Import refused").wait_for()
    assert "bytes" in page.locator(".atlas-import-errors li").first.inner_text()
    beside = page.locator(f"#{page.locator('#atlas-mapper-import').get_attribute('aria-describedby')}")
    assert beside.inner_text().startswith("Not imported:") and "bytes" in beside.inner_text()
    assert stored(page) == before
    page.reload()
    page.locator('#atlas-mapper[data-built="true"]').wait_for()  # built in pieces after load
    assert "could not be read" not in page.locator(".atlas-mapper > .atlas-status").inner_text()
    assert page.locator(".atlas-courses li").count() == count


def test_enter_in_an_hours_field_saves_the_hours_and_stays_on_the_page(page, site_url: str) -> None:
    """Each editor row is its own form (so Chromium's autofill reads one row on a change, not all): Enter in its hours
    field takes the hours like Tab does and never submits the page away."""
    open_mapper(page, site_url)
    add_course(page, "EDU 501", "Development")
    page.get_by_label("Pregnancy and Early Parenthood", exact=True).select_option("R")
    url = page.url
    hours = page.locator("#atlas-hours-ka_pregnancy")
    hours.fill("7")
    hours.press("Enter")
    page.wait_for_function("(key) => (localStorage.getItem(key) || '').includes('\"hours\": 7')", arg=STORAGE_KEY)
    assert page.url == url
    covers = json.loads(stored(page))["courses"][0]["covers"]
    assert {"item": "ka:pregnancy", "level": "R", "hours": 7} in covers
    assert page.locator("form.atlas-cover").count() == page.locator(".atlas-editor select[data-item]").count() > 1
