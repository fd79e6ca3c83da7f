"""Hostile data files through the command line: each is refused with file, line and a one-line reason, never a
traceback, every error of a run at once, and a failed build leaves every earlier output as it was."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT, edit, line_of
from test_cli import project, run  # noqa: F401 - the throwaway project fixture and the CLI runner

ALPHA = Path("competencies") / "categories" / "alpha.yml"


def refusal(project: Path, *args: str) -> list[str]:
    """Run the command expecting a data refusal; return its error lines (without the closing count)."""
    result = run(project, *args)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert lines[-1].endswith("error(s); nothing was built."), lines
    assert len(result.stderr) < 5000, result.stderr[:5000]  # one short line per error, no expanded values
    return lines[:-1]


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its exact bytes."""
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert files, f"nothing under {folder}"
    return files


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


def test_a_failed_build_leaves_every_earlier_output_as_it_was(project: Path) -> None:
    (project / "node_modules").symlink_to(ROOT / "node_modules")  # esbuild and the shim for the offline copy
    for command in ("build", "offline", "generate"):
        done = run(project, command)
        assert done.returncode == 0, (command, done.stderr)
    outputs = [project / "site", project / "build"]  # build/ holds the offline zip and the generated files
    before = [tree_bytes(folder) for folder in outputs]
    assert "iecmh-atlas-offline.zip" in before[1] and "pages/atlas/index.md" in before[1]

    edit(project / ALPHA, "Helps parents look", "Now helps parents look")  # valid data: the pages would change
    (project / "docs" / "index.md").write_text("# Home\n\n[gone](atlas/nowhere.md)\n", encoding="utf-8")
    for command in ("build", "offline"):  # the strict build fails on the broken link, after the pipeline ran
        failed = run(project, command)
        assert failed.returncode == 1 and "site build failed" in failed.stderr, (command, failed.stderr)
        assert "Traceback" not in failed.stderr
    assert [tree_bytes(folder) for folder in outputs] == before

    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    overrides = project / "site_templates" / "overrides"
    overrides.mkdir()
    (overrides / "category.md.j2").write_text("# {{ nosuch }}\n", encoding="utf-8")
    for command in ("build", "offline", "generate"):  # a broken template: the plugin's run fails as generate's
        failed = run(project, command)
        assert failed.returncode == 1 and "Traceback" not in failed.stderr, (command, failed.stderr)
        assert "site_templates/overrides/category.md.j2:1: template error: 'nosuch' is undefined" in failed.stderr
    assert [tree_bytes(folder) for folder in outputs] == before

    (overrides / "category.md.j2").unlink()
    (project / "assessments" / "scale.yml").unlink()
    for command in ("build", "offline", "generate"):
        assert refusal(project, command)[0].startswith("assessments/scale.yml:1:1: ")
    assert [tree_bytes(folder) for folder in outputs] == before
    leftovers = [p.name for folder in (project, *outputs) for p in folder.iterdir() if p.name.startswith(".")]
    assert not leftovers, leftovers
