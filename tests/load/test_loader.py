"""The loader refuses every kind of bad input with a message naming the file, line and problem."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import edit, line_of
from generator.errors import DataErrors
from generator.pipeline import load_model
from generator.load.yamlfile import MAX_FILE_BYTES


def errors_of(data: Path) -> list[str]:
    """Load data expecting failure; return the error lines with file names made relative to data."""
    with pytest.raises(DataErrors) as caught:
        load_model(data)
    return [str(e).replace(str(data.resolve()) + "/", "").replace(str(data) + "/", "") for e in caught.value.errors]


def the_error(data: Path) -> str:
    """The only error of a failing load."""
    errors = errors_of(data)
    assert len(errors) == 1, errors
    return errors[0]


def test_mini_dataset_loads(mini: Path) -> None:
    model = load_model(mini)
    assert [c.code for c in model.categories] == ["BETA", "GAMMA", "ALPHA"]  # infant track first
    assert [len(c.pairs) for c in model.crosswalks] == [3, 4] and model.frameworks[0].items[0].name == "Care"
    assert [i.id for i in model.category("alpha").indicators()] == [
        "alpha.tf.pregnancy.1", "alpha.tf.pregnancy.2", "alpha.ref.curiosity.1"]
    assert model.category("beta").knowledge_areas()[0].indicators is None  # not yet entered


def test_unknown_key_names_file_line_and_key(mini: Path) -> None:
    path = mini / "categories" / "alpha.yml"
    edit(path, "summary: A test category", "sumary: typo\nsummary: A test category")
    error = the_error(mini)
    assert error.startswith(f"categories/alpha.yml:{line_of(path, 'sumary')}:1: ")
    assert "unknown key 'sumary'" in error and "allowed here:" in error


def test_wrong_type_names_path_and_expected_type(mini: Path) -> None:
    path = mini / "categories" / "alpha.yml"
    edit(path, "total_hours: 33", "total_hours: thirty-three")
    error = the_error(mini)
    assert error.startswith(f"categories/alpha.yml:{line_of(path, 'thirty-three')}:")
    assert "requirements.training.total_hours" in error and "expected a number" in error


def test_unquoted_date_gets_a_hint(mini: Path) -> None:
    edit(mini / "framework.yml", 'date: "2026-01-01"', "date: 2026-01-01")
    error = the_error(mini)
    assert error.startswith(f"framework.yml:{line_of(mini / 'framework.yml', 'date:')}:1: date: expected text")
    assert "write dates in quotes" in error


def test_missing_field_points_at_the_item(mini: Path) -> None:
    path = mini / "categories" / "alpha.yml"
    edit(path, "            text: Stays open and curious.\n", "")
    error = the_error(mini)
    assert error.startswith(f"categories/alpha.yml:{line_of(path, 'id: alpha.ref.curiosity.1')}:")
    assert "missing required field 'text'" in error


def test_duplicate_id_across_files_names_both_places(mini: Path) -> None:
    beta = mini / "categories" / "beta.yml"
    edit(beta, "        source: {doc: src-b, section: TF}\n",
         "        source: {doc: src-b, section: TF}\n        indicators:\n"
         "          - id: alpha.tf.pregnancy.1\n            text: Same id again.\n"
         "            source: {doc: src-b, section: TF}\n")
    error = the_error(mini)
    alpha_line = line_of(mini / "categories" / "alpha.yml", "id: alpha.tf.pregnancy.1")
    assert error.startswith(f"categories/beta.yml:{line_of(beta, 'id: alpha.tf.pregnancy.1')}:")
    assert f"duplicate id 'alpha.tf.pregnancy.1' (first used in alpha.yml line {alpha_line})" in error


def test_duplicate_yaml_key(mini: Path) -> None:
    path = mini / "domains.yml"
    edit(path, "    name: Reflection\n", "    name: Reflection\n    name: Reflecting\n")
    error = the_error(mini)
    assert error.startswith(f"domains.yml:{line_of(path, 'name: Reflecting')}:5: ")
    assert f"duplicate key 'name' (first given on line {line_of(path, 'name: Reflection')})" in error


@pytest.mark.parametrize("old,new,needle,message", [
    ("      - ka: curiosity\n", "      - ka: curiositee\n", "ka: curiositee", "unknown knowledge area 'curiositee'"),
    ("  - domain: ref\n", "  - domain: reflection\n", "domain: reflection", "unknown domain 'reflection'"),
    ("source: {doc: src-a, section: REF / Curiosity}", "source: {doc: nowhere, section: REF / Curiosity}",
     "doc: nowhere", "unknown source 'nowhere'"),
    ("counterpart: beta", "counterpart: delta", "counterpart: delta", "unknown category 'delta'"),
    ("  - domain: ref\n", "  - domain: tf\n", None, "domain 'tf' is listed twice"),
])
def test_reference_to_unknown_id(mini: Path, old: str, new: str, needle: str | None, message: str) -> None:
    path = mini / "categories" / "alpha.yml"
    edit(path, old, new)
    errors = errors_of(mini)
    assert any(message in e for e in errors), errors
    if needle:
        assert any(e.startswith(f"categories/alpha.yml:{line_of(path, needle)}:") and message in e for e in errors)


def test_knowledge_area_under_the_wrong_domain(mini: Path) -> None:
    path = mini / "categories" / "beta.yml"
    edit(path, "      - ka: pregnancy\n", "      - ka: curiosity\n")
    error = the_error(mini)
    assert error.startswith(f"categories/beta.yml:{line_of(path, 'ka: curiosity')}:")
    assert "belongs to domain 'ref', not 'tf'" in error


def test_unknown_glossary_reference(mini: Path) -> None:
    edit(mini / "glossary.yml", "see_also: [endorsement]", "see_also: [licence]")
    assert "unknown term 'licence'" in the_error(mini)


@pytest.mark.parametrize("text", ['""', '"   "'])
def test_empty_indicator_is_refused(mini: Path, text: str) -> None:
    path = mini / "categories" / "alpha.yml"
    edit(path, "text: Stays open and curious.", f"text: {text}")
    error = the_error(mini)
    assert error.startswith(f"categories/alpha.yml:{line_of(path, 'text: ' + text)}:")
    assert "indicators[0].text: must not be empty" in error


@pytest.mark.parametrize("topic", ["on therapy.", "on therapy;", "on therapy "])
def test_training_part_topic_ending_in_punctuation_is_refused(mini: Path, topic: str) -> None:
    """Pages join the parts with '; ' and end with '.', so a topic's own end punctuation would be doubled."""
    path = mini / "categories" / "alpha.yml"
    edit(path, "{hours: 10, topic: on therapy}", f"{{hours: 10, topic: '{topic}'}}")
    error = the_error(mini)
    assert error.startswith(f"categories/alpha.yml:{line_of(path, 'hours: 10, topic:')}:"), error
    assert "parts[1].topic" in error and "no full stop or other punctuation at the end" in error, error


