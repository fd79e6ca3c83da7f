"""The shapes of the registry: a page, a kind of page, a kind of export file."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.model.types import Model

NavEntry = dict[str, Any]
"""One navigation entry as mkdocs.yml writes it: {title: path} or {title: [entries]}."""


@dataclass(frozen=True)
class Page:
    """One page to render: where it goes and what its template gets."""

    path: str
    context: dict[str, Any] = field(default_factory=dict)
    nav_title: str = ""


@dataclass(frozen=True)
class PageKind:
    """A kind of generated page: its template, its paths, how its pages are made and where navigation lists them."""

    name: str
    template: str
    path: str
    pages: Callable[[Model], list[Page]]
    section: str | None
    """The navigation section that lists its pages (None: reached from other pages only)."""
    in_search: bool = True
    nav: Callable[[Model, list[Page]], list[NavEntry]] = lambda model, made: [{p.nav_title: p.path} for p in made]


@dataclass(frozen=True)
class CaseDate:
    """When a CASE record last changed, and the hash of its content at that time (one entry of the ledger)."""

    sha256: str
    changed: str


@dataclass(frozen=True)
class Publication:
    """What the exports need beyond the model: the site's public address (None when it has none) and the ledger
    of CASE record dates (competencies/case-dates.json)."""

    site_url: str | None = None
    case_dates: Mapping[str, CaseDate] = field(default_factory=dict)


FileContent = str | bytes
"""The content of a generated file: text (written as UTF-8) or bytes (a spreadsheet)."""


@dataclass(frozen=True)
class Export:
    """A kind of export file: its path, what it holds, how its files are made and which the open-data page lists."""

    path: str
    description: str
    files: Callable[[Model, Publication], dict[str, FileContent]]
    listing: Callable[[Model], dict[str, str]] | None = None
    """The files the open-data page lists, with what each holds by name (None: not listed there; the program
    files are linked from their program's page instead)."""
