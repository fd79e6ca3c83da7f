"""Build the model from schema-valid, rule-checked documents: plain construction, no checks left to make."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from generator.load.files import Documents
from generator.load.yamlfile import YamlDocument
from generator.model.types import (
    AgeRange, Agreement, AssessmentSettings, Category, CategoryDomain, CategoryKnowledgeArea, Course, Cover, Crosswalk,
    Domain, Education, ExternalFramework, ExternalItem, Fee, Framework, HoursPart, Indicator, KnowledgeArea, Level,
    MidCycle, Model, Note, Pair, Program, ReferenceRatings, Renewal, RenewalItem, Required, Requirement, Requirements,
    Role, RoleItem, Rsc, Source, SourceDoc, SourcedNumber, Term, Training, WorkExperience,
)
from generator.model.vocabulary import Vocabulary, vocabulary_from


def build_model(docs: Documents) -> Model:
    """The model of documents that passed the schemas and the rules."""
    vocabulary = vocabulary_from(_one(docs, "vocabulary").data)
    texts, licences = _official_texts(docs.of("official-text"))
    categories = sorted((_category(doc.data, texts) for doc in docs.of("category")),
                        key=lambda c: _category_order(vocabulary, c))
    framework = replace(_framework(_one(docs, "framework").data), official_licences=tuple(licences))
    scale = docs.one("scale")
    return Model(
        framework, vocabulary,
        tuple(_domains(_one(docs, "domains").data)),
        tuple(_knowledge_areas(_one(docs, "knowledge-areas").data)),
        tuple(categories),
        tuple(_role(doc.data) for doc in docs.of("role")),
        tuple(_terms(_one(docs, "glossary").data)),
        tuple(_external(doc.data) for doc in docs.of("framework-items")),
        tuple(sorted((_crosswalk(doc.data) for doc in docs.of("crosswalk")), key=lambda c: c.id)),
        None if scale is None else _settings(scale.data),
        tuple(sorted((_program(doc.data) for doc in docs.of("program")), key=lambda p: p.id)),
    )


def _one(docs: Documents, kind: str) -> YamlDocument:
    """The document of a required single-file kind (the load stage has made sure it is there)."""
    doc = docs.one(kind)
    assert doc is not None, kind
    return doc


def _source(raw: dict[str, Any]) -> Source:
    """A Source from its YAML mapping."""
    return Source(raw["doc"], raw["section"])


def _framework(raw: dict[str, Any]) -> Framework:
    """The framework with its declared sources."""
    sources = tuple(SourceDoc(s["id"], s["title"], s["publisher"], s.get("year"), s.get("file"), s.get("url"),
                              s.get("note")) for s in raw["sources"])
    return Framework(raw["title"], raw["publisher"], raw["edition"], raw["version"], raw["date"], raw["licence"],
                     raw["disclaimer"], raw["text_kind"], sources)


def _domains(raw: dict[str, Any]) -> list[Domain]:
    """The domains."""
    return [Domain(d["id"], d["name"], d["summary"], _source(d["source"]), d.get("note")) for d in raw["domains"]]


def _knowledge_areas(raw: dict[str, Any]) -> list[KnowledgeArea]:
    """The knowledge areas."""
    return [KnowledgeArea(k["id"], k["name"], k["domain"], k["summary"], _source(k["source"]), k.get("note"))
            for k in raw["knowledge_areas"]]


def _category(raw: dict[str, Any], texts: dict[str, str]) -> Category:
    """One category, its indicators in the publisher's words where an official-text file has them."""
    domains = tuple(
        CategoryDomain(d["domain"], d.get("title", ""),
                       tuple(_category_ka(k, texts) for k in d["knowledge_areas"]) if "knowledge_areas" in d else None,
                       d.get("partial", False))
        for d in raw["domains"])
    notes = tuple(Note(n["text"], _source(n["source"]), n.get("uncertain", False)) for n in raw.get("notes", []))
    return Category(raw["id"], raw["code"], raw["name"], raw["track"], tuple(raw["scope"]),
                    raw.get("status", "established"), raw.get("designation"), raw.get("counterpart"),
                    raw["summary"], _source(raw["source"]), notes, raw.get("assessment_target"),
                    _requirements(raw["requirements"]), domains)


def _base(raw: dict[str, Any]) -> dict[str, Any]:
    """The words every requirement has: summary, source, note, uncertain."""
    return {"summary": raw["summary"], "source": _source(raw["source"]), "note": raw.get("note"),
            "uncertain": raw.get("uncertain", False)}


def _sourced(raw: dict[str, Any] | None) -> SourcedNumber | None:
    """A rule's number with its own source (None when not given)."""
    return None if raw is None else SourcedNumber(raw["value"], _source(raw["source"]))


