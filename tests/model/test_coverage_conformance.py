"""The shared coverage cases (tests/conformance/coverage/*.json), run against the Python rules; tests/js runs the
same files against the browser's mapper/coverage.mjs, so the two implementations cannot drift apart."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT
from generator.load.files import Documents
from generator.load.ids import Index
from generator.load.rules import program as program_rules
from generator.load.schemas import check_schema, vocabulary_of
from generator.load.yamlfile import YamlDocument, read_yaml
from generator.model.coverage import category_coverage, matrix
from generator.model.types import (Category, CategoryDomain, CategoryKnowledgeArea, Course, Cover, Domain, Framework,
                                   Indicator, KnowledgeArea, Model, Program, Source)
from generator.model.vocabulary import vocabulary_from

CASES = ROOT / "tests" / "conformance"
CASE_FILES = sorted((CASES / "coverage").glob("*.json"))
SOURCE = Source("case", "conformance case")


def case_model(data: dict[str, Any]) -> Model:
    """A model holding just the domains, knowledge areas, indicators and categories of the case data."""
    errors: list = []
    vocabulary_doc = read_yaml(ROOT / "competencies" / "vocabulary.yml", errors)
    assert vocabulary_doc is not None and not errors
    kas = {k["id"]: k for k in data["knowledge_areas"]}
    texts = {i["id"]: i for i in data["indicators"]}
    categories = []
    for c in data["categories"]:
        domains = []
        for d in data["domains"]:
            entries = tuple(CategoryKnowledgeArea(ka, "", SOURCE, None, False, tuple(
                Indicator(i, texts[i]["text"], SOURCE, None) for i in c["indicators"] if texts[i]["ka"] == ka))
                for ka in c["knowledge_areas"] if kas[ka]["domain"] == d["id"])
            if entries:
                domains.append(CategoryDomain(d["id"], "", entries))
        categories.append(Category(c["id"], c["code"], c["name"], "infant", ("promotion",), "established", None, None,
                                   "A case category.", SOURCE, (), None, {}, tuple(domains)))
    return Model(Framework("Case", "Case", "1", "1", "2020-01-01", "none", "none", "paraphrase", ()),
                 vocabulary_from(vocabulary_doc.data),
                 tuple(Domain(d["id"], d["name"], "A case domain.", SOURCE, None) for d in data["domains"]),
                 tuple(KnowledgeArea(k["id"], k["name"], k["domain"], "A case area.", SOURCE, None)
                       for k in data["knowledge_areas"]),
                 tuple(categories), (), ())


def case_program(raw: dict[str, Any]) -> Program:
    """The program of a case."""
    return Program(raw["id"], raw["institution"], raw["program"], False, None, tuple(raw["target_categories"]),
                   tuple(Course(c["code"], c["title"], c.get("credits"), c.get("clock_hours"),
                                tuple(Cover(x["item"], x["level"], x.get("hours")) for x in c["covers"]))
                         for c in raw["courses"]))


def program_errors(data: dict[str, Any], raw: dict[str, Any]) -> list[str]:
    """The errors the load stage reports for the case's program map (which must pass its schema)."""
    doc = YamlDocument(Path(f"{raw['id']}.yml"), raw)
    vocabulary = vocabulary_of(read_yaml(ROOT / "competencies" / "vocabulary.yml", []).data)
    assert check_schema(doc, "program", ROOT / "assessments" / "schemas", vocabulary) == []
    index = Index(category_ids={c["id"] for c in data["categories"]},
                  indicator_ka={i["id"]: i["ka"] for i in data["indicators"]},
                  claimed={f"ka:{k['id']}": (doc, ()) for k in data["knowledge_areas"]})
    return [e.message for e in program_rules.check(doc, index, Documents())]


def test_there_are_cases() -> None:
    assert len(CASE_FILES) >= 3


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_python_coverage_follows_the_shared_case(path: Path) -> None:
    data = json.loads((CASES / "data.json").read_text(encoding="utf-8"))
    case = json.loads(path.read_text(encoding="utf-8"))
    expected = case["expected"]
    errors = program_errors(data, case["program"])
    assert len(errors) == len(expected["errors"]), errors
    for phrase in expected["errors"]:
        assert sum(phrase in e for e in errors) == 1, (phrase, errors)
    model, program = case_model(data), case_program(case["program"])
    if "matrix" in expected:
        found = [{"domain": d, "rows": [{"ka": r.ka, "cells": list(r.cells), "reached": r.reached,
                                         "highest": r.highest, "hours": r.hours} for r in rows]}
                 for d, _, rows in matrix(model, program)]
        assert found == expected["matrix"]
    for category_id, want in expected.get("coverage", {}).items():
        got = category_coverage(model, program, category_id)
        assert {key: got[key] for key in want} == want, category_id
