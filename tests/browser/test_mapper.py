"""The coursework mapper in a real browser: build a map, import a CSV with a bad row, export YAML that validates."""
from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from browsing import WCAG, origins_outside, recording_context
from conftest import ROOT
from generator.model.coverage import category_coverage, matrix
from generator.pipeline import load_model

pytestmark = pytest.mark.browser
PAGE = "atlas/programs/mapper/"


def open_mapper(page, site_url: str) -> None:
    """Open the mapper and wait until it is built."""
    page.goto(site_url + PAGE)
    page.locator(".atlas-add-course").wait_for()


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
    """The ECMHS coverage table and matrix rows as the page shows them."""
    table = page.locator(".atlas-category-coverage[data-category='ecmhs'] tbody tr")
    cells = {table.nth(i).locator("th").inner_text(): table.nth(i).locator("td").all_inner_texts()
             for i in range(table.count())}
    rows = page.locator(".atlas-coverage tr[data-ka]")
    matrix_rows = {rows.nth(i).get_attribute("data-ka"): rows.nth(i).locator("td").all_inner_texts()
                   for i in range(rows.count())}
    return {"table": cells, "matrix": matrix_rows}


def download(page, label: str, tmp_path: Path) -> Path:
    """Click a download button and save the file."""
    with page.expect_download() as info:
        page.get_by_role("button", name=label).click()
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
    assert rows[0] == ["course_code", "course_title", "credits", "clock_hours", "item", "level", "hours"]
    ethics = next(i for i, r in enumerate(rows) if r[4] == "ka:ethics")
    law = next(i for i, r in enumerate(rows) if r[4] == "ka:law")
    rows[ethics][:4], rows[ethics][5:] = ["EDU 530", "Ethics seminar", "2", "20"], ["R", "3"]
    rows[law][0], rows[law][5] = "EDU 530", "Z"  # the bad row: no such level
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

    rows[law][5] = "I"
    with filled.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    page.get_by_label("Import a filled-in CSV template or a JSON export:").set_input_files(str(filled))
    page.locator(".atlas-status", has_text="Imported").wait_for()
    assert page.locator(".atlas-courses li").count() == 3

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
        assert cells[-3:] == [str(row.reached), MODEL.vocabulary.level_labels()[row.highest] if row.highest else "not reached",
                              f"{row.hours:g}" if row.hours else ""], ka


def test_map_survives_reload_and_hostile_json_is_refused(page, site_url: str, tmp_path: Path) -> None:
    open_mapper(page, site_url)
    build_two_course_map(page)
    page.reload()
    page.locator(".atlas-add-course").wait_for()
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
    assert row.first.inner_text() == "R"
    tab_to(page, "the JSON download", "el.textContent === 'Download JSON'")
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    exported = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert exported["target_categories"] == ["ecmhs"]
    assert exported["courses"] == [{"code": "KB 100", "title": "Keyboard course",
                                    "covers": [{"item": "ka:pregnancy", "level": "R"}]}]
