"""The shapes of the registry: a page, a kind of page, a kind of export file."""
from __future__ import annotations

from collections.abc import Callable
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
class Export:
    """A kind of export file: its path, what it holds and how it is made."""

    path: str
    description: str
    files: Callable[[Model], dict[str, str]]
    on_open_data: bool = True
    """Listed on the open-data page (the program files are linked from their program's page instead)."""
