"""Rules of an official-text overlay: every text replaces a known indicator."""
from __future__ import annotations

from collections.abc import Iterator

from generator.errors import DataError
from generator.load.files import Documents
from generator.load.ids import Index
from generator.load.yamlfile import YamlDocument


def check(doc: YamlDocument, index: Index, docs: Documents) -> Iterator[DataError]:
    """Errors of one official-text file."""
    if not index.checkable("indicator"):
        return
    for item_id in doc.data["texts"]:
        if item_id not in index.indicator_ka:
            yield doc.error(("texts", item_id), f"unknown indicator id '{item_id}'")
