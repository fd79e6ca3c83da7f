"""What several page kinds share: categories by track, the compared pairs, the cells of a knowledge area, the
navigation groupings."""
from __future__ import annotations

from dataclasses import dataclass

from generator.compile.kinds import NavEntry, Page
from generator.model.crosswalks import category_pairs
from generator.model.types import Category, CategoryKnowledgeArea, Crosswalk, KnowledgeArea, Model

MAX_CATEGORIES_FOR_ALL_PAIRS = 40
"""Up to this many categories every pair gets a comparison page; beyond it only pairs related by a crosswalk or
counterparts do (the number of pairs grows with the square of the categories)."""


@dataclass(frozen=True)
class CategoryCell:
    """One category's take on one knowledge area, for side-by-side views."""

    category: Category
    entry: CategoryKnowledgeArea


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


def has_coursework(model: Model) -> bool:
    """Whether the site has the coursework pages: published program maps or an assessments folder."""
    return bool(model.programs) or model.assessment is not None


def by_track(model: Model, made: list[Page]) -> list[NavEntry]:
    """Navigation: pages grouped by the track of their category, in model order."""
    groups: dict[str, list[NavEntry]] = {}
    labels = model.vocabulary.track_labels()
    for page in made:
        groups.setdefault(labels[page.context["category"].track], []).append({page.nav_title: page.path})
    return [{label: entries} for label, entries in groups.items()]


def knowledge_areas_by_domain(model: Model, made: list[Page]) -> list[NavEntry]:
    """Navigation: knowledge areas grouped by domain."""
    return [{d.name: [{p.nav_title: p.path} for p in made if p.context["ka"].domain == d.id]} for d in model.domains]
