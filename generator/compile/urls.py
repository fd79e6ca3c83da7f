"""Every output path and anchor, relative to the site's source folder: the one place that names where things go."""
from __future__ import annotations

GENERATED_DIR = "atlas"
"""Folder (as seen by MkDocs) that holds every generated page and export."""
DATA_DIR = f"{GENERATED_DIR}/data"
"""Folder of the export files."""

CATEGORIES_INDEX = f"{GENERATED_DIR}/index.md"
DOMAINS_INDEX = f"{GENERATED_DIR}/domains/index.md"
REQUIREMENTS_PAGE = f"{GENERATED_DIR}/requirements.md"
CROSSWALKS_INDEX = f"{GENERATED_DIR}/crosswalks/index.md"
COMPARE_INDEX = f"{GENERATED_DIR}/compare/index.md"
PROGRAMS_INDEX = f"{GENERATED_DIR}/programs/index.md"
MAPPER_PAGE = f"{GENERATED_DIR}/programs/mapper.md"
ASSESSMENT_INDEX = f"{GENERATED_DIR}/self-assessment/index.md"
GLOSSARY_PAGE = f"{GENERATED_DIR}/glossary.md"
OPEN_DATA_PAGE = f"{GENERATED_DIR}/open-data.md"
ABOUT_PAGE = f"{GENERATED_DIR}/about-data.md"

INDICATORS_CSV = f"{DATA_DIR}/indicators.csv"
PAIRS_CSV = f"{DATA_DIR}/crosswalk-pairs.csv"
ATLAS_JSON = f"{DATA_DIR}/atlas.json"
ATLAS_SCHEMA = f"{DATA_DIR}/atlas.schema.json"


def category_page(category_id: str) -> str:
    """A category page."""
    return f"{GENERATED_DIR}/categories/{category_id}.md"


def domain_page(domain_id: str) -> str:
    """A domain page."""
    return f"{GENERATED_DIR}/domains/{domain_id}.md"


def ka_page(ka_id: str) -> str:
    """A knowledge-area page."""
    return f"{GENERATED_DIR}/knowledge-areas/{ka_id}.md"


def role_page(role_id: str) -> str:
    """A role profile page."""
    return f"{GENERATED_DIR}/roles/{role_id}.md"


def assessment_page(category_id: str) -> str:
    """A category's self-assessment page."""
    return f"{GENERATED_DIR}/self-assessment/{category_id}.md"


def program_page(program_id: str) -> str:
    """A program's alignment page."""
    return f"{GENERATED_DIR}/programs/{program_id}.md"


def crosswalk_page(crosswalk_id: str) -> str:
    """A crosswalk page."""
    return f"{GENERATED_DIR}/crosswalks/{crosswalk_id}.md"


def compare_page(first_id: str, second_id: str) -> str:
    """The side-by-side page of two categories, first_id in the first column."""
    return f"{GENERATED_DIR}/compare/{first_id}--{second_id}.md"


def case_package(category_id: str) -> str:
    """A category's CASE 1.1 package."""
    return f"{DATA_DIR}/case/{category_id}.json"


def program_matrix_csv(program_id: str) -> str:
    """A program's coverage matrix as CSV."""
    return f"{DATA_DIR}/programs/{program_id}-matrix.csv"


def program_json(program_id: str) -> str:
    """A program as the JSON the mapper imports."""
    return f"{DATA_DIR}/programs/{program_id}.json"


def ka_anchor(domain_id: str, ka_id: str) -> str:
    """Anchor of a knowledge area on a category page."""
    return f"{domain_id}-{ka_id}"


def source_anchor(doc_id: str) -> str:
    """Anchor of a declared source on the about page."""
    return f"source-{doc_id}"


def framework_anchor(framework_id: str) -> str:
    """Anchor of another framework on the crosswalks overview."""
    return f"framework-{framework_id}"


OWNER_PAGES = {"domain": domain_page, "ka": ka_page, "category": category_page, "role": role_page,
               "framework": lambda _id: CROSSWALKS_INDEX}
"""The page that shows a crosswalk reference, by the kind of thing holding it."""


class Urls:
    """The path functions above, handed to templates as `u` (so templates build no paths by hand)."""

    category = staticmethod(category_page)
    domain = staticmethod(domain_page)
    ka = staticmethod(ka_page)
    role = staticmethod(role_page)
    assessment = staticmethod(assessment_page)
    program = staticmethod(program_page)
    crosswalk = staticmethod(crosswalk_page)
    compare = staticmethod(compare_page)
    matrix_csv = staticmethod(program_matrix_csv)
    program_json = staticmethod(program_json)
    ka_anchor = staticmethod(ka_anchor)
    categories = CATEGORIES_INDEX
    domains = DOMAINS_INDEX
    requirements = REQUIREMENTS_PAGE
    crosswalks = CROSSWALKS_INDEX
    compare_index = COMPARE_INDEX
    programs = PROGRAMS_INDEX
    mapper = MAPPER_PAGE
    assessments = ASSESSMENT_INDEX
    glossary = GLOSSARY_PAGE
    open_data = OPEN_DATA_PAGE
    about = ABOUT_PAGE
