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
import uuid
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import ROOT, edit
from generator.compile.build import compile_site
from generator.compile.exports import EXPORTS, NAMESPACE, csv_cell, model_from_json, model_to_json
from generator.compile.model_schema import atlas_schema, def_name
from generator.compile.urls import ATLAS_JSON, ATLAS_SCHEMA, INDICATORS_CSV, PAIRS_CSV
from generator.compile.urls import case_package as case_path
from generator.model import types as model_module
from generator.model.types import Model
from generator.pipeline import load_model

REAL = ROOT / "competencies"


def build_exports(model: Model) -> dict[str, str]:
    """The export files the open-data page lists, as {path: text}."""
    return {path: text for export in EXPORTS if export.on_open_data for path, text in export.files(model).items()}


def build_pages(model: Model) -> dict[str, str]:
    """Every generated file of the model."""
    return compile_site(model).files
PINNED_NAMESPACE = uuid.UUID("1043465a-40ae-471d-ad39-09b6583c9532")
"""The namespace every published identifier is derived from: changing it changes every identifier."""

# --- CASE 1.1 facts (from /work/shared/research/interchange-formats.md) ----------------------------------------

DOCUMENT_REQUIRED = {"identifier", "uri", "creator", "title", "lastChangeDateTime"}
DOCUMENT_OPTIONAL = {"version", "adoptionStatus", "language", "description", "subject", "officialSourceURL",
                     "licenseURI", "notes", "caseVersion", "frameworkType", "extensions"}
ITEM_REQUIRED = {"identifier", "fullStatement", "uri", "lastChangeDateTime"}
ITEM_OPTIONAL = {"humanCodingScheme", "CFItemType", "CFItemTypeURI", "abbreviatedStatement", "listEnumeration",
                 "conceptKeywords", "educationLevel", "language", "notes", "extensions"}
ASSOCIATION_REQUIRED = {"identifier", "associationType", "uri", "originNodeURI", "destinationNodeURI",
                        "lastChangeDateTime"}
ASSOCIATION_OPTIONAL = {"sequenceNumber", "CFAssociationGroupingURI", "notes", "extensions"}
PACKAGE_KEYS = {"CFDocument", "CFItems", "CFAssociations", "CFDefinitions", "CFRubrics"}
DEFINITION_KEYS = {"CFItemTypes", "CFAssociationGroupings", "CFConcepts", "CFSubjects", "CFLicenses"}
ASSOCIATION_TYPES = {"isChildOf", "isPeerOf", "isPartOf", "exactMatchOf", "precedes", "isRelatedTo", "replacedBy",
                     "exemplar", "hasSkillLevel", "isTranslationOf"}
EXT_TYPE = re.compile(r"ext:[A-Za-z0-9.\-_]+")
NODE_KEYS = {"title", "identifier", "uri"}
DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_uuid(value: Any) -> bool:
    """True for a UUID in its canonical lower-case text form."""
    if not isinstance(value, str):
        return False
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def check_entry(where: str, entry: Any, required: set[str], optional: set[str], problems: list[str]) -> None:
    """Report missing, unknown and badly typed keys of one CASE entry."""
    if not isinstance(entry, dict):
        problems.append(f"{where}: not an object")
        return
    problems.extend(f"{where}: missing {key}" for key in sorted(required - entry.keys()))
    problems.extend(f"{where}: unknown key {key}" for key in sorted(entry.keys() - required - optional))
    for key, value in entry.items():
        if key == "identifier" and not is_uuid(value):
            problems.append(f"{where}: identifier {value!r} is not a UUID")
        elif key == "uri" and not (isinstance(value, str) and re.fullmatch(r"[a-z][a-z0-9+.-]*:\S+", value)):
            problems.append(f"{where}: uri {value!r} is not a URI")
        elif key == "lastChangeDateTime" and not (isinstance(value, str) and DATETIME.fullmatch(value)):
            problems.append(f"{where}: lastChangeDateTime {value!r} is not a date-time")
        elif key == "extensions" and not isinstance(value, dict):
            problems.append(f"{where}: extensions is not an object")
        elif key in ("CFItemTypeURI", "originNodeURI", "destinationNodeURI", "CFAssociationGroupingURI",
                     "licenseURI"):
            check_node(f"{where}.{key}", value, problems)
        elif key == "sequenceNumber" and (not isinstance(value, int) or isinstance(value, bool)):
            problems.append(f"{where}: sequenceNumber {value!r} is not an integer")
        elif key in ("subject", "conceptKeywords", "educationLevel") and not isinstance(value, list):
            problems.append(f"{where}: {key} is not an array")
        elif (key in required | optional and key not in ("sequenceNumber", "extensions", "subject",
                                                         "conceptKeywords", "educationLevel")
              and not (isinstance(value, str) and value.strip())):
            problems.append(f"{where}: {key} is not a non-empty string")


