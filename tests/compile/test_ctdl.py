"""The CTDL-ASN export: every term is one the CTDL-ASN schema has for its class, with a value of the right kind; the
hierarchy and every alignment of the category's CASE document are there."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import real_model as shared_real_model
from generator.compile.exports import export_files
from generator.compile.exports.case import case_documents
from generator.compile.exports.ctdl import ALIGNMENTS, CONTEXT, ctdl_path
from generator.compile.kinds import Publication
from generator.model.types import Model
from generator.pipeline import load_model

TERMS = json.loads((Path(__file__).parent / "ctdl-asn-terms.json").read_text(encoding="utf-8"))
DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})")
IRI = re.compile(r"(urn:uuid:|https?://)\S+")
SITE = "https://atlas.example.org/iecmh/"


def value_problem(kind: str, value: Any) -> str | None:
    """What is wrong with a value of a term of this kind, or None."""
    checks = {
        "langString": lambda v: isinstance(v, dict) and v and all(isinstance(t, str) and t.strip() for t in v.values()),
        "uri": lambda v: isinstance(v, str) and IRI.fullmatch(v),
        "uris": lambda v: isinstance(v, list) and v and all(isinstance(u, str) and IRI.fullmatch(u) for u in v),
        "text": lambda v: isinstance(v, str) and v.strip(),
        "dateTime": lambda v: isinstance(v, str) and DATETIME.fullmatch(v),
        "languages": lambda v: isinstance(v, list) and v and all(isinstance(t, str) for t in v),
    }
    return None if checks[kind](value) else f"not a {kind}: {value!r}"


def ctdl_problems(document: Any) -> list[str]:
    """Every term a CTDL-ASN graph uses that its class does not have, and every value of the wrong kind."""
    if not isinstance(document, dict) or document.get("@context") != TERMS["context"]:
        return ["not a CTDL-ASN JSON-LD document with its context"]
    problems = []
    for node in document.get("@graph", []):
        terms = TERMS["classes"].get(node.get("@type"))
        if terms is None:
            problems.append(f"{node.get('@id')}: unknown class {node.get('@type')!r}")
            continue
        if not (isinstance(node.get("@id"), str) and IRI.fullmatch(node["@id"])):
            problems.append(f"{node.get('@id')!r}: @id is not an IRI")
        for key, value in node.items():
            if key in ("@id", "@type"):
                continue
            if key not in terms:
                problems.append(f"{node['@id']}: {node['@type']} has no term {key}")
            elif (problem := value_problem(terms[key], value)) is not None:
                problems.append(f"{node['@id']}: {key} {problem}")
    return problems


@pytest.fixture(scope="module")
def real_model() -> Model:
    """The real dataset."""
    return shared_real_model()  # read once per test process (tests/conftest.py)


def graphs(model: Model, publication: Publication = Publication()) -> dict[str, dict[str, Any]]:
    """Every category's CTDL-ASN document."""
    files = export_files(model, publication)
    found = {c.id: json.loads(files[ctdl_path(c.id)]) for c in model.categories}
    assert found and len(found) == len([p for p in files if p.startswith("atlas/data/ctdl/")])
    return found


def test_the_term_list_says_where_it_comes_from() -> None:
    assert "cassproject/cass-npm" in TERMS["about"] and TERMS["context"] == CONTEXT
    assert set(ALIGNMENTS.values()) <= set(TERMS["classes"]["ceasn:Competency"])


@pytest.mark.parametrize("which", ["real", "mini"])
def test_every_term_is_a_ctdl_asn_term_of_its_class(which: str, mini: Path, real_model: Model) -> None:
    model = real_model if which == "real" else load_model(mini)
    for publication in (Publication(), Publication(SITE)):
        for category, document in graphs(model, publication).items():
            assert ctdl_problems(document) == [], category


def test_the_term_check_catches_what_ctdl_asn_lacks(mini: Path) -> None:
    document = graphs(load_model(mini))["alpha"]
    assert ctdl_problems(document) == []
    breakages = [
        lambda d: d["@graph"][1].update({"ceasn:closeMatch": ["urn:uuid:x"]}),
        lambda d: d["@graph"][0].update({"ceasn:competencyText": {"en": "x"}}),
        lambda d: d["@graph"][1].update({"ceasn:competencyText": "no language"}),
        lambda d: d["@graph"][1].update({"ceasn:isPartOf": "not an iri"}),
        lambda d: d["@graph"][1].update({"@type": "ceasn:Skill"}),
        lambda d: d.update({"@context": "https://schema.org/"}),
    ]
    for breakage in breakages:
        broken = json.loads(json.dumps(document))
        breakage(broken)
        assert ctdl_problems(broken), breakage


@pytest.mark.parametrize("which", ["real", "mini"])
def test_framework_competencies_and_hierarchy(which: str, mini: Path, real_model: Model) -> None:
    model = real_model if which == "real" else load_model(mini)
    documents = {d.slug: d.package for d in case_documents(model)}
    for category, document in graphs(model).items():
        framework, *competencies = document["@graph"]
        package = documents[category]
        assert framework["@type"] == "ceasn:CompetencyFramework"
        assert framework["ceasn:name"] == {"en": model.category(category).name}
        assert [c["ceasn:codedNotation"] for c in competencies] == [i["humanCodingScheme"] for i in package["CFItems"]]
        assert all(c["ceasn:isPartOf"] == framework["@id"] for c in competencies)
        by_id = {c["@id"]: c for c in competencies}
        tops = [c["@id"] for c in competencies if "ceasn:isTopChildOf" in c]
        assert framework["ceasn:hasTopChild"] == tops
        assert [by_id[t]["ceasn:codedNotation"] for t in tops] == \
               [f"{category}.{d.domain}" for d in model.category(category).domains]
        for c in competencies:
            assert ("ceasn:isChildOf" in c) != ("ceasn:isTopChildOf" in c), c["@id"]
            if "ceasn:isChildOf" in c:
                assert c["@id"] in by_id[c["ceasn:isChildOf"]]["ceasn:hasChild"]


@pytest.mark.parametrize("which", ["real", "mini"])
def test_every_alignment_of_the_category_is_there(which: str, mini: Path, real_model: Model) -> None:
    model = real_model if which == "real" else load_model(mini)
    uris = {i["humanCodingScheme"]: i["uri"] for d in case_documents(model) for i in d.package["CFItems"]}
    found = graphs(model)
    checked = 0
    for category in model.categories:
        by_code = {c.get("ceasn:codedNotation"): c for c in found[category.id]["@graph"]}
        here = {i.id for i in category.indicators()}
        for cw in model.crosswalks:
            for pair in cw.pairs:
                if pair.source_ref in here and pair.target_ref is not None:
                    assert uris[pair.target_ref] in by_code[pair.source_ref][ALIGNMENTS[pair.relation]], pair
                    checked += 1
        for k in category.knowledge_areas():
            code = next(c for c in by_code if c and c.endswith(f".{k.ka}") and c.startswith(category.id + "."))
            assert by_code[code]["ceasn:exactAlignment"] == [uris[f"ka:{k.ka}"]]
    assert checked
