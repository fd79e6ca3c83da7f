"""The data the browser code reads: one inert JSON block per self-assessment page and one for the mapper."""
from __future__ import annotations

import json
from typing import Any

from generator.compile.exports.grid import grid_layout
from generator.compile.labels import DEGREE_LABELS
from generator.compile.log_rules import log_rules
from generator.model.crosswalks import exact_matches
from generator.model.types import Category, Model, Source

MAPPER_LIMITS = {"import_bytes": 1_000_000, "courses": 200, "text_chars": 200}
"""What the coursework mapper accepts: the largest import, the most courses, the longest text."""
MAPPER_STORAGE_KEY = "iecmh-atlas.mapper.v1"
"""Where the mapper keeps its work in the browser."""


def assessment_data(model: Model, category: Category) -> dict[str, Any]:
    """Everything the in-browser self-assessment of a category needs, as plain JSON-ready data."""
    settings = model.assessment
    assert settings is not None
    unit = "indicator" if category.indicators() else "knowledge-area"
    items = []
    for d in category.domains:
        for k in d.knowledge_areas or ():
            ka_name = k.title or model.knowledge_area(k.ka).name
            if unit == "indicator":
                items += [{"id": i.id, "domain": d.domain, "ka": k.ka, "ka_name": ka_name, "text": i.text}
                          for i in k.indicators or ()]
            else:
                items.append({"id": f"{category.id}.{d.domain}.{k.ka}", "domain": d.domain, "ka": k.ka,
                              "ka_name": ka_name, "text": ka_name})
    used = {item["domain"] for item in items}
    return {
        "format": "iecmh-atlas-assessment-data",
        "dataset_version": model.framework.version,
        "category": {"id": category.id, "code": category.code, "name": category.name},
        "target": category.assessment_target if category.assessment_target is not None else settings.default_target,
        "unit": unit,
        "storage_key": settings.storage_key,
        "scale": {
            "levels": [{"value": lv.value, "label": lv.label, "description": lv.description} for lv in settings.levels],
            "not_enough_info": {"value": "nei", "label": settings.nei_label, "description": settings.nei_description},
            "evidence": [{"id": eid, "label": label} for eid, label in settings.evidence],
            "limits": {"import_bytes": settings.import_bytes, "note_chars": settings.note_chars},
        },
        "domains": [{"id": d.id, "name": _domain_title(category, d.id) or d.name} for d in model.domains if d.id in used],
        "items": items,
        "not_entered": not_entered(model, category, unit),
        "requirements": tracked_requirements(category),
        "logs": log_rules(model, category),
        "reference_ratings": reference_rating_rules(model, category),
        "exact_matches": exact_matches(model),
        "grid": grid_layout(model, category),
    }


def reference_rating_rules(model: Model, category: Category) -> dict[str, Any] | None:
    """The reference-rating rules the self-assessment applies ({rule: {value, source text}}); None when none are entered."""
    req = category.requirements.reference_ratings
    if req is None:
        return None

    def text(source: Source) -> str:
        """A source as one line: the document's title and the section."""
        return f"{model.source_doc(source.doc).title}, {source.section}"

    rules: dict[str, Any] = {}
    if req.count:
        rules["count"] = {"value": req.count, "source": text(req.source)}
    for key, rule in (("not_counted_at_not_enough_info", req.not_counted_at_not_enough_info),
                      ("valid_for_months", req.valid_for_months)):
        if rule is not None:
            rules[key] = {"value": rule.value, "source": text(rule.source)}
    return rules


