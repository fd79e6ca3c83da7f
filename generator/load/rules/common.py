"""Checks shared by several file kinds: declared sources, and ids that must match file names."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.errors import DataError
from generator.load.ids import Index
from generator.load.yamlfile import YamlDocument, YamlPath


def unknown_sources(doc: YamlDocument, index: Index, node: Any = None, ypath: YamlPath = ()) -> Iterator[DataError]:
    """Every source.doc under node (default: the whole document) that names an undeclared source."""
    node = doc.data if node is None and not ypath else node
    if isinstance(node, dict):
        src = node.get("source")
        if isinstance(src, dict) and src.get("doc") not in index.source_ids and index.checkable("source"):
            yield doc.error(ypath + ("source", "doc"),
                            f"unknown source '{src.get('doc')}' (declare it in framework.yml sources)")
        for key, value in node.items():
            yield from unknown_sources(doc, index, value, ypath + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from unknown_sources(doc, index, value, ypath + (i,))


def file_name(doc: YamlDocument) -> Iterator[DataError]:
    """An error when a one-item file's id differs from its file name (ids and file names must agree)."""
    if doc.path.stem != doc.data["id"]:
        yield doc.error(("id",), f"id '{doc.data['id']}' must match the file name '{doc.path.stem}.yml'")
