"""Rules of a program map: known categories and items, no repeats, no more hours than a course has.

The hours rule is written once, here (`ka_hours`); the model's coverage queries use it too.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from generator.errors import DataError
from generator.load.files import Documents
from generator.load.ids import Index
from generator.load.rules.common import file_name
from generator.load.yamlfile import YamlDocument


def ka_hours(covers: Iterable[tuple[str, float | None]], ka_of: Callable[[str], str | None]) -> dict[str, float]:
    """A course's hours per knowledge area K from its (item, hours) entries: max(hours of its ka:K entry, sum of
    hours of its entries on indicators of K), so the same hours are never counted twice."""
    direct: dict[str, float] = {}
    via_indicators: dict[str, float] = {}
    for item, hours in covers:
        ka = ka_of(item)
        if ka is None:
            continue
        table = direct if item.startswith("ka:") else via_indicators
        table[ka] = table.get(ka, 0) + (hours or 0)
    return {ka: max(direct.get(ka, 0), via_indicators.get(ka, 0)) for ka in dict.fromkeys([*direct, *via_indicators])}


def check(doc: YamlDocument, index: Index, docs: Documents) -> Iterator[DataError]:
    """Errors of one program map."""
    raw = doc.data
    yield from file_name(doc)
    for i, cid in enumerate(raw["target_categories"]):
        if cid not in index.category_ids and index.checkable("category"):
            yield doc.error(("target_categories", i), f"unknown category '{cid}'")
    codes: dict[str, int] = {}
    for ci, course in enumerate(raw["courses"]):
        code = course["code"].strip()
        key = code.casefold()
        if key in codes:
            line = doc.where(("courses", codes[key], "code"))[0]
            yield doc.error(("courses", ci, "code"), f"course '{code}' is listed twice (first on line {line})")
        codes.setdefault(key, ci)
        yield from _covers(doc, ci, course, code, index)


def _covers(doc: YamlDocument, ci: int, course: dict, code: str, index: Index) -> Iterator[DataError]:
    """Errors of one course's entries: unknown or repeated items, more hours than the course's clock hours."""
    seen: set[str] = set()
    for xi, cover in enumerate(course["covers"]):
        path = ("courses", ci, "covers", xi, "item")
        item = cover["item"]
        known = index.has("ka", item[3:]) if item.startswith("ka:") else item in index.indicator_ka
        if not known and index.checkable("ka" if item.startswith("ka:") else "indicator"):
            yield doc.error(path, f"unknown item '{item}'")
        if item in seen:
            yield doc.error(path, f"'{item}' is listed twice for course '{code}'")
        seen.add(item)
    clock = course.get("clock_hours")
    if clock is not None:
        assigned = sum(ka_hours(((c["item"], c.get("hours")) for c in course["covers"]), index.ka_of).values())
        if assigned > clock:
            yield doc.error(("courses", ci, "clock_hours"), f"the course assigns {assigned:g} hours but has {clock:g}")
