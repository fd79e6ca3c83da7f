"""Content-Security-Policy for the built pages: same-origin code only, plus hashes of the theme's inline scripts."""
from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)

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


def inline_script_hashes(html: str) -> list[str]:
    """CSP hash sources of every executable inline script (JSON data blocks are not executed and need none)."""
    hashes = []
    for attrs, body in _INLINE_SCRIPT.findall(html):
        if "application/json" in attrs:
            continue
        source = hash_source(body)
        if source not in hashes:
            hashes.append(source)
    return hashes


WASM = "'wasm-unsafe-eval'"
"""Lets pages compile WebAssembly (the search engine's index reader), and nothing else: JavaScript eval stays off."""


def policy(hashes: list[str], wasm: bool = False) -> str:
    """The policy text with the given script hashes allowed, and WebAssembly if wasm."""
    scripts = BASE_POLICY["script-src"] + ([WASM] if wasm else []) + sorted(set(hashes))
    parts = {**BASE_POLICY, "script-src": scripts}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in parts.items())


def with_csp_meta(html: str, wasm: bool = False) -> str:
    """The page with a CSP meta tag as the first element of its head (allowing WebAssembly if wasm)."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(html), wasm)}">'
    return html.replace("<head>", "<head>\n    " + meta, 1)
