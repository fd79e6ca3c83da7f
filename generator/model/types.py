"""The validated competency model: one object built once from the data folder."""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from generator.model.vocabulary import Vocabulary


@dataclass(frozen=True)
class Source:
    """A reference to a declared source document and a section of it."""

    doc: str
    section: str


@dataclass(frozen=True)
class SourceDoc:
    """A document the data is drawn from."""

    id: str
    title: str
    publisher: str
    year: int | None
    file: str | None
    url: str | None
    note: str | None


@dataclass(frozen=True)
class Framework:
    """Dataset-wide facts: title, version, licence and sources."""

    title: str
    publisher: str
    edition: str
    version: str
    date: str
    licence: str
    disclaimer: str
    text_kind: str
    sources: tuple[SourceDoc, ...]
    official_licences: tuple[str, ...] = ()


@dataclass(frozen=True)
class Domain:
    """One of the competency domains shared by all categories."""

    id: str
    name: str
    summary: str
    source: Source
    note: str | None


@dataclass(frozen=True)
class KnowledgeArea:
    """A knowledge area, shared by every category that has it."""

    id: str
    name: str
    domain: str
    summary: str
    source: Source
    note: str | None


@dataclass(frozen=True)
class Indicator:
    """A behavioral indicator: how a person shows a knowledge area in practice."""

    id: str
    text: str
    source: Source
    note: str | None
    official: bool = False


@dataclass(frozen=True)
class CategoryKnowledgeArea:
    """A knowledge area as a category has it: its title there and its indicators (None: not yet entered)."""

    ka: str
    title: str
    source: Source
    note: str | None
    uncertain: bool
    indicators: tuple[Indicator, ...] | None


@dataclass(frozen=True)
class CategoryDomain:
    """A domain as a category has it (knowledge_areas None: not yet entered; partial: only some are entered)."""

    domain: str
    title: str
    knowledge_areas: tuple[CategoryKnowledgeArea, ...] | None
    partial: bool = False

    def lacks(self, ka_id: str) -> bool:
        """Whether the data says this domain of the category does not include the knowledge area (a complete list
        that leaves it out); a list not entered, or entered only in part, says nothing of what it leaves out."""
        return self.knowledge_areas is not None and not self.partial and all(k.ka != ka_id for k in self.knowledge_areas)


@dataclass(frozen=True)
class Note:
    """A remark with its source."""

    text: str
    source: Source
    uncertain: bool


@dataclass(frozen=True, kw_only=True)
class Requirement:
    """What one requirement asks, in words, with its source; each kind below adds its figures (None: not entered)."""

    summary: str
    source: Source
    note: str | None = None
    uncertain: bool = False


@dataclass(frozen=True)
class HoursPart:
    """A part of the training hours, on one topic."""

    topic: str
    hours: float


@dataclass(frozen=True, kw_only=True)
class Education(Requirement):
    """The degree an applicant needs."""

    minimum_degree: str | None = None
    degrees: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Training(Requirement):
    """The training hours an applicant needs, in total and by part."""

    total_hours: float | None = None
    parts: tuple[HoursPart, ...] = ()


@dataclass(frozen=True, kw_only=True)
class WorkExperience(Requirement):
    """The years of work an applicant needs."""

    years: float | None = None


@dataclass(frozen=True)
class AgeRange:
    """The ages of the children served, in years."""

    from_years: float
    to_years: float


@dataclass(frozen=True, kw_only=True)
class Rsc(Requirement):
    """The reflective supervision/consultation an applicant needs, and the rules the RSC log checks."""

    hours: float | None = None
    recommended_only: bool = False
    formats: tuple[str, ...] = ()
    after_degree: str | None = None
    ages_served: AgeRange | None = None
    providers: tuple[str, ...] = ()


@dataclass(frozen=True)
class SourcedNumber:
    """A number a rule states, with its own source."""

    value: int
    source: Source


@dataclass(frozen=True, kw_only=True)
class ReferenceRatings(Requirement):
    """The reference ratings an applicant needs, and the rules that decide whether one counts."""

    count: int | None = None
    raters: tuple[str, ...] = ()
    not_counted_at_not_enough_info: SourcedNumber | None = None
    valid_for_months: SourcedNumber | None = None


@dataclass(frozen=True, kw_only=True)
class Required(Requirement):
    """A requirement that is met or not (membership, an exam): whether the sources say it is required."""

    required: bool | None = None


@dataclass(frozen=True, kw_only=True)
class Agreement(Requirement):
    """An agreement the applicant signs."""

    name: str


@dataclass(frozen=True)
class MidCycle:
    """The hours due for an endorsement held only part of a renewal cycle."""

    years_endorsed: int
    hours: float | None = None
    exempt: bool = False


@dataclass(frozen=True, kw_only=True)
class RenewalItem(Requirement):
    """One thing due at each renewal (training, RSC, membership, other), with its hours per cycle."""

    kind: str
    hours: float | None = None
    mid_cycle: tuple[MidCycle, ...] = ()


@dataclass(frozen=True)
class Renewal:
    """What renewing the endorsement takes, over a cycle of years."""

    items: tuple[RenewalItem, ...]
    cycle_years: int | None = None


@dataclass(frozen=True)
class Fee:
    """A fee and its amount."""

    name: str
    amount_usd: float
    source: Source
    note: str | None = None
    uncertain: bool = False


