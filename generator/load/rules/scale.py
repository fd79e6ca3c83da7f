"""Rules of the self-assessment scale: levels 0, 1, 2, ... in order, a reachable default, unique evidence ids."""
from __future__ import annotations

from collections.abc import Iterator

from generator.errors import DataError
from generator.load.files import Documents
from generator.load.ids import Index
from generator.load.yamlfile import YamlDocument


def check(doc: YamlDocument, index: Index, docs: Documents) -> Iterator[DataError]:
    """Errors of assessments/scale.yml."""
    raw = doc.data
    values = [level["value"] for level in raw["levels"]]
    if values != list(range(len(values))):
        yield doc.error(("levels",), f"level values must be 0, 1, 2, ... in order; found {values}")
    if raw["default_target"] > values[-1]:
        yield doc.error(("default_target",), f"{raw['default_target']} is above the top level")
    ids = [e["id"] for e in raw["evidence"]]
    for i, evidence_id in enumerate(ids):
        if ids.index(evidence_id) != i:
            yield doc.error(("evidence", i, "id"), f"duplicate evidence id '{evidence_id}'")
