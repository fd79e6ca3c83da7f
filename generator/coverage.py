"""Coverage of competencies by a program's courses (the same rules as docs/assets/js/mapper/coverage.mjs).

- Levels order I < R < M. A course's level for a knowledge area K is the highest level of its entries on ka:K or on
  an indicator of K; the program's level for K is the highest over its courses.
- An indicator's level is the highest of the entries on the indicator itself and on ka:<its knowledge area>.
- A course's hours for K are max(hours of its ka:K entry, sum of hours of its entries on indicators of K), so the
  same hours are never counted twice; the program's hours for K add up over courses. A course's assigned hours may
  not exceed its clock hours.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.errors import DataError
from generator.exports import csv_text
from generator.model import Course, Model, Program
from generator.yamlfile import YamlDocument

LEVELS = ("I", "R", "M")
LEVEL_LABELS = {"I": "Introduced", "R": "Reinforced", "M": "Mastered"}
_RANK = {level: i for i, level in enumerate(LEVELS)}


def highest(levels: list[str | None]) -> str | None:
    """The highest of some levels (None when there is none)."""
    present = [lv for lv in levels if lv]
    return max(present, key=_RANK.__getitem__) if present else None


def _indicator_kas(model: Model) -> dict[str, str]:
    """Knowledge area of every indicator id."""
    return {i.id: k.ka for c in model.categories for k in c.knowledge_areas() for i in k.indicators or ()}


def _ka_of(item: str, indicator_ka: dict[str, str]) -> str | None:
    """The knowledge area an item belongs to (None for an unknown item)."""
    return item[3:] if item.startswith("ka:") else indicator_ka.get(item)


def course_level(course: Course, ka: str, indicator_ka: dict[str, str]) -> str | None:
    """A course's level for a knowledge area."""
    return highest([c.level for c in course.covers if _ka_of(c.item, indicator_ka) == ka])


def course_hours(course: Course, ka: str, indicator_ka: dict[str, str]) -> float:
    """A course's hours for a knowledge area, never counting the same hours twice."""
    direct = sum(c.hours or 0 for c in course.covers if c.item == f"ka:{ka}")
    via_indicators = sum(c.hours or 0 for c in course.covers
                         if not c.item.startswith("ka:") and indicator_ka.get(c.item) == ka)
    return max(direct, via_indicators)


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
            cells = tuple(course_level(course, ka.id, indicator_ka) for course in program.courses)
            rows.append(MatrixRow(ka.id, ka.name, cells, sum(1 for c in cells if c), highest(list(cells)),
                                  sum(course_hours(course, ka.id, indicator_ka) for course in program.courses)))
        if rows:
            groups.append((domain.id, domain.name, rows))
    return groups


def category_coverage(model: Model, program: Program, category_id: str) -> dict[str, Any]:
    """How far a program reaches one category's knowledge areas and indicators, at each level."""
    indicator_ka = _indicator_kas(model)
    category = model.category(category_id)
    ka_levels = {k.ka: highest([course_level(c, k.ka, indicator_ka) for c in program.courses])
                 for k in category.knowledge_areas()}
    indicator_levels = {}
    for i in category.indicators():
        own = [c.level for course in program.courses for c in course.covers
               if c.item in (i.id, f"ka:{indicator_ka[i.id]}")]
        indicator_levels[i.id] = highest(own)

    def tally(levels: dict[str, str | None]) -> dict[str, int]:
        counts = {lv: sum(1 for v in levels.values() if v == lv) for lv in LEVELS}
        total = len(levels)
        none = sum(1 for v in levels.values() if v is None)
        return {"total": total, **counts, "none": none,
                "percent_reached": round(100 * (total - none) / total) if total else 0}

    return {
        "category": category,
        "knowledge_areas": tally(ka_levels),
        "indicators": tally(indicator_levels),
        "gaps": [k for k, v in ka_levels.items() if v is None],
        "introduced_only": [k for k, v in ka_levels.items() if v == "I"],
    }


