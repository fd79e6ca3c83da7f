"""The files of a program map: its coverage matrix as CSV and the JSON the coursework mapper imports."""
from __future__ import annotations

from typing import Any

from generator.compile.exports.common import json_text
from generator.compile.exports.tables import csv_text
from generator.model.coverage import matrix
from generator.model.types import Model, Program



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
    return json_text(data, sort_keys=False)


