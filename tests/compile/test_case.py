"""CASE packages as OpenSALT and CaSS import them: official schemas, one document per identifier, every crosswalk
pair, dates that follow content, service paths and URIs from the site's address."""
from __future__ import annotations

import json
import os
import re
import uuid
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import ROOT, edit, real_model as shared_real_model
from generator.compile.exports import export_files
from generator.compile.exports.case import (OFFICIAL, SHARED_SLUG, all_records, case_documents, document_list,
                                            _Uris)
from generator.compile.exports.case_dates import (LEDGER_FILE, content_hash, ledger_text, read_ledger,
                                                  stale_records, updated_ledger)
from generator.compile.exports.common import page_url, public_site_url
from generator.compile.kinds import CaseDate, Publication
from generator.compile import urls
from generator.errors import DataErrors
from generator.model.types import Model
from generator.pipeline import load_model, run

REAL = ROOT / "competencies"
PINNED_NAMESPACE = uuid.UUID("1043465a-40ae-471d-ad39-09b6583c9532")

CASE_1_0_TYPES = {"isChildOf", "isPeerOf", "isPartOf", "exactMatchOf", "precedes", "isRelatedTo", "replacedBy",
                  "exemplar", "hasSkillLevel"}
"""The association types of CASE 1.0: the enum OpenSALT 3.2.1 validates against (its v1p0 package schema)."""

VENDOR = Path(os.environ.get("ATLAS_VENDOR_SCHEMAS", ROOT.parent / "shared" / "vendor" / "case"))
"""Where the official schemas are read from; see tests/compile/case-schemas.md for their origin."""
CASE_1_1_SCHEMA = "case-v1p1-cfpackage.json"
OPENSALT_1_0_SCHEMA = "opensalt-case-v1p0-cfpackage-schema.json"
SITE = "https://atlas.example.org/iecmh/"


def official_schema(name: str) -> dict[str, Any]:
    """A vendored official schema, or a skip that says where to put it."""
    path = VENDOR / name
    if not path.is_file():
        pytest.skip(f"{path} is not here: see tests/compile/case-schemas.md for where it comes from")
    return json.loads(path.read_text(encoding="utf-8"))


def format_checker() -> jsonschema.FormatChecker:
    """A format checker that really checks date-time, uri and uuid (their libraries are test dependencies)."""
    checker = jsonschema.FormatChecker()
    for fmt, bad in (("date-time", "2026-13-01"), ("uri", "no scheme"), ("uuid", "not-a-uuid")):
        assert not checker.conforms(bad, fmt), f"format {fmt} is not checked: a library is missing"
    return checker


def schema_errors(schema: dict[str, Any], validator: type, package: Any) -> list[str]:
    """Every way a package breaks a schema, as 'path: message'."""
    check = validator(schema, format_checker=format_checker())
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in check.iter_errors(package)]


@pytest.fixture(scope="module")
def real_model() -> Model:
    """The real dataset."""
    return shared_real_model()  # read once per test process (tests/conftest.py)


@pytest.fixture(scope="module")
def real_files(real_model: Model) -> dict[str, Any]:
    """The export files of the real dataset, published at SITE with the committed ledger."""
    ledger, errors = read_ledger(REAL)
    assert errors == []
    return export_files(real_model, Publication(SITE, ledger))


def packages_of(files: dict[str, Any], prefix: str = "atlas/data/case/") -> dict[str, dict[str, Any]]:
    """The CASE packages among export files, by path."""
    found = {path: json.loads(text) for path, text in files.items()
             if path.startswith(prefix) and "CFDocuments" not in path}
    assert found, f"no CASE package under {prefix}"
    return found


def v5(key: str) -> str:
    """The UUIDv5 of a stable key in the pinned namespace."""
    return str(uuid.uuid5(PINNED_NAMESPACE, key))


# --- a structural check that needs no vendored schema (CASE 1.1 facts from shared/research/interchange-formats.md) -

