"""Helpers for browser tests: find Chromium, serve a folder on a free local port."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_ARGS = ["--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-gpu", "--disable-quic"]


def find_chromium(playwright_path: str | None = None) -> str:
    """The browser to drive: $ATLAS_CHROMIUM, then Debian's chromium, then Playwright's own download."""
    candidates = [os.environ.get("ATLAS_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium", playwright_path]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    raise RuntimeError("No Chromium found. Run `make test` (it installs Debian's chromium), "
                       "`apt-get install chromium`, or set ATLAS_CHROMIUM to a Chromium binary.")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static file handler that does not log every request."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature fixed by the base class
        """Stay quiet."""


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve folder over HTTP on 127.0.0.1 and a free port; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def search(page, query: str) -> None:
    """Type a query into Material's search once its index is ready (typing earlier can be lost)."""
    box = page.get_by_role("textbox", name="Search")
    box.click()
    meta = page.locator(".md-search-result__meta")
    meta.wait_for()
    page.wait_for_function(
        "() => !/initializing/i.test(document.querySelector('.md-search-result__meta')?.textContent || 'x')",
        timeout=20000)
    box.press_sequentially(query, delay=20)  # Material reacts to key events; fill() alone is not reliably seen


def origins_outside(requests: list[str], site_url: str) -> set[str]:
    """Hosts other than the local server that the requests went to (data: and blob: URLs are not requests out)."""
    from urllib.parse import urlsplit

    local = urlsplit(site_url).netloc
    return {urlsplit(u).netloc for u in requests if not u.startswith(("data:", "blob:"))} - {local}
