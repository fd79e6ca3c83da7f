"""The whole model as lossless JSON (and back), tagged with its format; its schema is derived from the model's
dataclasses by generator.compile.model_schema."""
from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any

from generator.compile.model_schema import FORMAT, FORMAT_VERSION, data_fields
from generator.model.types import Model



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


