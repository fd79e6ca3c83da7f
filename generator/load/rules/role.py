"""Rules of a role profile: declared sources and an id that matches the file name."""
from __future__ import annotations

from collections.abc import Iterator

from generator.errors import DataError
from generator.load.files import Documents
from generator.load.ids import Index
from generator.load.rules.common import file_name, unknown_sources
from generator.load.yamlfile import YamlDocument


def check(doc: YamlDocument, index: Index, docs: Documents) -> Iterator[DataError]:
    """Errors of one role file."""
    yield from unknown_sources(doc, index)
    yield from file_name(doc)
