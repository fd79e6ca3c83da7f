"""The "Getting Started" self-study grid as a spreadsheet per category: its knowledge areas (grouped by domain) by
the kinds of evidence an applicant notes (course, training, work, RSC: assessments/scale.yml `evidence`), blank.

Written with XlsxWriter rather than openpyxl: it only writes (all this needs), follows Excel's own file layout closely
(the files open in Excel and LibreOffice without repair prompts), has no dependencies, and writes every zip member
with the fixed 1980-01-01 timestamp, so with the document properties' creation date set from the dataset the same
data gives byte-identical files. openpyxl stamps the zip and core properties with the current time; the tests use
it only to read the files back, as an independent reader.
"""
from __future__ import annotations

import io
from datetime import datetime, timezone
from typing import Any

import xlsxwriter

from generator.compile.labels import NOT_ENTERED
from generator.compile.kinds import Publication
from generator.model.types import Category, Model

COLUMN_WIDTHS = {"area": 44, "evidence": 30, "notes": 30}
"""Column widths in characters: knowledge area, each evidence kind, notes."""
FIRST_ROW = 4
"""The 0-based row of the header (title, two lines of help and a blank line above it)."""
AREA_ROW_HEIGHT = 45
"""The height of a knowledge area's row in points (room to write by hand on paper)."""
HEADER_ROW_HEIGHT = 30
"""The header row's height in points: two lines, for the longer evidence kinds."""
LINE_POINTS = 15
"""The height of one line of text in points."""


CHARS_PER_WIDTH = 1.1
"""Characters of running text per unit of column width (a width counts digits, wider than the average letter)."""


def lines_points(text: str, width: int) -> int:
    """The height in points of text wrapped in a column width wide (a guess: Excel does not size rows on opening)."""
    return LINE_POINTS * max(1, -(-len(text) // int(width * CHARS_PER_WIDTH))) + 3


def grid_path(category_id: str) -> str:
    """Where a category's grid goes."""
    return f"atlas/data/self-study/{category_id}-getting-started.xlsx"


def _created(model: Model) -> datetime:
    """The document's creation date: the dataset's date (never the clock, so the bytes stay the same)."""
    return datetime.fromisoformat(model.framework.date).replace(tzinfo=timezone.utc)


HELP = ("For each knowledge area, note the evidence you have in each column: the course, the training and its hours, "
        "the work, the reflective supervision/consultation.")
"""The first line of help under the title."""


def grid_layout(model: Model, category: Category) -> dict[str, Any]:
    """What the grid holds apart from the evidence: sheet name, title, help lines and its rows (a domain, a knowledge
    area with its domain and id, or a line saying what is not yet entered), in the category's order. The blank grid
    is written from it here, and the self-assessment page fills the same layout in the browser (grid-xlsx.mjs)."""
    rows: list[dict[str, str]] = []
    for d in category.domains:
        rows.append({"kind": "domain", "text": d.title or model.domain(d.domain).name})
        if d.knowledge_areas is None:
            rows.append({"kind": "not-entered", "text": f"Knowledge areas: {NOT_ENTERED}"})
            continue
        rows.extend({"kind": "area", "domain": d.domain, "ka": k.ka, "text": k.title or model.knowledge_area(k.ka).name}
                    for k in d.knowledge_areas)
        if d.partial:
            rows.append({"kind": "not-entered", "text": f"Other knowledge areas: {NOT_ENTERED}"})
    fw = model.framework
    return {"sheet": category.code[:31], "title": f"{category.code}: {category.name}. Getting Started self-study grid",
            "help": [HELP, f"From the {fw.title}, version {fw.version} ({fw.date}). {fw.disclaimer}"],
            "header": f"{category.code}: Getting Started self-study grid", "publisher": fw.publisher, "rows": rows}


def grid_xlsx(model: Model, category: Category) -> bytes:
    """The blank self-study grid of one category as .xlsx bytes."""
    assert model.assessment is not None
    layout = grid_layout(model, category)
    evidence = [label for _, label in model.assessment.evidence]
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False})
    book.set_properties({"title": f"{category.name}: Getting Started self-study grid",
                         "author": model.framework.publisher, "company": model.framework.publisher,
                         "comments": model.framework.disclaimer, "created": _created(model)})
    sheet = book.add_worksheet(layout["sheet"])
    title = book.add_format({"bold": True, "font_size": 14})
    help_text = book.add_format({"italic": True, "font_color": "#333333", "text_wrap": True, "valign": "top"})
    header = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1, "bg_color": "#DCE3F5"})
    domain = book.add_format({"bold": True, "border": 1, "bg_color": "#F0F0F0"})
    area = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    blank = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    columns = ["Knowledge area", *evidence, "Notes"]
    last = len(columns) - 1
    sheet.write_string(0, 0, layout["title"], title)
    width = COLUMN_WIDTHS["area"] + COLUMN_WIDTHS["evidence"] * len(evidence) + COLUMN_WIDTHS["notes"]
    for i, line in enumerate(layout["help"], 1):  # across the table, wrapped, so the page is not scaled to fit them
        sheet.merge_range(i, 0, i, last, line, help_text)
        sheet.set_row(i, lines_points(line, width))
    for col, name in enumerate(columns):
        sheet.write_string(FIRST_ROW, col, name, header)
    sheet.set_row(FIRST_ROW, HEADER_ROW_HEIGHT)
    sheet.set_column(0, 0, COLUMN_WIDTHS["area"])
    sheet.set_column(1, last - 1, COLUMN_WIDTHS["evidence"])
    sheet.set_column(last, last, COLUMN_WIDTHS["notes"])
    for row, item in enumerate(layout["rows"], FIRST_ROW + 1):
        is_domain = item["kind"] == "domain"
        sheet.write_string(row, 0, item["text"], domain if is_domain else area)
        for col in range(1, last + 1):
            sheet.write_blank(row, col, None, domain if is_domain else blank)
        if item["kind"] == "area":
            sheet.set_row(row, AREA_ROW_HEIGHT)
    sheet.freeze_panes(FIRST_ROW + 1, 1)
    sheet.repeat_rows(FIRST_ROW)
    sheet.set_landscape()
    sheet.set_paper(9)  # A4; Letter users get it scaled by fit_to_pages
    sheet.fit_to_pages(1, 0)
    sheet.set_header(f"&L{layout['header']}&RPage &P of &N")
    book.close()
    return out.getvalue()


def grid_files(model: Model, publication: Publication) -> dict[str, bytes]:
    """Every category's blank grid (none without self-assessment settings, which name the evidence kinds)."""
    if model.assessment is None:
        return {}
    return {grid_path(c.id): grid_xlsx(model, c) for c in model.categories}


def grid_listing(model: Model) -> dict[str, str]:
    """The grids with what each holds (for the open-data page)."""
    if model.assessment is None:
        return {}
    return {grid_path(c.id): f"{c.name}: Getting Started self-study grid, blank (spreadsheet)" for c in model.categories}
