"""Rules of knowledge-areas.yml: declared sources and known domains."""
from __future__ import annotations

from collections.abc import Iterator

from generator.errors import DataError
from generator.load.files import Documents
from generator.load.ids import Index
from generator.load.rules.common import unknown_sources
from generator.load.yamlfile import YamlDocument


def check(doc: YamlDocument, index: Index, docs: Documents) -> Iterator[DataError]:
    """Errors of the knowledge-areas file."""
    yield from unknown_sources(doc, index)
    for i, k in enumerate(doc.data["knowledge_areas"]):
        if k["domain"] not in index.domain_ids and index.checkable("domain"):
            yield doc.error(("knowledge_areas", i, "domain"), f"unknown domain '{k['domain']}'")
