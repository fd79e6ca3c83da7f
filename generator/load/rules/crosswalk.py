"""Rules of a crosswalk: known items, the shape of each relation, no repeats, no self or parent-child relations."""
from __future__ import annotations

from collections.abc import Iterator

from generator.errors import DataError
from generator.load.files import Documents
from generator.load.ids import Index
from generator.load.rules.common import file_name, unknown_sources
from generator.load.yamlfile import YamlDocument, YamlPath


def check(doc: YamlDocument, index: Index, docs: Documents) -> Iterator[DataError]:
    """Errors of one crosswalk file."""
    yield from unknown_sources(doc, index)
    yield from file_name(doc)
    without_target = _relations_without_target(docs)
    seen: dict[frozenset[str], int] = {}
    for i, p in enumerate(doc.data["pairs"]):
        path: YamlPath = ("pairs", i)
        source_ref, target_ref, relation = p["from"], p.get("to"), p["relation"]
        for key, ref in (("from", source_ref), ("to", target_ref)):
            if ref is not None and index.crosswalk_ref_unknown(ref):
                yield doc.error(path + (key,), f"unknown item '{ref}'")
        if relation in without_target and target_ref is not None:
            yield doc.error(path + ("to",), f"a {relation} relation has no 'to'")
        elif relation not in without_target and target_ref is None:
            yield doc.error(path + ("relation",), f"missing 'to' for relation '{relation}'")
        if target_ref is not None and target_ref == source_ref:
            yield doc.error(path + ("to",), f"'{source_ref}' is related to itself")
        key = frozenset({source_ref, target_ref or "(none)"})
        if key in seen:
            first = doc.where(("pairs", seen[key]))[0]
            yield doc.error(path, f"the pair {source_ref} / {target_ref or 'no-equivalent'} is given twice "
                                  f"(first on line {first})")
        seen.setdefault(key, i)
        if target_ref and (target_ref in index.parents.get(source_ref, ())
                           or source_ref in index.parents.get(target_ref, ())):
            yield doc.error(path + ("to",), f"'{source_ref}' and '{target_ref}' are parent and child: hierarchy "
                                            "is not a crosswalk")


def _relations_without_target(docs: Documents) -> set[str]:
    """The relation kinds that name no other item (no-equivalent), from vocabulary.yml."""
    vocabulary = docs.one("vocabulary")
    if vocabulary is None:
        return set()
    return {r["id"] for r in vocabulary.data["relations"] if r.get("has_target") is False}
