"""The page kind About the data: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from typing import Any

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.compile.labels import REQUIREMENT_LABELS
from generator.model.types import Category, Model


def about_page(model: Model) -> list[Page]:
    """About the data."""
    return [Page(urls.ABOUT_PAGE, {"uncertain": uncertain_facts(model), "counts": counts(model)}, "About the data")]


def uncertain_facts(model: Model) -> list[tuple[Category, str, str]]:
    """(category, what, note) for every fact marked uncertain, so the about page can list them."""
    out = []
    for category in model.categories:
        for note in category.notes:
            if note.uncertain:
                out.append((category, "Note", note.text))
        for key, value in category.requirements.entered().items():
            entries = value if isinstance(value, tuple) else value.items if key == "renewal" else (value,)
            for entry in entries:
                if entry.uncertain:
                    label = REQUIREMENT_LABELS.get(key) or ("Renewal" if key == "renewal" else "Fee")
                    out.append((category, label, entry.note or getattr(entry, "summary", None) or entry.name))
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


KIND = PageKind("About the data", "about-data.md.j2", urls.ABOUT_PAGE, about_page, "About")
