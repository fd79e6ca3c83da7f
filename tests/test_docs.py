"""Documentation is tested like code: every data field and every page kind is documented."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT, SCHEMAS
from generator.compile.registry import PAGE_KINDS
from generator.load.files import FOLDER_KINDS, SINGLE_FILES
from generator.load.schemas import schema_fields, schema_kinds

DATA_DOC = ROOT / "docs" / "reference" / "data-files.md"
PAGES_DOC = ROOT / "docs" / "reference" / "page-kinds.md"


def section(text: str, anchor: str) -> str:
    """The part of a Markdown page from the heading with {#anchor} to the next heading of level 2."""
    match = re.search(r"^## .*\{#" + re.escape(anchor) + r"\}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"no section {{#{anchor}}} in {DATA_DOC.name}"
    return match.group(1)


def test_every_file_kind_has_a_schema() -> None:
    assert set(schema_kinds(SCHEMAS)) - {"common"} == set(SINGLE_FILES.values()) | set(FOLDER_KINDS.values())


@pytest.mark.parametrize("kind", sorted(set(SINGLE_FILES.values()) | set(FOLDER_KINDS.values())))
def test_every_field_of_every_file_kind_is_documented(kind: str) -> None:
    part = section(DATA_DOC.read_text(encoding="utf-8"), kind)
    fields = schema_fields(SCHEMAS, kind)
    assert fields, f"the {kind} schema has no fields"
    missing = [path for path, _, _ in fields if f"`{path}`" not in part]
    assert not missing, f"fields of {kind} missing from {DATA_DOC.name}: {missing}"


@pytest.mark.parametrize("kind", ["scale", "program"])
def test_every_field_of_the_assessment_files_is_documented(kind: str) -> None:
    part = section(DATA_DOC.read_text(encoding="utf-8"), kind)
    fields = schema_fields(ROOT / "assessments" / "schemas", kind)
    assert fields and all(desc for _, _, desc in fields)
    missing = [path for path, _, _ in fields if f"`{path}`" not in part]
    assert not missing, f"scale fields missing from {DATA_DOC.name}: {missing}"


def test_every_schema_field_has_a_description() -> None:
    assert len(schema_kinds(SCHEMAS)) > 5
    for kind in schema_kinds(SCHEMAS):
        if kind != "common":
            assert all(desc for _, _, desc in schema_fields(SCHEMAS, kind)), kind


def test_data_files_point_editors_at_their_schema() -> None:
    paths = sorted([*(ROOT / "competencies").rglob("*.yml"), *(ROOT / "assessments").rglob("*.yml")])
    assert len(paths) > 10
    for path in paths:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+\.schema\.json)", first)
        assert match, f"{path} does not start with a yaml-language-server schema comment"
        assert (path.parent / match.group(1)).resolve().is_file(), path


def test_every_page_kind_is_documented() -> None:
    text = PAGES_DOC.read_text(encoding="utf-8")
    rows = re.findall(r"^\| [^|]+ \| `([^`]+\.md\.j2)` \| `([^`]+)` \|", text, re.M)
    assert rows, f"no page-kind table in {PAGES_DOC.name}"
    assert sorted(rows) == sorted((kind.template, kind.path) for kind in PAGE_KINDS), "registry and table differ"
    partials = sorted((ROOT / "site_templates" / "partials").glob("*.j2"))
    assert partials
    for partial in partials:
        assert f"`{partial.name}`" in text, f"{partial.name} is not described in {PAGES_DOC.name}"


def test_readme_starts_with_the_two_commands() -> None:
    lines = [line for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines() if line.strip()]
    commands = [line for line in lines[:12] if line.startswith(("make ", "    make "))]
    assert [c.strip() for c in commands][:2] == ["make serve", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_dataset_does_not_repeat_the_sources() -> None:
    """No run of 10+ source words anywhere, and no near-copy (10 of 12 words in order) in the data folders."""
    tool = ROOT.parent / "shared" / "tools" / "originality.py"
    if not tool.is_file():
        pytest.skip("../shared/tools/originality.py is not beside this checkout")
    result = subprocess.run([sys.executable, str(tool), str(ROOT), "--near"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert "no near-copy" in result.stdout, result.stdout[-3000:]
