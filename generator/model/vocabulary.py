"""The named values of competencies/vocabulary.yml: tracks, scopes, crosswalk relation kinds, coverage levels."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Named:
    """A value data files use by id, and how the site names it."""

    id: str
    label: str


@dataclass(frozen=True)
class Relation:
    """A kind of crosswalk relation."""

    id: str
    label: str
    inverse: str | None
    has_target: bool
    case_association: str | None


@dataclass(frozen=True)
class Vocabulary:
    """Every list of vocabulary.yml, each in the order the site shows and sorts them in."""

    tracks: tuple[Named, ...]
    scopes: tuple[Named, ...]
    relations: tuple[Relation, ...]
    coverage_levels: tuple[Named, ...]

    def track_labels(self) -> dict[str, str]:
        """Label of each track id."""
        return {t.id: t.label for t in self.tracks}

    def scope_labels(self) -> dict[str, str]:
        """Label of each scope id."""
        return {s.id: s.label for s in self.scopes}

    def relation_labels(self) -> dict[str, str]:
        """Label of each relation id, in vocabulary order."""
        return {r.id: r.label for r in self.relations}

    def level_labels(self) -> dict[str, str]:
        """Label of each coverage level id, from the lowest."""
        return {lv.id: lv.label for lv in self.coverage_levels}

    def levels(self) -> tuple[str, ...]:
        """The coverage level ids from the lowest to the highest."""
        return tuple(lv.id for lv in self.coverage_levels)

    def inverse(self, relation: str) -> str:
        """The relation read from its other side (itself when it reads the same both ways)."""
        return next((r.inverse for r in self.relations if r.id == relation and r.inverse), relation)

    def track_order(self, track: str) -> int:
        """Position of a track in the vocabulary."""
        return [t.id for t in self.tracks].index(track)

    def scope_order(self, scope: str) -> int:
        """Position of a scope in the vocabulary."""
        return [s.id for s in self.scopes].index(scope)


def vocabulary_from(raw: dict[str, Any]) -> Vocabulary:
    """The vocabulary of a schema-valid vocabulary.yml."""
    def named(key: str) -> tuple[Named, ...]:
        return tuple(Named(x["id"], x["label"]) for x in raw[key])

    relations = tuple(Relation(r["id"], r["label"], r.get("inverse"), r.get("has_target", True),
                               r.get("case_association")) for r in raw["relations"])
    return Vocabulary(named("tracks"), named("scopes"), relations, named("coverage_levels"))
