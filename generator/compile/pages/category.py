"""The page kind Category: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.compile.pages.common import by_track
from generator.model.types import Category, Model


def category_pages(model: Model) -> list[Page]:
    """A page per category."""
    return [Page(urls.category_page(c.id), {
        "category": c, "counterpart": model.category(c.counterpart) if c.counterpart else None,
        "official": official_share(c)}, f"{c.code}: {c.name}") for c in model.categories]


def official_share(category: Category) -> str:
    """Whether the category's indicators are in the publisher's words: "all", "some" or "none"."""
    flags = {i.official for i in category.indicators()}
    return "all" if flags == {True} else "some" if flags == {True, False} else "none"


KIND = PageKind("Category", "category.md.j2", "atlas/categories/<id>.md", category_pages, "Categories", nav=by_track)
