"""The one list of page kinds and exports: pages, navigation, the open-data page, the documentation check, the
snapshot tests and the accessibility checks all iterate it. A new page kind is a template and an entry here."""
from __future__ import annotations

from generator.compile import pages, urls
from generator.compile.exports import EXPORTS, export_description
from generator.compile.kinds import NavEntry, Page, PageKind
from generator.model.types import Model

__all__ = ["EXPORTS", "PAGE_KINDS", "export_description"]


def _by_track(model: Model, made: list[Page]) -> list[NavEntry]:
    """Pages grouped by the track of their category, in model order."""
    groups: dict[str, list[NavEntry]] = {}
    labels = model.vocabulary.track_labels()
    for page in made:
        groups.setdefault(labels[page.context["category"].track], []).append({page.nav_title: page.path})
    return [{label: entries} for label, entries in groups.items()]


def _knowledge_area_nav(model: Model, made: list[Page]) -> list[NavEntry]:
    """Knowledge areas grouped by domain."""
    return [{d.name: [{p.nav_title: p.path} for p in made if p.context["ka"].domain == d.id]} for d in model.domains]


PAGE_KINDS: tuple[PageKind, ...] = (
    # name, template, path, the function that makes its pages, navigation section (None: not in navigation)
    PageKind("Categories overview", "categories.md.j2", urls.CATEGORIES_INDEX, pages.categories_index, "Categories"),
    PageKind("Category", "category.md.j2", "atlas/categories/<id>.md", pages.category_pages, "Categories",
             nav=_by_track),
    PageKind("Requirements compared", "requirements.md.j2", urls.REQUIREMENTS_PAGE, pages.requirements_page,
             "Categories"),
    PageKind("Domains overview", "domains.md.j2", urls.DOMAINS_INDEX, pages.domains_index, "Domains"),
    PageKind("Domain", "domain.md.j2", "atlas/domains/<id>.md", pages.domain_pages, "Domains"),
    PageKind("Knowledge area", "knowledge-area.md.j2", "atlas/knowledge-areas/<id>.md", pages.knowledge_area_pages,
             "Knowledge areas", nav=_knowledge_area_nav),
    PageKind("Crosswalks overview", "crosswalks.md.j2", urls.CROSSWALKS_INDEX, pages.crosswalks_index, "Crosswalks"),
    PageKind("Comparison picker", "compare-index.md.j2", urls.COMPARE_INDEX, pages.compare_index, "Crosswalks"),
    PageKind("Crosswalk", "crosswalk.md.j2", "atlas/crosswalks/<id>.md", pages.crosswalk_pages, "Crosswalks",
             in_search=False),  # repeats indicator text that search finds on the category pages
    PageKind("Comparison", "compare.md.j2", "atlas/compare/<a>--<b>.md", pages.compare_pages, None,
             in_search=False),  # reached from the comparison picker; repeats indicator text
    PageKind("Role profile", "role.md.j2", "atlas/roles/<id>.md", pages.role_pages, "Roles"),
    PageKind("Coursework mapping", "programs.md.j2", urls.PROGRAMS_INDEX, pages.programs_index, "Coursework"),
    PageKind("Coursework mapper", "mapper.md.j2", urls.MAPPER_PAGE, pages.mapper_page, "Coursework"),
    PageKind("Program alignment", "program.md.j2", "atlas/programs/<id>.md", pages.program_pages, "Coursework"),
    PageKind("Self-assessment index", "assessments.md.j2", urls.ASSESSMENT_INDEX, pages.assessments_index,
             "Self-assessment"),
    PageKind("Self-assessment", "assessment.md.j2", "atlas/self-assessment/<id>.md", pages.assessment_pages,
             "Self-assessment", nav=_by_track),
    PageKind("Glossary", "glossary.md.j2", urls.GLOSSARY_PAGE, pages.glossary_page, "Glossary"),
    PageKind("About the data", "about-data.md.j2", urls.ABOUT_PAGE, pages.about_page, "About"),
    PageKind("Open data", "open-data.md.j2", urls.OPEN_DATA_PAGE, pages.open_data_page, "About"),
)
"""Every kind of generated page, in navigation order within each section."""
