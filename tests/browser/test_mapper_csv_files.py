"""The mapper imports the CSV files spreadsheets write, in real Chromium: Excel's Windows-1252, semicolon-separated
"CSV" is read as such (and the status says so), and a UTF-16 "Unicode Text" file is refused with how to save it,
the saved map left byte-identical."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import ROOT
from generator.pipeline import load_model

pytestmark = pytest.mark.browser

PAGE = "atlas/programs/mapper/"
STORAGE_KEY = "iecmh-atlas.mapper.v1"
TITLE = "Développement de l’enfant – théorie"
HEADER = "course_code;course_title;credits;clock_hours;item;level;hours"


def open_mapper(page, site_url: str) -> None:
    """Open the mapper and wait until it is built."""
    page.goto(site_url + PAGE)
    page.locator('#atlas-mapper[data-built="true"]').wait_for()  # built in pieces after load


def import_file(page, path: Path) -> None:
    """Choose a file in the mapper's import control."""
    page.get_by_label("Import a filled-in CSV template or a JSON export:").set_input_files(str(path))


def test_a_windows_1252_semicolon_file_imports_and_says_how_it_was_read(page, site_url: str, tmp_path: Path) -> None:
    ka = load_model(ROOT / "competencies").knowledge_areas[0].id
    filled = tmp_path / "excel.csv"
    filled.write_bytes(f"{HEADER}\r\nEDU 610;{TITLE};3;45;ka:{ka};R;1,5\r\n".encode("cp1252"))
    open_mapper(page, site_url)
    import_file(page, filled)
    status = page.locator(".atlas-status", has_text="Imported")
    status.wait_for()
    assert "read as Windows-1252, semicolon-separated" in status.inner_text()
    assert TITLE in page.locator(".atlas-courses").inner_text()
    saved = json.loads(page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}')"))
    [course] = [c for c in saved["courses"] if c["code"] == "EDU 610"]
    assert course["title"] == TITLE and course["covers"] == [{"item": f"ka:{ka}", "level": "R", "hours": 1.5}]


def test_a_utf16_file_is_refused_with_how_to_save_it(page, site_url: str, tmp_path: Path) -> None:
    ka = load_model(ROOT / "competencies").knowledge_areas[0].id
    open_mapper(page, site_url)
    page.get_by_label("Course code").fill("EDU 501")
    page.get_by_label("Course title").fill("Development")
    page.get_by_role("button", name="Add course").click()
    page.locator(".atlas-status", has_text="Added EDU 501.").wait_for()
    before = page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}')")
    unicode_text = tmp_path / "unicode.txt.csv"
    unicode_text.write_bytes(f"{HEADER}\r\nEDU 610;{TITLE};3;45;ka:{ka};R;\r\n".replace(";", "\t").encode("utf-16"))
    import_file(page, unicode_text)
    page.locator(".atlas-status", has_text="Import refused").wait_for()
    [error] = page.locator(".atlas-import-errors li").all_inner_texts()
    assert "UTF-16" in error and "CSV UTF-8 (Comma delimited)" in error and "LibreOffice" in error
    assert page.evaluate(f"() => localStorage.getItem('{STORAGE_KEY}')") == before
    assert page.locator(".atlas-courses li").count() == 1
