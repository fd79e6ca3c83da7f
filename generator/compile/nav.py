"""The site navigation: the hand-written pages and, in each section, the pages of each kind that were made."""
from __future__ import annotations

from generator.compile.kinds import NavEntry, Page, PageKind
from generator.model.types import Model

SECTIONS = ("Categories", "Domains", "Knowledge areas", "Crosswalks", "Roles", "Coursework", "Self-assessment",
            "Glossary", "About")
"""The navigation's sections in order (after Home)."""

HAND_WRITTEN = {
    "Home": [{"Home": "index.md"}],
    "About": [{"Endorsement in context": "endorsement-in-context.md"}, {"Editing the data": "reference/data-files.md"}, {"Page kinds": "reference/page-kinds.md"},
              {"How the generator works": "reference/architecture.md"}, {"For associations": "associations.md"},
              {"Publishing the site": "deployment.md"}, {"Benchmarks": "benchmarks.md"}],
}
"""Hand-written pages of docs/ by section, after the section's generated pages."""


def build_nav(model: Model, made: list[tuple[PageKind, list[Page]]]) -> list[NavEntry]:
    """The navigation of the pages that were made: each section lists its kinds' pages in registry order."""
    nav: list[NavEntry] = list(HAND_WRITTEN["Home"])
    for section in SECTIONS:
        entries = [entry for kind, pages in made if kind.section == section and pages
                   for entry in kind.nav(model, pages)]
        entries += HAND_WRITTEN.get(section, [])
        if len(entries) == 1 and isinstance(entries[0].get(section), str):
            nav.append(entries[0])  # a section of one page of the same name is that page
        elif entries:
            nav.append({section: entries})
    return nav


def nav_paths(node: object) -> list[str]:
    """Every page path a navigation lists, in order."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [p for v in node.values() for p in nav_paths(v)]
    if isinstance(node, list):
        return [p for v in node for p in nav_paths(v)]
    return []
