"""The page kind Program alignment: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.model.coverage import category_coverage, matrix
from generator.model.types import Model


def program_pages(model: Model) -> list[Page]:
    """A page per program map."""
    return [Page(urls.program_page(p.id), {
        "p": p, "matrix": matrix(model, p),
        "coverage": [category_coverage(model, p, cid) for cid in p.target_categories]}, p.program)
        for p in model.programs]


KIND = PageKind("Program alignment", "program.md.j2", "atlas/programs/<id>.md", program_pages, "Coursework")
