"""The coursework mapper as faculty see it, in a real browser: import messages where the import is, merge or replace
said and chosen, a template with names filled from the map, no made-up names in exports, no sideways scroll on a
phone, and a change that rewrites only the cells it changes while focus stays put."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from browsing import WCAG, settled

pytestmark = pytest.mark.browser
PAGE = "atlas/programs/mapper/"
STORAGE_KEY = "iecmh-atlas.mapper.v1"
IMPORT_LABEL = "Import a filled-in CSV template or a JSON export:"
HEADER = ["course_code", "course_title", "credits", "clock_hours", "item", "item_name", "level", "hours"]

MAP_OF = """([courses, targets]) => {
  const data = JSON.parse(document.getElementById('atlas-mapper-data').textContent);
  const levels = ['I', 'R', 'M'];
  return JSON.stringify({
    format: 'iecmh-atlas-program', version: 1, dataset_version: data.dataset_version,
    id: 'views', institution: 'Views College', program: 'Views Certificate',
    target_categories: targets ? data.categories.map((c) => c.id) : [],
    courses: Array.from({ length: courses }, (_, n) => ({
      code: `T ${101 + n}`, title: `Course ${n}`,
      covers: data.knowledge_areas.slice(0, n === 0 ? 4 : data.knowledge_areas.length)
        .map((k, i) => ({ item: `ka:${k.id}`, level: levels[(i + n) % 3] })),
    })),
  }, null, 2);
}"""
"""A saved map of `courses` courses (the first, T 101, maps 4 knowledge areas, the others every one), all targets or none."""


def open_with_map(page, site_url: str, courses: int, targets: bool = True) -> dict:
    """Save a map of that many courses in the browser, open the mapper on it, and return the map."""
    page.goto(site_url + PAGE)
    saved = page.evaluate(MAP_OF, [courses, targets])
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORAGE_KEY, saved])
    page.reload()
    page.locator('#atlas-mapper[data-built="true"]').wait_for()  # built in pieces after load
    return json.loads(saved)


def stored(page) -> dict:
    """The map the page saved."""
    return json.loads(page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}')"))


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    """Write rows as a CSV file as a spreadsheet would."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\r\n").writerows(rows)
    return path


def choose_file(page, path: Path) -> None:
    """Choose a file in the import control, scrolled into view first as it is when a person clicks it."""
    control = page.get_by_label(IMPORT_LABEL)
    control.scroll_into_view_if_needed()
    control.set_input_files(str(path))


def in_view_near(page, selector: str, anchor: str, within: float = 400) -> bool:
    """Whether the element comes to rest in the viewport (within 3 s, as a person would look), its top within `within`
    px of the anchor's."""
    try:
        page.wait_for_function("""([selector, anchor, within]) => {
          const box = document.querySelector(selector).getBoundingClientRect();
          const near = document.querySelector(anchor).getBoundingClientRect();
          return box.height > 0 && box.top >= -1 && box.bottom <= innerHeight + 1 && Math.abs(box.top - near.top) <= within;
        }""", arg=[selector, anchor, within], timeout=3000)
    except PlaywrightTimeout:
        where = page.evaluate("""([selector, anchor]) => [innerHeight, scrollY,
          ...[selector, anchor].map((s) => JSON.stringify(document.querySelector(s).getBoundingClientRect()))]""",
                              [selector, anchor])
        print(f"{selector} not in view near {anchor}: {where}")
        return False
    return True


def assert_accessible(page) -> None:
    """axe-core finds no WCAG 2.2 A/AA violation in the page as it is now."""
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_csv_import_asks_merge_or_replace_next_to_the_control_and_says_what_it_did(page, site_url: str,
                                                                                   tmp_path: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 800})
    before = open_with_map(page, site_url, 1, targets=False)
    kept = before["courses"][0]["covers"]
    assert len(kept) == 4
    ka = [c["item"] for c in kept]
    assert "ka:ethics" not in ka
    rows = [HEADER, ["T 101", "", "", "", ka[0], "", "M", ""], ["T 101", "", "", "", "ka:ethics", "", "R", ""],
            *[[f"N {n}", f"New {n}", "", "", ka[1], "", "I", ""] for n in range(3)]]
    path = write_csv(tmp_path / "courses.csv", rows)

    choose_file(page, path)
    choice = page.locator(".atlas-import-choice")
    choice.wait_for()
    assert "T 101 (4 mappings)" in choice.inner_text()
    assert page.evaluate("() => document.activeElement.textContent") == "Merge into my map"
    assert in_view_near(page, ".atlas-import-choice", "#atlas-mapper-import")
    assert stored(page) == before, "nothing is changed before the user chooses"
    assert_accessible(page)

    page.get_by_role("button", name="Replace these courses").click()
    status = page.locator(".atlas-import-status")
    status.wait_for()
    assert status.inner_text() == ("Imported courses.csv (read as UTF-8, comma-separated): 3 courses added (N 0, N 1, "
                                   "N 2), 1 replaced: T 101 (its 4 mappings were replaced by the file's 2).")
    assert status.get_attribute("role") == "status"
    assert in_view_near(page, ".atlas-import-status", "#atlas-mapper-import")
    replaced = stored(page)["courses"][0]
    assert replaced["covers"] == [{"item": ka[0], "level": "M"}, {"item": "ka:ethics", "level": "R"}]
    assert page.locator(".atlas-courses li").count() == 4
    assert_accessible(page)

    merge = write_csv(tmp_path / "more.csv", [HEADER, ["T 101", "", "", "", ka[2], "", "I", ""]])
    choose_file(page, merge)
    page.get_by_role("button", name="Merge into my map").click()
    status.filter(has_text="merged").wait_for()
    assert "1 merged: T 101 (1 added, 0 changed, 2 kept)" in status.inner_text()
    assert stored(page)["courses"][0]["covers"] == [*replaced["covers"], {"item": ka[2], "level": "I"}]


