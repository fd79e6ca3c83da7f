"""The page kind Coursework mapping: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.compile.pages.common import has_coursework
from generator.model.types import Model


def programs_index(model: Model) -> list[Page]:
    """The coursework overview (only with program maps or an assessments folder)."""
    return [Page(urls.PROGRAMS_INDEX, {}, "Coursework mapping")] if has_coursework(model) else []


KIND = PageKind("Coursework mapping", "programs.md.j2", urls.PROGRAMS_INDEX, programs_index, "Coursework")
