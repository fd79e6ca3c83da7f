"""Rules of search-terms.yml: declared sources (the file is read for the search index by generator/site/search.py)."""
from __future__ import annotations

from collections.abc import Iterator

from generator.errors import DataError
from generator.load.files import Documents
from generator.load.ids import Index
from generator.load.rules.common import unknown_sources
from generator.load.yamlfile import YamlDocument


def check(doc: YamlDocument, index: Index, docs: Documents) -> Iterator[DataError]:
    """Errors of the search terms file."""
    yield from unknown_sources(doc, index)
