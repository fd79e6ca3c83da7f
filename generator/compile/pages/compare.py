"""The page kind Comparison: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.compile.pages.common import compared_pairs
from generator.model.crosswalks import compare_indicators, compare_knowledge_areas, comparison_counts
from generator.model.types import Model


def compare_pages(model: Model) -> list[Page]:
    """A side-by-side page per compared pair of categories, in both orders (the picker keeps the order chosen)."""
    pages = []
    for first, second, basis in compared_pairs(model):
        for a, b in ((first, second), (second, first)):
            rows, ka_rows = compare_indicators(model, a, b), compare_knowledge_areas(model, a, b)
            pages.append(Page(urls.compare_page(a.id, b.id), {
                "a": a, "b": b, "rows": rows, "ka_rows": ka_rows, "basis": basis,
                "counts": comparison_counts(model, a, b, rows, ka_rows)}, f"{a.code} and {b.code}"))
    return pages


# Reached from the comparison picker; repeats indicator text.
KIND = PageKind("Comparison", "compare.md.j2", "atlas/compare/<a>--<b>.md", compare_pages, None, in_search=False)
