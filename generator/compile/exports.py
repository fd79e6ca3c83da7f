"""Open-data exports of the validated model: CASE 1.1 packages, CSV tables, program files and a lossless JSON dump
with its schema (derived from the model's dataclasses by generator.compile.model_schema)."""
from __future__ import annotations

import csv
import dataclasses
import io
import json
import types
import typing
import uuid
from typing import Any

from generator.compile import urls
from generator.compile.kinds import Export
from generator.compile.model_schema import FORMAT, FORMAT_VERSION, atlas_schema, data_fields
from generator.model.coverage import matrix
from generator.model.types import Category, Crosswalk, Indicator, Model, Pair, Program, Source

NAMESPACE = uuid.UUID("1043465a-40ae-471d-ad39-09b6583c9532")
"""Namespace of every CASE identifier (UUIDv5 of a stable key); never change it, or every identifier changes."""


CASE_VERSION = "1.1"
FRAMEWORK_TYPE = "Competency Framework"
DOMAIN_TYPE, KA_TYPE, INDICATOR_TYPE = "Competency Domain", "Knowledge Area", "Behavioral Indicator"
ITEM_TYPES = {
    DOMAIN_TYPE: "A competency domain: the broadest grouping of a category's competencies.",
    KA_TYPE: "A knowledge area within a competency domain.",
    INDICATOR_TYPE: "A behavioral indicator: how a person shows a knowledge area in practice.",
}
"""The CASE item types of a package and their descriptions, in hierarchy order."""

INDICATOR_COLUMNS = ("category", "domain", "knowledge_area", "id", "text", "source")
PAIR_COLUMNS = ("crosswalk", "basis", "from", "from_label", "relation", "to", "to_label", "note")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula."""


def json_text(data: Any, sort_keys: bool) -> str:
    """JSON text with two-space indents, real UTF-8 characters and a final newline (NaN and infinities, which are
    not JSON, raise ValueError: a second guard behind the YAML reader's refusal)."""
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=sort_keys, allow_nan=False) + "\n"


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
    associations = {r.id: r.case_association for r in model.vocabulary.relations}
    for cw in model.crosswalks:
        for pair in cw.pairs:
            association_type = associations.get(pair.relation)
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


def _to_json(value: Any, where: str) -> Any:
    """A model value as JSON data: dataclasses as objects in field order, tuples as arrays."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_json(getattr(value, f.name), f"{where}.{f.name}") for f in data_fields(type(value))}
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
    names = [f.name for f in data_fields(cls)]
    missing, unknown = [n for n in names if n not in value], [k for k in value if k not in names]
    if missing or unknown:
        raise ValueError(f"{where}: missing {missing}, unknown {unknown}")
    hints = typing.get_type_hints(cls)
    return cls(**{n: _from_json(value[n], hints[n], f"{where}.{n}") for n in names})


# --- Programs -------------------------------------------------------------------------------------------------


def matrix_csv(model: Model, program: Program) -> str:
    """The coverage matrix as CSV: domain, knowledge area, a column per course, courses reaching, highest, hours."""
    columns = ("domain", "knowledge_area", *(c.code for c in program.courses), "courses_reaching", "highest_level",
               "hours")
    rows = [(name, row.name, *(cell or "" for cell in row.cells), str(row.reached), row.highest or "",
             f"{row.hours:g}")
            for _, name, group in matrix(model, program) for row in group]
    return csv_text(columns, rows)


def _number(value: float) -> float | int:
    """33.0 as 33, 1.5 as 1.5 (so JSON matches what the mapper writes)."""
    return int(value) if float(value).is_integer() else value


def program_json(model: Model, program: Program) -> str:
    """The program as the JSON the coursework mapper imports and exports."""
    courses = []
    for c in program.courses:
        course: dict[str, Any] = {"code": c.code, "title": c.title}
        if c.credits is not None:
            course["credits"] = _number(c.credits)
        if c.clock_hours is not None:
            course["clock_hours"] = _number(c.clock_hours)
        course["covers"] = [{"item": x.item, "level": x.level, **({} if x.hours is None else {"hours": _number(x.hours)})}
                            for x in c.covers]
        courses.append(course)
    data = {"format": "iecmh-atlas-program", "version": 1, "dataset_version": model.framework.version,
            "id": program.id, "institution": program.institution, "program": program.program,
            "target_categories": list(program.target_categories), "courses": courses}
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


# --- The list of exports ---------------------------------------------------------------------------------------


def _one(path: str, make: Callable[[Model], str]) -> Callable[[Model], dict[str, str]]:
    """The files of an export that is one file."""
    return lambda model: {path: make(model)}


EXPORTS: tuple[Export, ...] = (
    Export("atlas/data/case/<category>.json", "CASE 1.1 package of the category `<category>`",
           lambda model: {urls.case_package(c.id): json_text(case_package(model, c), sort_keys=True)
                          for c in model.categories}),
    Export(urls.INDICATORS_CSV,
           "Every indicator of every category: category, domain, knowledge area, id, text, source",
           _one(urls.INDICATORS_CSV, indicators_csv)),
    Export(urls.PAIRS_CSV, "Every crosswalk pair: crosswalk, basis, from, relation, to, with labels and notes",
           _one(urls.PAIRS_CSV, crosswalk_pairs_csv)),
    Export(urls.ATLAS_JSON, "The whole validated data model (re-importing it rebuilds the same site)",
           _one(urls.ATLAS_JSON, lambda model: json_text(model_to_json(model), sort_keys=False))),
    Export(urls.ATLAS_SCHEMA, "JSON Schema of atlas.json",
           _one(urls.ATLAS_SCHEMA, lambda model: json_text(atlas_schema(model), sort_keys=False))),
    Export("atlas/data/programs/<program>-matrix.csv", "Coverage matrix of the program `<program>`",
           lambda model: {urls.program_matrix_csv(p.id): matrix_csv(model, p) for p in model.programs},
           on_open_data=False),
    Export("atlas/data/programs/<program>.json", "The program `<program>` as the mapper imports it",
           lambda model: {urls.program_json(p.id): program_json(model, p) for p in model.programs},
           on_open_data=False),
)
"""Every kind of export file."""


def export_description(path: str) -> str:
    """What the export file at path holds (the export whose pattern matches it, with the id filled in)."""
    for export in EXPORTS:
        head, _, tail = export.path.partition("<")
        name, _, rest = tail.partition(">")
        if path == export.path or (name and path.startswith(head) and path.endswith(rest)):
            filled = path[len(head):len(path) - len(rest)] if name else ""
            return export.description.replace(f"<{name}>", filled) if name else export.description
    raise KeyError(path)
