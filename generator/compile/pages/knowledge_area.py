"""The page kind Knowledge area: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.compile.pages.common import cells_for, categories_without, knowledge_areas_by_domain
from generator.model.crosswalks import progression
from generator.model.types import Model


def knowledge_area_pages(model: Model) -> list[Page]:
    """A page per knowledge area."""
    return [Page(urls.ka_page(ka.id), {
        "ka": ka, "domain": model.domain(ka.domain), "cells": cells_for(model, ka),
        "missing": categories_without(model, ka), "progression": progression(model, ka.id)}, ka.name)
        for ka in model.knowledge_areas]


KIND = PageKind("Knowledge area", "knowledge-area.md.j2", "atlas/knowledge-areas/<id>.md", knowledge_area_pages,
                "Knowledge areas", nav=knowledge_areas_by_domain)
