"""The page kind Requirements compared: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.compile.pages.common import categories_by_track
from generator.model.types import Model


def requirements_page(model: Model) -> list[Page]:
    """The requirements of every category side by side."""
    return [Page(urls.REQUIREMENTS_PAGE, {"tracks": categories_by_track(model)}, "Requirements compared")]


KIND = PageKind("Requirements compared", "requirements.md.j2", urls.REQUIREMENTS_PAGE, requirements_page,
                "Categories")
