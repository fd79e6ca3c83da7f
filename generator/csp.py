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


def policy(hashes: list[str]) -> str:
    """The policy text with the given script hashes allowed."""
    parts = {**BASE_POLICY, "script-src": BASE_POLICY["script-src"] + sorted(set(hashes))}
    return "; ".join(f"{name} {' '.join(values)}" for name, values in parts.items())


def with_csp_meta(html: str) -> str:
    """The page with a CSP meta tag as the first element of its head."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_script_hashes(html))}">'
    return html.replace("<head>", "<head>\n    " + meta, 1)
