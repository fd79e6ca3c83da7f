"""Safe YAML reading that remembers where every value stands in its file."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import DataError

MAX_FILE_BYTES = 1_000_000
"""Largest data file accepted; a bigger one is refused before it is parsed."""

MAX_DEPTH = 32
"""Deepest nesting of lists and mappings accepted (the data needs about 8); deeper values are refused."""

MAX_SAFE_NUMBER = 2**53 - 1
"""Largest number accepted: the largest whole number a browser holds exactly (JavaScript's MAX_SAFE_INTEGER)."""

_NOT_YAML_TEXT = re.compile(r"[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010FFFF]")
"""A character YAML does not allow in a file (control characters such as NUL), as PyYAML's reader defines them."""
_INT_TAG = "tag:yaml.org,2002:int"

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
    bad = _NOT_YAML_TEXT.search(text)
    if bad:
        line, column = _line_and_column(text, bad.start())
        errors.append(DataError(path, line, column, (), f"invalid YAML: character U+{ord(bad.group()):04X} is not "
                                                        "allowed in a YAML file"))
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
    except RecursionError:  # only the pure-Python parser recurses; libyaml stops at 1000 levels itself
        errors.append(DataError(path, 1, 1, (), f"invalid YAML: nested more than {MAX_DEPTH} levels deep"))
        return None
    except yaml.MarkedYAMLError as exc:
        errors.append(_syntax_error(path, text, exc))
        return None
    except yaml.YAMLError as exc:
        errors.append(DataError(path, 1, 1, (), f"invalid YAML: {exc}"))
        return None
    finally:
        loader.dispose()


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of the character at index."""
    return text.count("\n", 0, index) + 1, index - text.rfind("\n", 0, index)


def _syntax_error(path: Path, text: str, exc: yaml.MarkedYAMLError) -> DataError:
    """A YAML syntax error placed where the mistake most likely is: where an unclosed quote or bracket opens."""
    problem = exc.problem or exc.context or "invalid YAML"
    mark, context = exc.problem_mark or exc.context_mark, exc.context_mark
    if mark is None:
        return DataError(path, 1, 1, (), f"invalid YAML: {problem}")
    at_end = not text[mark.index:].strip()
    if context is not None and exc.context == "while scanning a quoted scalar":
        return DataError(path, context.line + 1, context.column + 1, (),
                         f"invalid YAML: the quote opened here is never closed ({problem} on line {mark.line + 1})")
    if context is not None and at_end:
        return DataError(path, context.line + 1, context.column + 1, (),
                         f"invalid YAML: {problem} ({exc.context} that starts here; the file ends on line "
                         f"{mark.line + 1})")
    quoted = _quote_ending_at(text, mark)
    if quoted is not None:
        return DataError(path, quoted.line + 1, quoted.column + 1, (),
                         f"invalid YAML: the quoted text opened here runs on to line {mark.line + 1}, where the "
                         f"file stops making sense ({problem}); a closing quote is probably missing")
    return DataError(path, mark.line + 1, mark.column + 1, (), f"invalid YAML: {problem}")


def _quote_ending_at(text: str, problem: yaml.Mark) -> yaml.Mark | None:
    """The start of a quoted value spanning several lines that ends on the problem's line (a quote left open)."""
    loader = _SafeLoader(text)
    found = None
    try:
        while loader.check_token():
            token = loader.get_token()
            if token.start_mark.index >= problem.index:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
                    and token.start_mark.line < token.end_mark.line == problem.line):
                found = token.start_mark
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return found


def _shown(text: str) -> str:
    """A scalar's text cut to a readable length for a message."""
    return text if len(text) <= 24 else f"{text[:20]}... ({len(text)} characters)"


def _scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> tuple[Any, str | None]:
    """The value of a scalar node, or None and the reason it cannot be taken (impossible dates, huge numbers)."""
    too_large = f"{_shown(node.value)} is too large (numbers may be at most {MAX_SAFE_NUMBER} either side of 0)"
    if node.tag == _INT_TAG and len(node.value) > 24:  # refuse before int() meets Python's 4300-digit limit
        return None, too_large
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, OverflowError) as exc:
        return None, f"invalid value {_shown(node.value)}: {exc}"
    if isinstance(value, float) and not math.isfinite(value):
        return None, f"{_shown(node.value)} is not a finite number"
    if isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > MAX_SAFE_NUMBER:
        return None, too_large
    return value, None


def _build(loader: yaml.SafeLoader, node: yaml.Node, ypath: YamlPath, doc: YamlDocument,
           errors: list[DataError], seen: set[int]) -> Any:
    """Turn a composed node into plain data, recording positions and refusing duplicate keys and aliases."""
    line, column = node.start_mark.line + 1, node.start_mark.column + 1
    if id(node) in seen:  # an alias: the composer hands back the anchored node again; never expand it
        errors.append(DataError(doc.path, line, column, ypath,
                                "YAML anchors and aliases are not allowed: write each value out in full"))
        raise _AliasFound
    seen.add(id(node))
    doc.positions.setdefault(ypath, (line, column))
    if len(ypath) > MAX_DEPTH:
        errors.append(DataError(doc.path, line, column, ypath[:1], f"nested more than {MAX_DEPTH} levels deep"))
        return None
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.tag not in _PLAIN_TAGS:
        errors.append(DataError(doc.path, node.start_mark.line + 1, node.start_mark.column + 1, ypath,
                                f"invalid YAML: tag {node.tag} is not allowed"))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line, column = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if id(key_node) in seen:
                errors.append(DataError(doc.path, line, column, ypath,
                                        "YAML anchors and aliases are not allowed: write each key out in full"))
                raise _AliasFound
            seen.add(id(key_node))
            if not isinstance(key_node, yaml.ScalarNode):  # never built: a complex key may hide an alias bomb
                errors.append(DataError(doc.path, line, column, ypath,
                                        "a mapping key must be plain text, not a list or mapping"))
                continue
            key, problem = _scalar(loader, key_node)
            if problem is not None or not isinstance(key, str):
                errors.append(DataError(doc.path, line, column, ypath,
                                        problem or f"key {_shown(key_node.value)} must be text"))
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
    value, problem = _scalar(loader, node)
    if problem is not None:
        errors.append(DataError(doc.path, line, column, ypath, problem))
    return value
