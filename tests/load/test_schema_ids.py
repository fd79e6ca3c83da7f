"""The data schemas work in standard tools: absolute $ids, references that a registry built from the files (or
check-jsonschema pointed at the files) resolves, every data file valid there; and validator messages that never
contradict themselves and suggest the nearest key."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import click.testing
import jsonschema
import pytest
import referencing
import referencing.jsonschema
import yaml
from check_jsonschema import main as check_jsonschema_command

from conftest import ROOT, edit
from generator.errors import DataErrors
from generator.pipeline import load_model

SCHEMA_DIRS = (ROOT / "competencies" / "schemas", ROOT / "assessments" / "schemas")
SCHEMA_COMMENT = re.compile(r"#\s*yaml-language-server:\s*\$schema=(\S+)")


def schema_files() -> list[Path]:
    """Every schema file of the project."""
    found = sorted(p for d in SCHEMA_DIRS for p in d.glob("*.schema.json"))
    assert len(found) >= 10
    return found


def data_files() -> list[tuple[Path, Path]]:
    """Every data file of the project with the schema its yaml-language-server comment names (as editors read it)."""
    pairs = []
    for path in sorted([*(ROOT / "competencies").rglob("*.yml"), *(ROOT / "assessments").rglob("*.yml")]):
        match = SCHEMA_COMMENT.match(path.read_text(encoding="utf-8").splitlines()[0])
        assert match, f"{path} does not name its schema on its first line"
        pairs.append((path, (path.parent / match.group(1)).resolve()))
    assert len(pairs) >= 20
    return pairs


def test_every_schema_has_an_absolute_id_that_mirrors_its_place() -> None:
    for path in schema_files():
        schema_id = json.loads(path.read_text(encoding="utf-8"))["$id"]
        parts = urlsplit(schema_id)
        assert parts.scheme == "https" and parts.netloc, schema_id
        assert parts.path == "/" + path.relative_to(ROOT).as_posix(), schema_id


def registry() -> referencing.Registry:
    """A registry of every schema under its $id, built from the files alone (no project code)."""
    resources = []
    for path in schema_files():
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((schema["$id"], referencing.jsonschema.DRAFT202012.create_resource(schema)))
    return referencing.Registry().with_resources(resources)


def test_every_data_file_is_valid_with_a_registry_built_from_the_files() -> None:
    known = registry()
    for path, schema_path in data_files():
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
        validator = jsonschema.Draft202012Validator(schema, registry=known)
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert [e.message for e in validator.iter_errors(data)] == [], path


def test_the_registry_check_fails_on_a_bad_reference_target(tmp_path: Path) -> None:
    known = registry()
    category = ROOT / "competencies" / "categories" / "ecmhs.yml"
    schema = json.loads((ROOT / "competencies" / "schemas" / "category.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load(category.read_text(encoding="utf-8"))
    data["source"]["doc"] = "Not A Slug"  # checked only through common.schema.json#/$defs/slug
    errors = list(jsonschema.Draft202012Validator(schema, registry=known).iter_errors(data))
    assert errors and "Not A Slug" in errors[0].message


def check_jsonschema(schema: Path, files: list[Path]) -> click.testing.Result:
    """Run check-jsonschema's command (its own loader and reference resolution) on files, references read from disk.
    It runs in this process through click's test runner, as its own test suite runs it, so that each schema costs a
    check and not a Python start-up."""
    return click.testing.CliRunner().invoke(check_jsonschema_command, [
        "--no-cache", "--base-uri", schema.as_uri(), "--schemafile", str(schema), *map(str, files)])


def test_check_jsonschema_accepts_every_data_file() -> None:
    by_schema: dict[Path, list[Path]] = {}
    for path, schema in data_files():
        by_schema.setdefault(schema, []).append(path)
    for schema, files in by_schema.items():
        result = check_jsonschema(schema, files)
        assert result.exit_code == 0, result.output


def test_check_jsonschema_refuses_a_broken_file(tmp_path: Path) -> None:
    broken = tmp_path / "ecmhs.yml"
    text = (ROOT / "competencies" / "categories" / "ecmhs.yml").read_text(encoding="utf-8")
    assert text.count("\nsource: {doc: mi-aimh-ecmhs-2025,") == 1
    # a value checked only through a reference into common.schema.json (#/$defs/slug)
    broken.write_text(text.replace("\nsource: {doc: mi-aimh-ecmhs-2025,", "\nsource: {doc: Not A Slug,"),
                      encoding="utf-8")
    result = check_jsonschema(ROOT / "competencies" / "schemas" / "category.schema.json", [broken])
    assert result.exit_code == 1 and "Not A Slug" in result.output, result.output


# --- messages --------------------------------------------------------------------------------------------------


def errors_of(data: Path) -> list[str]:
    """Every error message of a failing load, file paths relative to the data folder."""
    with pytest.raises(DataErrors) as caught:
        load_model(data)
    return [str(e).replace(str(data) + "/", "") for e in caught.value.errors]


def test_a_misspelt_key_gets_a_suggestion_and_no_contradiction(mini: Path) -> None:
    alpha = mini / "categories" / "alpha.yml"
    edit(alpha, "    source: {doc: src-a, section: Education}", "    sorce: {doc: src-a, section: Education}")
    errors = errors_of(mini)
    assert len(errors) == 2, errors
    missing, unknown = errors
    assert missing.endswith("requirements.education: missing required field 'source'")
    assert "unknown key 'sorce': did you mean 'source'? (allowed here: " in unknown
    allowed = unknown.split("(allowed here: ")[1].rstrip(")").split(", ")
    assert "source" in allowed and "summary" in allowed
    assert not any(f"unknown key '{key}'" in e for key in allowed for e in errors)


def test_an_unknown_key_far_from_any_is_named_without_a_guess(mini: Path) -> None:
    edit(mini / "categories" / "alpha.yml", "code: ALPHA\n", "code: ALPHA\nzzzz: 1\n")
    [error] = errors_of(mini)
    assert "unknown key 'zzzz' (allowed here: " in error and "did you mean" not in error


def test_a_misspelt_top_level_key_is_suggested(mini: Path) -> None:
    edit(mini / "categories" / "alpha.yml", "summary: A test category", "sumary: A test category")
    errors = errors_of(mini)
    assert any("unknown key 'sumary': did you mean 'summary'?" in e for e in errors), errors
    assert any("missing required field 'summary'" in e for e in errors), errors
