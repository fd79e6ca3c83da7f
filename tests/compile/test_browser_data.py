"""The self-assessment's browser data: the reference-rating rules of each category, with their sources (issue 15)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit, real_model
from generator.compile.browser_data import assessment_data
from generator.errors import DataErrors
from generator.pipeline import load_model

MODEL = real_model()
RULES = ("not_counted_at_not_enough_info", "valid_for_months")


def test_categories_whose_data_states_rules_carry_them_with_their_sources() -> None:
    ruled = [c for c in MODEL.categories
             if c.requirements.reference_ratings and any(getattr(c.requirements.reference_ratings, k) for k in RULES)]
    assert "ecmhs" in [c.id for c in ruled]
    for category in ruled:
        req = category.requirements.reference_ratings
        rules = assessment_data(MODEL, category)["reference_ratings"]
        assert rules["count"]["value"] == req.count
        for key in RULES:
            rule = getattr(req, key)
            assert rules[key] == {"value": rule.value,
                                  "source": f"{MODEL.source_doc(rule.source.doc).title}, {rule.source.section}"}


def test_a_category_without_reference_ratings_has_no_rules() -> None:
    bare = [c for c in MODEL.categories if c.requirements.reference_ratings is None]
    assert bare, "the dataset has categories without reference ratings"
    assert all(assessment_data(MODEL, c)["reference_ratings"] is None for c in bare)


def test_a_rule_without_its_source_is_refused(mini: Path) -> None:
    path = mini / "categories" / "alpha.yml"
    edit(path, "  training:\n", "  reference_ratings:\n    summary: Two ratings.\n    source: {doc: src-a, section: Refs}\n"
         "    count: 2\n    valid_for_months: {value: 12}\n  training:\n")
    with pytest.raises(DataErrors) as caught:
        load_model(mini)
    messages = [str(e) for e in caught.value.errors]
    assert any("valid_for_months" in m and "source" in m for m in messages), messages
