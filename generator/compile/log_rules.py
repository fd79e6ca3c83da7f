"""The rules the self-assessment's training and RSC logs check, taken from a category's requirements (each with the
source of the requirement it belongs to), and the published program maps an applicant can pick coursework from."""
from __future__ import annotations

import posixpath
from typing import Any

from generator.compile.urls import assessment_page, program_json
from generator.model.types import Category, Model, RscRules, Source

DEGREE_NOUNS = {"cda-or-associate": "CDA or associate's degree", "bachelor": "bachelor's degree",
                "master": "master's degree", "doctorate": "doctorate"}
"""How the logs name the degree after which RSC hours count."""


def _number(value: float) -> float | int:
    """33.0 as 33, 1.5 as 1.5 (so the JSON reads as the YAML does)."""
    return int(value) if float(value).is_integer() else value


def _source(model: Model, source: Source | dict[str, str]) -> str:
    """A requirement's source as one line of text: the document's title and the section."""
    doc, section = (source.doc, source.section) if isinstance(source, Source) else (source["doc"], source["section"])
    return f"{model.source_doc(doc).title}, {section}"


def _rsc_rules(model: Model, rules: RscRules) -> dict[str, Any]:
    """The RSC rules a category's data gives (only those it gives), as the browser reads them."""
    out: dict[str, Any] = {"requirement": "rsc", "source": _source(model, rules.source)}
    if rules.formats:
        out["formats"] = list(rules.formats)
    if rules.after_degree:
        out["after_degree"] = {"level": rules.after_degree, "label": DEGREE_NOUNS[rules.after_degree]}
    if rules.ages_served:
        low, high = (_number(a) for a in rules.ages_served)
        out["ages_served"] = {"from_years": low, "to_years": high, "label": f"children aged {low} to {high}"}
    if rules.providers:
        out["providers"] = [{"id": c.id, "code": c.code, "name": c.name}
                            for c in (model.category(pid) for pid in rules.providers)]
    return out


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


def log_rules(model: Model, category: Category) -> dict[str, Any]:
    """What the logs of a category's self-assessment check, and the program maps it offers (with their URLs relative
    to the self-assessment page, which is served as a folder)."""
    req = category.requirements
    out: dict[str, Any] = {}
    if "training" in req and "total_hours" in req["training"]:
        out["training"] = {"requirement": "training", "source": _source(model, req["training"]["source"])}
    rsc = category.rsc_rules()
    if rsc:
        out["rsc"] = _rsc_rules(model, rsc)
    renewal = _renewal_rules(model, req["renewal"]) if "renewal" in req else None
    if renewal:
        out["renewal"] = renewal
    page_dir = assessment_page(category.id).removesuffix(".md")
    out["programs"] = [{"id": p.id, "institution": p.institution, "program": p.program,
                        "url": posixpath.relpath(program_json(p.id), page_dir)} for p in model.programs]
    return out
