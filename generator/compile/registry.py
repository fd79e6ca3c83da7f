"""The one list of page kinds and exports: pages, navigation, the open-data page, the documentation check, the
snapshot tests and the accessibility checks all iterate it. A new page kind is a module of generator/compile/pages/
(its page function and its KIND) and a template, listed here once; a new export is a module of exports/."""
from __future__ import annotations

from generator.compile.exports import EXPORTS
from generator.compile.kinds import PageKind
from generator.compile.pages import (about, assessment, assessments_index, categories_index, category, compare,
                                     compare_index, crosswalk, crosswalks_index, domain, domains_index, glossary,
                                     knowledge_area, mapper, open_data, program, programs_index, requirements, role)

__all__ = ["EXPORTS", "PAGE_KINDS"]

PAGE_KINDS: tuple[PageKind, ...] = tuple(module.KIND for module in (
    categories_index, category, requirements,
    domains_index, domain, knowledge_area,
    crosswalks_index, compare_index, crosswalk, compare,
    role,
    programs_index, mapper, program,
    assessments_index, assessment,
    glossary, about, open_data,
))
"""Every kind of generated page, in navigation order within each section."""
