"""Open-data exports of the validated model: CASE 1.1 packages, CSV tables and a lossless JSON dump with its schema."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import types
import typing
import uuid
from typing import Any

from generator import model as model_module
from generator.model import Category, Crosswalk, Indicator, Model, Pair, Source

NAMESPACE = uuid.UUID("1043465a-40ae-471d-ad39-09b6583c9532")
"""Namespace of every CASE identifier (UUIDv5 of a stable key); never change it, or every identifier changes."""

DATA_DIR = "atlas/data"
"""Folder under docs/ that holds the export files."""

INDICATORS_CSV = f"{DATA_DIR}/indicators.csv"
PAIRS_CSV = f"{DATA_DIR}/crosswalk-pairs.csv"
ATLAS_JSON = f"{DATA_DIR}/atlas.json"
ATLAS_SCHEMA = f"{DATA_DIR}/atlas.schema.json"

FORMAT = "iecmh-atlas-model"
FORMAT_VERSION = 1

CASE_VERSION = "1.1"
FRAMEWORK_TYPE = "Competency Framework"
DOMAIN_TYPE, KA_TYPE, INDICATOR_TYPE = "Competency Domain", "Knowledge Area", "Behavioral Indicator"
ITEM_TYPES = {
    DOMAIN_TYPE: "A competency domain: the broadest grouping of a category's competencies.",
    KA_TYPE: "A knowledge area within a competency domain.",
    INDICATOR_TYPE: "A behavioral indicator: how a person shows a knowledge area in practice.",
}
"""The CASE item types of a package and their descriptions, in hierarchy order."""

RELATION_ASSOCIATIONS = {
    "exact-match": "exactMatchOf",
    "related": "isRelatedTo",
    "close-match": "ext:closeMatch",
    "broader": "ext:broader",
    "narrower": "ext:narrower",
}
"""CASE association type of each crosswalk relation (no-equivalent has no target and becomes an item extension)."""

INDICATOR_COLUMNS = ("category", "domain", "knowledge_area", "id", "text", "source")
PAIR_COLUMNS = ("crosswalk", "basis", "from", "from_label", "relation", "to", "to_label", "note")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""


def case_path(category_id: str) -> str:
    """Path of a category's CASE package, relative to docs/."""
    return f"{DATA_DIR}/case/{category_id}.json"


def build_exports(model: Model) -> dict[str, str]:
    """Every export file as {path relative to docs/: text}; the same model gives byte-identical text."""
    files = {case_path(c.id): _json_text(case_package(model, c), sort_keys=True) for c in model.categories}
    files[INDICATORS_CSV] = indicators_csv(model)
    files[PAIRS_CSV] = crosswalk_pairs_csv(model)
    files[ATLAS_JSON] = _json_text(model_to_json(model), sort_keys=False)
    files[ATLAS_SCHEMA] = _json_text(ATLAS_SCHEMA_DICT, sort_keys=False)
    return files


def _json_text(data: Any, sort_keys: bool) -> str:
    """JSON text with two-space indents, real UTF-8 characters and a final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=sort_keys) + "\n"


# --- CASE 1.1 -------------------------------------------------------------------------------------------------


def stable_uuid(key: str) -> str:
    """The CASE identifier of a stable key: its UUIDv5 in NAMESPACE."""
    return str(uuid.uuid5(NAMESPACE, key))


def document_key(category_id: str) -> str:
    """Stable key of a category's CFDocument."""
    return f"document:{category_id}"


def domain_code(category_id: str, domain_id: str) -> str:
    """Stable id (humanCodingScheme) of a domain as a category has it."""
    return f"{category_id}.{domain_id}"


def ka_code(category_id: str, domain_id: str, ka_id: str) -> str:
    """Stable id (humanCodingScheme) of a knowledge area as a category has it."""
    return f"{category_id}.{domain_id}.{ka_id}"


def association_key(association_type: str, origin_key: str, destination_key: str) -> str:
    """Stable key of an association from its type and the stable keys of its two nodes."""
    return f"association:{association_type}:{origin_key}:{destination_key}"


def _node(title: str, key: str) -> dict[str, str]:
    """A CASE node reference (LinkURI) to the thing with this stable key."""
    identifier = stable_uuid(key)
    return {"title": title, "identifier": identifier, "uri": f"urn:uuid:{identifier}"}


