"""Rules of glossary.yml: declared sources, and see_also names known terms."""
from __future__ import annotations

from collections.abc import Iterator

from generator.errors import DataError
from generator.load.files import Documents
from generator.load.ids import Index
from generator.load.rules.common import unknown_sources
from generator.load.yamlfile import YamlDocument


def check(doc: YamlDocument, index: Index, docs: Documents) -> Iterator[DataError]:
    """Errors of the glossary."""
    yield from unknown_sources(doc, index)
    for i, t in enumerate(doc.data["terms"]):
        for j, other in enumerate(t.get("see_also", [])):
            if other not in index.term_ids:
                yield doc.error(("terms", i, "see_also", j), f"unknown term '{other}'")
