"""Pure functions from the validated model to generated Markdown pages and the site navigation."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator.crosswalks import (
    BASIS_LABELS, RELATION_LABELS, category_pairs, compare_indicators, compare_knowledge_areas, comparison_counts,
    exact_matches, progression, resolve, role_coverage, role_knowledge_areas,
)
from generator.coverage import LEVEL_LABELS, category_coverage, mapper_data, matrix_csv, program_json
from generator.coverage import matrix as coverage_matrix
from generator.exports import build_exports
from generator.log_rules import log_rules
from generator.model import Category, CategoryKnowledgeArea, Crosswalk, Indicator, KnowledgeArea, Model, Source
from generator.render import Md, make_environment, md_text, rel_link

GENERATED_DIR = "atlas"
"""Folder under docs/ that holds every generated page (git-ignored)."""

TRACK_LABELS = {"infant": "Infant (birth to 3)", "early-childhood": "Early childhood (3 to under 6)",
                "infant-early-childhood": "Infant and early childhood"}
SCOPE_LABELS = {"promotion": "Promotion", "prevention": "Prevention", "intervention": "Intervention",
                "leadership": "Leadership", "reflective-supervision": "Reflective supervision/consultation"}
STATUS_LABELS = {"established": "Established", "emerging": "Emerging category", "add-on": "Add-on endorsement"}
REQUIREMENT_LABELS = {
    "documentation": "Documentation", "education": "Education", "training": "Training",
    "work_experience": "Work experience", "rsc": "Reflective supervision/consultation (RSC)",
    "reference_ratings": "Reference ratings", "membership": "Membership", "agreements": "Signed agreements",
    "exam": "Exam",
}
DEGREE_LABELS = {"none": "no degree required", "cda-or-associate": "CDA or associate's degree",
                 "bachelor": "bachelor's degree or higher", "master": "master's degree or higher",
                 "doctorate": "doctorate"}
RENEWAL_LABELS = {"training": "Training", "rsc": "Reflective supervision/consultation", "membership": "Membership",
                  "other": "Other"}
NOT_ENTERED = "Not yet entered"


def category_page(category_id: str) -> str:
    """Path of a category page, relative to docs/."""
    return f"{GENERATED_DIR}/categories/{category_id}.md"


def domain_page(domain_id: str) -> str:
    """Path of a domain page, relative to docs/."""
    return f"{GENERATED_DIR}/domains/{domain_id}.md"


def ka_page(ka_id: str) -> str:
    """Path of a knowledge-area page, relative to docs/."""
    return f"{GENERATED_DIR}/knowledge-areas/{ka_id}.md"


def role_page(role_id: str) -> str:
    """Path of a role profile page, relative to docs/."""
    return f"{GENERATED_DIR}/roles/{role_id}.md"


def assessment_page(category_id: str) -> str:
    """Path of a category's self-assessment page, relative to docs/."""
    return f"{GENERATED_DIR}/self-assessment/{category_id}.md"


ASSESSMENT_INDEX = f"{GENERATED_DIR}/self-assessment/index.md"
CATEGORIES_INDEX = f"{GENERATED_DIR}/index.md"
CROSSWALKS_INDEX = f"{GENERATED_DIR}/crosswalks/index.md"
OPEN_DATA_PAGE = f"{GENERATED_DIR}/open-data.md"
MAX_CATEGORIES_FOR_ALL_PAIRS = 40
"""Up to this many categories every pair gets a comparison page; beyond it only pairs related by a crosswalk or
counterparts do (the number of pairs grows with the square of the categories)."""
PROGRAMS_INDEX = f"{GENERATED_DIR}/programs/index.md"
MAPPER_PAGE = f"{GENERATED_DIR}/programs/mapper.md"


def program_page(program_id: str) -> str:
    """Path of a program's alignment page, relative to docs/."""
    return f"{GENERATED_DIR}/programs/{program_id}.md"
COMPARE_INDEX = f"{GENERATED_DIR}/compare/index.md"


def crosswalk_page(crosswalk_id: str) -> str:
    """Path of a crosswalk page, relative to docs/."""
    return f"{GENERATED_DIR}/crosswalks/{crosswalk_id}.md"