def _source_text(source: Source) -> str:
    """A source as '<doc id>, <section>'."""
    return f"{source.doc}, {source.section}"


class _Package:
    """Collects the items and associations of one CASE package."""

    def __init__(self, changed: str) -> None:
        """Start an empty package whose entries were last changed at changed."""
        self.changed = changed
        self.items: list[dict[str, Any]] = []
        self.associations: list[dict[str, Any]] = []
        self.nodes: dict[str, dict[str, str]] = {}
        self.children: dict[str, int] = {}
        self.relations: dict[str, dict[str, Any]] = {}

    def item(self, key: str, item_type: str, statement: str, notes: str | None,
             extensions: dict[str, Any], parent: dict[str, str], parent_key: str) -> dict[str, str]:
        """Add an item and its isChildOf association to its parent; return the item's node."""
        node = _node(statement, key)
        entry: dict[str, Any] = {
            "identifier": node["identifier"], "uri": node["uri"], "fullStatement": statement,
            "humanCodingScheme": key, "CFItemType": item_type,
            "CFItemTypeURI": _node(item_type, f"item-type:{item_type}"),
            "lastChangeDateTime": self.changed, "extensions": extensions,
        }
        if notes:
            entry["notes"] = notes
        self.items.append(entry)
        self.nodes[key] = node
        self.children[parent_key] = self.children.get(parent_key, 0) + 1
        self.associations.append(self._association("isChildOf", node, key, parent, parent_key,
                                                   sequenceNumber=self.children[parent_key]))
        return node

    def relation(self, association_type: str, origin: dict[str, str], origin_key: str, destination: dict[str, str],
                 destination_key: str, crosswalk: Crosswalk, pair: Pair) -> None:
        """Add a crosswalk association, merging it with an identical one from another crosswalk."""
        key = association_key(association_type, origin_key, destination_key)
        about = {"id": crosswalk.id, "title": crosswalk.title, "basis": crosswalk.basis,
                 "source": _source_text(pair.source)}
        if key in self.relations:
            entry = self.relations[key]
            entry["extensions"]["crosswalks"].append(about)
            if pair.note:
                entry["notes"] = f"{entry['notes']}\n\n{pair.note}" if entry.get("notes") else pair.note
            return
        entry = self._association(association_type, origin, origin_key, destination, destination_key)
        entry["extensions"] = {"relation": pair.relation, "crosswalks": [about]}
        if pair.note:
            entry["notes"] = pair.note
        self.relations[key] = entry
        self.associations.append(entry)

    def _association(self, association_type: str, origin: dict[str, str], origin_key: str,
                     destination: dict[str, str], destination_key: str, **optional: Any) -> dict[str, Any]:
        """A CFAssociation between two nodes."""
        identifier = stable_uuid(association_key(association_type, origin_key, destination_key))
        return {"identifier": identifier, "uri": f"urn:uuid:{identifier}", "associationType": association_type,
                "originNodeURI": origin, "destinationNodeURI": destination, "lastChangeDateTime": self.changed,
                **optional}


def case_package(model: Model, category: Category) -> dict[str, Any]:
    """The CASE 1.1 package of one category: its domains, knowledge areas and indicators, hierarchy and crosswalks."""
    fw = model.framework
    changed = f"{fw.date}T00:00:00+00:00"
    doc_key = document_key(category.id)
    document = _node(category.name, doc_key)
    package = _Package(changed)
    no_equivalent = _no_equivalents(model)
    for d in category.domains:
        d_key = domain_code(category.id, d.domain)
        d_node = package.item(d_key, DOMAIN_TYPE, d.title or model.domain(d.domain).name, None,
                              {"domain": d.domain, "knowledgeAreasEntered": d.knowledge_areas is not None},
                              document, doc_key)
        for k in d.knowledge_areas or ():
            k_key = ka_code(category.id, d.domain, k.ka)
            k_node = package.item(k_key, KA_TYPE, k.title or model.knowledge_area(k.ka).name, k.note,
                                  {"knowledgeArea": k.ka, "source": _source_text(k.source), "uncertain": k.uncertain,
                                   "indicatorsEntered": k.indicators is not None},
                                  d_node, d_key)
            for indicator in k.indicators or ():
                package.item(indicator.id, INDICATOR_TYPE, indicator.text, indicator.note,
                             _indicator_extensions(indicator, no_equivalent.get(indicator.id, [])), k_node, k_key)
    _add_relations(model, category, package)
    document_entry: dict[str, Any] = {
        "identifier": document["identifier"], "uri": document["uri"], "creator": fw.publisher,
        "title": category.name, "lastChangeDateTime": changed, "version": fw.version, "caseVersion": CASE_VERSION,
        "frameworkType": FRAMEWORK_TYPE, "language": "en", "description": category.summary,
        "notes": fw.disclaimer, "adoptionStatus": "Draft",
        "extensions": {
            "category": {"id": category.id, "code": category.code, "track": category.track,
                         "scope": list(category.scope), "status": category.status,
                         "source": _source_text(category.source)},
            "framework": {"title": fw.title, "edition": fw.edition, "licence": fw.licence, "textKind": fw.text_kind},
        },
    }
    definitions = {"CFItemTypes": [
        {"identifier": stable_uuid(f"item-type:{name}"), "uri": f"urn:uuid:{stable_uuid(f'item-type:{name}')}",
         "title": name, "description": description, "hierarchyCode": str(level), "lastChangeDateTime": changed}
        for level, (name, description) in enumerate(ITEM_TYPES.items(), 1)]}
    return {"CFDocument": document_entry, "CFItems": package.items, "CFAssociations": package.associations,
            "CFDefinitions": definitions}


