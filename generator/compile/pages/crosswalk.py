"""The page kind Crosswalk: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from collections import Counter

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.model.types import Model


def crosswalk_pages(model: Model) -> list[Page]:
    """A page per crosswalk."""
    pages = []
    for cw in model.crosswalks:
        counts = Counter(p.relation for p in cw.pairs)
        pages.append(Page(urls.crosswalk_page(cw.id), {
            "cw": cw, "counts": [(r.id, counts[r.id]) for r in model.vocabulary.relations if counts[r.id]]},
            cw.title))
    return pages


# Repeats indicator text that search finds on the category pages.
KIND = PageKind("Crosswalk", "crosswalk.md.j2", "atlas/crosswalks/<id>.md", crosswalk_pages, "Crosswalks",
                in_search=False)