DOCUMENT_REQUIRED = {"identifier", "uri", "creator", "title", "lastChangeDateTime"}
DOCUMENT_OPTIONAL = {"publisher", "version", "adoptionStatus", "language", "description", "subject", "officialSourceURL",
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
    if not (isinstance(node["uri"], str) and re.fullmatch(r"(urn:uuid:|https://)\S+", node["uri"])):
        problems.append(f"{where}: uri {node['uri']!r} is neither a urn:uuid nor an https URL")
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
    for i, licence in enumerate(definitions.get("CFLicenses", [])):
        check_entry(f"CFLicenses[{i}]", licence, {"identifier", "uri", "title", "licenseText", "lastChangeDateTime"},
                    {"description"}, problems)
    identifiers = [e["identifier"] for key in ("CFItems", "CFAssociations") for e in package.get(key, [])]
    identifiers.append(package.get("CFDocument", {}).get("identifier"))
    if len(identifiers) != len(set(identifiers)):
        problems.append("package: identifiers are not unique")
    return problems



@pytest.mark.parametrize("which", ["real", "mini"])
def test_packages_have_case_1_1_shapes(which: str, mini: Path, real_files: dict[str, Any]) -> None:
    files = real_files if which == "real" else export_files(load_model(mini))
    for path, package in packages_of(files).items():
        assert case_problems(package) == [], path


def test_the_structural_check_catches_broken_packages(mini: Path) -> None:
    package = json.loads(export_files(load_model(mini))[urls.case_package("alpha")])
    assert case_problems(package) == []
    breakages = [
        lambda p: p["CFDocument"].pop("creator"), lambda p: p["CFDocument"].update(caseVersion="1.0"),
        lambda p: p["CFItems"][0].update(colour="red"), lambda p: p["CFItems"][0].update(identifier="x"),
        lambda p: p["CFAssociations"][0].update(associationType="closeMatch"),
        lambda p: p["CFAssociations"][0]["originNodeURI"].update(targetType="x", extra=1),
        lambda p: p["CFItems"][1].update(lastChangeDateTime="today"),
        lambda p: p["CFDefinitions"]["CFLicenses"][0].pop("licenseText"),
        lambda p: p["CFItems"].append(dict(p["CFItems"][0])),
    ]
    for breakage in breakages:
        broken = json.loads(json.dumps(package))
        breakage(broken)
        assert case_problems(broken), breakage


# --- the official schemas --------------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["real", "mini"])
def test_packages_pass_the_official_case_1_1_schema(which: str, mini: Path, real_files: dict[str, Any]) -> None:
    schema = official_schema(CASE_1_1_SCHEMA)
    files = real_files if which == "real" else export_files(load_model(mini))
    for prefix in ("atlas/data/case/", "ims/case/v1p1/CFPackages/"):
        for path, package in packages_of(files, prefix).items():
            assert schema_errors(schema, jsonschema.Draft201909Validator, package) == [], path


@pytest.mark.parametrize("which", ["real", "mini"])
def test_packages_pass_opensalt_case_1_0_schema(which: str, mini: Path, real_files: dict[str, Any]) -> None:
    schema = official_schema(OPENSALT_1_0_SCHEMA)
    files = real_files if which == "real" else export_files(load_model(mini))
    for path, package in packages_of(files, "ims/case/v1p0/CFPackages/").items():
        assert schema_errors(schema, jsonschema.Draft7Validator, package) == [], path


def test_the_schema_checks_catch_what_opensalt_refuses(mini: Path) -> None:
    schema = official_schema(OPENSALT_1_0_SCHEMA)
    package = next(p for p in packages_of(export_files(load_model(mini))).values()
                   if any(a["associationType"] == "isRelatedTo" for a in p["CFAssociations"]))
    relation = next(a for a in package["CFAssociations"] if a["associationType"] == "isRelatedTo")
    relation["associationType"] = "ext:closeMatch"
    package["CFItems"][0]["lastChangeDateTime"] = "yesterday"
    errors = schema_errors(schema, jsonschema.Draft7Validator, package)
    assert any("ext:closeMatch" in e for e in errors) and any("yesterday" in e for e in errors), errors


def test_every_association_type_is_a_case_1_0_type(real_model: Model, real_files: dict[str, Any], mini: Path) -> None:
    for files in (real_files, export_files(load_model(mini))):
        kinds = {a["associationType"] for p in packages_of(files).values() for a in p["CFAssociations"]}
        assert kinds <= CASE_1_0_TYPES and "isRelatedTo" in kinds and "isChildOf" in kinds
    assert {r.case_association for r in real_model.vocabulary.relations} - {None} <= CASE_1_0_TYPES


# --- one document per identifier, every crosswalk pair ---------------------------------------------------------


@pytest.mark.parametrize("which", ["real", "mini"])
def test_no_identifier_appears_in_two_documents(which: str, mini: Path, real_files: dict[str, Any]) -> None:
    files = real_files if which == "real" else export_files(load_model(mini))
    home: dict[str, str] = {}
    for path, package in packages_of(files).items():
        document = package["CFDocument"]["identifier"]
        for record in (package["CFDocument"], *package["CFItems"], *package["CFAssociations"]):
            assert home.setdefault(record["identifier"], document) == document, (path, record["identifier"])
    items = [i for p in packages_of(files).values() for i in p["CFItems"]]
    assert len(items) == len({i["identifier"] for i in items})


def crosswalk_associations(files: dict[str, Any]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Every crosswalk association of a build, by (origin identifier, destination identifier)."""
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for package in packages_of(files).values():
        for a in package["CFAssociations"]:
            if "crosswalks" in a.get("extensions", {}):
                out.setdefault((a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"]), []).append(a)
    return out


def item_identifiers(files: dict[str, Any]) -> dict[str, str]:
    """The identifier of every item by its humanCodingScheme (the Atlas id or crosswalk reference)."""
    return {i["humanCodingScheme"]: i["identifier"] for p in packages_of(files).values() for i in p["CFItems"]}


@pytest.mark.parametrize("which", ["real", "mini"])
def test_every_crosswalk_pair_appears_in_case(which: str, mini: Path, real_model: Model,
                                              real_files: dict[str, Any]) -> None:
    model = real_model if which == "real" else load_model(mini)
    files = real_files if which == "real" else export_files(model)
    associations, ids = crosswalk_associations(files), item_identifiers(files)
    types = {r.id: r.case_association for r in model.vocabulary.relations}
    no_equivalent = {i["humanCodingScheme"]: i["extensions"].get("noEquivalent", [])
                     for p in packages_of(files).values() for i in p["CFItems"]}
    matched = unmatched = 0
    for cw in model.crosswalks:
        for pair in cw.pairs:
            if pair.target_ref is None:
                assert any(e["crosswalk"] == cw.id for e in no_equivalent[pair.source_ref]), pair
                unmatched += 1
                continue
            found = associations.get((ids[pair.source_ref], ids[pair.target_ref]), [])
            assert len(found) == 1, pair
            assert found[0]["associationType"] == types[pair.relation]
            assert {"id": cw.id, "relation": pair.relation} in [
                {"id": c["id"], "relation": c["relation"]} for c in found[0]["extensions"]["crosswalks"]], pair
            matched += 1
    assert matched and matched + unmatched == sum(len(cw.pairs) for cw in model.crosswalks)
    assert unmatched == sum(len(v) for v in no_equivalent.values())


def test_close_matches_are_related_with_their_kind_kept(mini: Path) -> None:
    files = export_files(load_model(mini))
    ids = item_identifiers(files)
    [close] = crosswalk_associations(files)[(ids["gamma.tf.pregnancy.1"], ids["alpha.tf.pregnancy.1"])]
    assert close["associationType"] == "isRelatedTo"
    assert close["extensions"]["relation"] == "close-match"
    assert close["extensions"]["relationLabel"].startswith("close match")
    [exact] = crosswalk_associations(files)[(ids["gamma.tf.pregnancy.2"], ids["alpha.tf.pregnancy.2"])]
    assert exact["associationType"] == "exactMatchOf"


def test_an_association_lives_in_the_document_of_its_origin(mini: Path) -> None:
    files = export_files(load_model(mini))
    for path, package in packages_of(files).items():
        own = {i["identifier"] for i in package["CFItems"]} | {package["CFDocument"]["identifier"]}
        for a in package["CFAssociations"]:
            assert a["originNodeURI"]["identifier"] in own, (path, a)


def test_category_items_link_to_the_shared_framework(mini: Path) -> None:
    files = export_files(load_model(mini))
    shared = json.loads(files[urls.case_package(SHARED_SLUG)])
    shared_ids = {i["humanCodingScheme"]: i["identifier"] for i in shared["CFItems"]}
    assert {"domain:tf", "ka:pregnancy", "ka:curiosity"} <= set(shared_ids)
    alpha = json.loads(files[urls.case_package("alpha")])
    links = {a["originNodeURI"]["identifier"]: a["destinationNodeURI"]["identifier"] for a in alpha["CFAssociations"]
             if a["associationType"] == "exactMatchOf" and "sharedItem" in a["extensions"]}
    for item in alpha["CFItems"]:
        if item["CFItemType"] == "Knowledge Area":
            assert links[item["identifier"]] == shared_ids[f"ka:{item['extensions']['knowledgeArea']}"]
    assert all(i["humanCodingScheme"] not in shared_ids for i in alpha["CFItems"])


def test_identifiers_are_stable_uuid5_of_atlas_keys(mini: Path) -> None:
    files = export_files(load_model(mini))
    alpha = json.loads(files[urls.case_package("alpha")])
    assert alpha["CFDocument"]["identifier"] == v5("document:alpha")
    by_code = {i["humanCodingScheme"]: i["identifier"] for i in alpha["CFItems"]}
    assert by_code["alpha.tf.pregnancy.1"] == v5("alpha.tf.pregnancy.1")
    assert by_code["alpha.tf"] == v5("alpha.tf")


def test_category_packages_keep_every_statement(real_model: Model, real_files: dict[str, Any]) -> None:
    for category in real_model.categories:
        package = json.loads(real_files[urls.case_package(category.id)])
        items = {item["humanCodingScheme"]: item for item in package["CFItems"]}
        expected = {}
        for d in category.domains:
            expected[f"{category.id}.{d.domain}"] = ("Competency Domain", d.title or real_model.domain(d.domain).name)
            for k in d.knowledge_areas or ():
                expected[f"{category.id}.{d.domain}.{k.ka}"] = ("Knowledge Area",
                                                                 k.title or real_model.knowledge_area(k.ka).name)
                for indicator in k.indicators or ():
                    expected[indicator.id] = ("Behavioral Indicator", indicator.text)
        assert len(package["CFItems"]) == len(items) == len(expected)
        assert {key: (item["CFItemType"], item["fullStatement"]) for key, item in items.items()} == expected
    shared = json.loads(real_files[urls.case_package(SHARED_SLUG)])
    assert {i["humanCodingScheme"]: i["fullStatement"] for i in shared["CFItems"]} == \
           {**{f"domain:{d.id}": d.name for d in real_model.domains},
            **{f"ka:{k.id}": k.name for k in real_model.knowledge_areas}}
    for role in real_model.roles:
        package = json.loads(real_files[urls.case_package(f"role.{role.id}")])
        assert [i["fullStatement"] for i in package["CFItems"]] == [x.text for x in (*role.duties, *role.skills)]


def expected_tree(model: Model, slug: str) -> dict[str, list[str]]:
    """The children of each node of a document, in order ('(document)' is the document), by humanCodingScheme."""
    if slug == SHARED_SLUG:
        tree = {"(document)": [f"domain:{d.id}" for d in model.domains]}
        tree.update({f"domain:{d.id}": [f"ka:{k.id}" for k in model.knowledge_areas if k.domain == d.id]
                     for d in model.domains})
        return tree
    category = model.category(slug)
    tree = {"(document)": [f"{category.id}.{d.domain}" for d in category.domains]}
    for d in category.domains:
        d_key = f"{category.id}.{d.domain}"
        tree[d_key] = [f"{d_key}.{k.ka}" for k in d.knowledge_areas or ()]
        for k in d.knowledge_areas or ():
            tree[f"{d_key}.{k.ka}"] = [i.id for i in k.indicators or ()]
    return tree


@pytest.mark.parametrize("which", ["real", "mini"])
def test_hierarchy_is_one_parent_each_in_order(which: str, mini: Path, real_model: Model,
                                               real_files: dict[str, Any]) -> None:
    model = real_model if which == "real" else load_model(mini)
    files = real_files if which == "real" else export_files(model)
    for slug in (SHARED_SLUG, *(c.id for c in model.categories)):
        package = json.loads(files[urls.case_package(slug)])
        by_id = {item["identifier"]: item["humanCodingScheme"] for item in package["CFItems"]}
        by_id[package["CFDocument"]["identifier"]] = "(document)"
        parents: dict[str, list[str]] = {key: [] for key in by_id.values() if key != "(document)"}
        children: dict[str, list[tuple[int, str]]] = {}
        for a in package["CFAssociations"]:
            if a["associationType"] == "isChildOf":
                child, parent = by_id[a["originNodeURI"]["identifier"]], by_id[a["destinationNodeURI"]["identifier"]]
                parents[child].append(parent)
                children.setdefault(parent, []).append((a["sequenceNumber"], child))
        assert all(len(p) == 1 for p in parents.values()), slug
        expected = expected_tree(model, slug)
        for parent, listed in children.items():
            assert [n for n, _ in sorted(listed)] == list(range(1, len(listed) + 1)), (slug, parent)
            assert [child for _, child in sorted(listed)] == expected[parent]
        assert {p for p, kids in expected.items() if kids} == set(children)


# --- licence, publisher, official source, URIs, service paths --------------------------------------------------


def test_licence_publisher_and_official_source_are_standard_fields(real_model: Model,
                                                                   real_files: dict[str, Any]) -> None:
    fw = real_model.framework
    for path, package in packages_of(real_files).items():
        document = package["CFDocument"]
        assert document["publisher"] == fw.publisher and document["creator"] == fw.publisher
        [licence] = package["CFDefinitions"]["CFLicenses"]
        assert document["licenseURI"] == {k: licence[k] for k in ("title", "identifier", "uri")}
        assert fw.licence in licence["licenseText"]
        assert document["officialSourceURL"].startswith(SITE), path
    ecmhs = json.loads(real_files[urls.case_package("ecmhs")])["CFDocument"]
    assert ecmhs["officialSourceURL"] == SITE + "atlas/categories/ecmhs/"


def test_uris_are_built_from_the_site_url_when_one_is_set(mini: Path) -> None:
    model = load_model(mini)
    published = packages_of(export_files(model, Publication(SITE)))
    local = packages_of(export_files(model))
    uris = re.compile(r'"uri": "([^"]+)"')
    published_uris = {u for p in published.values() for u in uris.findall(json.dumps(p))}
    local_uris = {u for p in local.values() for u in uris.findall(json.dumps(p))}
    assert published_uris and all(u.startswith(SITE + "ims/case/v1p1/CF") for u in published_uris)
    assert local_uris and all(u.startswith("urn:uuid:") for u in local_uris)
    assert all("officialSourceURL" not in p["CFDocument"] for p in local.values())
    # identifiers and content dates do not depend on the address
    assert [p["CFDocument"]["identifier"] for p in published.values()] == \
           [p["CFDocument"]["identifier"] for p in local.values()]


def test_only_a_public_site_url_counts() -> None:
    assert public_site_url("https://atlas.example.org/iecmh") == "https://atlas.example.org/iecmh/"
    assert public_site_url("http://127.0.0.1:8000/") is None
    assert public_site_url("http://localhost:8000/") is None
    assert public_site_url(None) is None and public_site_url("") is None
    assert page_url(SITE, "atlas/categories/alpha.md") == SITE + "atlas/categories/alpha/"
    assert page_url(SITE, "atlas/domains/index.md") == SITE + "atlas/domains/"


def test_service_paths_list_every_document_and_serve_its_package(mini: Path) -> None:
    files = export_files(load_model(mini), Publication(SITE))
    packages = packages_of(files)
    for version in ("v1p0", "v1p1"):
        listing = json.loads(files[f"ims/case/{version}/CFDocuments"])["CFDocuments"]
        assert len(listing) == len(packages)
        for entry in listing:
            package_uri = entry["CFPackageURI"]
            assert package_uri["identifier"] == entry["identifier"]
            assert package_uri["uri"] == f"{SITE}ims/case/v1p1/CFPackages/{entry['identifier']}"
            served = files[f"ims/case/{version}/CFPackages/{entry['identifier']}"]
            assert served in {files[p] for p in files if p.startswith("atlas/data/case/")}
            assert json.loads(served)["CFDocument"] == {k: v for k, v in entry.items() if k != "CFPackageURI"}


def test_the_open_data_page_names_files_by_what_they_hold(mini: Path) -> None:
    from generator.compile.build import compile_site

    model = load_model(mini)
    page = compile_site(model).files[urls.OPEN_DATA_PAGE]
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert len(rows) == len(packages_of(export_files(model))) + 2 * len(model.categories) + 4  # CASE, CTDL, grid, CSV, JSON
    for category in model.categories:
        assert f"| [{category.name} (CASE 1.1 package)](data/case/{category.id}.json) | {category.id}.json |" in page
    assert "`alpha`" not in page and "\\`" not in page
    assert rows[0].startswith(f"| [{model.framework.title}: domains and knowledge areas")


def test_the_site_publishes_the_service_paths(built_site: Path) -> None:
    listing = json.loads((built_site / "ims/case/v1p0/CFDocuments").read_text(encoding="utf-8"))
    for entry in listing["CFDocuments"]:
        package = json.loads((built_site / "ims/case/v1p0/CFPackages" / entry["identifier"]).read_text("utf-8"))
        assert package["CFDocument"]["identifier"] == entry["identifier"]
    assert (built_site / "ims/case/v1p1/CFDocuments").read_bytes() == \
           (built_site / "ims/case/v1p0/CFDocuments").read_bytes()


# --- official text ---------------------------------------------------------------------------------------------


def test_an_official_text_build_has_other_identifiers_than_the_paraphrase(mini: Path) -> None:
    paraphrase = {d.slug: d.package for d in case_documents(load_model(mini))}
    overlay = mini / "official-text"
    overlay.mkdir()
    (overlay / "alpha.yml").write_text('licence: "Licensed to the test association."\n'
                                       'texts:\n  alpha.ref.curiosity.1: "Official words."\n', encoding="utf-8")
    official = {d.slug: d.package for d in case_documents(load_model(mini))}
    before, after = paraphrase["alpha"], official["alpha"]
    assert after["CFDocument"]["identifier"] == v5("document:alpha" + OFFICIAL)
    assert after["CFDocument"]["extensions"]["textKind"] == "official"
    old_ids = {r["identifier"] for r in (*before["CFItems"], *before["CFAssociations"])}
    new_ids = {r["identifier"] for r in (*after["CFItems"], *after["CFAssociations"])}
    assert old_ids.isdisjoint(new_ids)
    assert [i["humanCodingScheme"] for i in after["CFItems"]] == [i["humanCodingScheme"] for i in before["CFItems"]]
    assert "Licensed to the test association." in after["CFDefinitions"]["CFLicenses"][0]["licenseText"]
    shared_before, shared_after = paraphrase[SHARED_SLUG]["CFItems"], official[SHARED_SLUG]["CFItems"]
    assert [i["identifier"] for i in shared_before] == [i["identifier"] for i in shared_after]


# --- lastChangeDateTime ----------------------------------------------------------------------------------------


OLD = "2020-01-01T00:00:00+00:00"


def dates(model: Model, ledger: dict[str, CaseDate]) -> dict[str, str]:
    """Every record's lastChangeDateTime, by identifier."""
    out = {}
    for document in case_documents(model, Publication(None, ledger)):
        package = document.package
        for record in (package["CFDocument"], *package["CFItems"], *package["CFAssociations"],
                       *package["CFDefinitions"]["CFItemTypes"], *package["CFDefinitions"]["CFLicenses"]):
            out[record["identifier"]] = record["lastChangeDateTime"]
    return out


def test_a_record_date_changes_when_its_text_changes_and_only_then(mini: Path) -> None:
    model = load_model(mini)
    ledger = {r["identifier"]: CaseDate(content_hash(r), OLD) for r in all_records(model)}
    assert set(dates(model, ledger).values()) == {OLD}
    fallback = f"{model.framework.date}T00:00:00+00:00"
    assert fallback != OLD
    edit(mini / "categories" / "alpha.yml", "Helps parents look for good care", "Helps parents find good care")
    changed_model = load_model(mini)
    changed = {k for k, v in dates(changed_model, ledger).items() if v != OLD}
    item = v5("alpha.tf.pregnancy.1")
    touching = {a["identifier"] for d in case_documents(changed_model) for a in d.package["CFAssociations"]
                if item in (a["originNodeURI"]["identifier"], a["destinationNodeURI"]["identifier"])}
    documents = {d.identifier for d in case_documents(changed_model)
                 if any(r["identifier"] in {item} | touching for r in (*d.package["CFItems"],
                                                                       *d.package["CFAssociations"]))}
    assert touching and changed == {item} | touching | documents
    assert set(dates(changed_model, ledger)[i] for i in changed) == {fallback}
    # recording the change dates it when the ledger was updated, and nothing else moves (a document's own entry
    # stays: its date is the latest of its records')
    updated = updated_ledger(all_records(changed_model), ledger, "2027-02-03T04:05:06+00:00", fallback)
    assert {k for k, v in updated.items() if v.changed != OLD} == {item} | touching
    assert set(dates(changed_model, updated)[i] for i in changed) == {"2027-02-03T04:05:06+00:00"}


def test_a_first_ledger_dates_everything_at_the_dataset_date(mini: Path) -> None:
    model = load_model(mini)
    fallback = f"{model.framework.date}T00:00:00+00:00"
    first = updated_ledger(all_records(model), {}, "2027-02-03T04:05:06+00:00", fallback)
    assert {v.changed for v in first.values()} == {fallback}
    (mini / LEDGER_FILE).write_text(ledger_text(first), encoding="utf-8")
    assert read_ledger(mini) == (first, [])


def test_the_committed_ledger_is_current(real_model: Model) -> None:
    ledger, errors = read_ledger(REAL)
    assert errors == [] and ledger
    stale = stale_records(all_records(real_model), ledger)
    assert stale == [], (f"{len(stale)} CASE records changed since competencies/{LEDGER_FILE} was written: "
                         "run `make case-dates` and commit the ledger")


def test_a_broken_ledger_is_a_data_error_with_file_and_line(mini: Path) -> None:
    (mini / LEDGER_FILE).write_text('{\n  "not-a-uuid": {"sha256": "x", "changed": "now"}\n}\n', encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        run(mini)
    [error] = caught.value.errors
    assert (error.path.name, error.line) == (LEDGER_FILE, 2) and "expected" in error.message
    (mini / LEDGER_FILE).write_text("{ nope", encoding="utf-8")
    with pytest.raises(DataErrors) as caught:
        run(mini)
    assert "not a JSON file" in caught.value.errors[0].message


@pytest.mark.parametrize("which", ["real", "mini"])
def test_case_files_are_deterministic(which: str, mini: Path) -> None:
    data = REAL if which == "real" else mini
    first = export_files(load_model(data), Publication(SITE))
    assert first == export_files(load_model(data), Publication(SITE))
    listing = document_list(case_documents(load_model(data)), _Uris(None))
    assert len(listing["CFDocuments"]) == len({d["identifier"] for d in listing["CFDocuments"]})


def test_the_case_dates_command_records_changes_with_their_time(mini: Path) -> None:
    from datetime import datetime, timezone

    from generator.project import Project, update_case_dates

    project = Project(mini.parent)
    total, changed, gone = update_case_dates(project, datetime(2027, 2, 3, 4, 5, 6, tzinfo=timezone.utc))
    assert total == changed > 0 and gone == 0
    first, errors = read_ledger(mini)
    assert errors == [] and {e.changed for e in first.values()} == {f"{load_model(mini).framework.date}T00:00:00+00:00"}
    assert update_case_dates(project) == (total, 0, 0)
    edit(mini / "categories" / "alpha.yml", "Helps parents look for good care", "Helps parents find good care")
    total, changed, gone = update_case_dates(project, datetime(2027, 2, 3, 4, 5, 6, tzinfo=timezone.utc))
    second, _ = read_ledger(mini)
    assert changed == len([k for k in second if second[k] != first.get(k)]) > 0 and gone == len(set(first) - set(second))
    assert {second[k].changed for k in second if second[k] != first.get(k)} == {"2027-02-03T04:05:06+00:00"}
    item = next(d for d in case_documents(load_model(mini), Publication(None, second)) if d.slug == "alpha")
    [changed_item] = [i for i in item.package["CFItems"] if i["humanCodingScheme"] == "alpha.tf.pregnancy.1"]
    assert changed_item["lastChangeDateTime"] == "2027-02-03T04:05:06+00:00"
    assert item.package["CFDocument"]["lastChangeDateTime"] == "2027-02-03T04:05:06+00:00"


def test_a_partial_domain_list_says_so_in_case(real_model: Model, real_files: dict[str, Any]) -> None:
    partial = {(c.id, d.domain) for c in real_model.categories for d in c.domains if d.partial}
    assert partial, "the real data has a partial domain list (IMHS)"
    marked = {(c.id, i["extensions"]["domain"]) for c in real_model.categories
              for i in json.loads(real_files[urls.case_package(c.id)])["CFItems"]
              if i["CFItemType"] == "Competency Domain" and i["extensions"].get("knowledgeAreasPartial")}
    assert marked == partial
