"""The page kind Role profile: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.model.crosswalks import role_coverage, role_knowledge_areas
from generator.model.types import Model


def role_pages(model: Model) -> list[Page]:
    """A page per role profile."""
    return [Page(urls.role_page(r.id), {"role": r, "draws_on": role_knowledge_areas(model, r),
                                        "coverage": role_coverage(model, r)}, r.title) for r in model.roles]


KIND = PageKind("Role profile", "role.md.j2", "atlas/roles/<id>.md", role_pages, "Roles")