@dataclass(frozen=True)
class Requirements:
    """Everything a category asks of an applicant; a requirement the sources do not give is None (not yet entered)."""

    documentation: Requirement | None = None
    education: Education | None = None
    training: Training | None = None
    work_experience: WorkExperience | None = None
    rsc: Rsc | None = None
    reference_ratings: ReferenceRatings | None = None
    membership: Required | None = None
    agreements: tuple[Agreement, ...] | None = None
    exam: Required | None = None
    renewal: Renewal | None = None
    fees: tuple[Fee, ...] | None = None

    def entered(self) -> dict[str, Any]:
        """The requirements the data gives, by key, in field order."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}

    def rsc_rules(self) -> Rsc | None:
        """The RSC requirement the RSC log checks, or None when the category requires no RSC hours."""
        return self.rsc if self.rsc is not None and self.rsc.hours and not self.rsc.recommended_only else None


@dataclass(frozen=True)
class Category:
    """An endorsement category with its requirements and competencies."""

    id: str
    code: str
    name: str
    track: str = field(metadata={"vocabulary": "tracks"})
    scope: tuple[str, ...] = field(metadata={"vocabulary": "scopes"})
    status: str
    designation: str | None
    counterpart: str | None
    summary: str
    source: Source
    notes: tuple[Note, ...]
    assessment_target: int | None
    requirements: Requirements
    domains: tuple[CategoryDomain, ...]

    def indicators(self) -> list[Indicator]:
        """Every indicator of the category, in page order."""
        return [i for d in self.domains for k in (d.knowledge_areas or ()) for i in (k.indicators or ())]

    def knowledge_areas(self) -> list[CategoryKnowledgeArea]:
        """Every knowledge area of the category, in page order."""
        return [k for d in self.domains for k in (d.knowledge_areas or ())]


@dataclass(frozen=True)
class RoleItem:
    """A duty or skill of a role profile."""

    id: str
    kind: str
    text: str
    source: Source


@dataclass(frozen=True)
class Role:
    """A job role profile."""

    id: str
    title: str
    summary: str
    source: Source
    career: dict[str, Any]
    duties: tuple[RoleItem, ...]
    skills: tuple[RoleItem, ...]
    education: dict[str, Any]
    experience: dict[str, Any]


@dataclass(frozen=True)
class Term:
    """A glossary term."""

    id: str
    term: str
    abbreviation: str | None
    definition: str
    source: Source
    see_also: tuple[str, ...]


@dataclass(frozen=True)
class ExternalItem:
    """An item (such as a domain) of another competency framework."""

    id: str
    name: str
    summary: str | None


@dataclass(frozen=True)
class ExternalFramework:
    """Another competency framework whose items crosswalks point to."""

    id: str
    title: str
    publisher: str
    year: int | None
    summary: str | None
    source: Source
    items: tuple[ExternalItem, ...]


@dataclass(frozen=True)
class Pair:
    """One typed relation of a crosswalk (target None for no-equivalent)."""

    source_ref: str
    target_ref: str | None
    relation: str = field(metadata={"vocabulary": "relations"})
    note: str | None
    source: Source


@dataclass(frozen=True)
class Crosswalk:
    """Typed relations between items, with their basis (a source, or the project's judgement)."""

    id: str
    title: str
    basis: str
    source: Source
    summary: str | None
    pairs: tuple[Pair, ...]


@dataclass(frozen=True)
class Cover:
    """What a course addresses (a knowledge area as ka:<id>, or an indicator id) and at which level."""

    item: str
    level: str = field(metadata={"vocabulary": "coverage_levels"})
    hours: float | None


@dataclass(frozen=True)
class Course:
    """A course of a program."""

    code: str
    title: str
    credits: float | None
    clock_hours: float | None
    covers: tuple[Cover, ...]


@dataclass(frozen=True)
class Program:
    """A higher-education program mapped against the competencies."""

    id: str
    institution: str
    program: str
    fictional: bool
    note: str | None
    target_categories: tuple[str, ...]
    courses: tuple[Course, ...]


@dataclass(frozen=True)
class Level:
    """One rating level of the self-assessment scale."""

    value: int
    label: str
    description: str


@dataclass(frozen=True)
class AssessmentSettings:
    """The self-assessment scale and settings from assessments/scale.yml."""

    levels: tuple[Level, ...]
    nei_label: str
    nei_description: str
    default_target: int
    evidence: tuple[tuple[str, str], ...]
    import_bytes: int
    note_chars: int
    storage_key: str
    privacy_statement: str


@dataclass(frozen=True)
class Model:
    """Everything the generator needs, validated."""

    framework: Framework
    vocabulary: Vocabulary
    domains: tuple[Domain, ...]
    knowledge_areas: tuple[KnowledgeArea, ...]
    categories: tuple[Category, ...]
    roles: tuple[Role, ...]
    terms: tuple[Term, ...]
    frameworks: tuple[ExternalFramework, ...] = ()
    crosswalks: tuple[Crosswalk, ...] = ()
    assessment: AssessmentSettings | None = None
    programs: tuple[Program, ...] = ()
    _index: dict[str, Any] = field(default_factory=dict, compare=False, repr=False, init=False)

    def domain(self, domain_id: str) -> Domain:
        """The domain with this id."""
        return self._lookup("domain", domain_id, self.domains)

    def knowledge_area(self, ka_id: str) -> KnowledgeArea:
        """The knowledge area with this id."""
        return self._lookup("ka", ka_id, self.knowledge_areas)

    def category(self, category_id: str) -> Category:
        """The category with this id."""
        return self._lookup("category", category_id, self.categories)

    def source_doc(self, doc_id: str) -> SourceDoc:
        """The declared source with this id."""
        return self._lookup("source", doc_id, self.framework.sources)

    def _lookup(self, kind: str, key: str, items: tuple[Any, ...]) -> Any:
        """Find an item by id through a lazily built index."""
        table = self._index.get(kind)
        if table is None:
            table = self._index[kind] = {item.id: item for item in items}
        return table[key]
