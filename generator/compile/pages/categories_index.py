"""The page kind Categories overview: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.compile.pages.common import categories_by_track
from generator.model.types import Model


def categories_index(model: Model) -> list[Page]:
    """The categories overview."""
    return [Page(urls.CATEGORIES_INDEX, {"tracks": categories_by_track(model)}, "Overview")]


KIND = PageKind("Categories overview", "categories.md.j2", urls.CATEGORIES_INDEX, categories_index, "Categories")