def _requirements(raw: dict[str, Any]) -> Requirements:
    """A category's requirements, typed; what the data does not give stays None."""
    def kind(key: str, build: Any) -> Any:
        """The typed requirement of one key, or None when the data does not give it."""
        return build(raw[key]) if key in raw else None

    return Requirements(
        documentation=kind("documentation", lambda r: Requirement(**_base(r))),
        education=kind("education", lambda r: Education(**_base(r), minimum_degree=r.get("minimum_degree"),
                                                         degrees=tuple(r.get("degrees", ())))),
        training=kind("training", lambda r: Training(**_base(r), total_hours=r.get("total_hours"), parts=tuple(
            HoursPart(p["topic"], p["hours"]) for p in r.get("parts", ())))),
        work_experience=kind("work_experience", lambda r: WorkExperience(**_base(r), years=r.get("years"))),
        rsc=kind("rsc", lambda r: Rsc(
            **_base(r), hours=r.get("hours"), recommended_only=r.get("recommended_only", False),
            formats=tuple(r.get("formats", ())), after_degree=r.get("after_degree"),
            ages_served=AgeRange(r["ages_served"]["from_years"], r["ages_served"]["to_years"]) if "ages_served" in r
            else None, providers=tuple(r.get("providers", ())))),
        reference_ratings=kind("reference_ratings", lambda r: ReferenceRatings(
            **_base(r), count=r.get("count"), raters=tuple(r.get("raters", ())),
            not_counted_at_not_enough_info=_sourced(r.get("not_counted_at_not_enough_info")),
            valid_for_months=_sourced(r.get("valid_for_months")))),
        membership=kind("membership", lambda r: Required(**_base(r), required=r.get("required"))),
        agreements=kind("agreements", lambda rs: tuple(Agreement(**_base(r), name=r["name"]) for r in rs)),
        exam=kind("exam", lambda r: Required(**_base(r), required=r.get("required"))),
        renewal=kind("renewal", lambda r: Renewal(tuple(RenewalItem(
            **_base(i), kind=i["kind"], hours=i.get("hours"), mid_cycle=tuple(
                MidCycle(m["years_endorsed"], m.get("hours"), m.get("exempt", False)) for m in i.get("mid_cycle", ())))
            for i in r["items"]), r.get("cycle_years"))),
        fees=kind("fees", lambda rs: tuple(Fee(f["name"], f["amount_usd"], _source(f["source"]), f.get("note"),
                                               f.get("uncertain", False)) for f in rs)),
    )


def _category_ka(raw: dict[str, Any], texts: dict[str, str]) -> CategoryKnowledgeArea:
    """One knowledge area of a category with its indicators (None: not yet entered)."""
    indicators = None if "indicators" not in raw else tuple(_indicators(raw["indicators"], texts))
    return CategoryKnowledgeArea(raw["ka"], raw.get("title", ""), _source(raw["source"]), raw.get("note"),
                                 raw.get("uncertain", False), indicators)


def _indicators(raw: Iterable[dict[str, Any]], texts: dict[str, str]) -> list[Indicator]:
    """Indicators, each in the official text when there is one."""
    return [Indicator(i["id"], texts[i["id"]], _source(i["source"]), i.get("note"), True) if i["id"] in texts
            else Indicator(i["id"], i["text"].strip(), _source(i["source"]), i.get("note")) for i in raw]


def _official_texts(docs: list[YamlDocument]) -> tuple[dict[str, str], list[str]]:
    """The licensed official texts by indicator id, and the licences they come under."""
    texts: dict[str, str] = {}
    for doc in docs:
        texts.update({item_id: text.strip() for item_id, text in doc.data["texts"].items()})
    return texts, [doc.data["licence"] for doc in docs]


def _role(raw: dict[str, Any]) -> Role:
    """One role profile."""
    def items(key: str) -> tuple[RoleItem, ...]:
        return tuple(RoleItem(x["id"], x["kind"], x["text"], _source(x["source"])) for x in raw[key])

    return Role(raw["id"], raw["title"], raw["summary"], _source(raw["source"]), raw.get("career", {}),
                items("duties"), items("skills"), raw["education"], raw["experience"])


def _terms(raw: dict[str, Any]) -> list[Term]:
    """The glossary, sorted by term."""
    return sorted((Term(t["id"], t["term"], t.get("abbreviation"), t["definition"], _source(t["source"]),
                        tuple(t.get("see_also", []))) for t in raw["terms"]), key=lambda t: t.term.lower())


def _external(raw: dict[str, Any]) -> ExternalFramework:
    """Another framework and its items."""
    items = tuple(ExternalItem(x["id"], x["name"], x.get("summary")) for x in raw["items"])
    return ExternalFramework(raw["id"], raw["title"], raw["publisher"], raw.get("year"), raw.get("summary"),
                             _source(raw["source"]), items)


def _crosswalk(raw: dict[str, Any]) -> Crosswalk:
    """One crosswalk; a pair without its own source has the file's."""
    pairs = tuple(Pair(p["from"], p.get("to"), p["relation"], p.get("note"),
                       _source(p["source"]) if "source" in p else _source(raw["source"])) for p in raw["pairs"])
    return Crosswalk(raw["id"], raw["title"], raw["basis"], _source(raw["source"]), raw.get("summary"), pairs)


def _settings(raw: dict[str, Any]) -> AssessmentSettings:
    """The self-assessment scale and settings."""
    return AssessmentSettings(
        tuple(Level(lv["value"], lv["label"], lv["description"]) for lv in raw["levels"]),
        raw["not_enough_info"]["label"], raw["not_enough_info"]["description"], raw["default_target"],
        tuple((e["id"], e["label"]) for e in raw["evidence"]), raw["limits"]["import_bytes"],
        raw["limits"]["note_chars"], raw["storage_key"], raw["privacy_statement"])


def _program(raw: dict[str, Any]) -> Program:
    """A program map."""
    courses = tuple(
        Course(c["code"].strip(), c["title"].strip(), c.get("credits"), c.get("clock_hours"),
               tuple(Cover(x["item"], x["level"], x.get("hours")) for x in c["covers"]))
        for c in raw["courses"])
    return Program(raw["id"], raw["institution"], raw["program"], raw.get("fictional", False), raw.get("note"),
                   tuple(raw["target_categories"]), courses)


def _category_order(vocabulary: Vocabulary, category: Category) -> tuple[int, int, str]:
    """Sort key: track, then scope from the first of the vocabulary to the last, then code."""
    return (vocabulary.track_order(category.track), min(vocabulary.scope_order(s) for s in category.scope),
            category.code)
