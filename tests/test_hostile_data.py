"""Hostile data files through the command line: each is refused with file, line and a one-line reason, never a
traceback, every error of a run at once. The commands run in this process (test_cli.run_here), so that each
refusal costs a check, not a Python start-up; tests/test_cli.py runs the command line itself, and
tests/test_failed_builds.py the builds that fail after MkDocs starts."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit, line_of
from test_cli import project, run_here  # noqa: F401 - the throwaway project fixture and the runner

ALPHA = Path("competencies") / "categories" / "alpha.yml"


def refusal(project: Path, *args: str) -> list[str]:
    """Run the command expecting a data refusal; return its error lines (without the closing count)."""
    result = run_here(project, *args)
    errors = result.stderr
    assert result.returncode == 1, (result.returncode, result.stdout, errors)
    lines = errors.strip().splitlines()
    assert lines[-1].endswith("error(s); nothing was built."), lines
    assert len(errors) < 5000, errors[:5000]  # one short line per error, no expanded values
    return lines[:-1]


@pytest.mark.parametrize("value", [".nan", ".NaN", ".inf", "+.inf", "1.0e+400", "-1.0e+400"])
def test_not_a_number_or_infinity_is_refused_with_file_and_line(project: Path, value: str) -> None:
    edit(project / ALPHA, "total_hours: 33", f"total_hours: {value}")
    line = line_of(project / ALPHA, "total_hours:")
    assert refusal(project, "validate") == [f"{ALPHA}:{line}:18: requirements.training.total_hours: {value} is not "
                                            "a finite number"]


def test_not_a_number_in_a_program_map_is_refused(project: Path) -> None:
    path = Path("assessments") / "programs" / "test-program.yml"
    edit(project / path, "clock_hours: 10", "clock_hours: .nan")
    [error] = refusal(project, "validate")
    assert error.startswith(f"{path}:{line_of(project / path, 'clock_hours:')}:") and "not a finite number" in error


@pytest.mark.parametrize("digits", [400, 5000])
def test_a_number_with_hundreds_or_thousands_of_digits_is_refused(project: Path, digits: int) -> None:
    edit(project / ALPHA, "total_hours: 33", "total_hours: 1" + "0" * (digits - 1))
    [error] = refusal(project, "generate")
    assert error.startswith(f"{ALPHA}:{line_of(project / ALPHA, 'total_hours:')}:18: requirements.training."
                            "total_hours: ")
    assert "is too large" in error and len(error) < 300


def test_a_huge_whole_number_as_a_key_is_refused_briefly(project: Path) -> None:
    (project / ALPHA).write_text("? 1" + "0" * 5000 + "\n: x\n" + (project / ALPHA).read_text(encoding="utf-8"),
                                 encoding="utf-8")
    [error] = refusal(project, "validate")
    assert error.startswith(f"{ALPHA}:1:3: ") and "too large" in error


def test_an_impossible_date_is_refused(project: Path) -> None:
    path = project / "competencies" / "framework.yml"
    edit(path, 'date: "2026-01-01"', "date: 2026-13-01")
    [error] = refusal(project, "validate")
    assert error.startswith(f"competencies/framework.yml:{line_of(path, 'date:')}:7: date: ")
    assert "2026-13-01" in error


def test_aliases_inside_a_complex_key_are_refused_at_once(project: Path) -> None:
    levels = ["&l0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"&l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 9)]
    key = "? [" + ", ".join(levels) + "]\n: value\n"  # 10^9 strings if the key were built
    (project / ALPHA).write_text((project / ALPHA).read_text(encoding="utf-8") + key, encoding="utf-8")
    line = line_of(project / ALPHA, "? [")
    assert refusal(project, "validate") == [f"{ALPHA}:{line}:3: a mapping key must be plain text, not a list "
                                            "or mapping"]


def test_an_alias_as_a_key_is_refused(project: Path) -> None:
    edit(project / ALPHA, "code: ALPHA", "&k code: ALPHA\n*k : again")
    [error] = refusal(project, "validate")  # the composer hands back the anchored key, so the anchor is named
    assert error.startswith(f"{ALPHA}:{line_of(project / ALPHA, '&k')}:1: ") and "aliases are not allowed" in error


@pytest.mark.parametrize("style", ["flow", "block"])
def test_a_value_nested_600_levels_deep_is_refused(project: Path, style: str) -> None:
    if style == "flow":
        nested = "[" * 600 + "]" * 600
    else:
        nested = "".join(f"\n{'  ' * (i + 1)}k{i}:" for i in range(600)) + " x"
    edit(project / ALPHA, "summary: A test category with indicators.", f"summary: A test.\nnote: {nested}")
    [error] = refusal(project, "validate")
    assert error.startswith(f"{ALPHA}:") and "nested more than" in error


@pytest.mark.parametrize("body, line, message", [
    ("# {{ page }}\n\nHello {{ nosuch }}.\n", 3, "'nosuch' is undefined"),
    ("# Title\n\n{% if %}\n", 3, "Expected an expression"),
    ("# Title\n\n\n{% for x in model.categories %}\n{{ x.name }}\n", 5, "Unexpected end of template"),
    ("# Title\n{{ (model.categories | length) // 0 }}\n", 2, "ZeroDivisionError"),
])
def test_a_broken_template_override_names_the_template_and_line(project: Path, body: str, line: int,
                                                                message: str) -> None:
    overrides = project / "site_templates" / "overrides"
    overrides.mkdir()
    (overrides / "category.md.j2").write_text(body, encoding="utf-8")
    [error] = refusal(project, "generate")
    assert error.startswith(f"site_templates/overrides/category.md.j2:{line}: template error: "), error
    assert message in error
    assert not (project / "build").exists()  # nothing was written


def test_an_unclosed_quote_is_reported_where_it_opens(project: Path) -> None:
    edit(project / ALPHA, "summary: A test category", 'summary: "A test category')
    line = line_of(project / ALPHA, 'summary: "')
    [error] = refusal(project, "validate")
    assert error.startswith(f"{ALPHA}:{line}:10: invalid YAML: "), error
    assert "never closed" in error


def test_a_quote_closed_by_a_later_quote_is_reported_where_it_opens(project: Path) -> None:
    edit(project / ALPHA, "summary: A test category", 'summary: "A test category')
    edit(project / ALPHA, "text: Stays open and curious.", 'text: "Stays open and curious."')
    line = line_of(project / ALPHA, 'summary: "')
    later = line_of(project / ALPHA, 'text: "Stays')
    [error] = refusal(project, "validate")
    assert error.startswith(f"{ALPHA}:{line}:10: invalid YAML: "), error
    assert f"line {later}" in error


def test_a_nul_byte_is_reported_where_it_stands(project: Path) -> None:
    edit(project / ALPHA, "track: early-childhood", "track: early\0childhood")
    line = line_of(project / ALPHA, "track:")
    assert refusal(project, "validate") == [f"{ALPHA}:{line}:13: invalid YAML: character U+0000 is not allowed in "
                                            "a YAML file"]


def test_a_schema_error_does_not_hide_a_reference_error_in_another_file(project: Path) -> None:
    edit(project / ALPHA, "track: early-childhood", "track: toddlers")
    edit(project / "competencies" / "glossary.yml", "see_also: [endorsement]", "see_also: [licence]")
    edit(project / "competencies" / "categories" / "beta.yml", "- ka: pregnancy", "- ka: wonder")
    errors = refusal(project, "validate")
    assert len(errors) == 3, errors
    assert errors[0].startswith(f"{ALPHA}:") and "'toddlers' is not one of" in errors[0]
    assert errors[1].startswith("competencies/categories/beta.yml:") and "unknown knowledge area 'wonder'" in errors[1]
    assert errors[2].startswith("competencies/glossary.yml:") and "unknown term 'licence'" in errors[2]


def test_references_into_a_broken_file_are_not_reported_as_unknown(project: Path) -> None:
    edit(project / "competencies" / "framework.yml", 'date: "2026-01-01"', "date: 2026-01-01")
    edit(project / "competencies" / "knowledge-areas.yml", "domain: ref", "domain: [ref]")
    edit(project / ALPHA, "counterpart: beta", "counterpart: nobody")
    errors = refusal(project, "validate")
    assert [e.split(":")[0] for e in errors] == [str(ALPHA), "competencies/framework.yml",
                                                 "competencies/knowledge-areas.yml"], errors
    assert "unknown category 'nobody'" in errors[0]


def test_missing_scale_is_named_by_validation(project: Path) -> None:
    (project / "assessments" / "scale.yml").unlink()
    assert refusal(project, "validate") == ["assessments/scale.yml:1:1: required self-assessment scale file is "
                                            "missing (the assessments/ folder exists)"]
