"""JSON Schema checks of data files, with messages a person editing YAML can act on."""
from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from pathlib import Path

import jsonschema
import referencing
import referencing.jsonschema

from generator.errors import DataError
from generator.load.yamlfile import YamlDocument

Vocabulary = dict[str, tuple[str, ...]]
"""The ids of each list of vocabulary.yml (tracks, scopes, relations, coverage_levels), in their order."""

VOCABULARY_KEY = "x-vocabulary"
"""A schema keyword naming the vocabulary list whose ids a value must be one of (filled in as an enum)."""

_UNEXPECTED = re.compile(r"'([^']+)'")
_TYPE_NAMES = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
               "array": "a list", "object": "a mapping of fields", "null": "nothing"}


def vocabulary_of(raw: dict) -> Vocabulary:
    """The ids of every list of a schema-valid vocabulary.yml."""
    return {name: tuple(entry["id"] for entry in entries) for name, entries in raw.items() if isinstance(entries, list)}


def _with_vocabulary(node: object, vocabulary: dict[str, tuple[str, ...]]) -> object:
    """A copy of a schema whose x-vocabulary values are enums of the vocabulary's ids (open when it has none)."""
    if isinstance(node, dict):
        out = {k: _with_vocabulary(v, vocabulary) for k, v in node.items()}
        name = node.get(VOCABULARY_KEY)
        if isinstance(name, str) and vocabulary.get(name):
            out["enum"] = list(vocabulary[name])
        return out
    if isinstance(node, list):
        return [_with_vocabulary(v, vocabulary) for v in node]
    return node


def _validators(schema_dir: Path, vocabulary: Vocabulary | None = None) -> dict[str, jsonschema.protocols.Validator]:
    """Load every *.schema.json in schema_dir into a validator keyed by its kind, vocabulary filled in."""
    frozen = tuple(sorted((vocabulary or {}).items()))
    return _cached_validators(schema_dir, frozen)


@lru_cache(maxsize=8)
def _schema_files(schema_dir: Path) -> dict[str, dict]:
    """Every schema of a folder by file name (for the hints of messages)."""
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(schema_dir.glob("*.schema.json"))}


@lru_cache(maxsize=8)
def _cached_validators(schema_dir: Path, vocabulary: tuple[tuple[str, tuple[str, ...]], ...]
                       ) -> dict[str, jsonschema.protocols.Validator]:
    """The validators of one schema folder and one vocabulary (compiled once). Each schema is registered under
    its absolute $id, so references between the files resolve as in any standard tool (no merging by hand)."""
    schemas = {p.name: _with_vocabulary(json.loads(p.read_text(encoding="utf-8")), dict(vocabulary))
               for p in sorted(schema_dir.glob("*.schema.json"))}
    registry = referencing.Registry().with_resources(
        (schema["$id"], referencing.jsonschema.DRAFT202012.create_resource(schema)) for schema in schemas.values()
    )
    return {
        name.removesuffix(".schema.json"): jsonschema.Draft202012Validator(schema, registry=registry)
        for name, schema in schemas.items()
    }


def schema_kinds(schema_dir: Path) -> list[str]:
    """The file kinds that have a schema."""
    return sorted(_validators(schema_dir))


def check_schema(doc: YamlDocument, kind: str, schema_dir: Path, vocabulary: Vocabulary | None = None
                 ) -> list[DataError]:
    """Validate doc against the schema of its kind (vocabulary filled in); one DataError per problem."""
    validator = _validators(schema_dir, vocabulary)[kind]
    schemas = _schema_files(schema_dir)
    errors = []
    for err in validator.iter_errors(doc.data):
        errors.extend(_translate(doc, err, schemas))
    return errors


def _translate(doc: YamlDocument, err: jsonschema.ValidationError, schemas: dict[str, dict]) -> list[DataError]:
    """Turn one jsonschema error into DataErrors placed on the right line."""
    ypath = tuple(err.absolute_path)
    kind = err.validator
    if kind in ("additionalProperties", "unevaluatedProperties"):
        return _unknown_keys(doc, err, _allowed_keys(err.schema, schemas))
    if kind == "required":
        missing = _UNEXPECTED.findall(err.message)[0]
        return [doc.error(ypath, f"missing required field '{missing}'")]
    if kind == "type":
        expected = err.validator_value if isinstance(err.validator_value, str) else err.validator_value[0]
        found = type(err.instance).__name__
        hint = " (write dates in quotes)" if found in ("date", "datetime") else ""
        return [doc.error(ypath, f"expected {_TYPE_NAMES.get(expected, expected)}, found {found} "
                                 f"{_short(err.instance)}{hint}")]
    if kind == "pattern":
        if isinstance(err.instance, str) and not err.instance.strip():
            return [doc.error(ypath, "must not be empty")]
        described = err.schema.get("description", f"text matching {err.validator_value}")
        return [doc.error(ypath, f"{_short(err.instance)} is not valid here: {described}")]
    if kind == "enum":
        options = ", ".join(str(o) for o in err.validator_value)
        return [doc.error(ypath, f"{_short(err.instance)} is not one of: {options}")]
    if kind == "minItems" and err.validator_value == 1:
        return [doc.error(ypath, "empty list: give at least one item, or leave the key out if there is none")]
    if kind == "minProperties":
        return [doc.error(ypath, "empty mapping: give at least one entry")]
    if kind in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum"):
        return [doc.error(ypath, f"{_short(err.instance)} is out of range ({kind} {err.validator_value})")]
    if kind == "uniqueItems":
        return [doc.error(ypath, "the list repeats an item")]
    return [doc.error(ypath, err.message)]