def check_node(where: str, node: Any, problems: list[str]) -> None:
    """Report a node reference that is not {title, identifier, uri}."""
    if not isinstance(node, dict) or not NODE_KEYS <= node.keys() or node.keys() - NODE_KEYS - {"targetType"}:
        problems.append(f"{where}: node reference must have exactly title, identifier and uri")
        return
    if not is_uuid(node["identifier"]):
        problems.append(f"{where}: identifier {node['identifier']!r} is not a UUID")
    if not (isinstance(node["uri"], str) and node["uri"].startswith("urn:uuid:")):
        problems.append(f"{where}: uri {node['uri']!r} is not a urn:uuid")
    if not (isinstance(node["title"], str) and node["title"].strip()):
        problems.append(f"{where}: title is empty")


def case_problems(package: Any) -> list[str]:
    """Everything in a package that breaks the CASE 1.1 required fields, types and closed shapes."""
    problems: list[str] = []
    if not isinstance(package, dict):
        return ["package: not an object"]
    problems.extend(f"package: unknown key {key}" for key in sorted(package.keys() - PACKAGE_KEYS))
    if "CFDocument" not in package:
        problems.append("package: missing CFDocument")
    else:
        check_entry("CFDocument", package["CFDocument"], DOCUMENT_REQUIRED, DOCUMENT_OPTIONAL, problems)
        if package["CFDocument"].get("caseVersion") != "1.1":
            problems.append("CFDocument: caseVersion is not 1.1")
    for i, item in enumerate(package.get("CFItems", [])):
        check_entry(f"CFItems[{i}]", item, ITEM_REQUIRED, ITEM_OPTIONAL, problems)
    for i, association in enumerate(package.get("CFAssociations", [])):
        check_entry(f"CFAssociations[{i}]", association, ASSOCIATION_REQUIRED, ASSOCIATION_OPTIONAL, problems)
        kind = association.get("associationType")
        if kind not in ASSOCIATION_TYPES and not (isinstance(kind, str) and EXT_TYPE.fullmatch(kind)):
            problems.append(f"CFAssociations[{i}]: unknown associationType {kind!r}")
    definitions = package.get("CFDefinitions", {})
    problems.extend(f"CFDefinitions: unknown key {key}" for key in sorted(definitions.keys() - DEFINITION_KEYS))
    for i, item_type in enumerate(definitions.get("CFItemTypes", [])):
        check_entry(f"CFItemTypes[{i}]", item_type,
                    {"identifier", "uri", "title", "description", "hierarchyCode", "lastChangeDateTime"}, set(),
                    problems)
    identifiers = [e["identifier"] for key in ("CFItems", "CFAssociations") for e in package.get(key, [])]
    identifiers.append(package.get("CFDocument", {}).get("identifier"))
    if len(identifiers) != len(set(identifiers)):
        problems.append("package: identifiers are not unique")
    return problems


# --- fixtures --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_model() -> Model:
    """The real dataset."""
    return load_model(REAL)


@pytest.fixture(scope="module")
def real_exports(real_model: Model) -> dict[str, str]:
    """The export files of the real dataset."""
    return build_exports(real_model)