def compare_page(a: Category, b: Category) -> str:
    """Path of the side-by-side page of two categories (in model order), relative to docs/."""
    return f"{GENERATED_DIR}/compare/{a.id}--{b.id}.md"
DOMAINS_INDEX = f"{GENERATED_DIR}/domains/index.md"
REQUIREMENTS_PAGE = f"{GENERATED_DIR}/requirements.md"
GLOSSARY_PAGE = f"{GENERATED_DIR}/glossary.md"
ABOUT_PAGE = f"{GENERATED_DIR}/about-data.md"


def ka_anchor(domain_id: str, ka_id: str) -> str:
    """Anchor of a knowledge area on a category page."""
    return f"{domain_id}-{ka_id}"


@dataclass(frozen=True)
class CategoryCell:
    """One category's take on one knowledge area, for side-by-side views."""

    category: Category
    entry: CategoryKnowledgeArea


class PageHelpers:
    """Link and label helpers handed to every template as `h`; they know the page being written."""

    def __init__(self, model: Model, page: str) -> None:
        """Remember the model and the page whose links are being built."""
        self.model = model
        self.page = page

    def link(self, text: object, to_page: str, anchor: str = "") -> Md:
        """A Markdown link with escaped text to another generated page."""
        return Md(f"[{md_text(text)}]({rel_link(self.page, to_page, anchor)})")

    def category(self, category: Category, long: bool = False) -> Md:
        """Link to a category page, showing its code (and name when long)."""
        text = f"{category.name} ({category.code})" if long else category.code
        return self.link(text, category_page(category.id))

    def indicator(self, category: Category, indicator: Indicator) -> Md:
        """Link to an indicator's anchor on its category page."""
        return self.link(indicator.id, category_page(category.id), indicator.id)

    def ka(self, ka_id: str, title: str = "") -> Md:
        """Link to a knowledge-area page."""
        return self.link(title or self.model.knowledge_area(ka_id).name, ka_page(ka_id))

    def domain(self, domain_id: str, title: str = "") -> Md:
        """Link to a domain page."""
        return self.link(title or self.model.domain(domain_id).name, domain_page(domain_id))

    def cite(self, source: Source | dict[str, str]) -> Md:
        """A short citation: the source id linked to its entry on the about page, then the section."""
        if isinstance(source, dict):
            source = Source(source["doc"], source["section"])
        return Md(f"{self.link(source.doc, ABOUT_PAGE, 'source-' + source.doc)}, {md_text(source.section)}")

    def ref(self, ref: str) -> Md:
        """A crosswalk reference as a link to where the item is shown, with its kind."""
        target = resolve(self.model, ref)
        label = target.label if len(target.label) <= 90 else target.label[:87].rstrip() + "..."
        link = self.link(label, target.page, target.anchor) if target.page else md_text(label)
        return Md(f"{link} <span class=\"atlas-meta\">({md_text(target.kind)})</span>")

    def matrix_cell(self, category: Category, ka: KnowledgeArea) -> Md:
        """One cell of the category x knowledge-area matrix."""
        for d in category.domains:
            if d.domain != ka.domain:
                continue
            if d.knowledge_areas is None:
                return Md("?")
            for k in d.knowledge_areas:
                if k.ka == ka.id:
                    if k.indicators is None:
                        return Md("listed")
                    return self.link(len(k.indicators), category_page(category.id), ka_anchor(d.domain, k.ka))
            return Md("")
        return Md("?")

    def page_link(self, text: str, to_page: str, anchor: str = "") -> Md:
        """Link to any generated page by its path."""
        return self.link(text, to_page, anchor)


