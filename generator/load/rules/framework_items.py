"""Rules of another framework's file: declared sources, file name, and item ids under the framework's id."""
from __future__ import annotations

from collections.abc import Iterator

from generator.errors import DataError
from generator.load.files import Documents
from generator.load.ids import Index
from generator.load.rules.common import file_name, unknown_sources
from generator.load.yamlfile import YamlDocument


def check(doc: YamlDocument, index: Index, docs: Documents) -> Iterator[DataError]:
    """Errors of one other-framework file."""
    raw = doc.data
    yield from unknown_sources(doc, index)
    yield from file_name(doc)
    for i, item in enumerate(raw["items"]):
        if not item["id"].startswith(raw["id"] + "."):
            yield doc.error(("items", i, "id"), f"item id must start with '{raw['id']}.'")
