"""Content-Security-Policy for the built pages: same-origin code only, plus the inline scripts the theme ships.

The allowed inline scripts are computed from the theme's own template files (their `<script>` snippets, rendered
with the page's base URL), never from the finished page: a script that arrived through the data is not in the
theme's files, so the policy refuses it.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import jinja2

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)

THEME_SNIPPETS = "partials/javascripts"
"""Folder of a Material theme directory that holds the theme's inline scripts, one small template each."""

BASE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}
"""Everything comes from the site itself; nothing else is allowed."""


def hash_source(script: str) -> str:
    """The CSP source that allows exactly this inline script ('sha256-...')."""
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def inline_scripts(html: str) -> list[str]:
    """The bodies of the executable inline scripts of a page (JSON data blocks are not executed)."""
    return [body for attrs, body in _INLINE_SCRIPT.findall(html) if "application/json" not in attrs]


def inline_script_hashes(html: str) -> list[str]:
    """CSP hash sources of every executable inline script found in html (for checking a page, not for its policy)."""
    return list(dict.fromkeys(hash_source(body) for body in inline_scripts(html)))


@functools.lru_cache(maxsize=8)
def theme_snippets(theme_dirs: tuple[str, ...]) -> tuple[str, ...]:
    """The inline-script templates the theme ships (the first theme folder that has a snippet file wins)."""
    seen: dict[str, Path] = {}
    for folder in theme_dirs:
        snippets = Path(folder) / THEME_SNIPPETS
        for path in sorted(snippets.glob("*.html")) if snippets.is_dir() else ():
            seen.setdefault(path.name, path)
    bodies: list[str] = []
    for name in sorted(seen):
        source = _JINJA_COMMENT.sub("", seen[name].read_text(encoding="utf-8"))
        bodies += [body for attrs, body in _INLINE_SCRIPT.findall(source) if "application/json" not in attrs]
    return tuple(bodies)


_SNIPPET_ENV = jinja2.Environment(autoescape=False, undefined=jinja2.ChainableUndefined)


@functools.lru_cache(maxsize=64)
def shipped_script_hashes(snippets: tuple[str, ...], base_url: str, scope: str | None = None) -> list[str]:
    """Hash sources of the theme's snippets as the theme renders them on a page whose base URL is base_url
    (and whose `extra.scope` setting, if any, is scope)."""
    context = {"base_url": base_url, "config": {"extra": {"scope": scope} if scope else {}}}
    return sorted({hash_source(_SNIPPET_ENV.from_string(body).render(context)) for body in snippets})


WASM = "'wasm-unsafe-eval'"
"""Lets pages compile WebAssembly (the search engine's index reader), and nothing else: JavaScript eval stays off."""


def policy(hashes: Iterable[str], wasm: bool = False) -> str:
    """The policy text with the given script hashes allowed, and WebAssembly if wasm."""
    scripts = BASE_POLICY["script-src"] + ([WASM] if wasm else []) + sorted(set(hashes))
    parts = {**BASE_POLICY, "script-src": scripts}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in parts.items())


def with_csp_meta(html: str, hashes: Iterable[str], wasm: bool = False) -> str:
    """The page with a CSP meta tag, allowing the given script hashes, as the first element of its head."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(hashes, wasm)}">'
    return html.replace("<head>", "<head>\n    " + meta, 1)