def build_pages(model: Model, templates: Path | None = None) -> dict[str, str]:
    """Every generated page as {path relative to docs/: Markdown text}; the same model gives the same text."""
    env = make_environment(templates)
    env.globals.update(
        TRACK_LABELS=TRACK_LABELS, SCOPE_LABELS=SCOPE_LABELS, STATUS_LABELS=STATUS_LABELS,
        REQUIREMENT_LABELS=REQUIREMENT_LABELS, RENEWAL_LABELS=RENEWAL_LABELS, DEGREE_LABELS=DEGREE_LABELS,
        NOT_ENTERED=NOT_ENTERED, ka_anchor=ka_anchor, RELATION_LABELS=RELATION_LABELS, BASIS_LABELS=BASIS_LABELS,
        compare_page=compare_page, LEVEL_LABELS=LEVEL_LABELS,
    )
    pages: dict[str, str] = {}

    def add(path: str, template: str, **context: Any) -> None:
        pages[path] = _render(env, template, model, path, context)

    add(CATEGORIES_INDEX, "categories.md.j2", tracks=_categories_by_track(model))
    for category in model.categories:
        add(category_page(category.id), "category.md.j2", category=category,
            counterpart=model.category(category.counterpart) if category.counterpart else None)
    add(DOMAINS_INDEX, "domains.md.j2")
    for domain in model.domains:
        kas = [k for k in model.knowledge_areas if k.domain == domain.id]
        add(domain_page(domain.id), "domain.md.j2", domain=domain,
            kas=[(ka, _cells_for(model, ka)) for ka in kas])
    for ka in model.knowledge_areas:
        add(ka_page(ka.id), "knowledge-area.md.j2", ka=ka, domain=model.domain(ka.domain),
            cells=_cells_for(model, ka), missing=_categories_without(model, ka), progression=progression(model, ka.id))
    add(REQUIREMENTS_PAGE, "requirements.md.j2", tracks=_categories_by_track(model))
    add(CROSSWALKS_INDEX, "crosswalks.md.j2")
    for cw in model.crosswalks:
        counts = Counter(p.relation for p in cw.pairs)
        add(crosswalk_page(cw.id), "crosswalk.md.j2", cw=cw,
            counts=[(key, counts[key]) for key in RELATION_LABELS if counts[key]])
    pairs, useful = [], []
    related = _related_category_pairs(model)
    for a, b in category_pairs(model):
        basis = related.get(frozenset((a.id, b.id)), [])
        if len(model.categories) > MAX_CATEGORIES_FOR_ALL_PAIRS and not basis and a.counterpart != b.id:
            continue  # a page per pair grows with the square of the categories; keep the related pairs only
        rows = compare_indicators(model, a, b)
        ka_rows = compare_knowledge_areas(model, a, b)
        pairs.append((a, b))
        if basis:
            useful.append((a, b))
        add(compare_page(a, b), "compare.md.j2", a=a, b=b, rows=rows, ka_rows=ka_rows, basis=basis,
            counts=comparison_counts(rows, ka_rows))
    add(COMPARE_INDEX, "compare-index.md.j2", pairs=pairs, useful=useful)
    for role in model.roles:
        add(role_page(role.id), "role.md.j2", role=role, draws_on=role_knowledge_areas(model, role),
            coverage=role_coverage(model, role))
    add(GLOSSARY_PAGE, "glossary.md.j2")
    if model.programs or model.assessment is not None:
        add(PROGRAMS_INDEX, "programs.md.j2")
        add(MAPPER_PAGE, "mapper.md.j2", data_json=Md(json_for_html(mapper_data(model))))
    for program in model.programs:
        add(program_page(program.id), "program.md.j2", p=program, matrix=coverage_matrix(model, program),
            coverage=[category_coverage(model, program, cid) for cid in program.target_categories])
        pages[f"{GENERATED_DIR}/data/programs/{program.id}-matrix.csv"] = matrix_csv(model, program)
        pages[f"{GENERATED_DIR}/data/programs/{program.id}.json"] = program_json(model, program)
    exports = build_exports(model)
    pages.update(exports)
    add(OPEN_DATA_PAGE, "open-data.md.j2", files=[(path, _export_description(path)) for path in sorted(exports)])
    if model.assessment is not None:
        add(ASSESSMENT_INDEX, "assessments.md.j2", tracks=_categories_by_track(model))
        for category in model.categories:
            data = assessment_data(model, category)
            add(assessment_page(category.id), "assessment.md.j2", category=category, data=data,
                data_json=Md(json_for_html(data)))
    add(ABOUT_PAGE, "about-data.md.j2", uncertain=_uncertain_facts(model), counts=_counts(model))
    return pages


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
        "requirements": tracked_requirements(category),
        "logs": log_rules(model, category, assessment_page(category.id), f"{GENERATED_DIR}/data/programs/{{id}}.json"),
        "exact_matches": exact_matches(model),
    }