def _indicator_extensions(indicator: Indicator, no_equivalent: list[dict[str, str]]) -> dict[str, Any]:
    """Extensions of an indicator item: its source, whether the text is official, and no-equivalent statements."""
    extensions: dict[str, Any] = {"source": _source_text(indicator.source), "official": indicator.official}
    if no_equivalent:
        extensions["noEquivalent"] = no_equivalent
    return extensions


def _no_equivalents(model: Model) -> dict[str, list[dict[str, str]]]:
    """For each item marked no-equivalent by a crosswalk: the crosswalk, basis and note."""
    out: dict[str, list[dict[str, str]]] = {}
    for cw in model.crosswalks:
        for pair in cw.pairs:
            if pair.target_ref is None:
                entry = {"crosswalk": cw.id, "basis": cw.basis, "source": _source_text(pair.source)}
                if pair.note:
                    entry["note"] = pair.note
                out.setdefault(pair.source_ref, []).append(entry)
    return out


def _add_relations(model: Model, category: Category, package: _Package) -> None:
    """Add the crosswalk pairs between an indicator of the category and an indicator elsewhere or an external item."""
    here = {i.id for i in category.indicators()}
    outside = {i.id: i.text for c in model.categories if c.id != category.id for i in c.indicators()}
    outside.update({item.id: item.name for fw in model.frameworks for item in fw.items})
    for cw in model.crosswalks:
        for pair in cw.pairs:
            association_type = RELATION_ASSOCIATIONS.get(pair.relation)
            if association_type is None or pair.target_ref is None:
                continue
            ends = (pair.source_ref, pair.target_ref)
            if sum(ref in here for ref in ends) != 1 or not any(ref in outside for ref in ends):
                continue
            origin, destination = (package.nodes[ref] if ref in here else _node(outside[ref], ref) for ref in ends)
            package.relation(association_type, origin, ends[0], destination, ends[1], cw, pair)


# --- CSV ------------------------------------------------------------------------------------------------------


def csv_cell(value: str) -> str:
    """A cell that no spreadsheet reads as a formula: text starting with = + - @ TAB or CR gets a leading '."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def csv_text(columns: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    """RFC 4180 CSV (CRLF, quoted where needed) with a UTF-8 byte-order mark, formula-safe cells."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(columns)
    writer.writerows(tuple(csv_cell(cell) for cell in row) for row in rows)
    return "\ufeff" + out.getvalue()


def indicators_csv(model: Model) -> str:
    """One row per indicator of every category: category, domain, knowledge area, id, text, source."""
    rows = []
    for category in model.categories:
        for d in category.domains:
            domain = d.title or model.domain(d.domain).name
            for k in d.knowledge_areas or ():
                ka = k.title or model.knowledge_area(k.ka).name
                rows.extend((category.code, domain, ka, i.id, i.text, _source_text(i.source))
                            for i in k.indicators or ())
    return csv_text(INDICATOR_COLUMNS, rows)


