"""The rules a schema cannot express, one module per file kind; each yields the errors of one document."""
from __future__ import annotations

from collections.abc import Callable, Iterator

from generator.errors import DataError
from generator.load.files import Documents
from generator.load.ids import Index
from generator.load.rules import (category, crosswalk, domains, framework_items, glossary, knowledge_areas,
                                  official_text, program, role, scale)
from generator.load.yamlfile import YamlDocument

Rule = Callable[[YamlDocument, Index, Documents], Iterator[DataError]]

RULES: dict[str, Rule] = {
    "domains": domains.check,
    "knowledge-areas": knowledge_areas.check,
    "category": category.check,
    "role": role.check,
    "glossary": glossary.check,
    "official-text": official_text.check,
    "framework-items": framework_items.check,
    "crosswalk": crosswalk.check,
    "scale": scale.check,
    "program": program.check,
}
"""The rules of each file kind (framework.yml and vocabulary.yml have none beyond their schema and unique ids)."""


def check_documents(docs: Documents, index: Index) -> list[DataError]:
    """Every rule error of every document."""
    return [error for kind, rule in RULES.items() for doc in docs.of(kind) for error in rule(doc, index, docs)]
