"""Every id the data declares, where it is first declared, and the facts the reference rules look up."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.errors import DataError
from generator.load.files import Documents
from generator.load.yamlfile import YamlDocument, YamlPath


SPACE_KINDS: dict[str, frozenset[str]] = {
    "source": frozenset({"framework"}), "domain": frozenset({"domains"}), "ka": frozenset({"knowledge-areas"}),
    "category": frozenset({"category"}), "indicator": frozenset({"category"}),
    "item": frozenset({"category", "role", "framework-items"}), "term": frozenset({"glossary"}),
}
"""The file kinds that declare the ids of each id space (indicators: the item ids of category files)."""


@dataclass
class Index:
    """The ids of one data folder by id space (domain, ka, category, item, term, crosswalk) and their relations.

    A reference into an id space that a broken file declares into (missing, unreadable or failing its schema)
    cannot be checked: its target may be in that file, so "unknown" would be a guess. The rules ask `checkable`
    first, so one run reports every error the valid files allow and none that fixing a file would take back.
    """

    source_ids: set[str] = field(default_factory=set)
    claimed: dict[str, tuple[YamlDocument, YamlPath]] = field(default_factory=dict)
    domain_ids: set[str] = field(default_factory=set)
    ka_domain: dict[str, str] = field(default_factory=dict)
    category_ids: set[str] = field(default_factory=set)
    indicator_ka: dict[str, str] = field(default_factory=dict)
    parents: dict[str, set[str]] = field(default_factory=dict)
    term_ids: set[str] = field(default_factory=set)
    broken: frozenset[str] = frozenset()
    """The file kinds with a broken file (Documents.broken)."""

    def checkable(self, space: str) -> bool:
        """True when every file declaring ids of this space was valid, so an id missing here is really unknown."""
        return not self.broken & SPACE_KINDS[space]

    def has(self, space: str, item_id: str) -> bool:
        """True when an id was declared in this id space."""
        return f"{space}:{item_id}" in self.claimed

    def ka_of(self, item: str) -> str | None:
        """The knowledge area a program entry belongs to: ka:<id> itself, or an indicator's (None: unknown)."""
        return item[3:] if item.startswith("ka:") else self.indicator_ka.get(item)

    def crosswalk_ref_unknown(self, ref: str) -> bool:
        """True when a crosswalk reference (an item, ka:<id> or domain:<id>) certainly names nothing: it is not
        declared and its id space was read in full."""
        if ref.startswith("ka:"):
            return not self.has("ka", ref[3:]) and self.checkable("ka")
        if ref.startswith("domain:"):
            return ref[7:] not in self.domain_ids and self.checkable("domain")
        return not self.has("item", ref) and self.checkable("item")


def index_documents(docs: Documents) -> tuple[Index, list[DataError]]:
    """Claim every id in a fixed order (so "first used in" is stable); return the index and duplicate-id errors."""
    index = Index(broken=frozenset(docs.broken))
    errors: list[DataError] = []
    framework = docs.one("framework")
    if framework is not None:
        for i, s in enumerate(framework.data["sources"]):
            if s["id"] in index.source_ids:
                errors.append(framework.error(("sources", i, "id"), f"duplicate source id '{s['id']}'"))
            index.source_ids.add(s["id"])
    for doc, ypath, item_id, space in _declarations(docs):
        errors.extend(_claim(index, doc, ypath, item_id, space))
    _relate(index, docs)
    return index, errors


def _declarations(docs: Documents) -> Iterator[tuple[YamlDocument, YamlPath, str, str]]:
    """(document, YAML path, id, id space) of every declared id, in claiming order."""
    for doc in docs.of("domains"):
        for i, d in enumerate(doc.data["domains"]):
            yield doc, ("domains", i, "id"), d["id"], "domain"
    for doc in docs.of("knowledge-areas"):
        for i, k in enumerate(doc.data["knowledge_areas"]):
            yield doc, ("knowledge_areas", i, "id"), k["id"], "ka"
    for doc in docs.of("category"):
        yield doc, ("id",), doc.data["id"], "category"
        for di, d in enumerate(doc.data["domains"]):
            for ki, k in enumerate(d.get("knowledge_areas", [])):
                for ii, ind in enumerate(k.get("indicators", [])):
                    yield doc, ("domains", di, "knowledge_areas", ki, "indicators", ii, "id"), ind["id"], "item"
    for doc in docs.of("role"):
        for key in ("duties", "skills"):
            for i, item in enumerate(doc.data[key]):
                yield doc, (key, i, "id"), item["id"], "item"
    for doc in docs.of("glossary"):
        for i, t in enumerate(doc.data["terms"]):
            yield doc, ("terms", i, "id"), t["id"], "term"
    for doc in docs.of("framework-items"):
        for i, item in enumerate(doc.data["items"]):
            yield doc, ("items", i, "id"), item["id"], "item"
    for doc in docs.of("crosswalk"):
        yield doc, ("id",), doc.data["id"], "crosswalk"


def _claim(index: Index, doc: YamlDocument, ypath: YamlPath, item_id: str, space: str) -> list[DataError]:
    """Record an id; an error if the same id was already used in its id space."""
    key = f"{space}:{item_id}"
    if key not in index.claimed:
        index.claimed[key] = (doc, ypath)
        return []
    first_doc, first_path = index.claimed[key]
    line = first_doc.where(first_path)[0]
    return [doc.error(ypath, f"duplicate id '{item_id}' (first used in {first_doc.path.name} line {line})")]


def _relate(index: Index, docs: Documents) -> None:
    """Fill in the domains, knowledge areas, categories, indicators and their parents."""
    for doc in docs.of("domains"):
        index.domain_ids.update(d["id"] for d in doc.data["domains"])
    for doc in docs.of("knowledge-areas"):
        for k in doc.data["knowledge_areas"]:
            index.ka_domain.setdefault(k["id"], k["domain"])
            index.parents[f"ka:{k['id']}"] = {f"domain:{k['domain']}"}
    for doc in docs.of("glossary"):
        index.term_ids.update(t["id"] for t in doc.data["terms"])
    for doc in docs.of("category"):
        index.category_ids.add(doc.data["id"])
        for d in doc.data["domains"]:
            for k in d.get("knowledge_areas", []):
                for ind in k.get("indicators", []):
                    index.indicator_ka[ind["id"]] = k["ka"]
                    index.parents[ind["id"]] = {f"ka:{k['ka']}", f"domain:{d['domain']}"}
