"""The page kind Coursework mapper: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.browser_data import json_for_html, mapper_data
from generator.compile.kinds import Page, PageKind
from generator.compile.pages.common import has_coursework
from generator.compile.render import Md
from generator.model.types import Model


def mapper_page(model: Model) -> list[Page]:
    """The in-browser coursework mapper (only with program maps or an assessments folder)."""
    if not has_coursework(model):
        return []
    return [Page(urls.MAPPER_PAGE, {"data_json": Md(json_for_html(mapper_data(model)))}, "Coursework mapper")]


KIND = PageKind("Coursework mapper", "mapper.md.j2", urls.MAPPER_PAGE, mapper_page, "Coursework")
