"""The rules the self-assessment's training and RSC logs check, taken from a category's requirements (each with the
source of the requirement it belongs to), and the published program maps an applicant can pick coursework from."""
from __future__ import annotations

import posixpath
from typing import Any

from generator.model import Category, Model

DEGREE_NOUNS = {"cda-or-associate": "CDA or associate's degree", "bachelor": "bachelor's degree",
                "master": "master's degree", "doctorate": "doctorate"}
"""How the logs name the degree after which RSC hours count."""


def _number(value: float) -> float | int:
    """33.0 as 33, 1.5 as 1.5 (so the JSON reads as the YAML does)."""
    return int(value) if float(value).is_integer() else value


def _source(model: Model, source: dict[str, str]) -> str:
    """A requirement's source as one line of text: the document's title and the section."""
    return f"{model.source_doc(source['doc']).title}, {source['section']}"


def _rsc_rules(model: Model, rsc: dict[str, Any]) -> dict[str, Any]:
    """The RSC rules a category's data gives (only those it gives)."""
    rules: dict[str, Any] = {"requirement": "rsc", "source": _source(model, rsc["source"])}
    if "formats" in rsc:
        rules["formats"] = list(rsc["formats"])
    if "after_degree" in rsc:
        rules["after_degree"] = {"level": rsc["after_degree"], "label": DEGREE_NOUNS[rsc["after_degree"]]}
    if "ages_served" in rsc:
        ages = rsc["ages_served"]
        rules["ages_served"] = {"from_years": _number(ages["from_years"]), "to_years": _number(ages["to_years"]),
                                "label": f"children aged {_number(ages['from_years'])} to {_number(ages['to_years'])}"}
    if "providers" in rsc:
        rules["providers"] = [{"id": c.id, "code": c.code, "name": c.name}
                              for c in (model.category(pid) for pid in rsc["providers"])]
    return rules


def _renewal_rules(model: Model, renewal: dict[str, Any]) -> dict[str, Any] | None:
    """Hours per cycle of the training and RSC renewal items, with their mid-cycle adjustments."""
    if not renewal.get("cycle_years"):
        return None
    out: dict[str, Any] = {"cycle_years": renewal["cycle_years"]}
    for item in renewal["items"]:
        if item["kind"] in ("training", "rsc") and "hours" in item:
            out[item["kind"]] = {"hours": _number(item["hours"]), "source": _source(model, item["source"]),
                                 "mid_cycle": [{k: _number(v) if k == "hours" else v for k, v in m.items()}
                                               for m in item.get("mid_cycle", [])]}
    return out if len(out) > 1 else None


def log_rules(model: Model, category: Category, page: str, program_json: str) -> dict[str, Any]:
    """What the logs of a category's self-assessment check, and the program maps it offers; page is the
    self-assessment's path relative to docs/ and program_json the path of a program map with {id} in it."""
    req = category.requirements
    out: dict[str, Any] = {}
    if "training" in req and "total_hours" in req["training"]:
        out["training"] = {"requirement": "training", "source": _source(model, req["training"]["source"])}
    rsc = req.get("rsc", {})
    if rsc.get("hours") and not rsc.get("recommended_only"):
        out["rsc"] = _rsc_rules(model, rsc)
    renewal = _renewal_rules(model, req["renewal"]) if "renewal" in req else None
    if renewal:
        out["renewal"] = renewal
    page_dir = page.removesuffix(".md")  # the page is served as a folder (…/ecmhs/)
    out["programs"] = [{"id": p.id, "institution": p.institution, "program": p.program,
                        "url": posixpath.relpath(program_json.format(id=p.id), page_dir)} for p in model.programs]
    return out
