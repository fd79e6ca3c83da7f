"""Open-data exports: CASE 1.1 packages, CSV tables and the lossless JSON dump with its schema."""
from __future__ import annotations

import copy
import csv
import dataclasses
import io
import json
import re
import shutil
import typing
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import ROOT, edit, real_exports as shared_real_exports, real_model as shared_real_model, real_pages
from generator.compile import urls
from generator.compile.build import compile_site
from generator.compile.exports import csv_cell, export_files, model_from_json, model_to_json
from generator.compile.exports.case import SHARED_SLUG
from generator.compile.model_schema import FORMAT_VERSION, atlas_schema, def_name
from generator.model import types as model_module
from generator.model.types import Model
from generator.pipeline import load_model

ATLAS_JSON, ATLAS_SCHEMA, INDICATORS_CSV, PAIRS_CSV = urls.ATLAS_JSON, urls.ATLAS_SCHEMA, urls.INDICATORS_CSV, urls.PAIRS_CSV
build_exports = export_files

REAL = ROOT / "competencies"

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# --- fixtures --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_model() -> Model:
    """The real dataset."""
    return shared_real_model()  # read once per test process (tests/conftest.py)


@pytest.fixture(scope="module")
def real_exports(real_model: Model) -> dict[str, str]:
    """The export files of the real dataset."""
    return shared_real_exports()  # built once per test process (tests/conftest.py)