def _domain_title(category: Category, domain_id: str) -> str:
    """The category's own title for a domain, if it has one."""
    return next((d.title for d in category.domains if d.domain == domain_id and d.title), "")


def tracked_requirements(category: Category) -> list[dict[str, Any]]:
    """The requirements an applicant can track, in the shape the self-assessment uses (only those entered)."""
    req = category.requirements
    out: list[dict[str, Any]] = []
    if "education" in req:
        r = req["education"]
        summary = DEGREE_LABELS[r["minimum_degree"]] if "minimum_degree" in r else r["summary"]
        out.append({"id": "education", "kind": "check", "label": "Degree held", "summary": summary})
    if "training" in req and "total_hours" in req["training"]:
        r = req["training"]
        out.append({"id": "training", "kind": "hours", "label": "Training", "unit": "clock hours",
                    "required": r["total_hours"],
                    "parts": [{"id": f"training.{i}", "label": p["topic"], "required": p["hours"]}
                              for i, p in enumerate(r.get("parts", []), 1)]})
    if "work_experience" in req and req["work_experience"].get("years"):
        out.append({"id": "work_experience", "kind": "years", "label": "Work experience",
                    "required": req["work_experience"]["years"]})
    if "rsc" in req and req["rsc"].get("hours") and not req["rsc"].get("recommended_only"):
        out.append({"id": "rsc", "kind": "hours", "label": "Reflective supervision/consultation", "unit": "hours",
                    "required": req["rsc"]["hours"], "parts": []})
    if "reference_ratings" in req and req["reference_ratings"].get("count"):
        out.append({"id": "reference_ratings", "kind": "count", "label": "Reference ratings",
                    "required": req["reference_ratings"]["count"]})
    if req.get("membership", {}).get("required", "membership" in req):
        out.append({"id": "membership", "kind": "check", "label": "Association membership",
                    "summary": req["membership"]["summary"]})
    for a in req.get("agreements", []):
        out.append({"id": "agreement." + _slug(a["name"]), "kind": "check", "label": f"{a['name']} signed",
                    "summary": a["summary"]})
    if req.get("exam", {}).get("required"):
        out.append({"id": "exam", "kind": "check", "label": "Exam passed", "summary": req["exam"]["summary"]})
    return out