def ref_labels(model: Model) -> dict[str, str]:
    """The label of every crosswalk reference: indicator, knowledge area, domain, role duty or skill, external item."""
    labels = {i.id: i.text for c in model.categories for i in c.indicators()}
    labels.update({f"ka:{k.id}": k.name for k in model.knowledge_areas})
    labels.update({f"domain:{d.id}": d.name for d in model.domains})
    labels.update({item.id: item.text for role in model.roles for item in (*role.duties, *role.skills)})
    labels.update({item.id: item.name for fw in model.frameworks for item in fw.items})
    return labels


def crosswalk_pairs_csv(model: Model) -> str:
    """One row per crosswalk pair: crosswalk, basis, from, from_label, relation, to, to_label, note."""
    labels = ref_labels(model)
    rows = [(cw.id, cw.basis, p.source_ref, labels[p.source_ref], p.relation, p.target_ref or "",
             labels[p.target_ref] if p.target_ref else "", p.note or "")
            for cw in model.crosswalks for p in cw.pairs]
    return csv_text(PAIR_COLUMNS, rows)


# --- JSON -----------------------------------------------------------------------------------------------------


def model_to_json(model: Model) -> dict[str, Any]:
    """The whole model as JSON-ready data (field order kept), tagged with its format and schema."""
    data: dict[str, Any] = {"$schema": "atlas.schema.json", "format": FORMAT, "format_version": FORMAT_VERSION}
    data.update(_to_json(model, "model"))
    return data


def model_from_json(data: dict[str, Any]) -> Model:
    """Rebuild the model from model_to_json data (tuples and nested dataclasses restored); ValueError if malformed."""
    if not isinstance(data, dict):
        raise ValueError("model: expected an object")
    if data.get("format") != FORMAT or data.get("format_version") != FORMAT_VERSION:
        raise ValueError(f"model: expected format '{FORMAT}' version {FORMAT_VERSION}, "
                         f"found {data.get('format')!r} version {data.get('format_version')!r}")
    body = {key: value for key, value in data.items() if key not in ("$schema", "format", "format_version")}
    return _from_json(body, Model, "model")


def _fields(cls: type) -> list[dataclasses.Field[Any]]:
    """The data fields of a model dataclass (private caches such as Model._index left out)."""
    return [f for f in dataclasses.fields(cls) if not f.name.startswith("_")]


def _to_json(value: Any, where: str) -> Any:
    """A model value as JSON data: dataclasses as objects in field order, tuples as arrays."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_json(getattr(value, f.name), f"{where}.{f.name}") for f in _fields(type(value))}
    if isinstance(value, (tuple, list)):
        return [_to_json(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise TypeError(f"{where}: only text keys can be written as JSON")
        return {key: _to_json(v, f"{where}.{key}") for key, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"{where}: {type(value).__name__} cannot be written as JSON")


_SIMPLE = {str: str, int: int, float: (int, float), bool: bool}


def _from_json(value: Any, hint: Any, where: str) -> Any:
    """A JSON value rebuilt as the model type hint (dataclass, tuple, optional, dict, str, int, bool, Any)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return value
    if dataclasses.is_dataclass(hint):
        return _dataclass_from_json(value, hint, where)
    if origin in (types.UnionType, typing.Union):
        if value is None and type(None) in args:
            return None
        options = [a for a in args if a is not type(None)]
        if len(options) != 1:
            raise TypeError(f"{where}: unsupported type {hint}")
        return _from_json(value, options[0], where)
    if origin is tuple:
        if not isinstance(value, list):
            raise ValueError(f"{where}: expected an array")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from_json(v, args[0], f"{where}[{i}]") for i, v in enumerate(value))
        if len(value) != len(args):
            raise ValueError(f"{where}: expected {len(args)} entries")
        return tuple(_from_json(v, a, f"{where}[{i}]") for i, (v, a) in enumerate(zip(value, args)))
    if origin is dict:
        if not isinstance(value, dict):
            raise ValueError(f"{where}: expected an object")
        return {key: _from_json(v, args[1], f"{where}.{key}") for key, v in value.items()}
    if hint in _SIMPLE:
        if not isinstance(value, _SIMPLE[hint]) or (hint is not bool and isinstance(value, bool)):
            raise ValueError(f"{where}: expected {hint.__name__}, found {type(value).__name__}")
        return value
    raise TypeError(f"{where}: unsupported type {hint}")