def packages(exports: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Every CASE package of a build, by category id."""
    return {path.rsplit("/", 1)[1].removesuffix(".json"): json.loads(text)
            for path, text in exports.items() if path.startswith("atlas/data/case/")}


def v5(key: str) -> str:
    """The UUIDv5 of a stable key in the pinned namespace."""
    return str(uuid.uuid5(PINNED_NAMESPACE, key))


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
    first, second = build_exports(load_model(data)), build_exports(load_model(data))
    assert first == second
    model = load_model(data)
    expected = {case_path(c.id) for c in model.categories} | {INDICATORS_CSV, PAIRS_CSV, ATLAS_JSON, ATLAS_SCHEMA}
    assert set(first) == expected
    assert all(text.endswith("\n") for text in first.values())


def test_only_the_framework_date_is_a_timestamp(real_model: Model, real_exports: dict[str, str]) -> None:
    stamps = set(re.findall(r"\d{4}-\d{2}-\d{2}T[0-9:.+\-Z]+", "".join(real_exports.values())))
    assert stamps == {f"{real_model.framework.date}T00:00:00+00:00"}


# --- CASE ------------------------------------------------------------------------------------------------------


def test_case_checker_catches_broken_packages(mini: Path) -> None:
    package = packages(build_exports(load_model(mini)))["alpha"]
    assert case_problems(package) == []
    breakages = [
        lambda p: p["CFDocument"].pop("creator"),
        lambda p: p["CFDocument"].update(colour="red"),
        lambda p: p["CFItems"][0].update(identifier="alpha.tf"),
        lambda p: p["CFItems"][0].update(fullStatement=""),
        lambda p: p["CFItems"][0].update(humanCode="x"),
        lambda p: p["CFAssociations"][0].update(associationType="isParentOf"),
        lambda p: p["CFAssociations"][0].update(associationType="ext:bad type"),
        lambda p: p["CFAssociations"][0]["originNodeURI"].pop("title"),
        lambda p: p["CFAssociations"][0].update(sequenceNumber="1"),
        lambda p: p["CFAssociations"][0].update(lastChangeDateTime="2026-01-01"),
        lambda p: p["CFAssociations"].append(copy.deepcopy(p["CFAssociations"][0])),
        lambda p: p.update(CFExtras=[]),
    ]
    for i, breakage in enumerate(breakages):
        broken = copy.deepcopy(package)
        breakage(broken)
        assert case_problems(broken), f"breakage {i} went unnoticed"


def test_case_packages_follow_case_1_1(real_model: Model, real_exports: dict[str, str]) -> None:
    found = packages(real_exports)
    assert set(found) == {c.id for c in real_model.categories}
    for category in real_model.categories:
        package = found[category.id]
        assert case_problems(package) == [], category.id
        document = package["CFDocument"]
        fw = real_model.framework
        assert document["title"] == category.name
        assert document["creator"] == fw.publisher
        assert document["version"] == fw.version
        assert document["description"] == category.summary
        assert document["notes"] == fw.disclaimer
        assert document["lastChangeDateTime"] == f"{fw.date}T00:00:00+00:00"
        assert (document["language"], document["adoptionStatus"]) == ("en", "Draft")
        types = {t["title"]: t for t in package["CFDefinitions"]["CFItemTypes"]}
        assert set(types) == {"Competency Domain", "Knowledge Area", "Behavioral Indicator"}
        for item in package["CFItems"]:
            assert item["CFItemTypeURI"]["identifier"] == types[item["CFItemType"]]["identifier"]


def test_case_packages_keep_every_statement(real_model: Model, real_exports: dict[str, str]) -> None:
    found = packages(real_exports)
    for category in real_model.categories:
        items = {item["humanCodingScheme"]: item for item in found[category.id]["CFItems"]}
        expected = {}
        for d in category.domains:
            expected[f"{category.id}.{d.domain}"] = ("Competency Domain", d.title or real_model.domain(d.domain).name)
            for k in d.knowledge_areas or ():
                expected[f"{category.id}.{d.domain}.{k.ka}"] = ("Knowledge Area",
                                                                 k.title or real_model.knowledge_area(k.ka).name)
                for indicator in k.indicators or ():
                    expected[indicator.id] = ("Behavioral Indicator", indicator.text)
        assert len(found[category.id]["CFItems"]) == len(items) == len(expected)
        assert {key: (item["CFItemType"], item["fullStatement"]) for key, item in items.items()} == expected
        assert {i.id for i in category.indicators()} <= set(items)


@pytest.mark.parametrize("which", ["real", "mini"])
def test_case_hierarchy_is_one_parent_each_in_order(which: str, mini: Path) -> None:
    model = load_model(REAL if which == "real" else mini)
    found = packages(build_exports(model))
    for category in model.categories:
        package = found[category.id]
        by_id = {item["identifier"]: item["humanCodingScheme"] for item in package["CFItems"]}
        by_id[package["CFDocument"]["identifier"]] = "(document)"
        parents: dict[str, list[str]] = {key: [] for key in by_id.values() if key != "(document)"}
        children: dict[str, list[tuple[int, str]]] = {}
        for a in package["CFAssociations"]:
            if a["associationType"] == "isChildOf":
                child, parent = by_id[a["originNodeURI"]["identifier"]], by_id[a["destinationNodeURI"]["identifier"]]
                parents[child].append(parent)
                children.setdefault(parent, []).append((a["sequenceNumber"], child))
        assert all(len(p) == 1 for p in parents.values()), category.id
        expected_children = {"(document)": [f"{category.id}.{d.domain}" for d in category.domains]}
        for d in category.domains:
            d_key = f"{category.id}.{d.domain}"
            expected_children[d_key] = [f"{d_key}.{k.ka}" for k in d.knowledge_areas or ()]
            for k in d.knowledge_areas or ():
                expected_children[f"{d_key}.{k.ka}"] = [i.id for i in k.indicators or ()]
        for parent, listed in children.items():
            assert [n for n, _ in listed] == list(range(1, len(listed) + 1)), (category.id, parent)
            assert [child for _, child in sorted(listed)] == expected_children[parent]
        assert {p for p, kids in expected_children.items() if kids} == set(children)


def test_case_identifiers_are_stable_uuid5(real_model: Model, real_exports: dict[str, str]) -> None:
    assert NAMESPACE == PINNED_NAMESPACE
    again = packages(build_exports(load_model(REAL)))
    for category_id, package in packages(real_exports).items():
        assert package["CFDocument"]["identifier"] == v5(f"document:{category_id}")
        for item in package["CFItems"]:
            assert item["identifier"] == v5(item["humanCodingScheme"])
            assert uuid.UUID(item["identifier"]).version == 5
            assert item["uri"] == f"urn:uuid:{item['identifier']}"
        key_of = {item["identifier"]: item["humanCodingScheme"] for item in package["CFItems"]}
        key_of[package["CFDocument"]["identifier"]] = f"document:{category_id}"
        for a in package["CFAssociations"]:
            origin, destination = a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"]
            if a["associationType"] == "isChildOf":
                key = f"association:isChildOf:{key_of[origin]}:{key_of[destination]}"
                assert a["identifier"] == v5(key)
            assert a["uri"] == f"urn:uuid:{a['identifier']}"
        assert package == again[category_id]


def test_case_crosswalk_pairs_become_associations(mini: Path) -> None:
    found = packages(build_exports(load_model(mini)))
    for category_id in ("alpha", "gamma"):
        relations = {(a["associationType"], a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"]): a
                     for a in found[category_id]["CFAssociations"] if a["associationType"] != "isChildOf"}
        exact = ("exactMatchOf", v5("gamma.tf.pregnancy.2"), v5("alpha.tf.pregnancy.2"))
        close = ("ext:closeMatch", v5("gamma.tf.pregnancy.1"), v5("alpha.tf.pregnancy.1"))
        assert set(relations) == {exact, close}, category_id
        assert relations[exact]["identifier"] == v5(
            "association:exactMatchOf:gamma.tf.pregnancy.2:alpha.tf.pregnancy.2")
        assert relations[exact]["originNodeURI"]["title"] == "Spots usual and unusual growth during pregnancy."
        assert relations[close]["notes"] == "Same practice, other age band."
        assert relations[close]["extensions"]["relation"] == "close-match"
        assert [c["id"] for c in relations[close]["extensions"]["crosswalks"]] == ["gamma-alpha"]
    gamma_items = {i["humanCodingScheme"]: i for i in found["gamma"]["CFItems"]}
    no_equivalent = gamma_items["gamma.tf.pregnancy.3"]["extensions"]["noEquivalent"]
    assert [e["crosswalk"] for e in no_equivalent] == ["gamma-alpha"]
    assert all(a["associationType"] == "isChildOf" for a in found["beta"]["CFAssociations"])


def test_case_maps_every_relation_and_external_items(mini: Path) -> None:
    (mini / "crosswalks" / "more.yml").write_text(
        "id: more\ntitle: More\nbasis: source\nsource: {doc: src-a, section: X}\npairs:\n"
        "  - {from: alpha.tf.pregnancy.1, to: gamma.tf.pregnancy.3, relation: broader}\n"
        "  - {from: alpha.ref.curiosity.1, to: gamma.tf.pregnancy.3, relation: narrower}\n"
        "  - {from: ext.care, to: alpha.ref.curiosity.1, relation: related, note: Outside.}\n"
        "  - {from: gamma.tf.pregnancy.2, to: alpha.tf.pregnancy.2, relation: exact-match, note: Again.}\n"
        "  - {from: alpha.tf.pregnancy.2, to: worker.duty.assess, relation: related}\n"
        "  - {from: alpha.tf.pregnancy.2, to: 'ka:curiosity', relation: related}\n"
        "  - {from: alpha.tf.pregnancy.1, to: alpha.ref.curiosity.1, relation: related}\n", encoding="utf-8")
    package = packages(build_exports(load_model(mini)))["alpha"]
    assert case_problems(package) == []
    relations = {(a["associationType"], a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"]): a
                 for a in package["CFAssociations"] if a["associationType"] != "isChildOf"}
    assert set(relations) == {
        ("exactMatchOf", v5("gamma.tf.pregnancy.2"), v5("alpha.tf.pregnancy.2")),
        ("ext:closeMatch", v5("gamma.tf.pregnancy.1"), v5("alpha.tf.pregnancy.1")),
        ("ext:broader", v5("alpha.tf.pregnancy.1"), v5("gamma.tf.pregnancy.3")),
        ("ext:narrower", v5("alpha.ref.curiosity.1"), v5("gamma.tf.pregnancy.3")),
        ("isRelatedTo", v5("ext.care"), v5("alpha.ref.curiosity.1")),
    }
    outside = relations[("isRelatedTo", v5("ext.care"), v5("alpha.ref.curiosity.1"))]["originNodeURI"]
    assert outside == {"title": "Care", "identifier": v5("ext.care"), "uri": f"urn:uuid:{v5('ext.care')}"}
    merged = relations[("exactMatchOf", v5("gamma.tf.pregnancy.2"), v5("alpha.tf.pregnancy.2"))]
    assert [c["id"] for c in merged["extensions"]["crosswalks"]] == ["gamma-alpha", "more"]
    assert merged["notes"] == "Again."


def test_case_without_crosswalks(mini: Path) -> None:
    shutil.rmtree(mini / "crosswalks")
    exports = build_exports(load_model(mini))
    for package in packages(exports).values():
        assert case_problems(package) == []
        assert {a["associationType"] for a in package["CFAssociations"]} == {"isChildOf"}
    assert read_csv(exports[PAIRS_CSV]) == []


# --- CSV -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["real", "mini"])
def test_indicators_csv_round_trips(which: str, mini: Path) -> None:
    model = load_model(REAL if which == "real" else mini)
    text = build_exports(model)[INDICATORS_CSV]
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
    model = load_model(REAL if which == "real" else mini)
    text = build_exports(model)[PAIRS_CSV]
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
    model = load_model(REAL if which == "real" else mini)
    text = build_exports(model)[ATLAS_JSON]
    data = json.loads(text)
    assert list(data)[:3] == ["$schema", "format", "format_version"]
    assert (data["$schema"], data["format"], data["format_version"]) == ("atlas.schema.json", "iecmh-atlas-model", 1)
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
    assert schema == atlas_schema(load_model(REAL))
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
    for breakage in (lambda d: d.update(format="other"), lambda d: d.update(format_version=2),
                     lambda d: d["categories"][0].pop("code"), lambda d: d["domains"][0].update(colour="red"),
                     lambda d: d["categories"][0].update(assessment_target="3"),
                     lambda d: d["framework"].update(sources={})):
        broken = copy.deepcopy(data)
        breakage(broken)
        with pytest.raises(ValueError):
            model_from_json(broken)


@pytest.mark.parametrize("which", ["real", "mini"])
def test_reimported_model_builds_the_same_site(which: str, mini: Path) -> None:
    model = load_model(REAL if which == "real" else mini)
    again = model_from_json(json.loads(build_exports(model)[ATLAS_JSON]))
    assert build_pages(again) == build_pages(model)
