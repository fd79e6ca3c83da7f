"""Compile the model into every output file of the site: the pages of each kind, the exports, the navigation."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from generator.compile import labels, urls
from generator.compile.helpers import PageHelpers
from generator.compile.kinds import NavEntry, Page, PageKind
from generator.compile.nav import build_nav
from generator.compile.registry import EXPORTS, PAGE_KINDS
from generator.compile.render import make_environment
from generator.model.crosswalks import BASIS_LABELS
from generator.model.types import Model


@dataclass(frozen=True)
class CompiledSite:
    """Every generated file as {path: text} (paths as MkDocs sees them), the navigation, and which pages are
    reached from other pages only."""

    files: dict[str, str]
    nav: list[NavEntry]
    not_in_nav: frozenset[str]
    kinds: dict[str, str]
    """The page-kind template of every generated page."""


def compile_site(model: Model, templates: Path | None = None) -> CompiledSite:
    """Every page and export of the model; the same model gives the same text."""
    env = _environment(model, templates)
    made = [(kind, kind.pages(model)) for kind in PAGE_KINDS]
    files: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for kind, pages in made:
        for page in pages:
            files[page.path] = render_page(env, model, kind, page)
            kinds[page.path] = kind.template
    for export in EXPORTS:
        files.update(export.files(model))
    hidden = frozenset(page.path for kind, pages in made if kind.section is None for page in pages)
    return CompiledSite(files, build_nav(model, made), hidden, kinds)


def _environment(model: Model, templates: Path | None) -> jinja2.Environment:
    """The template environment with the labels and path helpers every template may use."""
    env = make_environment(templates)
    env.globals.update(
        TRACK_LABELS=model.vocabulary.track_labels(), SCOPE_LABELS=model.vocabulary.scope_labels(),
        RELATION_LABELS=model.vocabulary.relation_labels(), LEVEL_LABELS=model.vocabulary.level_labels(),
        STATUS_LABELS=labels.STATUS_LABELS, REQUIREMENT_LABELS=labels.REQUIREMENT_LABELS,
        RENEWAL_LABELS=labels.RENEWAL_LABELS, DEGREE_LABELS=labels.DEGREE_LABELS, NOT_ENTERED=labels.NOT_ENTERED,
        BASIS_LABELS=BASIS_LABELS, u=urls.Urls,
    )
    return env


def render_page(env: jinja2.Environment, model: Model, kind: PageKind, page: Page) -> str:
    """Render one page with its kind's template."""
    extra: dict[str, Any] = {} if kind.in_search else {"search_exclude": True}
    text = env.get_template(kind.template).render(model=model, h=PageHelpers(model, page.path), page=page.path,
                                                  **extra, **page.context)
    return text.rstrip("\n") + "\n"
