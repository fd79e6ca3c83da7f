"""JSON Schema checks of data files, with messages a person editing YAML can act on."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import jsonschema
import referencing

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
def _cached_validators(schema_dir: Path, vocabulary: tuple[tuple[str, tuple[str, ...]], ...]
                       ) -> dict[str, jsonschema.protocols.Validator]:
    """The validators of one schema folder and one vocabulary (compiled once)."""
    schemas = {p.name: _with_vocabulary(json.loads(p.read_text(encoding="utf-8")), dict(vocabulary))
               for p in sorted(schema_dir.glob("*.schema.json"))}
    registry = referencing.Registry().with_resources(
        (name, referencing.Resource.from_contents(schema)) for name, schema in schemas.items()
    )
    return {
        name.removesuffix(".schema.json"): jsonschema.Draft202012Validator(_bundle(schema, schemas), registry=registry)
        for name, schema in schemas.items()
    }


def _bundle(schema: dict, schemas: dict[str, dict]) -> dict:
    """Copy schema with references into other schema files turned into local $defs (same meaning, faster to check)."""
    own = schema["$id"]
    local_defs: dict[str, object] = {}

    def rewrite(node: object, file: str) -> object:
        if isinstance(node, dict):
            out = {k: rewrite(v, file) for k, v in node.items()}
            ref = node.get("$ref", "")
            target_file, _, fragment = ref.partition("#")
            target_file = target_file or file
            if ref and target_file != own:
                name = fragment.rsplit("/", 1)[-1]
                key = f"{target_file.removesuffix('.schema.json')}--{name}"
                if key not in local_defs:
                    local_defs[key] = {}
                    local_defs[key] = rewrite(schemas[target_file]["$defs"][name], target_file)
                out["$ref"] = f"#/$defs/{key}"
            return out
        if isinstance(node, list):
            return [rewrite(v, file) for v in node]
        return node

    bundled = rewrite(schema, own)
    assert isinstance(bundled, dict)
    bundled.setdefault("$defs", {}).update(local_defs)
    return bundled


def schema_kinds(schema_dir: Path) -> list[str]:
    """The file kinds that have a schema."""
    return sorted(_validators(schema_dir))


def check_schema(doc: YamlDocument, kind: str, schema_dir: Path, vocabulary: Vocabulary | None = None
                 ) -> list[DataError]:
    """Validate doc against the schema of its kind (vocabulary filled in); one DataError per problem."""
    validator = _validators(schema_dir, vocabulary)[kind]
    errors = []
    for err in validator.iter_errors(doc.data):
        errors.extend(_translate(doc, err))
    return errors


def _translate(doc: YamlDocument, err: jsonschema.ValidationError) -> list[DataError]:
    """Turn one jsonschema error into DataErrors placed on the right line."""
    ypath = tuple(err.absolute_path)
    kind = err.validator
    if kind in ("additionalProperties", "unevaluatedProperties"):
        inside = err.message[err.message.find("(") :]
        keys = _UNEXPECTED.findall(inside) or ["?"]
        allowed = _allowed_keys(err.schema)
        hint = f" (allowed here: {', '.join(allowed)})" if allowed else ""
        return [doc.error(ypath + (key,), f"unknown key '{key}'{hint}") for key in keys]
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


def _allowed_keys(schema: dict) -> list[str]:
    """The property names a (possibly allOf-composed) schema object accepts, for hints."""
    keys = list(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        if "$ref" in part and part["$ref"].endswith("requirement_base"):
            keys = ["summary", "source", "note", "uncertain"] + keys
    return sorted(set(keys))


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
