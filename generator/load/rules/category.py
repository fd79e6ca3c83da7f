"""Rules of a category file: its domains and knowledge areas exist, belong together and appear once."""
from __future__ import annotations

from collections.abc import Iterator

from generator.errors import DataError
from generator.load.files import Documents
from generator.load.ids import Index
from generator.load.rules.common import file_name, unknown_sources
from generator.load.yamlfile import YamlDocument, YamlPath


def check(doc: YamlDocument, index: Index, docs: Documents) -> Iterator[DataError]:
    """Errors of one category file."""
    raw = doc.data
    yield from unknown_sources(doc, index)
    yield from file_name(doc)
    seen_domains: set[str] = set()
    seen_kas: set[str] = set()
    for di, d in enumerate(raw["domains"]):
        dpath: YamlPath = ("domains", di)
        if d["domain"] not in index.domain_ids and index.checkable("domain"):
            yield doc.error(dpath + ("domain",), f"unknown domain '{d['domain']}'")
        elif d["domain"] in seen_domains:
            yield doc.error(dpath + ("domain",), f"domain '{d['domain']}' is listed twice")
        seen_domains.add(d["domain"])
        for ki, k in enumerate(d.get("knowledge_areas", [])):
            yield from _knowledge_area(doc, dpath + ("knowledge_areas", ki, "ka"), d["domain"], k["ka"], index,
                                       seen_kas)
    if raw.get("counterpart") and raw["counterpart"] not in index.category_ids and index.checkable("category"):
        yield doc.error(("counterpart",), f"unknown category '{raw['counterpart']}'")
    yield from _assessment_target(doc, docs)


def _knowledge_area(doc: YamlDocument, kpath: YamlPath, domain_id: str, ka: str, index: Index,
                    seen: set[str]) -> Iterator[DataError]:
    """Errors of one knowledge area of a category: unknown, in another domain, or listed twice."""
    if not index.checkable("ka"):
        pass  # the knowledge-areas file is broken: where this one belongs is not known yet
    elif ka not in index.ka_domain:
        yield doc.error(kpath, f"unknown knowledge area '{ka}'")
    elif index.ka_domain[ka] != domain_id:
        yield doc.error(kpath, f"knowledge area '{ka}' belongs to domain '{index.ka_domain[ka]}', not '{domain_id}'")
    if ka in seen:
        yield doc.error(kpath, f"knowledge area '{ka}' is listed twice")
    seen.add(ka)


def _assessment_target(doc: YamlDocument, docs: Documents) -> Iterator[DataError]:
    """An error when the category's self-assessment target is above the top level of the scale."""
    scale, target = docs.one("scale"), doc.data.get("assessment_target")
    if scale is None or target is None:
        return
    top = max(level["value"] for level in scale.data["levels"])
    if target > top:
        yield doc.error(("assessment_target",), f"{target} is above the top level of the scale ({top})")
