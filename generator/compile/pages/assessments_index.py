"""The page kind Self-assessment index: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.compile.pages.common import categories_by_track
from generator.model.types import Model


def assessments_index(model: Model) -> list[Page]:
    """The self-assessment index (only with a scale)."""
    if model.assessment is None:
        return []
    return [Page(urls.ASSESSMENT_INDEX, {"tracks": categories_by_track(model)}, "Choose a category")]


KIND = PageKind("Self-assessment index", "assessments.md.j2", urls.ASSESSMENT_INDEX, assessments_index,
                "Self-assessment")
