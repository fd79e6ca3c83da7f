"""The page kind Crosswalks overview: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.model.types import Model


def crosswalks_index(model: Model) -> list[Page]:
    """The crosswalks overview."""
    return [Page(urls.CROSSWALKS_INDEX, {}, "Overview and matrix")]


KIND = PageKind("Crosswalks overview", "crosswalks.md.j2", urls.CROSSWALKS_INDEX, crosswalks_index, "Crosswalks")
