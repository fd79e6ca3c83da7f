"""Rules of domains.yml: every source is declared."""
from __future__ import annotations

from collections.abc import Iterator

from generator.errors import DataError
from generator.load.files import Documents
from generator.load.ids import Index
from generator.load.rules.common import unknown_sources
from generator.load.yamlfile import YamlDocument


def check(doc: YamlDocument, index: Index, docs: Documents) -> Iterator[DataError]:
    """Errors of the domains file."""
    yield from unknown_sources(doc, index)
