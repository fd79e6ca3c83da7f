"""Requirements are typed in the model: each kind its own dataclass, what the data does not give None, so templates
and browser data read fields instead of branching on the keys of a mapping."""
from __future__ import annotations

import re

import yaml

from conftest import ROOT, real_model
from generator.model.types import Requirement, Requirements, Rsc

MODEL = real_model()


def test_every_requirement_the_yaml_gives_is_typed_and_none_other() -> None:
    paths = sorted((ROOT / "competencies" / "categories").glob("*.yml"))
    assert len(paths) >= 10
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        raw, typed = data["requirements"], MODEL.category(data["id"]).requirements
        assert isinstance(typed, Requirements)
        assert list(typed.entered()) == [key for key in Requirements.__dataclass_fields__ if key in raw], path.name
        for key, value in typed.entered().items():
            if key == "renewal":
                pairs = list(zip(value.items, raw[key]["items"], strict=True))
            elif isinstance(value, tuple):
                pairs = list(zip(value, raw[key], strict=True))
            else:
                pairs = [(value, raw[key])]
            for entry, written in pairs:
                assert key == "fees" or isinstance(entry, Requirement), (path.name, key)
                assert (entry.source.doc, entry.source.section) == (written["source"]["doc"],
                                                                    written["source"]["section"]), (path.name, key)
                assert entry.uncertain == written.get("uncertain", False) and entry.note == written.get("note")


def test_rsc_rules_are_the_typed_rsc_requirement_when_hours_are_required() -> None:
    ecmhs = MODEL.category("ecmhs").requirements
    assert isinstance(ecmhs.rsc, Rsc) and ecmhs.rsc_rules() is ecmhs.rsc
    assert ecmhs.rsc.ages_served is not None and ecmhs.rsc.ages_served.from_years < ecmhs.rsc.ages_served.to_years
    recommended = [c for c in MODEL.categories if c.requirements.rsc and c.requirements.rsc.recommended_only]
    assert all(c.requirements.rsc_rules() is None for c in recommended)


def test_templates_read_requirement_fields_not_mapping_keys() -> None:
    templates = sorted((ROOT / "site_templates").rglob("*.j2"))
    assert templates
    for path in templates:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"requirements\.get\(|\bis defined\b.*requirement|\br\.get\(", text), path.name
