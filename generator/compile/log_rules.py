"""The rules the self-assessment's training and RSC logs check, taken from a category's requirements (each with the
source of the requirement it belongs to), and the published program maps an applicant can pick coursework from."""
from __future__ import annotations

import posixpath
from typing import Any

from generator.compile.urls import assessment_page, program_json
from generator.model.types import Category, MidCycle, Model, Renewal, Rsc, Source

DEGREE_NOUNS = {"cda-or-associate": "CDA or associate's degree", "bachelor": "bachelor's degree",
                "master": "master's degree", "doctorate": "doctorate"}
"""How the logs name the degree after which RSC hours count."""


def _number(value: float) -> float | int:
    """33.0 as 33, 1.5 as 1.5 (so the JSON reads as the YAML does)."""
    return int(value) if float(value).is_integer() else value


def _source(model: Model, source: Source) -> str:
    """A requirement's source as one line of text: the document's title and the section."""
    return f"{model.source_doc(source.doc).title}, {source.section}"


def _rsc_rules(model: Model, rules: Rsc) -> dict[str, Any]:
    """The RSC rules a category's data gives (only those it gives), as the browser reads them."""
    out: dict[str, Any] = {"requirement": "rsc", "source": _source(model, rules.source)}
    if rules.formats:
        out["formats"] = list(rules.formats)
    if rules.after_degree:
        out["after_degree"] = {"level": rules.after_degree, "label": DEGREE_NOUNS[rules.after_degree]}
    if rules.ages_served:
        low, high = _number(rules.ages_served.from_years), _number(rules.ages_served.to_years)
        out["ages_served"] = {"from_years": low, "to_years": high, "label": f"children aged {low} to {high}"}
    if rules.providers:
        out["providers"] = [{"id": c.id, "code": c.code, "name": c.name}
                            for c in (model.category(pid) for pid in rules.providers)]
    return out


def _mid_cycle(m: MidCycle) -> dict[str, Any]:
    """A mid-cycle adjustment as the browser reads it (only what the data gives)."""
    out: dict[str, Any] = {"years_endorsed": m.years_endorsed}
    if m.hours is not None:
        out["hours"] = _number(m.hours)
    if m.exempt:
        out["exempt"] = True
    return out


def _renewal_rules(model: Model, renewal: Renewal) -> dict[str, Any] | None:
    """Hours per cycle of the training and RSC renewal items, with their mid-cycle adjustments."""
    if not renewal.cycle_years:
        return None
    out: dict[str, Any] = {"cycle_years": renewal.cycle_years}
    for item in renewal.items:
        if item.kind in ("training", "rsc") and item.hours is not None:
            out[item.kind] = {"hours": _number(item.hours), "source": _source(model, item.source),
                              "mid_cycle": [_mid_cycle(m) for m in item.mid_cycle]}
    return out if len(out) > 1 else None


def log_rules(model: Model, category: Category) -> dict[str, Any]:
    """What the logs of a category's self-assessment check, and the program maps it offers (with their URLs relative
    to the self-assessment page, which is served as a folder)."""
    req = category.requirements
    out: dict[str, Any] = {}
    if req.training and req.training.total_hours is not None:
        out["training"] = {"requirement": "training", "source": _source(model, req.training.source)}
    rsc = req.rsc_rules()
    if rsc:
        out["rsc"] = _rsc_rules(model, rsc)
    renewal = _renewal_rules(model, req.renewal) if req.renewal else None
    if renewal:
        out["renewal"] = renewal
    page_dir = assessment_page(category.id).removesuffix(".md")
    out["programs"] = [{"id": p.id, "institution": p.institution, "program": p.program,
                        "url": posixpath.relpath(program_json(p.id), page_dir)} for p in model.programs]
    return out
