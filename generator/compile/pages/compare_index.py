"""The page kind Comparison picker: its pages (a pure function of the model) and its registry entry."""
from __future__ import annotations

from generator.compile import urls
from generator.compile.kinds import Page, PageKind
from generator.compile.pages.common import compared_pairs
from generator.model.types import Model


def compare_index(model: Model) -> list[Page]:
    """The comparison picker."""
    compared = compared_pairs(model)
    return [Page(urls.COMPARE_INDEX, {"pairs": [(a, b) for a, b, _ in compared],
                                      "useful": [(a, b) for a, b, basis in compared if basis]},
                 "Compare two categories")]


KIND = PageKind("Comparison picker", "compare-index.md.j2", urls.COMPARE_INDEX, compare_index, "Crosswalks")
