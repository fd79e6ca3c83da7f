"""The page kind Domain: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.compile.pages.common import cells_for
from generator.model.types import Model


def domain_pages(model: Model) -> list[Page]:
    """A page per domain."""
    return [Page(urls.domain_page(d.id), {
        "domain": d, "kas": [(ka, cells_for(model, ka)) for ka in model.knowledge_areas if ka.domain == d.id]},
        d.name) for d in model.domains]


KIND = PageKind("Domain", "domain.md.j2", "atlas/domains/<id>.md", domain_pages, "Domains")