def read_csv(text: str) -> list[dict[str, str]]:
    """Rows of an exported CSV file as dictionaries, after checking and removing the byte-order mark."""
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def protected(text: str) -> str:
    """What a cell holding text must look like: an apostrophe before anything a spreadsheet reads as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# --- determinism -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["real", "mini"])
def test_exports_are_deterministic(which: str, mini: Path) -> None:
    data = REAL if which == "real" else mini
    first = build_exports(load_model(data))
    assert first == (shared_real_exports() if which == "real" else build_exports(load_model(data)))
    model = load_model(data)
    documents = ([SHARED_SLUG, *(c.id for c in model.categories), *(f"role.{r.id}" for r in model.roles),
                  *(f"framework.{f.id}" for f in model.frameworks)])
    assert {p for p in first if p.startswith("atlas/data/case/")} == {urls.case_package(d) for d in documents}
    assert {INDICATORS_CSV, PAIRS_CSV, ATLAS_JSON, ATLAS_SCHEMA} <= set(first)
    assert all(text.endswith("\n") for text in first.values() if isinstance(text, str))


def test_only_the_framework_date_is_a_timestamp(real_model: Model, real_exports: dict[str, str]) -> None:
    stamps = set(re.findall(r"\d{4}-\d{2}-\d{2}T[0-9:.+\-Z]+",
                            "".join(t for t in real_exports.values() if isinstance(t, str))))
    assert stamps == {f"{real_model.framework.date}T00:00:00+00:00"}


# --- CSV -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["real", "mini"])
def test_indicators_csv_round_trips(which: str, mini: Path) -> None:
    model = shared_real_model() if which == "real" else load_model(mini)
    text = (shared_real_exports() if which == "real" else build_exports(model))[INDICATORS_CSV]
    assert text.startswith("\ufeffcategory,domain,knowledge_area,id,text,source\r\n")
    assert text.count("\n") == text.count("\r\n")
    rows = read_csv(text)
    expected = [(c.code, i.id, protected(i.text), f"{i.source.doc}, {i.source.section}")
                for c in model.categories for i in c.indicators()]
    assert len(rows) == len(expected) == sum(len(c.indicators()) for c in model.categories)
    assert [(r["category"], r["id"], r["text"], r["source"]) for r in rows] == expected


def test_indicators_csv_names_domains_and_knowledge_areas_as_the_category_does(mini: Path) -> None:
    edit(mini / "categories" / "alpha.yml", "  - domain: ref\n", "  - domain: ref\n    title: Reflective Practice\n")
    edit(mini / "categories" / "alpha.yml", "      - ka: curiosity\n",
         "      - ka: curiosity\n        title: Being Curious\n")
    rows = read_csv(build_exports(load_model(mini))[INDICATORS_CSV])
    by_id = {r["id"]: (r["domain"], r["knowledge_area"]) for r in rows}
    assert by_id["alpha.ref.curiosity.1"] == ("Reflective Practice", "Being Curious")
    assert by_id["alpha.tf.pregnancy.1"] == ("Theoretical Foundations", "Pregnancy & Early Parenthood")


@pytest.mark.parametrize("which", ["real", "mini"])
def test_crosswalk_pairs_csv_round_trips(which: str, mini: Path) -> None:
    model = shared_real_model() if which == "real" else load_model(mini)
    text = (shared_real_exports() if which == "real" else build_exports(model))[PAIRS_CSV]
    assert text.startswith("\ufeffcrosswalk,basis,from,from_label,relation,to,to_label,note\r\n")
    rows = read_csv(text)
    expected = [(cw.id, cw.basis, p.source_ref, p.relation, p.target_ref or "", protected(p.note or ""))
                for cw in model.crosswalks for p in cw.pairs]
    assert len(rows) == len(expected)
    assert [(r["crosswalk"], r["basis"], r["from"], r["relation"], r["to"], r["note"]) for r in rows] == expected
    assert all(r["from_label"] for r in rows)
    assert all(bool(r["to_label"]) == bool(r["to"]) for r in rows)


def test_crosswalk_pairs_csv_labels(mini: Path) -> None:
    rows = read_csv(build_exports(load_model(mini))[PAIRS_CSV])
    labels = {r["from"]: r["from_label"] for r in rows} | {r["to"]: r["to_label"] for r in rows if r["to"]}
    assert labels == {
        "gamma.tf.pregnancy.1": "Helps expectant parents of infants find good care.",
        "alpha.tf.pregnancy.1": "Helps parents look for good care while expecting.",
        "gamma.tf.pregnancy.2": "Spots usual and unusual growth during pregnancy.",
        "alpha.tf.pregnancy.2": "Spots usual and unusual growth during pregnancy.",
        "gamma.tf.pregnancy.3": "Something only gamma asks for.",
        "worker.duty.assess": "Assesses things.", "ka:pregnancy": "Pregnancy & Early Parenthood",
        "worker.skill.listen": "Listens well.", "ka:curiosity": "Curiosity",
        "ext.care": "Care", "domain:tf": "Theoretical Foundations", "ext.lead": "Leadership",
    }


def test_csv_is_safe_from_hostile_text(mini: Path) -> None:
    alpha = mini / "categories" / "alpha.yml"
    edit(alpha, "text: Stays open and curious.", "text: '=HYPERLINK(\"http://x\")'")
    edit(alpha, "text: Helps parents look for good care while expecting.", "text: '-1+1'")
    edit(alpha, "text: Spots usual and unusual growth during pregnancy.",
         "text: \"Says \\\"yes\\\", then,\\nsays \\\"no\\\"\"")
    edit(mini / "crosswalks" / "gamma-alpha.yml", "note: Same practice, other age band.",
         "note: \"@SUM(A1:A2), \\\"quoted\\\"\"")
    edit(mini / "roles" / "worker.yml", "text: Assesses things.", "text: '+cmd|calc'")
    exports = build_exports(load_model(mini))
    indicators = {r["id"]: r["text"] for r in read_csv(exports[INDICATORS_CSV])}
    assert indicators["alpha.ref.curiosity.1"] == "'=HYPERLINK(\"http://x\")"
    assert indicators["alpha.tf.pregnancy.1"] == "'-1+1"
    assert indicators["alpha.tf.pregnancy.2"] == 'Says "yes", then,\nsays "no"'
    assert '"Says ""yes"", then,\nsays ""no"""' in exports[INDICATORS_CSV]
    pairs = read_csv(exports[PAIRS_CSV])
    assert pairs[0]["note"] == "'@SUM(A1:A2), \"quoted\""
    assert pairs[0]["to_label"] == "'-1+1"
    assert pairs[3]["from_label"] == "'+cmd|calc"
    for text in (exports[INDICATORS_CSV], exports[PAIRS_CSV]):
        assert text.encode("utf-8").startswith(b"\xef\xbb\xbf")
        assert text.endswith("\r\n")
    assert exports[INDICATORS_CSV].count("\n") == exports[INDICATORS_CSV].count("\r\n") + 1


def test_csv_cell_protects_every_formula_start() -> None:
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert csv_cell(f"{start}1") == f"'{start}1"
    for plain in ("1", "a=b", " =1", "'", ""):
        assert csv_cell(plain) == plain


# --- JSON ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["real", "mini"])
def test_atlas_json_round_trips(which: str, mini: Path) -> None:
    model = shared_real_model() if which == "real" else load_model(mini)
    text = (shared_real_exports() if which == "real" else build_exports(model))[ATLAS_JSON]
    data = json.loads(text)
    assert list(data)[:3] == ["$schema", "format", "format_version"]
    assert (data["$schema"], data["format"], data["format_version"]) == ("atlas.schema.json", "iecmh-atlas-model", 2)
    again = model_from_json(data)
    assert again == model
    assert model_to_json(again) == model_to_json(model) == data
    assert isinstance(again.categories, tuple) and isinstance(again.categories[0].scope, tuple)
    assert isinstance(again.categories[0].domains[0], model_module.CategoryDomain)
    if model.assessment is not None:
        assert isinstance(again.assessment.evidence[0], tuple)
    assert text == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def test_atlas_json_keeps_what_equality_would_miss(mini: Path) -> None:
    model = load_model(mini)
    again = model_from_json(json.loads(build_exports(model)[ATLAS_JSON]))
    beta = again.category("beta")
    assert beta.domains[0].knowledge_areas[0].indicators is None
    assert again.category("alpha").domains[0].knowledge_areas[0].indicators[0].official is False
    assert again.crosswalks[0].pairs[2].target_ref is None
    assert again.frameworks[0].items[0] == model_module.ExternalItem("ext.care", "Care", None)


