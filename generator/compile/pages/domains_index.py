"""The page kind Domains overview: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.model.types import Model


def domains_index(model: Model) -> list[Page]:
    """The domains overview."""
    return [Page(urls.DOMAINS_INDEX, {}, "Domains and knowledge areas")]


KIND = PageKind("Domains overview", "domains.md.j2", urls.DOMAINS_INDEX, domains_index, "Domains")
