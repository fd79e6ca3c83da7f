"""The JSON Schema of atlas.json, derived from the model's dataclasses: one description of the model.

Every dataclass reachable from Model becomes a closed object in $defs whose properties are its fields (all
required, in field order) and whose description is its docstring's first line. Fields marked with a vocabulary
list in their metadata (such as Category.track) only take that list's ids from the model's vocabulary.
"""
from __future__ import annotations

import dataclasses
import re
import types
import typing
from typing import Any

from generator.model.types import Model

FORMAT = "iecmh-atlas-model"
FORMAT_VERSION = 2
"""2: requirements are typed (every field of each kind present, null when not entered); 1 kept them as written."""
_SIMPLE = {str: {"type": "string"}, int: {"type": "integer"}, float: {"type": "number"}, bool: {"type": "boolean"}}


def data_fields(cls: type) -> list[dataclasses.Field[Any]]:
    """The data fields of a model dataclass (private caches such as Model._index left out)."""
    return [f for f in dataclasses.fields(cls) if not f.name.startswith("_")]


def def_name(cls: type) -> str:
    """The $defs name of a dataclass: its name in snake case."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


def atlas_schema(model: Model) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of the model export of this model."""
    defs: dict[str, Any] = {}
    body = _object(Model, model, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "atlas.schema.json",
        "title": "IECMH Competency Atlas: the whole validated data model (atlas.json)",
        "description": "Written by the Atlas generator; generator.compile.exports.model_from_json reads it back into "
                       "the same model. Derived from the model's types.",
        "type": "object",
        "additionalProperties": False,
        "required": ["$schema", "format", "format_version", *body["required"]],
        "properties": {"$schema": {"const": "atlas.schema.json"}, "format": {"const": FORMAT},
                       "format_version": {"const": FORMAT_VERSION}, **body["properties"]},
        "$defs": dict(sorted(defs.items())),
    }


def _object(cls: type, model: Model, defs: dict[str, Any]) -> dict[str, Any]:
    """A closed object schema listing every field of a dataclass."""
    hints = typing.get_type_hints(cls)
    fields = data_fields(cls)
    properties = {}
    for f in fields:
        schema = _type(hints[f.name], model, defs)
        vocabulary = f.metadata.get("vocabulary")
        if vocabulary:
            ids = [entry.id for entry in getattr(model.vocabulary, vocabulary)]
            schema = {**schema, "items": {"enum": ids}} if schema.get("type") == "array" else {"enum": ids}
        properties[f.name] = schema
    return {"type": "object", "description": (cls.__doc__ or "").strip().splitlines()[0],
            "additionalProperties": False, "required": [f.name for f in fields], "properties": properties}


def _type(hint: Any, model: Model, defs: dict[str, Any]) -> dict[str, Any]:
    """The schema of one type hint: dataclasses by reference, tuples as arrays, optional values nullable."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is Any:
        return {}
    if dataclasses.is_dataclass(hint):
        name = def_name(hint)
        if name not in defs:
            defs[name] = {}
            defs[name] = _object(hint, model, defs)
        return {"$ref": f"#/$defs/{name}"}
    if origin in (types.UnionType, typing.Union):
        options = [a for a in args if a is not type(None)]
        return {"anyOf": [_type(options[0], model, defs), {"type": "null"}]}
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type(args[0], model, defs)}
        return {"type": "array", "prefixItems": [_type(a, model, defs) for a in args], "minItems": len(args),
                "maxItems": len(args)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type(args[1], model, defs)}
    if hint in _SIMPLE:
        return dict(_SIMPLE[hint])
    raise TypeError(f"no schema for the model type {hint}")
