"""The Getting Started grid filled in from a self-assessment in Chromium: downloaded, read back with openpyxl (another
library than the one that wrote it), compared with the blank grid the site publishes, and, where LibreOffice is
installed, opened by it."""
from __future__ import annotations

import csv
import datetime
import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest

from browsing import settled
from conftest import real_model
from generator.compile.exports.grid import FIRST_ROW, grid_layout, grid_path
from test_assessment import ECMHS, fill_some, item, open_assessment
from test_logs import add_training

pytestmark = pytest.mark.browser
MODEL = real_model()
BUTTON = "Download the Getting Started grid (.xlsx)"
FORMULA_NOTE = "=SUM(1,2) @me +1 -1"
EVIDENCE = [label for _, label in MODEL.assessment.evidence]
COLUMNS = ["Knowledge area", *EVIDENCE, "Notes"]


def first_area():
    """The first knowledge area of ECMHS and its indicators (fill_some answers the first two items, which are its)."""
    area = ECMHS.domains[0].knowledge_areas[0]
    return area, list(area.indicators)


def fill_grid_answers(page) -> None:
    """fill_some, plus a work tick and a formula-looking note on item 0 and a training entry for the first area."""
    fill_some(page)
    item(page, 0).get_by_label("Work experience").check()
    item(page, 0).get_by_label("Note").fill(FORMULA_NOTE)
    body = page.locator("details.atlas-logs-body")
    if body.get_attribute("open") is None:
        body.locator("> summary").click()
    add_training(page, "Circle of Security", "12", areas=(MODEL.knowledge_area(first_area()[0].ka).name,),
                 provider="Center & Co")


def widths(sheet) -> dict[int, float]:
    """Each column's width by its 1-based index (a <col> element may give one width to a range of columns)."""
    return {i: d.width for d in sheet.column_dimensions.values() if d.min for i in range(d.min, d.max + 1)}


def download_grid(page, tmp_path: Path) -> Path:
    """Press the grid's button and save what Chromium downloads."""
    with page.expect_download() as info:
        settled(page.get_by_role("button", name=BUTTON)).click()
    download = info.value
    assert download.suggested_filename == f"iecmh-atlas-ECMHS-getting-started-grid-{datetime.date.today().isoformat()}.xlsx"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    return target


def test_the_filled_grid_has_the_blank_grids_layout_and_only_the_answers_it_was_given(page, site_url: str,
                                                                                    built_site: Path, tmp_path: Path) -> None:
    open_assessment(page, site_url)
    fill_grid_answers(page)
    grid = download_grid(page, tmp_path)
    assert page.locator("#atlas-status").inner_text() == f"Downloaded {grid.name}."
    with zipfile.ZipFile(grid) as archive:
        assert archive.testzip() is None, "every CRC matches"
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                ElementTree.fromstring(archive.read(name))  # well-formed, or this raises
    filled = openpyxl.load_workbook(grid).active
    blank = openpyxl.load_workbook(built_site / grid_path("ecmhs")).active
    assert filled.title == blank.title == ECMHS.code
    assert [c.value for c in filled[FIRST_ROW + 1]] == [c.value for c in blank[FIRST_ROW + 1]] == COLUMNS
    layout = grid_layout(MODEL, ECMHS)["rows"]
    assert [r[0].value for r in filled.iter_rows(min_row=FIRST_ROW + 2)] == [r["text"] for r in layout] \
        == [r[0].value for r in blank.iter_rows(min_row=FIRST_ROW + 2)]
    assert widths(filled) == pytest.approx(widths(blank)) and len(widths(filled)) == len(COLUMNS)
    assert filled.freeze_panes == blank.freeze_panes and filled.print_title_rows == blank.print_title_rows
    assert filled.page_setup.orientation == "landscape" and filled.sheet_properties.pageSetUpPr.fitToPage
    for row in (FIRST_ROW + 1, FIRST_ROW + 2, FIRST_ROW + 3):
        for mine, theirs in zip(filled[row], blank[row]):
            assert (mine.font.b, mine.border.left.style, bool(mine.alignment.wrap_text), mine.fill.fgColor.rgb) \
                == (theirs.font.b, theirs.border.left.style, bool(theirs.alignment.wrap_text), theirs.fill.fgColor.rgb)

    area, indicators = first_area()
    row = FIRST_ROW + 3  # the first domain's row, then its first knowledge area
    values = {COLUMNS[i]: c.value for i, c in enumerate(filled[row])}
    n = len(indicators)
    assert values["Knowledge area"] == (area.title or MODEL.knowledge_area(area.ka).name)
    assert values["College course"] == f"Ticked for 1 of {n} indicators"
    assert values["Work experience"] == f"Ticked for 1 of {n} indicators"
    assert values["Training"] == f"Circle of Security, Center & Co, 2025-03-01, 12 hours"
    assert values["Reflective supervision/consultation"] is None
    first, second = (" ".join(i.text.split()).rstrip(".:;") for i in indicators[:2])
    assert values["Notes"] == f"{first}: {FORMULA_NOTE}\n{second}: Took one course; \"ask\" my supervisor, = not a formula"
    assert filled.cell(row, COLUMNS.index("Notes") + 1).data_type == "s", "a note is text, never a formula"
    others = [c.value for r in filled.iter_rows(min_row=FIRST_ROW + 2) if r[0].row != row for c in r[1:]]
    assert len(others) == (len(layout) - 1) * (len(COLUMNS) - 1) and set(others) == {None}, \
        "every other evidence and notes cell is blank (item 2 is rated without evidence or note)"


def test_an_untouched_self_assessment_gives_a_grid_as_blank_as_the_sites(page, site_url: str, tmp_path: Path) -> None:
    open_assessment(page, site_url)
    sheet = openpyxl.load_workbook(download_grid(page, tmp_path)).active
    rows = list(sheet.iter_rows(min_row=FIRST_ROW + 2, values_only=True))
    assert len(rows) == len(grid_layout(MODEL, ECMHS)["rows"]) and all(v is None for r in rows for v in r[1:])


def test_libreoffice_opens_the_filled_grid_and_keeps_text_as_text(page, site_url: str, tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui to run this check)")
    open_assessment(page, site_url)
    fill_grid_answers(page)
    grid = download_grid(page, tmp_path)
    result = subprocess.run([office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                             "--convert-to", "csv", "--outdir", str(tmp_path), str(grid)],
                            capture_output=True, text=True, timeout=180)
    converted = grid.with_suffix(".csv")
    assert result.returncode == 0 and converted.is_file(), result.stdout + result.stderr
    rows = list(csv.reader(io.StringIO(converted.read_text(encoding="utf-8"))))
    assert rows[FIRST_ROW] == COLUMNS
    first = rows[FIRST_ROW + 2]
    assert first[COLUMNS.index("College course")] == f"Ticked for 1 of {len(first_area()[1])} indicators"
    assert FORMULA_NOTE in first[COLUMNS.index("Notes")], "LibreOffice read the note as text, not as a formula"
    assert first[COLUMNS.index("Training")].startswith("Circle of Security, Center & Co")
