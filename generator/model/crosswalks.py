"""Pure functions over crosswalks: what references name, category comparisons, role coverage, progressions."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from generator.model.types import Category, Indicator, Model, Pair, Role

BASIS_LABELS = {"source": "stated by its source", "judgement": "the Atlas project's own judgement"}


@dataclass(frozen=True)
class Referent:
    """What a crosswalk reference names: the kind of thing, its label, and where it lives.

    owner is (kind of holder, holder id): ("domain", id), ("ka", id), ("category", id), ("role", id) or
    ("framework", id); the compile stage turns it into a page and an anchor.
    """

    kind: str
    label: str
    owner: tuple[str, str]
    anchor: str = ""


def _index(model: Model) -> dict[str, Referent]:
    """Every reference a crosswalk may use, resolved once per model (kept in the model's lookup cache)."""
    if "refs" not in model._index:
        model._index["refs"] = _build_index(model)
    return model._index["refs"]


def _build_index(model: Model) -> dict[str, Referent]:
    """Build the reference table."""
    table: dict[str, Referent] = {}
    for d in model.domains:
        table[f"domain:{d.id}"] = Referent("domain", d.name, ("domain", d.id))
    for k in model.knowledge_areas:
        table[f"ka:{k.id}"] = Referent("knowledge area", k.name, ("ka", k.id))
    for c in model.categories:
        for i in c.indicators():
            table[i.id] = Referent(f"{c.code} indicator", i.text, ("category", c.id), i.id)
    for r in model.roles:
        for item in (*r.duties, *r.skills):
            kind = "duty" if item in r.duties else "skill"
            table[item.id] = Referent(f"{r.title} {kind}", item.text, ("role", r.id), item.id)
    for f in model.frameworks:
        for x in f.items:
            table[x.id] = Referent(f.title, x.name, ("framework", f.id), "framework-" + f.id)
    return table


def resolve(model: Model, ref: str) -> Referent:
    """What a crosswalk reference names (references are validated, so this always succeeds)."""
    return _index(model)[ref]


def pairs_touching(model: Model, ref: str) -> list[tuple[Pair, str, str | None]]:
    """Every pair that involves ref, as (pair, relation read from ref's side, the other side)."""
    out = []
    for crosswalk in model.crosswalks:
        for pair in crosswalk.pairs:
            if pair.source_ref == ref:
                out.append((pair, pair.relation, pair.target_ref))
            elif pair.target_ref == ref:
                out.append((pair, model.vocabulary.inverse(pair.relation), pair.source_ref))
    return out


@dataclass(frozen=True)
class CompareRow:
    """One row of a side-by-side comparison: an item of each category and how they relate."""

    left: Indicator | None
    relation: str | None
    right: Indicator | None
    known: bool = True
    """False when the side without an item has no data there (its indicators for that knowledge area are not yet
    entered): the row then says "not yet entered", never "no counterpart"."""

    @property
    def matched(self) -> bool:
        """True when the row pairs an item of each side."""
        return self.left is not None and self.right is not None


@dataclass(frozen=True)
class KaRow:
    """A knowledge area in a comparison: its title in each category (None: not included)."""

    ka: str
    name: str
    left: str | None
    right: str | None
    left_known: bool = True
    right_known: bool = True
    """Whether each side's data can tell that it lacks the knowledge area (False: its list is not yet entered)."""

    @property
    def matched(self) -> bool:
        """True when both categories include the knowledge area."""
        return self.left is not None and self.right is not None


def compare_indicators(model: Model, a: Category, b: Category) -> list[CompareRow]:
    """Every indicator of a with its counterparts in b, then b's indicators that nothing in a matches; a row without
    a counterpart is marked unknown where the other category's indicators for that knowledge area are not entered."""
    in_b = {i.id: i for i in b.indicators()}
    rows: list[CompareRow] = []
    matched_b: set[str] = set()
    for left in a.indicators():
        partners = [(rel, other) for _, rel, other in pairs_touching(model, left.id) if other in in_b]
        for relation, other in partners:
            rows.append(CompareRow(left, relation, in_b[other]))
            matched_b.add(other)
        if not partners:
            unique = next((rel for _, rel, other in pairs_touching(model, left.id) if other is None), None)
            rows.append(CompareRow(left, unique, None, unique is not None or _entered(model, b, left.id)))
    rows += [CompareRow(None, None, right, _entered(model, a, right.id))
             for right in b.indicators() if right.id not in matched_b]
    return rows


def _entered(model: Model, category: Category, indicator_id: str) -> bool:
    """Whether the category's data can tell that it has no counterpart of the indicator: it has indicators entered
    in the indicator's knowledge area, or a complete list of that domain without the knowledge area."""
    ka_id = indicator_id.split(".")[2] if indicator_id.count(".") >= 3 else ""
    domain = model.knowledge_area(ka_id).domain if ka_id in {k.id for k in model.knowledge_areas} else ""
    for d in category.domains:
        if d.domain == domain:
            entry = next((k for k in d.knowledge_areas or () if k.ka == ka_id), None)
            return entry.indicators is not None if entry else d.lacks(ka_id)
    return False


def compare_knowledge_areas(model: Model, a: Category, b: Category) -> list[KaRow]:
    """The union of both categories' knowledge areas, in domain order, with each category's title for it."""
    def titles(c: Category) -> dict[str, str]:
        return {k.ka: k.title or model.knowledge_area(k.ka).name for k in c.knowledge_areas()}

    def known(c: Category, ka: str, domain: str, has: dict[str, str]) -> bool:
        return ka in has or any(d.domain == domain and d.lacks(ka) for d in c.domains)

    ta, tb = titles(a), titles(b)
    return [KaRow(k.id, k.name, ta.get(k.id), tb.get(k.id), known(a, k.id, k.domain, ta), known(b, k.id, k.domain, tb))
            for k in model.knowledge_areas if k.id in ta or k.id in tb]


def comparison_counts(model: Model, a: Category, b: Category, rows: list[CompareRow],
                      ka_rows: list[KaRow]) -> dict[str, int]:
    """How many rows of each relation, unmatched items and shared knowledge areas a comparison has; items whose
    counterpart cannot be known (the other side's data is not yet entered) are counted apart, never as differences."""
    labels = model.vocabulary.relation_labels()
    counts: Counter[str] = Counter(labels[r.relation] for r in rows if r.relation)
    counts[f"only in {a.code}"] = sum(1 for r in rows if r.right is None and r.known)
    counts[f"only in {b.code}"] = sum(1 for r in rows if r.left is None and r.known)
    counts[f"in {a.code}, with {b.code}'s indicators there not yet entered"] = \
        sum(1 for r in rows if r.right is None and not r.known)
    counts[f"in {b.code}, with {a.code}'s indicators there not yet entered"] = \
        sum(1 for r in rows if r.left is None and not r.known)
    counts["knowledge areas in both"] = sum(1 for k in ka_rows if k.matched)
    counts["knowledge areas in one only"] = sum(1 for k in ka_rows if not k.matched and k.left_known and k.right_known)
    counts["knowledge areas in one, not yet entered in the other"] = \
        sum(1 for k in ka_rows if not k.matched and not (k.left_known and k.right_known))
    return {label: n for label, n in counts.items() if n}


def category_pairs(model: Model) -> list[tuple[Category, Category]]:
    """Every unordered pair of categories, in model order (a generated comparison page each)."""
    cats = model.categories
    return [(cats[i], cats[j]) for i in range(len(cats)) for j in range(i + 1, len(cats))]


def role_knowledge_areas(model: Model, role: Role) -> dict[str, list[tuple[str, str]]]:
    """For each duty or skill id of role: the (relation, ka id) pairs it draws on, most relevant first."""
    out: dict[str, list[tuple[str, str]]] = {}
    for item in (*role.duties, *role.skills):
        out[item.id] = [(rel, other[3:]) for _, rel, other in pairs_touching(model, item.id)
                        if other and other.startswith("ka:")]
    return out


def role_coverage(model: Model, role: Role) -> list[dict[str, Any]]:
    """Categories ranked by how many of the role's knowledge areas they include, each with its share of those whose
    presence the data can tell: a knowledge area in a domain the category has not entered, or entered only in part,
    is unknown, so missing data never reads as a poor fit (ties in model order)."""
    needed = sorted({ka for pairs in role_knowledge_areas(model, role).values() for _, ka in pairs})
    if not needed:
        return []
    domain_of = {k.id: k.domain for k in model.knowledge_areas}
    rows = []
    for order, c in enumerate(model.categories):
        has = {k.ka for k in c.knowledge_areas()}
        domains = {d.domain: d for d in c.domains}
        known = [ka for ka in needed if ka in has or (domain_of[ka] in domains and domains[domain_of[ka]].lacks(ka))]
        covered = [ka for ka in needed if ka in has]
        rows.append({"category": c, "covered": len(covered), "known": len(known), "total": len(needed),
                     "percent": round(100 * len(covered) / len(known)) if known else None, "order": order,
                     "complete": len(known) == len(needed)})
    return sorted(rows, key=lambda r: (-r["covered"], r["order"]))


def progression(model: Model, ka_id: str) -> list[tuple[str, list[tuple[Category, Any]]]]:
    """Per track (its label), the categories that include a knowledge area in model order, with their entry."""
    labels = model.vocabulary.track_labels()
    tracks: dict[str, list[tuple[Category, Any]]] = {}
    for c in model.categories:
        for k in c.knowledge_areas():
            if k.ka == ka_id:
                tracks.setdefault(c.track, []).append((c, k))
    return [(labels[t], items) for t, items in tracks.items()]


EXACT_MATCH = "exact-match"
"""The relation whose two indicators are the same expectation: a rating of one carries over to the other."""


def exact_matches(model: Model) -> list[dict[str, str]]:
    """Exact-match pairs between indicators (for the self-assessment's carry-over)."""
    indicators = {i.id for c in model.categories for i in c.indicators()}
    return [{"from": p.source_ref, "to": p.target_ref} for cw in model.crosswalks for p in cw.pairs
            if p.relation == EXACT_MATCH and p.source_ref in indicators and p.target_ref in indicators]
