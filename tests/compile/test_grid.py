"""The Getting Started self-study grid: a readable spreadsheet per category, byte-identical from the same data, read
back with openpyxl (another library than the one that writes it) and, where LibreOffice is installed, converted by it."""
from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import ROOT, edit, real_exports, real_model
from generator.compile.exports import export_files
from generator.compile.exports.grid import FIRST_ROW, grid_path
from generator.compile.labels import NOT_ENTERED
from generator.model.types import Category, Model
from generator.pipeline import load_model

REAL = ROOT / "competencies"


def expected_rows(model: Model, category: Category) -> list[tuple[str, bool]]:
    """The first column below the header: (text, is a domain row), in the category's order."""
    rows = []
    for d in category.domains:
        rows.append((d.title or model.domain(d.domain).name, True))
        if d.knowledge_areas is None:
            rows.append((f"Knowledge areas: {NOT_ENTERED}", False))
        rows.extend((k.title or model.knowledge_area(k.ka).name, False) for k in d.knowledge_areas or ())
        if d.partial:
            rows.append((f"Other knowledge areas: {NOT_ENTERED}", False))
    return rows


@pytest.mark.parametrize("which", ["real", "mini"])
def test_a_grid_per_category_with_every_knowledge_area_and_blank_evidence(which: str, mini: Path) -> None:
    model = real_model() if which == "real" else load_model(mini)
    assert model.assessment is not None
    files = real_exports() if which == "real" else export_files(model)
    assert {p for p in files if p.endswith(".xlsx")} == {grid_path(c.id) for c in model.categories}
    evidence = [label for _, label in model.assessment.evidence]
    for category in model.categories:
        book = openpyxl.load_workbook(io.BytesIO(files[grid_path(category.id)]))
        assert book.sheetnames == [category.code[:31]]
        sheet = book.active
        assert category.name in sheet["A1"].value
        header = [c.value for c in sheet[FIRST_ROW + 1]]
        assert header == ["Knowledge area", *evidence, "Notes"]
        rows = list(sheet.iter_rows(min_row=FIRST_ROW + 2, values_only=True))
        assert [(r[0], r[0] in {d.title or model.domain(d.domain).name for d in category.domains}) for r in rows] \
            == expected_rows(model, category)
        assert all(cell is None for r in rows for cell in r[1:]), "the evidence cells are blank"
        cells = [sheet.cell(FIRST_ROW + 2 + i, 1) for i, (_, is_domain) in enumerate(expected_rows(model, category))]
        assert all(c.font.b == is_domain for c, (_, is_domain) in zip(cells, expected_rows(model, category)))


def test_the_grid_reads_well_on_screen_and_on_paper(mini: Path) -> None:
    model = load_model(mini)
    sheet = openpyxl.load_workbook(io.BytesIO(export_files(model)[grid_path("alpha")])).active
    assert sheet.freeze_panes == f"B{FIRST_ROW + 2}"
    assert sheet.column_dimensions["A"].width > 40 and sheet.column_dimensions["B"].width > 25
    # one page wide (fitToWidth defaults to 1 when the file leaves it out), as many pages long as it takes
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.fitToWidth in (None, 1)
    assert sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows.replace("$", "") == f"{FIRST_ROW + 1}:{FIRST_ROW + 1}"
    header = sheet.cell(FIRST_ROW + 1, 2)
    assert header.font.b and header.alignment.wrap_text and header.border.left.style == "thin"
    assert sheet.row_dimensions[FIRST_ROW + 1].height >= 30, "two lines for the longer evidence kinds"
    # the help lines span the table and wrap, so a long line does not make the page scale down to fit it
    last = sheet.cell(FIRST_ROW + 1, sheet.max_column).column_letter
    assert {str(r) for r in sheet.merged_cells.ranges} == {f"A2:{last}2", f"A3:{last}3"}
    assert sheet["A3"].alignment.wrap_text and sheet.row_dimensions[3].height >= 18


@pytest.mark.parametrize("which", ["real", "mini"])
def test_the_grid_is_byte_identical_from_the_same_data(which: str, mini: Path) -> None:
    data = REAL if which == "real" else mini
    first, second = export_files(load_model(data)), export_files(load_model(data))
    grids = [p for p in first if p.endswith(".xlsx")]
    assert grids and all(first[p] == second[p] for p in grids)
    model = load_model(data)
    with zipfile.ZipFile(io.BytesIO(first[grids[0]])) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert f"<dcterms:created xsi:type=\"dcterms:W3CDTF\">{model.framework.date}T00:00:00Z" in core


def test_text_that_looks_like_a_formula_stays_text(mini: Path) -> None:
    edit(mini / "categories" / "alpha.yml", "      - ka: curiosity\n", "      - ka: curiosity\n        title: '=1+1'\n")
    sheet = openpyxl.load_workbook(io.BytesIO(export_files(load_model(mini))[grid_path("alpha")])).active
    [cell] = [c for row in sheet.iter_rows() for c in row if c.value == "=1+1"]
    assert cell.data_type == "s"


def test_no_grid_without_the_evidence_kinds(mini: Path) -> None:
    shutil.rmtree(mini.parent / "assessments")
    model = load_model(mini)
    assert model.assessment is None
    assert not [p for p in export_files(model) if p.endswith(".xlsx")]


def test_libreoffice_opens_and_prints_the_grid(tmp_path: Path, mini: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui to run this check)")
    grid = tmp_path / "alpha.xlsx"
    grid.write_bytes(export_files(load_model(mini))[grid_path("alpha")])
    result = subprocess.run([office, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                             "--convert-to", "pdf", "--outdir", str(tmp_path), str(grid)],
                            capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "alpha.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stdout + result.stderr
    assert pdf.read_bytes().startswith(b"%PDF") and b"/Type /Page" in pdf.read_bytes().replace(b"/Type/Page", b"/Type /Page")