def test_empty_indicator_list_is_refused(mini: Path) -> None:
    path = mini / "categories" / "beta.yml"
    edit(path, "        source: {doc: src-b, section: TF}\n", "        source: {doc: src-b, section: TF}\n"
                                                            "        indicators: []\n")
    error = the_error(mini)
    assert error.startswith(f"categories/beta.yml:{line_of(path, 'indicators: []')}:")
    assert "empty list" in error


def test_alias_bomb_is_refused_without_expanding(mini: Path) -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    bomb += "".join(f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
                    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(8))
    (mini / "glossary.yml").write_text(bomb, encoding="utf-8")
    error = the_error(mini)
    assert error.startswith("glossary.yml:1:4: ") and "YAML anchors and aliases are not allowed" in error


def test_scalar_alias_is_refused(mini: Path) -> None:
    path = mini / "domains.yml"
    edit(path, "    name: Reflection\n", "    name: &n Reflection\n    note: *n\n")
    error = the_error(mini)
    assert error.startswith(f"domains.yml:{line_of(path, '&n Reflection')}:11: domains[1].note: ")
    assert "aliases are not allowed" in error


def test_file_over_the_size_limit_is_refused_unread(mini: Path) -> None:
    path = mini / "glossary.yml"
    path.write_text("# padding\n" * (MAX_FILE_BYTES // 10 + 1), encoding="utf-8")
    error = the_error(mini)
    assert error.startswith("glossary.yml:1:1: ") and f"the limit is {MAX_FILE_BYTES} bytes" in error


def test_yaml_syntax_error_has_line_and_column(mini: Path) -> None:
    path = mini / "domains.yml"
    edit(path, "    name: Reflection\n", "    name: [Reflection\n")
    error = the_error(mini)
    assert error.startswith("domains.yml:") and "invalid YAML" in error
    assert int(error.split(":")[1]) >= line_of(path, "name: [Reflection")


@pytest.mark.parametrize("value", ["!!python/object/apply:os.system ['true']", "!!python/name:os.system ''",
                                   "!custom {a: 1}"])
def test_python_and_custom_tags_are_not_constructed(mini: Path, value: str) -> None:
    path = mini / "domains.yml"
    edit(path, "    name: Reflection\n", f"    name: {value}\n")
    error = the_error(mini)
    assert error.startswith(f"domains.yml:{line_of(path, value)}:") and "invalid YAML" in error


def test_unknown_file_and_missing_file(mini: Path) -> None:
    (mini / "notes.yml").write_text("a: 1\n", encoding="utf-8")
    (mini / "glossary.yml").unlink()
    errors = errors_of(mini)
    assert any(e.startswith("notes.yml:1:1: unknown data file") for e in errors), errors
    assert any(e.startswith("glossary.yml:1:1: required glossary file is missing") for e in errors), errors


def test_all_errors_of_a_run_are_reported_together(mini: Path) -> None:
    edit(mini / "categories" / "alpha.yml", "total_hours: 33", "total_hours: many")
    edit(mini / "categories" / "beta.yml", "track: infant", "track: toddler")
    edit(mini / "domains.yml", "    name: Reflection\n", "")
    errors = errors_of(mini)
    assert len(errors) == 3, errors
    assert [e.split(":")[0] for e in errors] == ["categories/alpha.yml", "categories/beta.yml", "domains.yml"]


def test_file_name_must_match_id(mini: Path) -> None:
    (mini / "categories" / "beta.yml").rename(mini / "categories" / "delta.yml")
    assert "id 'beta' must match the file name 'delta.yml'" in the_error(mini)


def test_official_text_replaces_paraphrase_and_rejects_unknown_ids(mini: Path) -> None:
    overlay = mini / "official-text"
    overlay.mkdir()
    (overlay / "alpha.yml").write_text('licence: "Licensed to the test association."\n'
                                       'texts:\n  alpha.ref.curiosity.1: "Official words."\n', encoding="utf-8")
    model = load_model(mini)
    indicator = model.category("alpha").indicators()[-1]
    assert (indicator.text, indicator.official) == ("Official words.", True)
    assert model.category("alpha").indicators()[0].official is False
    assert model.framework.official_licences == ("Licensed to the test association.",)
    (overlay / "alpha.yml").write_text('licence: "x"\ntexts:\n  alpha.ref.nothing.1: "Words."\n', encoding="utf-8")
    assert the_error(mini).startswith("official-text/alpha.yml:3:3: texts.alpha.ref.nothing.1: unknown indicator id")


CROSSWALK = "crosswalks/gamma-alpha.yml"


@pytest.mark.parametrize("old,new,needle,message", [
    ("    to: alpha.tf.pregnancy.1\n", "    to: alpha.tf.pregnancy.9\n", "alpha.tf.pregnancy.9",
     "unknown item 'alpha.tf.pregnancy.9'"),
    ("    relation: close-match\n", "    relation: same-ish\n", "same-ish", "'same-ish' is not one of: exact-match,"),
    ("    to: alpha.tf.pregnancy.2\n", "    to: gamma.tf.pregnancy.2\n", "to: gamma.tf.pregnancy.2",
     "'gamma.tf.pregnancy.2' is related to itself"),
    ("    to: alpha.tf.pregnancy.2\n", '    to: "ka:pregnancy"\n', "to: \"ka:pregnancy\"",
     "are parent and child: hierarchy is not a crosswalk"),
    ("    relation: no-equivalent\n", "    relation: no-equivalent\n    to: alpha.ref.curiosity.1\n",
     "to: alpha.ref.curiosity.1", "a no-equivalent relation has no 'to'"),
    ("    to: alpha.tf.pregnancy.1\n", "", "relation: close-match", "missing 'to' for relation 'close-match'"),
    ("  - from: gamma.tf.pregnancy.3\n    relation: no-equivalent\n",
     "  - from: alpha.tf.pregnancy.1\n    to: gamma.tf.pregnancy.1\n    relation: related\n",
     "from: alpha.tf.pregnancy.1", "is given twice (first on line 6)"),
    ("    to: alpha.tf.pregnancy.1\n", '    to: "domain:nowhere"\n', "domain:nowhere", "unknown item 'domain:nowhere'"),
])
def test_bad_crosswalk(mini: Path, old: str, new: str, needle: str, message: str) -> None:
    path = mini / CROSSWALK
    edit(path, old, new)
    error = the_error(mini)
    assert message in error, error
    assert error.startswith(f"{CROSSWALK}:{line_of(path, needle)}:"), error


PROGRAM = "test-program.yml"


@pytest.mark.parametrize("old,new,needle,message", [
    ('{item: "ka:pregnancy", level: I, hours: 4}', '{item: "ka:nowhere", level: I, hours: 4}', "ka:nowhere",
     "unknown item 'ka:nowhere'"),
    ("{item: alpha.tf.pregnancy.2, level: R, hours: 3}", "{item: alpha.tf.pregnancy.2, level: X, hours: 3}",
     "level: X", "'X' is not one of: I, R, M"),
    ("  - code: T 201\n", "  - code: t 101\n", "code: t 101", "course 't 101' is listed twice (first on line 8)"),
    ("{item: alpha.tf.pregnancy.1, level: I, hours: 2}", '{item: "ka:pregnancy", level: R}', "ka:pregnancy\", level: R",
     "'ka:pregnancy' is listed twice for course 'T 101'"),
    ("target_categories: [alpha]", "target_categories: [omega]", "omega", "unknown category 'omega'"),
    ("    clock_hours: 10\n", "    clock_hours: 4\n", "clock_hours: 4", "the course assigns 5 hours but has 4"),
])
def test_bad_program(mini: Path, old: str, new: str, needle: str, message: str) -> None:
    path = mini.parent / "assessments" / "programs" / PROGRAM
    edit(path, old, new)
    with pytest.raises(DataErrors) as caught:
        load_model(mini)
    errors = [str(e) for e in caught.value.errors]
    assert len(errors) == 1 and message in errors[0], errors
    assert f"{PROGRAM}:{line_of(path, needle)}:" in errors[0], errors


def test_program_maps_are_checked_beside_a_broken_category_file(mini: Path) -> None:
    edit(mini / "categories" / "gamma.yml", "track: infant", "track: toddlers")  # gamma fails its schema
    path = mini.parent / "assessments" / "programs" / PROGRAM
    edit(path, '{item: "ka:pregnancy", level: I, hours: 4}', '{item: "ka:nowhere", level: I, hours: 4}')
    edit(path, "target_categories: [alpha]", "target_categories: [omega]")
    schema, program = sorted(errors_of(mini), key=lambda e: PROGRAM in e)
    assert schema.startswith("categories/gamma.yml:4:") and "'toddlers' is not one of" in schema, schema
    # the knowledge areas were read in full, so ka:nowhere is unknown; omega and gamma's indicators may be in gamma
    assert f"{PROGRAM}:{line_of(path, 'ka:nowhere')}:" in program and "unknown item 'ka:nowhere'" in program


def test_program_coverage_follows_the_rules(mini: Path) -> None:
    from generator.model.coverage import category_coverage, matrix

    model = load_model(mini)
    program = model.programs[0]
    rows = {row.ka: row for _, _, group in matrix(model, program) for row in group}
    assert rows["pregnancy"].cells == ("R", "M") and rows["pregnancy"].highest == "M"
    assert rows["pregnancy"].hours == 5 + 1  # T 101: max(4 on the area, 3 + 2 on its indicators); T 201: 1
    assert rows["curiosity"].cells == (None, None) and rows["curiosity"].reached == 0
    cov = category_coverage(model, program, "alpha")
    assert cov["knowledge_areas"] == {"total": 2, "I": 0, "R": 0, "M": 1, "none": 1, "percent_reached": 50}
    assert cov["indicators"] == {"total": 3, "I": 0, "R": 0, "M": 2, "none": 1, "percent_reached": 67}
    assert cov["gaps"] == ["curiosity"] and cov["introduced_only"] == []


RSC_RULES = ("  rsc:\n    summary: RSC hours.\n    hours: 50\n    formats: [individual, group]\n    after_degree: master\n"
             "    ages_served: {from_years: 3, to_years: 6}\n    providers: [beta, PROVIDER]\n"
             "    source: {doc: src-a, section: RSC}\n  renewal:\n")


def test_rsc_log_rules_load_and_an_unknown_provider_category_is_refused(mini: Path) -> None:
    path = mini / "categories" / "alpha.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  renewal:\n", RSC_RULES.replace("PROVIDER", "alpha"), 1), encoding="utf-8")
    assert load_model(mini).category("alpha").requirements.rsc.providers == ("beta", "alpha")
    path.write_text(text.replace("  renewal:\n", RSC_RULES.replace("PROVIDER", "delta"), 1), encoding="utf-8")
    errors = errors_of(mini)
    assert any(e.startswith(f"categories/alpha.yml:{line_of(path, 'providers: [beta, delta]')}:")
               and "requirements.rsc.providers[1]: unknown category 'delta'" in e for e in errors), errors


