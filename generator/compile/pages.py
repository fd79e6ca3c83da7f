"""The pages of each page kind: where each goes and what its template is given (pure functions of the model)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from generator.compile import urls
from generator.compile.browser_data import assessment_data, json_for_html, mapper_data
from generator.compile.exports import open_data_files
from generator.compile.kinds import Page
from generator.compile.labels import REQUIREMENT_LABELS
from generator.compile.render import Md
from generator.model.coverage import category_coverage, matrix
from generator.model.crosswalks import (category_pairs, compare_indicators, compare_knowledge_areas, comparison_counts,
                                        progression, role_coverage, role_knowledge_areas)
from generator.model.types import Category, CategoryKnowledgeArea, Crosswalk, KnowledgeArea, Model

MAX_CATEGORIES_FOR_ALL_PAIRS = 40
"""Up to this many categories every pair gets a comparison page; beyond it only pairs related by a crosswalk or
counterparts do (the number of pairs grows with the square of the categories)."""


@dataclass(frozen=True)
class CategoryCell:
    """One category's take on one knowledge area, for side-by-side views."""

    category: Category
    entry: CategoryKnowledgeArea


def categories_index(model: Model) -> list[Page]:
    """The categories overview."""
    return [Page(urls.CATEGORIES_INDEX, {"tracks": categories_by_track(model)}, "Overview")]


def category_pages(model: Model) -> list[Page]:
    """A page per category."""
    return [Page(urls.category_page(c.id), {
        "category": c, "counterpart": model.category(c.counterpart) if c.counterpart else None,
        "official": official_share(c)}, f"{c.code}: {c.name}") for c in model.categories]


def official_share(category: Category) -> str:
    """Whether the category's indicators are in the publisher's words: "all", "some" or "none"."""
    flags = {i.official for i in category.indicators()}
    return "all" if flags == {True} else "some" if flags == {True, False} else "none"


def requirements_page(model: Model) -> list[Page]:
    """The requirements of every category side by side."""
    return [Page(urls.REQUIREMENTS_PAGE, {"tracks": categories_by_track(model)}, "Requirements compared")]


def domains_index(model: Model) -> list[Page]:
    """The domains overview."""
    return [Page(urls.DOMAINS_INDEX, {}, "Domains and knowledge areas")]


def domain_pages(model: Model) -> list[Page]:
    """A page per domain."""
    return [Page(urls.domain_page(d.id), {
        "domain": d, "kas": [(ka, cells_for(model, ka)) for ka in model.knowledge_areas if ka.domain == d.id]},
        d.name) for d in model.domains]


def knowledge_area_pages(model: Model) -> list[Page]:
    """A page per knowledge area."""
    return [Page(urls.ka_page(ka.id), {
        "ka": ka, "domain": model.domain(ka.domain), "cells": cells_for(model, ka),
        "missing": categories_without(model, ka), "progression": progression(model, ka.id)}, ka.name)
        for ka in model.knowledge_areas]


def crosswalks_index(model: Model) -> list[Page]:
    """The crosswalks overview."""
    return [Page(urls.CROSSWALKS_INDEX, {}, "Overview and matrix")]


def crosswalk_pages(model: Model) -> list[Page]:
    """A page per crosswalk."""
    pages = []
    for cw in model.crosswalks:
        counts = Counter(p.relation for p in cw.pairs)
        pages.append(Page(urls.crosswalk_page(cw.id), {
            "cw": cw, "counts": [(r.id, counts[r.id]) for r in model.vocabulary.relations if counts[r.id]]},
            cw.title))
    return pages


def compared_pairs(model: Model) -> list[tuple[Category, Category, list[Crosswalk]]]:
    """The pairs of categories that get a comparison page, each with the crosswalks that relate them."""
    related = related_category_pairs(model)
    out = []
    for a, b in category_pairs(model):
        basis = related.get(frozenset((a.id, b.id)), [])
        if len(model.categories) > MAX_CATEGORIES_FOR_ALL_PAIRS and not basis and a.counterpart != b.id:
            continue  # a page per pair grows with the square of the categories; keep the related pairs only
        out.append((a, b, basis))
    return out


def compare_pages(model: Model) -> list[Page]:
    """A side-by-side page per compared pair of categories, in both orders (the picker keeps the order chosen)."""
    pages = []
    for first, second, basis in compared_pairs(model):
        for a, b in ((first, second), (second, first)):
            rows, ka_rows = compare_indicators(model, a, b), compare_knowledge_areas(model, a, b)
            pages.append(Page(urls.compare_page(a.id, b.id), {
                "a": a, "b": b, "rows": rows, "ka_rows": ka_rows, "basis": basis,
                "counts": comparison_counts(model, a, b, rows, ka_rows)}, f"{a.code} and {b.code}"))
    return pages