def _unknown_keys(doc: YamlDocument, err: jsonschema.ValidationError, allowed: list[str]) -> list[DataError]:
    """One error per key the schema does not allow, with the nearest allowed key as a suggestion.

    A key the schema allows is never called unknown: unevaluatedProperties also lists allowed keys when another
    part of the same object failed (a misspelt `sorce` leaves `source` missing, so `summary` counts as unevaluated);
    that failure has its own message."""
    inside = err.message[err.message.find("("):]
    keys = [key for key in _UNEXPECTED.findall(inside) or ["?"] if key not in allowed]
    hint = f" (allowed here: {', '.join(allowed)})" if allowed else ""
    out = []
    for key in keys:
        near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        suggestion = f": did you mean '{near[0]}'?" if near else ""
        out.append(doc.error(tuple(err.absolute_path) + (key,), f"unknown key '{key}'{suggestion}{hint}"))
    return out


def _allowed_keys(schema: dict, schemas: dict[str, dict]) -> list[str]:
    """The property names a schema object accepts, with those of the schemas it draws in ($ref, allOf)."""
    keys: set[str] = set()

    def collect(node: object, depth: int) -> None:
        if not isinstance(node, dict) or depth > 8:
            return
        keys.update(node.get("properties", {}))
        if isinstance(node.get("$ref"), str):
            collect(_lookup(node["$ref"], schemas), depth + 1)
        for part in node.get("allOf", []):
            collect(part, depth + 1)

    collect(schema, 0)
    return sorted(keys)


def _lookup(ref: str, schemas: dict[str, dict]) -> object:
    """The schema a reference such as common.schema.json#/$defs/text points to (a local #/... in any file that
    has it), or None."""
    file, _, fragment = ref.partition("#")
    candidates = [schemas[file.rsplit("/", 1)[-1]]] if file and file.rsplit("/", 1)[-1] in schemas \
        else list(schemas.values())
    for node in candidates:
        for part in fragment.strip("/").split("/"):
            node = node.get(part) if isinstance(node, dict) and part else node
        if node is not None:
            return node
    return None


def _short(value: object) -> str:
    """A value shown in a message, cut to a readable length."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def schema_fields(schema_dir: Path, kind: str) -> list[tuple[str, bool, str]]:
    """Every field path a file kind accepts, as (path such as domains[].source.doc, required, description)."""
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in schema_dir.glob("*.schema.json")}
    rows: list[tuple[str, bool, str]] = []

    def resolve(ref: str, current: dict) -> tuple[dict, dict]:
        file, _, fragment = ref.partition("#")
        doc = schemas[file] if file else current
        node = doc
        for part in fragment.strip("/").split("/"):
            if part:
                node = node[part]
        return node, doc

    def walk(node: dict, doc: dict, prefix: str) -> None:
        if "$ref" in node:
            target, target_doc = resolve(node["$ref"], doc)
            walk(target, target_doc, prefix)
            return
        for part in node.get("allOf", []):
            walk(part, doc, prefix)
        if node.get("type") == "array" and "items" in node:
            walk(node["items"], doc, prefix + "[]")
            return
        for name, sub in node.get("properties", {}).items():
            path = f"{prefix}.{name}" if prefix else name
            target = resolve(sub["$ref"], doc)[0] if "$ref" in sub else sub
            row = (path, name in node.get("required", []), sub.get("description") or target.get("description", ""))
            if row not in rows:
                rows.append(row)
            walk(sub, doc, path)
        if isinstance(node.get("additionalProperties"), dict):
            walk(node["additionalProperties"], doc, prefix + ".<id>")

    schema = schemas[f"{kind}.schema.json"]
    walk(schema, schema, "")
    return rows
