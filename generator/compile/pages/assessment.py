"""The page kind Self-assessment: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.browser_data import assessment_data, json_for_html
from generator.compile.kinds import Page, PageKind
from generator.compile.pages.common import by_track
from generator.compile.render import Md
from generator.model.types import Model


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


KIND = PageKind("Self-assessment", "assessment.md.j2", "atlas/self-assessment/<id>.md", assessment_pages,
                "Self-assessment", nav=by_track)
