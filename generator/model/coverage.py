"""Coverage of competencies by a program's courses (the same rules as docs/assets/js/mapper/coverage.mjs; the shared
cases in tests/conformance/coverage/ hold both to them).

- Levels order as in vocabulary.yml (I < R < M). A course's level for a knowledge area K is the highest level of its entries on ka:K or on
  an indicator of K; the program's level for K is the highest over its courses.
- An indicator's level is the highest of the entries on the indicator itself and on ka:<its knowledge area>.
- A course's hours for K are max(hours of its ka:K entry, sum of hours of its entries on indicators of K), so the
  same hours are never counted twice; the program's hours for K add up over courses. A course's assigned hours may
  not exceed its clock hours.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.load.rules.program import ka_hours
from generator.model.types import Course, Model, Program


def highest(model: Model, levels: list[str | None]) -> str | None:
    """The highest of some levels (None when there is none)."""
    order = model.vocabulary.levels()
    present = [lv for lv in levels if lv]
    return max(present, key=order.index) if present else None


def _indicator_kas(model: Model) -> dict[str, str]:
    """Knowledge area of every indicator id."""
    return {i.id: k.ka for c in model.categories for k in c.knowledge_areas() for i in k.indicators or ()}


def _ka_of(item: str, indicator_ka: dict[str, str]) -> str | None:
    """The knowledge area an item belongs to (None for an unknown item)."""
    return item[3:] if item.startswith("ka:") else indicator_ka.get(item)


def course_level(model: Model, course: Course, ka: str, indicator_ka: dict[str, str]) -> str | None:
    """A course's level for a knowledge area."""
    return highest(model, [c.level for c in course.covers if _ka_of(c.item, indicator_ka) == ka])


def course_hours(course: Course, ka: str, indicator_ka: dict[str, str]) -> float:
    """A course's hours for a knowledge area, never counting the same hours twice (the rule of ka_hours)."""
    return ka_hours(((c.item, c.hours) for c in course.covers), lambda item: _ka_of(item, indicator_ka)).get(ka, 0)


@dataclass(frozen=True)
class MatrixRow:
    """A knowledge area of the coverage matrix."""

    ka: str
    name: str
    cells: tuple[str | None, ...]
    reached: int
    highest: str | None
    hours: float


def matrix(model: Model, program: Program) -> list[tuple[str, str, list[MatrixRow]]]:
    """Rows of the coverage matrix, grouped as (domain id, domain name, rows), in the Atlas's order."""
    indicator_ka = _indicator_kas(model)
    wanted = {k.ka for cid in program.target_categories for k in model.category(cid).knowledge_areas()}
    if not program.target_categories:
        wanted = set()
    reached = {_ka_of(c.item, indicator_ka) for course in program.courses for c in course.covers}
    groups = []
    for domain in model.domains:
        rows = []
        for ka in model.knowledge_areas:
            if ka.domain != domain.id or (ka.id not in wanted and ka.id not in reached):
                continue
            cells = tuple(course_level(model, course, ka.id, indicator_ka) for course in program.courses)
            rows.append(MatrixRow(ka.id, ka.name, cells, sum(1 for c in cells if c), highest(model, list(cells)),
                                  sum(course_hours(course, ka.id, indicator_ka) for course in program.courses)))
        if rows:
            groups.append((domain.id, domain.name, rows))
    return groups


def category_coverage(model: Model, program: Program, category_id: str) -> dict[str, Any]:
    """How far a program reaches one category's knowledge areas and indicators, at each level."""
    indicator_ka = _indicator_kas(model)
    category = model.category(category_id)
    lowest = model.vocabulary.levels()[0]
    ka_levels = {k.ka: highest(model, [course_level(model, c, k.ka, indicator_ka) for c in program.courses])
                 for k in category.knowledge_areas()}
    indicator_levels = {}
    for i in category.indicators():
        own = [c.level for course in program.courses for c in course.covers
               if c.item in (i.id, f"ka:{indicator_ka[i.id]}")]
        indicator_levels[i.id] = highest(model, own)

    def tally(levels: dict[str, str | None]) -> dict[str, int]:
        counts = {lv: sum(1 for v in levels.values() if v == lv) for lv in model.vocabulary.levels()}
        total = len(levels)
        none = sum(1 for v in levels.values() if v is None)
        return {"total": total, **counts, "none": none,
                "percent_reached": round(100 * (total - none) / total) if total else 0}

    return {
        "category": category,
        "knowledge_areas": tally(ka_levels),
        "indicators": tally(indicator_levels),
        "gaps": [k for k, v in ka_levels.items() if v is None],
        "introduced_only": [k for k, v in ka_levels.items() if v == lowest],
    }