def _dataclass_from_json(value: Any, cls: type, where: str) -> Any:
    """A model dataclass rebuilt from its JSON object, which must have exactly its fields."""
    if not isinstance(value, dict):
        raise ValueError(f"{where}: expected an object")
    names = [f.name for f in _fields(cls)]
    missing, unknown = [n for n in names if n not in value], [k for k in value if k not in names]
    if missing or unknown:
        raise ValueError(f"{where}: missing {missing}, unknown {unknown}")
    hints = typing.get_type_hints(cls, vars(model_module))
    return cls(**{n: _from_json(value[n], hints[n], f"{where}.{n}") for n in names})


# --- JSON Schema of atlas.json --------------------------------------------------------------------------------


def _obj(description: str, properties: dict[str, Any]) -> dict[str, Any]:
    """A closed object schema whose every property is required."""
    return {"type": "object", "description": description, "additionalProperties": False,
            "required": list(properties), "properties": properties}


def _ref(name: str, nullable: bool = False) -> dict[str, Any]:
    """A reference to a $defs entry, optionally allowing null."""
    ref = {"$ref": f"#/$defs/{name}"}
    return {"anyOf": [ref, {"type": "null"}]} if nullable else ref


def _array(items: dict[str, Any], nullable: bool = False) -> dict[str, Any]:
    """An array schema, optionally allowing null (for lists not yet entered)."""
    return {"type": ["array", "null"] if nullable else "array", "items": items}


_STR = {"type": "string"}
_TEXT = {"type": "string", "pattern": "\\S"}
_STR_OR_NULL = {"type": ["string", "null"]}
_INT = {"type": "integer"}
_INT_OR_NULL = {"type": ["integer", "null"]}
_BOOL = {"type": "boolean"}
_MAPPING = {"type": "object", "description": "Free-form data as in the source YAML file."}
_ID = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"}
_DOTTED = {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)+$"}
_REF = {"type": "string", "description": "An indicator, role duty or skill or external item by its dotted id; "
                                         "a knowledge area as ka:<id>; a domain as domain:<id>."}