def compare_index(model: Model) -> list[Page]:
    """The comparison picker."""
    compared = compared_pairs(model)
    return [Page(urls.COMPARE_INDEX, {"pairs": [(a, b) for a, b, _ in compared],
                                      "useful": [(a, b) for a, b, basis in compared if basis]},
                 "Compare two categories")]


def role_pages(model: Model) -> list[Page]:
    """A page per role profile."""
    return [Page(urls.role_page(r.id), {"role": r, "draws_on": role_knowledge_areas(model, r),
                                        "coverage": role_coverage(model, r)}, r.title) for r in model.roles]


def _has_coursework(model: Model) -> bool:
    """Whether the site has the coursework pages: published program maps or an assessments folder."""
    return bool(model.programs) or model.assessment is not None


def programs_index(model: Model) -> list[Page]:
    """The coursework overview (only with program maps or an assessments folder)."""
    return [Page(urls.PROGRAMS_INDEX, {}, "Coursework mapping")] if _has_coursework(model) else []


def mapper_page(model: Model) -> list[Page]:
    """The in-browser coursework mapper (only with program maps or an assessments folder)."""
    if not _has_coursework(model):
        return []
    return [Page(urls.MAPPER_PAGE, {"data_json": Md(json_for_html(mapper_data(model)))}, "Coursework mapper")]


def program_pages(model: Model) -> list[Page]:
    """A page per program map."""
    return [Page(urls.program_page(p.id), {
        "p": p, "matrix": matrix(model, p),
        "coverage": [category_coverage(model, p, cid) for cid in p.target_categories]}, p.program)
        for p in model.programs]


def assessments_index(model: Model) -> list[Page]:
    """The self-assessment index (only with a scale)."""
    if model.assessment is None:
        return []
    return [Page(urls.ASSESSMENT_INDEX, {"tracks": categories_by_track(model)}, "Choose a category")]


def assessment_pages(model: Model) -> list[Page]:
    """A self-assessment page per category (only with a scale)."""
    if model.assessment is None:
        return []
    pages = []
    for category in model.categories:
        data = assessment_data(model, category)
        pages.append(Page(urls.assessment_page(category.id), {
            "category": category, "data": data, "data_json": Md(json_for_html(data))},
            f"{category.code}: {category.name}"))
    return pages


def glossary_page(model: Model) -> list[Page]:
    """The glossary."""
    return [Page(urls.GLOSSARY_PAGE, {}, "Glossary")]


def about_page(model: Model) -> list[Page]:
    """About the data."""
    return [Page(urls.ABOUT_PAGE, {"uncertain": uncertain_facts(model), "counts": counts(model)}, "About the data")]


def open_data_page(model: Model) -> list[Page]:
    """The list of export files."""
    return [Page(urls.OPEN_DATA_PAGE, {"files": open_data_files(model)}, "Open data")]


def related_category_pairs(model: Model) -> dict[frozenset[str], list[Crosswalk]]:
    """For each pair of categories with an indicator related to one of the other, the crosswalks that relate them."""
    category_of = {i.id: c.id for c in model.categories for i in c.indicators()}
    related: dict[frozenset[str], list[Crosswalk]] = {}
    for cw in model.crosswalks:
        for p in cw.pairs:
            a, b = category_of.get(p.source_ref), category_of.get(p.target_ref or "")
            if a and b and a != b and cw not in related.setdefault(frozenset((a, b)), []):
                related[frozenset((a, b))].append(cw)
    return related


def categories_by_track(model: Model) -> list[tuple[str, list[Category]]]:
    """Categories grouped by track (its label), in model order."""
    labels = model.vocabulary.track_labels()
    groups: dict[str, list[Category]] = {}
    for category in model.categories:
        groups.setdefault(category.track, []).append(category)
    return [(labels[track], items) for track, items in groups.items()]


def cells_for(model: Model, ka: KnowledgeArea) -> list[CategoryCell]:
    """Each category that has this knowledge area, with its entry."""
    return [CategoryCell(c, k) for c in model.categories for k in c.knowledge_areas() if k.ka == ka.id]


def categories_without(model: Model, ka: KnowledgeArea) -> list[Category]:
    """Categories whose knowledge-area list for this domain is entered in full but does not include this area."""
    return [category for category in model.categories for d in category.domains
            if d.domain == ka.domain and d.lacks(ka.id)]


def uncertain_facts(model: Model) -> list[tuple[Category, str, str]]:
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


def counts(model: Model) -> dict[str, Any]:
    """Headline counts for the about page."""
    return {
        "categories": len(model.categories),
        "domains": len(model.domains),
        "knowledge_areas": len(model.knowledge_areas),
        "indicators": sum(len(c.indicators()) for c in model.categories),
        "categories_with_indicators": sum(1 for c in model.categories if c.indicators()),
        "terms": len(model.terms),
    }
