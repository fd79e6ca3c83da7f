"""The rules the self-assessment's logs check come from the category data, each with its source, and nothing else."""
from __future__ import annotations

from conftest import real_model
from generator.compile.browser_data import assessment_data
from generator.compile.log_rules import log_rules

MODEL = real_model()


def test_ecmhs_rsc_rules_are_the_data_fields_with_their_source() -> None:
    ecmhs = MODEL.category("ecmhs")
    rsc = ecmhs.requirements.rsc
    rules = log_rules(MODEL, ecmhs)["rsc"]
    assert rules["formats"] == list(rsc.formats) and rsc.formats
    assert rules["after_degree"]["level"] == rsc.after_degree
    assert [rules["ages_served"]["from_years"], rules["ages_served"]["to_years"]] == [rsc.ages_served.from_years,
                                                                                      rsc.ages_served.to_years]
    assert [p["id"] for p in rules["providers"]] == list(rsc.providers) and rsc.providers
    assert rules["source"].endswith(rsc.source.section)


def test_renewal_hours_and_mid_cycle_adjustments_come_from_the_renewal_items() -> None:
    ecmhs = MODEL.category("ecmhs")
    renewal = log_rules(MODEL, ecmhs)["renewal"]
    items = {i.kind: i for i in ecmhs.requirements.renewal.items}
    assert renewal["cycle_years"] == ecmhs.requirements.renewal.cycle_years
    for kind in ("training", "rsc"):
        assert renewal[kind]["hours"] == items[kind].hours
        assert renewal[kind]["mid_cycle"] == [
            {"years_endorsed": m.years_endorsed, **({"hours": m.hours} if m.hours is not None else {}),
             **({"exempt": True} if m.exempt else {})}
            for m in items[kind].mid_cycle] and items[kind].mid_cycle


def test_a_category_without_rsc_rules_gets_no_rsc_checks() -> None:
    without = [c for c in MODEL.categories if c.requirements.rsc_rules() and not c.requirements.rsc_rules().providers]
    assert without, "some category requires RSC hours without naming providers"
    rules = log_rules(MODEL, without[0])["rsc"]
    assert set(rules) == {"requirement", "source"}


def test_every_published_program_map_is_offered_with_a_link_to_its_json() -> None:
    data = assessment_data(MODEL, MODEL.category("ecmhs"))
    assert [p["id"] for p in data["logs"]["programs"]] == [p.id for p in MODEL.programs]
    assert all(p["url"] == f"../../data/programs/{p['id']}.json" for p in data["logs"]["programs"])