def not_entered(model: Model, category: Category, unit: str) -> dict[str, list[Any]]:
    """What the self-assessment cannot ask yet: the framework's domains with no items for the category, the domains
    whose list of knowledge areas is marked partial, and (when rating indicators) the knowledge areas the category
    lists without their indicators."""
    areas = []
    listed = set()
    for d in category.domains:
        for k in d.knowledge_areas or ():
            if unit == "knowledge-area" or k.indicators or k.indicators is None:
                listed.add(d.domain)
            if unit == "indicator" and k.indicators is None:
                areas.append({"domain_name": _domain_title(category, d.domain) or model.domain(d.domain).name,
                              "name": k.title or model.knowledge_area(k.ka).name})
    name = {d.id: _domain_title(category, d.id) or d.name for d in model.domains}
    return {"domains": [name[d.id] for d in model.domains if d.id not in listed],
            "partial_domains": [name[d.domain] for d in category.domains if d.partial and d.domain in listed],
            "knowledge_areas": areas}


def _domain_title(category: Category, domain_id: str) -> str:
    """The category's own title for a domain, if it has one."""
    return next((d.title for d in category.domains if d.domain == domain_id and d.title), "")


def tracked_requirements(category: Category) -> list[dict[str, Any]]:
    """The requirements an applicant can track, in the shape the self-assessment uses (only those entered)."""
    req = category.requirements
    out: list[dict[str, Any]] = []
    if req.education:
        summary = DEGREE_LABELS[req.education.minimum_degree] if req.education.minimum_degree else req.education.summary
        out.append({"id": "education", "kind": "check", "label": "Degree held", "summary": summary})
    if req.training and req.training.total_hours is not None:
        out.append({"id": "training", "kind": "hours", "label": "Training", "unit": "clock hours",
                    "required": req.training.total_hours,
                    "parts": [{"id": f"training.{i}", "label": p.topic, "required": p.hours}
                              for i, p in enumerate(req.training.parts, 1)]})
    if req.work_experience and req.work_experience.years:
        out.append({"id": "work_experience", "kind": "years", "label": "Work experience",
                    "required": req.work_experience.years})
    if req.rsc and req.rsc.hours and not req.rsc.recommended_only:
        out.append({"id": "rsc", "kind": "hours", "label": "Reflective supervision/consultation", "unit": "hours",
                    "required": req.rsc.hours, "parts": []})
    if req.reference_ratings and req.reference_ratings.count:
        out.append({"id": "reference_ratings", "kind": "count", "label": "Reference ratings",
                    "required": req.reference_ratings.count})
    if req.membership and req.membership.required is not False:
        out.append({"id": "membership", "kind": "check", "label": "Association membership",
                    "summary": req.membership.summary})
    for a in req.agreements or ():
        out.append({"id": "agreement." + _slug(a.name), "kind": "check", "label": f"{a.name} signed",
                    "summary": a.summary})
    if req.exam and req.exam.required:
        out.append({"id": "exam", "kind": "check", "label": "Exam passed", "summary": req.exam.summary})
    return out


def _slug(text: str) -> str:
    """Lower-case words joined by hyphens."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def json_for_html(data: Any) -> str:
    """JSON that is safe inside an HTML <script type="application/json"> block (no closing tag can appear; NaN and
    infinities, which are not JSON, raise ValueError)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def mapper_data(model: Model) -> dict[str, Any]:
    """What the in-browser coursework mapper needs: domains, knowledge areas, indicators and categories."""
    return {
        "format": "iecmh-atlas-mapper-data",
        "dataset_version": model.framework.version,
        "storage_key": MAPPER_STORAGE_KEY,
        "limits": MAPPER_LIMITS,
        "levels": [{"id": lv.id, "label": lv.label} for lv in model.vocabulary.coverage_levels],
        "domains": [{"id": d.id, "name": d.name} for d in model.domains],
        "knowledge_areas": [{"id": k.id, "name": k.name, "domain": k.domain} for k in model.knowledge_areas],
        "indicators": [{"id": i.id, "ka": k.ka, "category": c.id, "text": i.text}
                       for c in model.categories for k in c.knowledge_areas() for i in k.indicators or ()],
        "categories": [{"id": c.id, "code": c.code, "name": c.name,
                        "knowledge_areas": [k.ka for k in c.knowledge_areas()],
                        "indicators": [i.id for i in c.indicators()]} for c in model.categories],
    }