def program_errors(model: Model, program: Program, doc: YamlDocument) -> list[DataError]:
    """Problems a schema cannot see: unknown ids, repeated courses or items, hours beyond a course's clock hours."""
    errors = []
    indicator_ka = _indicator_kas(model)
    known_categories = {c.id for c in model.categories}
    for i, cid in enumerate(program.target_categories):
        if cid not in known_categories:
            errors.append(doc.error(("target_categories", i), f"unknown category '{cid}'"))
    codes: dict[str, int] = {}
    known_kas = {k.id for k in model.knowledge_areas}
    for ci, course in enumerate(program.courses):
        key = course.code.casefold()
        if key in codes:
            line = doc.where(("courses", codes[key], "code"))[0]
            errors.append(doc.error(("courses", ci, "code"), f"course '{course.code}' is listed twice "
                                                             f"(first on line {line})"))
        codes.setdefault(key, ci)
        seen: set[str] = set()
        for xi, cover in enumerate(course.covers):
            path = ("courses", ci, "covers", xi, "item")
            known = cover.item[3:] in known_kas if cover.item.startswith("ka:") else cover.item in indicator_ka
            if not known:
                errors.append(doc.error(path, f"unknown item '{cover.item}'"))
            if cover.item in seen:
                errors.append(doc.error(path, f"'{cover.item}' is listed twice for course '{course.code}'"))
            seen.add(cover.item)
        if course.clock_hours is not None:
            assigned = sum(course_hours(course, ka, indicator_ka)
                           for ka in {_ka_of(c.item, indicator_ka) for c in course.covers} if ka)
            if assigned > course.clock_hours:
                errors.append(doc.error(("courses", ci, "clock_hours"),
                                        f"the course assigns {assigned:g} hours but has {course.clock_hours:g}"))
    return errors


def matrix_csv(model: Model, program: Program) -> str:
    """The coverage matrix as CSV: domain, knowledge area, a column per course, courses reaching, highest, hours."""
    columns = ("domain", "knowledge_area", *(c.code for c in program.courses), "courses_reaching", "highest_level",
               "hours")
    rows = [(name, row.name, *(cell or "" for cell in row.cells), str(row.reached), row.highest or "",
             f"{row.hours:g}")
            for _, name, group in matrix(model, program) for row in group]
    return csv_text(columns, rows)


def _number(value: float) -> float | int:
    """33.0 as 33, 1.5 as 1.5 (so JSON matches what the mapper writes)."""
    return int(value) if float(value).is_integer() else value


def program_json(model: Model, program: Program) -> str:
    """The program as the JSON the coursework mapper imports and exports."""
    courses = []
    for c in program.courses:
        course: dict[str, Any] = {"code": c.code, "title": c.title}
        if c.credits is not None:
            course["credits"] = _number(c.credits)
        if c.clock_hours is not None:
            course["clock_hours"] = _number(c.clock_hours)
        course["covers"] = [{"item": x.item, "level": x.level, **({} if x.hours is None else {"hours": _number(x.hours)})}
                            for x in c.covers]
        courses.append(course)
    data = {"format": "iecmh-atlas-program", "version": 1, "dataset_version": model.framework.version,
            "id": program.id, "institution": program.institution, "program": program.program,
            "target_categories": list(program.target_categories), "courses": courses}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def mapper_data(model: Model) -> dict[str, Any]:
    """What the in-browser coursework mapper needs: domains, knowledge areas, indicators and categories."""
    return {
        "format": "iecmh-atlas-mapper-data",
        "dataset_version": model.framework.version,
        "storage_key": "iecmh-atlas.mapper.v1",
        "limits": {"import_bytes": 1_000_000, "courses": 200, "text_chars": 200},
        "domains": [{"id": d.id, "name": d.name} for d in model.domains],
        "knowledge_areas": [{"id": k.id, "name": k.name, "domain": k.domain} for k in model.knowledge_areas],
        "indicators": [{"id": i.id, "ka": k.ka, "category": c.id, "text": i.text}
                       for c in model.categories for k in c.knowledge_areas() for i in k.indicators or ()],
        "categories": [{"id": c.id, "code": c.code, "name": c.name,
                        "knowledge_areas": [k.ka for k in c.knowledge_areas()],
                        "indicators": [i.id for i in c.indicators()]} for c in model.categories],
    }
