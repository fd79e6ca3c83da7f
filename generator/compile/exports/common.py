"""What every export shares: where the site is published, stable identifiers and JSON text."""
from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import urlsplit

import orjson

from generator.compile.kinds import CaseDate, Publication

__all__ = ["CaseDate", "NAMESPACE", "Publication", "json_text", "page_url", "public_site_url", "stable_uuid"]

NAMESPACE = uuid.UUID("1043465a-40ae-471d-ad39-09b6583c9532")
"""Namespace of every published identifier (UUIDv5 of a stable key); never change it, or every identifier changes."""

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "0.0.0.0")
"""Hosts of a site address that only this machine reaches (mkdocs.yml's default when ATLAS_SITE_URL is not set)."""


def public_site_url(site_url: str | None) -> str | None:
    """The site's address with a final slash, or None when it is unset or on a loopback host (not published)."""
    if not site_url:
        return None
    parts = urlsplit(site_url)
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.hostname in LOOPBACK_HOSTS:
        return None
    return site_url if site_url.endswith("/") else site_url + "/"


def page_url(site_url: str, md_path: str) -> str:
    """The public address of a generated page (MkDocs directory URLs: a/b.md -> a/b/, a/index.md -> a/)."""
    stem = md_path.removesuffix(".md")
    stem = stem.removesuffix("index") if stem.endswith("/index") or stem == "index" else stem + "/"
    return site_url + stem


def stable_uuid(key: str) -> str:
    """The identifier of a stable key: its UUIDv5 in NAMESPACE."""
    return str(uuid.uuid5(NAMESPACE, key))


def json_text(data: Any, sort_keys: bool) -> str:
    """JSON text with two-space indents, real UTF-8 characters and a final newline, as json.dumps(indent=2,
    ensure_ascii=False) writes it, by orjson. NaN and infinities, which are not JSON (orjson would write null), raise
    ValueError: a second guard behind the YAML reader's refusal, through the standard library's C encoder."""
    json.dumps(data, allow_nan=False, check_circular=False)  # compact, in C: only the guard
    option = orjson.OPT_INDENT_2 | (orjson.OPT_SORT_KEYS if sort_keys else 0)
    return orjson.dumps(data, option=option).decode("utf-8") + "\n"