def test_a_category_without_entered_data_reads_not_yet_entered_not_no_gaps(page, site_url: str) -> None:
    targets = open_with_map(page, site_url, 2)["target_categories"]
    data = json.loads(page.locator("#atlas-mapper-data").text_content())
    empty = [c for c in data["categories"] if c["id"] in targets and not c["knowledge_areas"]]
    assert empty, "the map targets a category whose knowledge areas are not yet entered"
    for category in empty:
        row = page.locator(f".atlas-summary-table tr[data-category='{category['id']}']").inner_text()
        assert "not yet entered" in row and "0 of 0" not in row, row
        section = page.locator(f".atlas-category-coverage[data-category='{category['id']}']").inner_text()
        assert "Gaps: not yet entered" in section and "Gaps: none" not in section, section


def test_a_refused_import_is_said_in_view_below_the_control(page, site_url: str, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    before = open_with_map(page, site_url, 2)
    path = write_csv(tmp_path / "bad.csv", [HEADER, ["T 101", "", "", "", "ka:nope", "", "Z", ""]])
    choose_file(page, path)
    page.locator(".atlas-import-status", has_text="Import refused").wait_for()
    assert in_view_near(page, ".atlas-import-status", "#atlas-mapper-import", within=300)
    assert in_view_near(page, ".atlas-import-errors li", "#atlas-mapper-import", within=400)
    assert page.locator(".atlas-import-errors li").count() == 2
    assert stored(page) == before
    assert_accessible(page)


def test_the_template_names_every_item_and_is_filled_from_the_map(page, site_url: str, tmp_path: Path) -> None:
    before = open_with_map(page, site_url, 2)
    with page.expect_download() as info:
        settled(page.get_by_role("button", name="Download the CSV template")).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    assert rows[0] == HEADER
    comments = [r for r in rows if r[0].startswith("#")]
    assert any("I = Introduced, R = Reinforced, M = Mastered" in r[0] for r in comments)
    assert any(len(r) == len(HEADER) and r[4].startswith("ka:") and r[6] in ("I", "R", "M") for r in comments), \
        "a commented example row"
    data = json.loads(page.locator("#atlas-mapper-data").text_content())
    names = {f"ka:{k['id']}": k["name"] for k in data["knowledge_areas"]}
    mapped = [r for r in rows[1:] if r[0] and not r[0].startswith("#")]
    assert [(r[0], r[4], r[6]) for r in mapped] == [(c["code"], e["item"], e["level"])
                                                   for c in before["courses"] for e in c["covers"]]
    named = [r for r in rows[1:] if len(r) == len(HEADER) and r[4] in names]
    assert len(named) >= len(names) and all(r[5] == names[r[4]] for r in named), "each id has its name beside it"

    choose_file(page, path)
    page.get_by_role("button", name="Merge into my map").click()
    page.locator(".atlas-import-status", has_text="Imported").wait_for()
    assert stored(page) == before, "the map's own template imports back unchanged"


def test_exports_carry_no_made_up_names(page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + PAGE)
    page.locator('#atlas-mapper[data-built="true"]').wait_for()  # built in pieces after load
    institution = page.locator("#atlas-program-institution")
    assert institution.input_value() == "" and institution.get_attribute("placeholder")
    page.get_by_label("Course code").fill("A 1")
    page.get_by_label("Course title").fill("A course")
    page.get_by_role("button", name="Add course").click()
    page.locator(".atlas-status", has_text="Added A 1.").wait_for()

    def exports() -> str:
        """Every download's text, joined."""
        texts = []
        for label in ["Download the CSV template", "Download the matrix (CSV)", "Download JSON",
                      "Download the YAML program file"]:
            with page.expect_download() as info:
                settled(page.get_by_role("button", name=label)).click()
            texts.append(Path(info.value.path()).read_text(encoding="utf-8"))
        return "\n".join(texts)

    text = exports()
    for made_up in ["My institution", "My program", "my-program", "Example State University"]:
        assert made_up not in text
    institution.fill("Ada College")
    institution.press("Tab")
    assert "Ada College" in exports()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_mapper_does_not_scroll_sideways_and_marks_wide_matrices(browser, site_url: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    open_with_map(page, site_url, 40)
    page.locator(".atlas-coverage").scroll_into_view_if_needed()
    assert page.evaluate("() => document.documentElement.scrollWidth") == width
    matrix = page.locator(".atlas-coverage .md-typeset__scrollwrap", has=page.locator("tr[data-ka]")).first
    matrix.scroll_into_view_if_needed()
    page.wait_for_function("(w) => w.classList.contains('atlas-scrolls')", arg=matrix.element_handle())
    hint = page.locator(f"#{matrix.get_attribute('aria-labelledby')}")
    assert hint.is_visible() and "scroll sideways to see all 44 columns" in hint.inner_text()
    assert matrix.get_attribute("role") == "region" and matrix.get_attribute("tabindex") == "0"
    summary = page.locator(".atlas-coverage-summary")
    assert summary.is_visible() == (width >= 1220), "the summary stays beside the editor on wide screens only"
    if width >= 1220:
        page.locator(".atlas-editor select[data-item^='ka:']").nth(30).scroll_into_view_if_needed()
        top = page.evaluate("() => document.querySelector('.atlas-coverage-summary').getBoundingClientRect().top")
        assert 0 <= top < 200, "the summary stays in view while the editor is scrolled"
    else:
        assert page.get_by_role("link", name="Jump to the coverage").is_visible()
    assert_accessible(page)
    context.close()


WATCH = """() => {
  window.__mutated = [];
  const root = document.getElementById('atlas-mapper');
  window.__observer = new MutationObserver((records) => {
    for (const r of records) {
      const where = (r.target.nodeType === 1 ? r.target : r.target.parentElement).closest('[data-ka], [data-category], li, p, section');
      window.__mutated.push({ type: r.type, removed: [...r.removedNodes].map((n) => n.nodeName),
        where: where ? (where.dataset.ka ? `ka:${where.dataset.ka}` : where.dataset.category ? `category:${where.dataset.category}` : where.nodeName + '.' + where.className) : '' });
    }
  });
  window.__observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true });
}"""


def test_a_change_rewrites_only_the_cells_it_changes_and_keeps_focus(page, site_url: str) -> None:
    program = open_with_map(page, site_url, 5)
    ka = program["courses"][0]["covers"][0]["item"]  # T 101's first area, mapped at I
    select = page.locator(f".atlas-editor select[data-item='{ka}']")
    assert select.input_value() == "I"
    select.focus()
    page.evaluate("(s) => { window.__select = s; }", select.element_handle())
    nodes_before = page.evaluate("() => document.getElementById('atlas-mapper').getElementsByTagName('*').length")
    page.evaluate(WATCH)
    page.keyboard.press("ArrowDown")  # I -> R
    page.wait_for_function(f"() => JSON.parse(localStorage.getItem('{STORAGE_KEY}')).courses[0].covers[0].level === 'R'")
    page.wait_for_timeout(100)
    mutated = page.evaluate("() => { window.__observer.disconnect(); return window.__mutated; }")
    assert stored(page)["courses"][0]["covers"][0]["level"] == "R"
    assert page.evaluate("() => window.__select.isConnected && document.activeElement === window.__select"), \
        "the control is the same element and keeps focus"
    assert mutated, "the change shows somewhere"
    removed = [name for m in mutated for name in m["removed"]]
    assert set(removed) <= {"#text", "SPAN"}, removed  # text of cells and level marks only, never a row or control
    row = ka.removeprefix("ka:")
    places = {m["where"] for m in mutated}
    assert f"ka:{row}" in places
    assert all(p == f"ka:{row}" or p.startswith("category:") or p.startswith(("LI.", "P.", "SECTION.atlas-coverage-summary"))
               for p in places), places
    assert len(mutated) < 60 and len(mutated) < nodes_before / 20, (len(mutated), nodes_before)
    cells = page.locator(f".atlas-coverage tr[data-ka='{row}'] td")
    assert cells.first.text_content() == "R"  # the table is off screen: laid out only when scrolled to
    assert page.evaluate("() => document.getElementById('atlas-mapper').getElementsByTagName('*').length") == nodes_before


def test_the_program_page_offers_its_map_as_a_file_the_mapper_imports(page, site_url: str, tmp_path: Path) -> None:
    page.goto(site_url + "atlas/programs/example-state-university/")
    link = page.get_by_role("link", name="program (JSON)")
    assert link.get_attribute("download") == "example-state-university.json"
    with page.expect_download() as info:
        settled(link).click()
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    courses = json.loads(path.read_text(encoding="utf-8"))["courses"]
    page.goto(site_url + PAGE)
    page.locator('#atlas-mapper[data-built="true"]').wait_for()  # built in pieces after load
    choose_file(page, path)
    page.locator(".atlas-import-status", has_text="Imported").wait_for()
    assert courses and page.locator(".atlas-courses li").count() == len(courses)
