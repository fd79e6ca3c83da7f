"""Jinja environment for Markdown pages: every value is escaped unless a helper marks it as trusted Markdown."""
from __future__ import annotations

import functools
import html
import json
import posixpath
import re
import traceback
from pathlib import Path

import jinja2
import markupsafe

from generator.errors import DataError

BUILTIN_TEMPLATES = Path(__file__).resolve().parents[2] / "site_templates"

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|-])")
_LEADING_NUMBER = re.compile(r"^(\d+)\.")
_SPACE = re.compile(r"\s+")


class Md(markupsafe.Markup):
    """A Markdown fragment built by the generator itself (or already escaped); rendered as it is."""


def md_text(value: object) -> Md:
    """Escape text from the data so Markdown and HTML show it literally, on one line."""
    text = _SPACE.sub(" ", str(value))
    text = html.escape(text, quote=False)  # quotes are harmless in Markdown text; &#x27; would show literally
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return Md(_LEADING_NUMBER.sub(r"\1\\.", text))


def html_text(value: object) -> Md:
    """Escape text for a raw HTML context (attributes and element content), on one line."""
    return Md(html.escape(_SPACE.sub(" ", str(value)).strip(), quote=True))


def yaml_text(value: object) -> Md:
    """Quote text as a YAML (JSON) string for page front matter."""
    return Md(json.dumps(_SPACE.sub(" ", str(value)).strip(), ensure_ascii=False))


_ANCHOR = re.compile(r"^[a-z0-9][a-z0-9.-]*$")


def anchor(value: object) -> Md:
    """An id used as an HTML anchor; ids are validated, so anything else is a generator bug."""
    text = str(value)
    if not _ANCHOR.match(text):
        raise ValueError(f"not a valid anchor id: {text!r}")
    return Md(text)


def _finalize(value: object) -> object:
    """Escape every {{ value }} for Markdown and HTML unless it is already Markup (macro output, helpers)."""
    if isinstance(value, markupsafe.Markup):
        return value
    if isinstance(value, bool) or value is None:
        raise ValueError(f"refusing to render {value!r} into a page; the template must handle it")
    if isinstance(value, (int, float)):
        return Md(_number(value))
    return md_text(value)


def _number(value: float) -> str:
    """Render 33.0 as 33 and 1.5 as 1.5."""
    return str(int(value)) if float(value).is_integer() else str(value)


@functools.lru_cache(maxsize=1 << 16)
def rel_link(from_page: str, to_page: str, anchor: str = "") -> str:
    """Relative link from one generated Markdown page to another (paths relative to docs/); remembered, as a large
    framework's pages ask for the same links tens of thousands of times."""
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".") if to_page != from_page else ""
    if target == "." or target == "":
        target = posixpath.basename(to_page) if not anchor else ""
    return f"{target}#{anchor}" if anchor else target


@functools.lru_cache(maxsize=4)
def make_environment(override_dir: Path | None = None) -> jinja2.Environment:
    """Templates from override_dir first (if given), then the built-in site_templates folder (compiled once)."""
    folders = [str(override_dir)] if override_dir else []
    folders.append(str(BUILTIN_TEMPLATES))
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        # Autoescape makes macro output Markup (trusted); _finalize escapes every other value for Markdown and HTML.
        # Filters such as join and replace return HTML-escaped Markup, so templates loop over data instead.
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        comment_start_string="{##",  # "{#" starts Markdown anchors such as "## Title {#id}"
        comment_end_string="##}",
    )
    env.filters["h"] = html_text
    env.filters["yaml"] = yaml_text
    env.filters["number"] = _number
    env.filters["anchor"] = anchor
    return env


def template_error(exc: BaseException, override_dir: Path | None = None) -> DataError | None:
    """The error as a DataError naming the template file and line it arose in, or None when no template was involved.

    A syntax error carries its file and line; any other error (an undefined variable, a failing filter) is placed
    at the innermost template line of its traceback, in override_dir or the built-in templates.
    """
    folders = [p.resolve() for p in ([override_dir] if override_dir else []) + [BUILTIN_TEMPLATES]]

    def in_templates(filename: str | None) -> bool:
        return bool(filename) and any(Path(filename).resolve().is_relative_to(folder) for folder in folders)

    if isinstance(exc, jinja2.TemplateSyntaxError) and in_templates(exc.filename):
        return DataError(Path(exc.filename), exc.lineno, 0, (), f"template error: {_cut(exc.message or str(exc))}")
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if in_templates(f.filename)]
    if not frames:
        return None
    described = str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
    return DataError(Path(frames[-1].filename), frames[-1].lineno or 1, 0, (), f"template error: {_cut(described)}")


def _cut(text: str) -> str:
    """A message on one line, cut to a readable length."""
    text = _SPACE.sub(" ", text).strip()
    return text if len(text) <= 200 else text[:197] + "..."
