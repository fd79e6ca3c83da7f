"""Pure functions from the validated model to generated Markdown pages and the site navigation."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator.model import Category, CategoryKnowledgeArea, Indicator, KnowledgeArea, Model, Source
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


CATEGORIES_INDEX = f"{GENERATED_DIR}/index.md"
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

    def page_link(self, text: str, to_page: str, anchor: str = "") -> Md:
        """Link to any generated page by its path."""
        return self.link(text, to_page, anchor)


def build_pages(model: Model, templates: Path | None = None) -> dict[str, str]:
    """Every generated page as {path relative to docs/: Markdown text}; the same model gives the same text."""
    env = make_environment(templates)
    env.globals.update(
        TRACK_LABELS=TRACK_LABELS, SCOPE_LABELS=SCOPE_LABELS, STATUS_LABELS=STATUS_LABELS,
        REQUIREMENT_LABELS=REQUIREMENT_LABELS, RENEWAL_LABELS=RENEWAL_LABELS, DEGREE_LABELS=DEGREE_LABELS,
        NOT_ENTERED=NOT_ENTERED, ka_anchor=ka_anchor,
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
            cells=_cells_for(model, ka), missing=_categories_without(model, ka))
    add(REQUIREMENTS_PAGE, "requirements.md.j2", tracks=_categories_by_track(model))
    for role in model.roles:
        add(role_page(role.id), "role.md.j2", role=role)
    add(GLOSSARY_PAGE, "glossary.md.j2")
    add(ABOUT_PAGE, "about-data.md.j2", uncertain=_uncertain_facts(model), counts=_counts(model))
    return pages


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
        {"Roles": [{r.title: role_page(r.id)} for r in model.roles]},
        {"Glossary": GLOSSARY_PAGE},
        {"About": [{"About the data": ABOUT_PAGE}, {"Editing the data": "reference/data-files.md"},
                   {"Page kinds": "reference/page-kinds.md"}]},
    ]