ATLAS_SCHEMA_DICT: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "atlas.schema.json",
    "title": "IECMH Competency Atlas: the whole validated data model (atlas.json)",
    "description": "Written by the Atlas generator; generator.exports.model_from_json reads it back into the same "
                   "model.",
    **_obj("The model.", {
        "$schema": {"const": "atlas.schema.json"},
        "format": {"const": FORMAT},
        "format_version": {"const": FORMAT_VERSION},
        "framework": _ref("framework"),
        "domains": _array(_ref("domain")),
        "knowledge_areas": _array(_ref("knowledge_area")),
        "categories": _array(_ref("category")),
        "roles": _array(_ref("role")),
        "terms": _array(_ref("term")),
        "frameworks": _array(_ref("external_framework")),
        "crosswalks": _array(_ref("crosswalk")),
        "assessment": _ref("assessment", nullable=True),
        "programs": _array(_ref("program")),
    }),
    "$defs": {
        "source": _obj("A declared source document and a section of it.", {"doc": _ID, "section": _TEXT}),
        "source_doc": _obj("A document the data is drawn from.", {
            "id": _ID, "title": _TEXT, "publisher": _TEXT, "year": _INT_OR_NULL, "file": _STR_OR_NULL,
            "url": _STR_OR_NULL, "note": _STR_OR_NULL}),
        "framework": _obj("Dataset-wide facts.", {
            "title": _TEXT, "publisher": _TEXT, "edition": _TEXT, "version": _TEXT,
            "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}, "licence": _TEXT,
            "disclaimer": _TEXT, "text_kind": _STR, "sources": _array(_ref("source_doc")),
            "official_licences": _array(_STR)}),
        "domain": _obj("A competency domain shared by all categories.", {
            "id": _ID, "name": _TEXT, "summary": _TEXT, "source": _ref("source"), "note": _STR_OR_NULL}),
        "knowledge_area": _obj("A knowledge area shared by every category that has it.", {
            "id": _ID, "name": _TEXT, "domain": _ID, "summary": _TEXT, "source": _ref("source"),
            "note": _STR_OR_NULL}),
        "indicator": _obj("A behavioral indicator.", {
            "id": _DOTTED, "text": _TEXT, "source": _ref("source"), "note": _STR_OR_NULL, "official": _BOOL}),
        "category_knowledge_area": _obj("A knowledge area as a category has it (indicators null: not yet entered).", {
            "ka": _ID, "title": _STR, "source": _ref("source"), "note": _STR_OR_NULL, "uncertain": _BOOL,
            "indicators": _array(_ref("indicator"), nullable=True)}),
        "category_domain": _obj("A domain as a category has it (knowledge_areas null: not yet entered).", {
            "domain": _ID, "title": _STR,
            "knowledge_areas": _array(_ref("category_knowledge_area"), nullable=True)}),
        "note": _obj("A remark with its source.", {"text": _TEXT, "source": _ref("source"), "uncertain": _BOOL}),
        "category": _obj("An endorsement category with its requirements and competencies.", {
            "id": _ID, "code": _TEXT, "name": _TEXT, "track": _ID, "scope": _array(_ID), "status": _ID,
            "designation": _STR_OR_NULL, "counterpart": {"type": ["string", "null"]}, "summary": _TEXT,
            "source": _ref("source"), "notes": _array(_ref("note")), "assessment_target": _INT_OR_NULL,
            "requirements": _MAPPING, "domains": _array(_ref("category_domain"))}),
        "role_item": _obj("A duty or skill of a role profile.", {
            "id": _DOTTED, "kind": _STR, "text": _TEXT, "source": _ref("source")}),
        "role": _obj("A job role profile.", {
            "id": _ID, "title": _TEXT, "summary": _TEXT, "source": _ref("source"), "career": _MAPPING,
            "duties": _array(_ref("role_item")), "skills": _array(_ref("role_item")), "education": _MAPPING,
            "experience": _MAPPING}),
        "term": _obj("A glossary term.", {
            "id": _ID, "term": _TEXT, "abbreviation": _STR_OR_NULL, "definition": _TEXT, "source": _ref("source"),
            "see_also": _array(_ID)}),
        "external_item": _obj("An item of another competency framework.", {
            "id": _DOTTED, "name": _TEXT, "summary": _STR_OR_NULL}),
        "external_framework": _obj("Another competency framework whose items crosswalks point to.", {
            "id": _ID, "title": _TEXT, "publisher": _TEXT, "year": _INT_OR_NULL, "summary": _STR_OR_NULL,
            "source": _ref("source"), "items": _array(_ref("external_item"))}),
        "pair": _obj("One typed relation of a crosswalk (target_ref null only for no-equivalent).", {
            "source_ref": _REF, "target_ref": {"anyOf": [_REF, {"type": "null"}]},
            "relation": {"enum": ["exact-match", "close-match", "broader", "narrower", "related", "no-equivalent"]},
            "note": _STR_OR_NULL, "source": _ref("source")}),
        "crosswalk": _obj("Typed relations between items, with their basis.", {
            "id": _ID, "title": _TEXT, "basis": {"enum": ["source", "judgement"]}, "source": _ref("source"),
            "summary": _STR_OR_NULL, "pairs": _array(_ref("pair"))}),
        "cover": _obj("What a course addresses and at which level.", {
            "item": _REF, "level": {"enum": ["I", "R", "M"]}, "hours": {"type": ["number", "null"]}}),
        "course": _obj("A course of a program.", {
            "code": _TEXT, "title": _TEXT, "credits": {"type": ["number", "null"]},
            "clock_hours": {"type": ["number", "null"]}, "covers": _array(_ref("cover"))}),
        "program": _obj("A higher-education program mapped against the competencies.", {
            "id": _ID, "institution": _TEXT, "program": _TEXT, "fictional": _BOOL, "note": _STR_OR_NULL,
            "target_categories": _array(_ID), "courses": _array(_ref("course"))}),
        "level": _obj("One rating level of the self-assessment scale.", {
            "value": _INT, "label": _TEXT, "description": _TEXT}),
        "assessment": _obj("The self-assessment scale and settings.", {
            "levels": _array(_ref("level")), "nei_label": _TEXT, "nei_description": _TEXT, "default_target": _INT,
            "evidence": _array({"type": "array", "prefixItems": [_ID, _TEXT], "minItems": 2, "maxItems": 2}),
            "import_bytes": _INT, "note_chars": _INT, "storage_key": _TEXT, "privacy_statement": _TEXT}),
    },
}
"""JSON Schema (draft 2020-12) of atlas.json; every object is closed and lists every model field."""