def _slug(text: str) -> str:
    """Lower-case words joined by hyphens."""
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def json_for_html(data: Any) -> str:
    """JSON that is safe inside an HTML <script type="application/json"> block (no closing tag can appear)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _export_description(path: str) -> str:
    """What an export file holds, for the open-data page."""
    name = path.rsplit("/", 1)[-1]
    if "/case/" in path:
        return f"CASE 1.1 package of the category `{name.removesuffix('.json')}`"
    return {
        "indicators.csv": "Every indicator of every category: category, domain, knowledge area, id, text, source",
        "crosswalk-pairs.csv": "Every crosswalk pair: crosswalk, basis, from, relation, to, with labels and notes",
        "atlas.json": "The whole validated data model (re-importing it rebuilds the same site)",
        "atlas.schema.json": "JSON Schema of atlas.json",
    }.get(name, "Export file")


def _related_category_pairs(model: Model) -> dict[frozenset[str], list[Crosswalk]]:
    """For each pair of categories with an indicator related to one of the other, the crosswalks that relate them."""
    category_of = {i.id: c.id for c in model.categories for i in c.indicators()}
    related: dict[frozenset[str], list[Crosswalk]] = {}
    for cw in model.crosswalks:
        for p in cw.pairs:
            a, b = category_of.get(p.source_ref), category_of.get(p.target_ref or "")
            if a and b and a != b and cw not in related.setdefault(frozenset((a, b)), []):
                related[frozenset((a, b))].append(cw)
    return related


def _render(env: jinja2.Environment, template: str, model: Model, path: str, context: dict[str, Any]) -> str:
    """Render one template for one page."""
    text = env.get_template(template).render(model=model, h=PageHelpers(model, path), page=path, **context)
    return text.rstrip("\n") + "\n"


def _categories_by_track(model: Model) -> list[tuple[str, list[Category]]]:
    """Categories grouped by track, in model order."""
    groups: dict[str, list[Category]] = {}
    for category in model.categories:
        groups.setdefault(category.track, []).append(category)
    return [(TRACK_LABELS[track], items) for track, items in groups.items()]


def _cells_for(model: Model, ka: KnowledgeArea) -> list[CategoryCell]:
    """Each category that has this knowledge area, with its entry."""
    return [CategoryCell(c, k) for c in model.categories for k in c.knowledge_areas() if k.ka == ka.id]


def _categories_without(model: Model, ka: KnowledgeArea) -> list[Category]:
    """Categories whose knowledge-area list for this domain is entered but does not include this area."""
    out = []
    for category in model.categories:
        for d in category.domains:
            if d.domain == ka.domain and d.knowledge_areas is not None and all(k.ka != ka.id for k in d.knowledge_areas):
                out.append(category)
    return out


def _uncertain_facts(model: Model) -> list[tuple[Category, str, str]]:
    """(category, what, note) for every fact marked uncertain, so the about page can list them."""
    out = []
    for category in model.categories:
        for note in category.notes:
            if note.uncertain:
                out.append((category, "Note", note.text))
        for key, value in category.requirements.items():
            entries = value if isinstance(value, list) else value.get("items", [value]) if key == "renewal" else [value]
            for entry in entries:
                if entry.get("uncertain"):
                    label = REQUIREMENT_LABELS.get(key) or ("Renewal" if key == "renewal" else "Fee")
                    out.append((category, label, entry.get("note") or entry.get("summary") or entry.get("name", "")))
        for k in category.knowledge_areas():
            if k.uncertain:
                out.append((category, "Knowledge area", k.note or k.title or model.knowledge_area(k.ka).name))
    return out


def _counts(model: Model) -> dict[str, int]:
    """Headline counts for the about page."""
    return {
        "categories": len(model.categories),
        "domains": len(model.domains),
        "knowledge_areas": len(model.knowledge_areas),
        "indicators": sum(len(c.indicators()) for c in model.categories),
        "categories_with_indicators": sum(1 for c in model.categories if c.indicators()),
        "terms": len(model.terms),
    }


def build_nav(model: Model) -> list[Any]:
    """The site navigation: hand-written pages first, then the generated sections in model order."""
    by_track = _categories_by_track(model)
    return [
        {"Home": "index.md"},
        {"Categories": [{"Overview": CATEGORIES_INDEX}]
            + [{label: [{f"{c.code}: {c.name}": category_page(c.id)} for c in items]} for label, items in by_track]
            + [{"Requirements compared": REQUIREMENTS_PAGE}]},
        {"Domains": [{"Domains and knowledge areas": DOMAINS_INDEX}]
            + [{d.name: domain_page(d.id)} for d in model.domains]},
        {"Knowledge areas": [
            {d.name: [{k.name: ka_page(k.id)} for k in model.knowledge_areas if k.domain == d.id]}
            for d in model.domains
        ]},
        {"Crosswalks": [{"Overview and matrix": CROSSWALKS_INDEX}, {"Compare two categories": COMPARE_INDEX}]
            + [{cw.title: crosswalk_page(cw.id)} for cw in model.crosswalks]},
        {"Roles": [{r.title: role_page(r.id)} for r in model.roles]},
        {"Coursework": [{"Coursework mapping": PROGRAMS_INDEX}, {"Coursework mapper": MAPPER_PAGE}]
            + [{p.program: program_page(p.id)} for p in model.programs]},
        *([{"Self-assessment": [{"Choose a category": ASSESSMENT_INDEX}]
            + [{label: [{f"{c.code}: {c.name}": assessment_page(c.id)} for c in items]} for label, items in by_track]}]
          if model.assessment is not None else []),
        {"Glossary": GLOSSARY_PAGE},
        {"About": [{"About the data": ABOUT_PAGE}, {"Open data": OPEN_DATA_PAGE}, {"Editing the data": "reference/data-files.md"},
                   {"Page kinds": "reference/page-kinds.md"}, {"For associations": "associations.md"},
                   {"Publishing the site": "deployment.md"}, {"Benchmarks": "benchmarks.md"}]},
    ]