@pytest.mark.parametrize("old,new", [("formats: [individual, group]", "formats: [online]"),
                                     ("after_degree: master", "after_degree: phd"),
                                     ("ages_served: {from_years: 3, to_years: 6}", "ages_served: {from_years: 3}")])
def test_rsc_log_rules_outside_the_schema_are_refused(mini: Path, old: str, new: str) -> None:
    path = mini / "categories" / "alpha.yml"
    text = path.read_text(encoding="utf-8").replace("  renewal:\n", RSC_RULES.replace("PROVIDER", "alpha").replace(old, new), 1)
    path.write_text(text, encoding="utf-8")
    errors = errors_of(mini)
    assert any(e.startswith(f"categories/alpha.yml:{line_of(path, new)}:") for e in errors), errors


def test_search_terms_file_is_optional_and_checked(mini: Path) -> None:
    assert not (mini / "search-terms.yml").exists() and load_model(mini)
    path = mini / "search-terms.yml"
    path.write_text("groups:\n  - id: cps\n    terms: [CPS]\n    note: n\n", encoding="utf-8")
    error = the_error(mini)
    assert error.startswith("search-terms.yml:3:") and "groups[0].terms" in error, error
    path.write_text("groups:\n  - id: idea\n    terms: [IDEA, Individuals with Disabilities Education Act]\n"
                    "    source: {doc: nowhere, section: s}\n", encoding="utf-8")
    error = the_error(mini)
    assert error.startswith("search-terms.yml:4:") and "unknown source 'nowhere'" in error, error
