"""The one list of page kinds and exports: pages, navigation, the open-data page, the documentation check, the
snapshot tests and the accessibility checks all iterate it. A new page kind is a template and an entry here."""
from __future__ import annotations

from generator.compile import pages, urls
from generator.compile.exports import EXPORTS
from generator.compile.kinds import NavEntry, Page, PageKind
from generator.model.types import Model

__all__ = ["EXPORTS", "PAGE_KINDS"]


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
    PageKind("Categories overview", "categories.md.j2", urls.CATEGORIES_INDEX,
             "Every category by track, with scope, indicator count and status",
             pages.categories_index, "Categories"),
    PageKind("Category", "category.md.j2", "atlas/categories/<id>.md",
             "Scope, requirements table, renewal, fees, then every domain, knowledge area and indicator; each "
             "indicator is a heading with its id as anchor", pages.category_pages, "Categories",
             nav=_by_track),
    PageKind("Requirements compared", "requirements.md.j2", urls.REQUIREMENTS_PAGE,
             "Education, training, work, RSC, references, exam, renewal and fees of every category",
             pages.requirements_page, "Categories"),
    PageKind("Domains overview", "domains.md.j2", urls.DOMAINS_INDEX, "The domains with their knowledge areas",
             pages.domains_index, "Domains"),
    PageKind("Domain", "domain.md.j2", "atlas/domains/<id>.md",
             "Each knowledge area of the domain with every category's indicators side by side",
             pages.domain_pages, "Domains"),
    PageKind("Knowledge area", "knowledge-area.md.j2", "atlas/knowledge-areas/<id>.md",
             "One knowledge area across every category that has it: its progression from promotion to leadership, "
             "and each category's indicators side by side", pages.knowledge_area_pages, "Knowledge areas",
             nav=_knowledge_area_nav),
    PageKind("Crosswalks overview", "crosswalks.md.j2", urls.CROSSWALKS_INDEX,
             "The list of crosswalks with their basis, the category x knowledge-area matrix (indicator counts, "
             "linked), and the items of other frameworks", pages.crosswalks_index, "Crosswalks"),
    PageKind("Comparison picker", "compare-index.md.j2", urls.COMPARE_INDEX,
             "Two category selectors (`docs/assets/js/compare-ui.mjs`), the comparisons with crosswalk relations, "
             "and a link to every pair", pages.compare_index, "Crosswalks"),
    PageKind("Crosswalk", "crosswalk.md.j2", "atlas/crosswalks/<id>.md",
             "Every pair of one crosswalk with its relation and note, and whether a source states the relations or "
             "they are the project's own judgement", pages.crosswalk_pages, "Crosswalks", in_search=False),
    PageKind("Comparison", "compare.md.j2", "atlas/compare/<a>--<b>.md",
             "Two categories side by side: every indicator with its counterpart and relation, shared knowledge "
             "areas, counts of each relation, and a matched / unmatched filter", pages.compare_pages, None,
             in_search=False),
    PageKind("Role profile", "role.md.j2", "atlas/roles/<id>.md",
             "Duties and skills of a job role with the knowledge areas each draws on, the categories ranked by how "
             "much of the role they cover, education and experience", pages.role_pages, "Roles"),
    PageKind("Coursework mapping", "programs.md.j2", urls.PROGRAMS_INDEX,
             "The published program maps and a link to the mapper", pages.programs_index, "Coursework"),
    PageKind("Coursework mapper", "mapper.md.j2", urls.MAPPER_PAGE,
             "The in-browser mapper (`docs/assets/js/mapper-ui.mjs`) and its data as an inert JSON block",
             pages.mapper_page, "Coursework"),
    PageKind("Program alignment", "program.md.j2", "atlas/programs/<id>.md",
             "One program: its courses, coverage of each target category by level with gaps and \"only introduced\" "
             "areas, and the knowledge area x course matrix (I/R/M heat map, courses, highest level, hours); CSV "
             "and JSON downloads", pages.program_pages, "Coursework"),
    PageKind("Self-assessment index", "assessments.md.j2", urls.ASSESSMENT_INDEX,
             "How the self-assessment works and a link per category", pages.assessments_index, "Self-assessment"),
    PageKind("Self-assessment", "assessment.md.j2", "atlas/self-assessment/<id>.md",
             "The page of one category's self-assessment: its data as an inert JSON block (`<script "
             "type=\"application/json\">`), which `docs/assets/js/assessment-ui.mjs` turns into the form, "
             "requirements tracker and gap report", pages.assessment_pages, "Self-assessment",
             nav=_by_track),
    PageKind("Glossary", "glossary.md.j2", urls.GLOSSARY_PAGE, "Every term with its definition and source",
             pages.glossary_page, "Glossary"),
    PageKind("About the data", "about-data.md.j2", urls.ABOUT_PAGE,
             "Version, licence, paraphrase notice, sources, uncertain facts, how to load official text",
             pages.about_page, "About"),
    PageKind("Open data", "open-data.md.j2", urls.OPEN_DATA_PAGE,
             "Links to the export files (CASE packages, CSV, the JSON model and its schema) made with the site",
             pages.open_data_page, "About"),
)
"""Every kind of generated page, in navigation order within each section."""