def test_atlas_json_validates_against_its_schema(real_exports: dict[str, str], mini: Path) -> None:
    schema = json.loads(real_exports[ATLAS_SCHEMA])
    assert schema == atlas_schema(shared_real_model())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for exports in (real_exports, build_exports(load_model(mini))):
        data = json.loads(exports[ATLAS_JSON])
        assert list(validator.iter_errors(data)) == []
    data = json.loads(real_exports[ATLAS_JSON])
    for breakage in (lambda d: d.pop("crosswalks"), lambda d: d.update(extra=1),
                     lambda d: d["categories"][0].update(colour="red"),
                     lambda d: d["categories"][0]["domains"][0].update(knowledge_areas="none"),
                     lambda d: d["crosswalks"][0]["pairs"][0].update(relation="same"),
                     lambda d: d["domains"][0].pop("note")):
        broken = copy.deepcopy(data)
        breakage(broken)
        assert list(validator.iter_errors(broken)), breakage


def test_schema_describes_every_model_field(mini: Path) -> None:
    schema = atlas_schema(load_model(mini))
    defs = schema["$defs"]

    def reachable(cls: type, seen: set[type]) -> set[type]:
        for hint in typing.get_type_hints(cls).values():
            for inner in (hint, *typing.get_args(hint), *(a for arg in typing.get_args(hint) for a in typing.get_args(arg))):
                if dataclasses.is_dataclass(inner) and inner not in seen:
                    seen.add(inner)
                    reachable(inner, seen)
        return seen

    classes = reachable(Model, set())
    assert {c.__name__ for c in classes} >= {"Category", "Indicator", "Pair", "Program", "Vocabulary", "Relation"}
    assert set(defs) == {def_name(c) for c in classes}
    for cls in classes:
        fields = [f.name for f in dataclasses.fields(cls) if not f.name.startswith("_")]
        entry = defs[def_name(cls)]
        assert list(entry["properties"]) == fields == entry["required"], cls
        assert entry["additionalProperties"] is False and entry["description"], cls
    model_fields = [f.name for f in dataclasses.fields(Model) if not f.name.startswith("_")]
    assert schema["required"] == ["$schema", "format", "format_version", *model_fields]
    assert defs["pair"]["properties"]["relation"] == {"enum": ["exact-match", "close-match", "broader", "narrower",
                                                               "related", "no-equivalent"]}


def test_model_from_json_rejects_other_data(mini: Path) -> None:
    data = model_to_json(load_model(mini))
    for breakage in (lambda d: d.update(format="other"), lambda d: d.update(format_version=FORMAT_VERSION + 1),
                     lambda d: d["categories"][0].pop("code"), lambda d: d["domains"][0].update(colour="red"),
                     lambda d: d["categories"][0].update(assessment_target="3"),
                     lambda d: d["framework"].update(sources={})):
        broken = copy.deepcopy(data)
        breakage(broken)
        with pytest.raises(ValueError):
            model_from_json(broken)


@pytest.mark.parametrize("which", ["real", "mini"])
def test_reimported_model_builds_the_same_site(which: str, mini: Path) -> None:
    model = shared_real_model() if which == "real" else load_model(mini)
    exports = shared_real_exports() if which == "real" else build_exports(model)
    again = model_from_json(json.loads(exports[ATLAS_JSON]))
    assert compile_site(again).files == (real_pages() if which == "real" else compile_site(model).files)


@pytest.mark.parametrize("data", [
    {"b": [1, 2.5, 1e16, -0.0, True, None], "a": {"é": "ünïcode ✓", "": []}, "c": {}},
    [{"z": 1, "y": [{}], "x": "line\nbreak \"quoted\" \\ \u2028"}],
    "just text",
])
@pytest.mark.parametrize("sort_keys", [True, False])
def test_json_text_writes_what_the_standard_library_writes(data, sort_keys: bool) -> None:
    import json

    from generator.compile.exports.common import json_text

    assert json_text(data, sort_keys) == json.dumps(data, indent=2, ensure_ascii=False, sort_keys=sort_keys) + "\n"


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_json_text_refuses_what_is_not_json(value: float) -> None:
    from generator.compile.exports.common import json_text

    with pytest.raises(ValueError):
        json_text({"hours": [value]}, sort_keys=True)
