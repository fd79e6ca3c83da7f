"""Safe YAML reading that remembers where every value stands in its file."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import DataError

MAX_FILE_BYTES = 1_000_000
"""Largest data file accepted; a bigger one is refused before it is parsed."""

YamlPath = tuple[str | int, ...]
_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
# libyaml's parser when PyYAML has it (about ten times faster); the pure-Python one otherwise. Both are safe loaders.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _AliasFound(Exception):
    """Raised to stop reading a file as soon as an alias is met."""


@dataclass
class YamlDocument:
    """The plain data of one YAML file and the line and column of each value in it."""

    path: Path
    data: Any
    positions: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)

    def where(self, ypath: YamlPath) -> tuple[int, int]:
        """Return (line, column) of the value at ypath, or of its nearest parent that has one."""
        for end in range(len(ypath), -1, -1):
            if ypath[:end] in self.positions:
                return self.positions[ypath[:end]]
        return (1, 1)

    def error(self, ypath: YamlPath, message: str) -> DataError:
        """Build an error that names this file, the line and column of ypath, and the message."""
        line, column = self.where(ypath)
        return DataError(self.path, line, column, ypath, message)


def read_yaml(path: Path, errors: list[DataError]) -> YamlDocument | None:
    """Read path as YAML; on any problem append DataErrors and return None."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        errors.append(DataError(path, 1, 1, (), f"cannot read file: {exc.strerror}"))
        return None
    if size > MAX_FILE_BYTES:
        errors.append(DataError(path, 1, 1, (), f"file is {size} bytes; the limit is {MAX_FILE_BYTES} bytes"))
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        errors.append(DataError(path, 1, 1, (), f"not UTF-8 text ({exc.reason} at byte {exc.start})"))
        return None
    before = len(errors)
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            errors.append(DataError(path, 1, 1, (), "file is empty; expected a mapping of fields"))
            return None
        doc = YamlDocument(path, None)
        doc.data = _build(loader, node, (), doc, errors, set())
        return doc if len(errors) == before else None
    except _AliasFound:
        return None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        errors.append(DataError(path, line, column, (), f"invalid YAML: {problem}"))
        return None
    except yaml.YAMLError as exc:
        errors.append(DataError(path, 1, 1, (), f"invalid YAML: {exc}"))
        return None
    finally:
        loader.dispose()


def _build(loader: yaml.SafeLoader, node: yaml.Node, ypath: YamlPath, doc: YamlDocument,
           errors: list[DataError], seen: set[int]) -> Any:
    """Turn a composed node into plain data, recording positions and refusing duplicate keys and aliases."""
    if id(node) in seen:  # an alias: the composer hands back the anchored node again; never expand it
        errors.append(DataError(doc.path, node.start_mark.line + 1, node.start_mark.column + 1, ypath,
                                "YAML anchors and aliases are not allowed: write each value out in full"))
        raise _AliasFound
    seen.add(id(node))
    doc.positions.setdefault(ypath, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        errors.append(DataError(doc.path, node.start_mark.line + 1, node.start_mark.column + 1, ypath,
                                f"invalid YAML: tag {node.tag} is not allowed"))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key, str):
                errors.append(DataError(doc.path, line, column, ypath, f"key {key!r} must be text"))
                continue
            if key in result:
                first = doc.positions[ypath + (key,)][0]
                errors.append(DataError(doc.path, line, column, ypath + (key,),
                                        f"duplicate key '{key}' (first given on line {first})"))
                continue
            doc.positions[ypath + (key,)] = (line, column)
            result[key] = _build(loader, value_node, ypath + (key,), doc, errors, seen)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, ypath + (i,), doc, errors, seen) for i, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)
