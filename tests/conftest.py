"""Shared fixtures: a tiny dataset to break on purpose, the real dataset, and a built site served locally."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "competencies" / "schemas"
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the tiny test dataset (with the real schemas) that a test may edit."""
    data = tmp_path / "competencies"
    shutil.copytree(MINI, data)
    shutil.copytree(SCHEMAS, data / "schemas")
    return data


def edit(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of old by new in a file, failing loudly if old is absent."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The 1-based line number of the only line containing needle."""
    lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    assert len(lines) == 1, f"{needle!r} is on lines {lines} of {path}"
    return lines[0]
