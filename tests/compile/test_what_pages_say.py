"""What the generated pages of the real dataset say: one test per rendering slip found in review, and missing data
that never reads as a poor fit or a difference."""
from __future__ import annotations

import html
import re

import pytest

from conftest import real_model as shared_real_model, real_pages
from generator.model.crosswalks import role_coverage


@pytest.fixture(scope="module")
def model():
    """The real dataset's model."""
    return shared_real_model()  # read once per test process (tests/conftest.py)


@pytest.fixture(scope="module")
def pages(model) -> dict[str, str]:
    """Every generated file of the real dataset."""
    return real_pages()  # compiled once per test process (tests/conftest.py)


def test_role_duties_and_skills_are_one_bullet_each(pages: dict[str, str], model) -> None:
    role = model.roles[0]
    text = pages[f"atlas/roles/{role.id}.md"]
    for item in (*role.duties, *role.skills):
        assert re.search(rf"^- <span id=\"{re.escape(item.id)}\"></span>", text, re.M), item.id
    assert len(re.findall(r"^- <span id=", text, re.M)) == len(role.duties) + len(role.skills)


def test_role_career_path_is_a_paragraph_per_kind(pages: dict[str, str], model) -> None:
    role = next(r for r in model.roles if r.career)
    text = pages[f"atlas/roles/{role.id}.md"]
    labels = [line for line in text.splitlines() if re.match(r"\*\*(Comes from|Advances to|Lateral moves):\*\*", line)]
    assert len(labels) == sum(1 for key in ("entry_from", "advance_to", "lateral") if role.career.get(key))
    for label in labels[1:]:
        before = text.splitlines()[text.splitlines().index(label) - 1]
        assert before == "", f"{label[:30]} runs on from the line before"


def test_renewal_rows_state_their_hours_once(pages: dict[str, str], model) -> None:
    checked = 0
    for category in model.categories:
        renewal = category.requirements.renewal
        for item in renewal.items if renewal else ():
            if item.hours is None:
                continue
            row = next(line for line in pages[f"atlas/categories/{category.id}.md"].splitlines()
                       if line.startswith("| ") and f"**{item.hours} hours**" in line)
            assert row.count(f"**{item.hours} hours**") == 1, row[:120]
            checked += 1
    assert checked >= 2


def test_no_doubled_or_stray_punctuation_and_no_one_years(pages: dict[str, str]) -> None:
    slips = re.compile(r"\.;|(?<![(./])\.\.(?![./])|\b1 years\b|\b0 years\b|item\(s\)")
    found = {path: slips.findall(text) for path, text in pages.items() if path.endswith(".md")}
    assert not {path: hits for path, hits in found.items() if hits}


def test_a_domain_a_category_names_its_own_way_says_both_names_are_one_domain(pages: dict[str, str], model) -> None:
    renamed = [(c, d) for c in model.categories for d in c.domains if d.title and d.title != model.domain(d.domain).name]
    assert renamed, "the dataset has a category that names a domain its own way (ECMHS: Law, Regulation & Policy)"
    for category, d in renamed:
        text = pages[f"atlas/categories/{category.id}.md"]
        title = html.escape(d.title, quote=False)
        section = text.split(f"## {title} ", 1)[1].split("\n## ", 1)[0]
        assert f"this category's guidelines call it {title} (one domain, two names)" in section, \
            f"{category.id}: {d.title} and {model.domain(d.domain).name} read as two domains"


def test_fictional_example_is_said_once_per_program_line(pages: dict[str, str]) -> None:
    lines = [line for line in pages["atlas/programs/index.md"].splitlines() if "fictional" in line.lower()]
    assert lines
    assert all(line.lower().count("fictional example") <= 1 for line in lines), lines


def test_role_fit_is_never_computed_over_knowledge_areas_a_category_lacks_in_the_data(model) -> None:
    role = model.roles[0]
    rows = {row["category"].id: row for row in role_coverage(model, role)}
    imhs = rows["imhs"]  # IMHS has only some knowledge areas entered
    assert imhs["known"] < imhs["total"]
    assert imhs["percent"] == round(100 * imhs["covered"] / imhs["known"])
    ecmhs = rows["ecmhs"]
    assert ecmhs["complete"] and ecmhs["percent"] == round(100 * ecmhs["covered"] / ecmhs["total"])
    for row in rows.values():
        if row["known"] == 0:
            assert row["percent"] is None  # nothing entered: no share at all, shown as "not yet entered"


def test_role_page_says_not_yet_entered_rather_than_a_low_share(pages: dict[str, str], model) -> None:
    role = model.roles[0]
    text = pages[f"atlas/roles/{role.id}.md"]
    rows = [line for line in text.splitlines() if line.startswith("| [") and "%" in line or "not yet entered*" in line]
    assert any("not yet entered" in line for line in rows)
    assert not any(re.search(r"\| 0% ", line) for line in rows), "a category with no data shown as a 0% fit"


def test_partial_domain_says_the_others_are_not_yet_entered(pages: dict[str, str], model) -> None:
    partial = [(c, d) for c in model.categories for d in c.domains if d.partial]
    assert partial, "the dataset marks at least one domain list as partial (IMHS Direct Service Skills)"
    for category, domain in partial:
        text = pages[f"atlas/categories/{category.id}.md"]
        section = text.split(f"{{#{domain.domain}}}", 1)[1].split("\n## ", 1)[0]
        assert "Other knowledge areas of this domain: not yet entered" in section


def test_comparison_counts_no_difference_where_one_side_has_no_data(pages: dict[str, str], model) -> None:
    text = pages["atlas/compare/imhs--ecmhs.md"]
    counts = dict(re.findall(r"^\| ([^|]+?) \| (\d+) \|$", text, re.M))
    assert "with IMHS's indicators there not yet entered" in " ".join(counts)
    assert int(counts["only in ECMHS"]) < 40  # 61 before: every ECMHS indicator where IMHS has no data at all
    empty = next(c for c in model.categories if not c.indicators())
    other = next(c for c in model.categories if c.indicators())
    a, b = sorted((empty, other), key=model.categories.index)
    page = pages[f"atlas/compare/{a.id}--{b.id}.md"]
    counts = dict(re.findall(r"^\| ([^|]+?) \| (\d+) \|$", page, re.M))
    unknown = int(counts.get(f"in {other.code}, with {empty.code}'s indicators there not yet entered", 0))
    assert unknown > 0
    assert int(counts.get(f"only in {other.code}", 0)) + unknown == len(other.indicators())
    assert page.count("*not yet entered*") >= unknown
