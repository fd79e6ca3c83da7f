"""Helpers for browser tests: find Chromium, serve a folder on a free local port."""
from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
        "resultTypes": ["violations"]}
"""axe-core options: every WCAG 2.0, 2.1 and 2.2 A and AA rule, violations only."""

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
    """Static file handler that does not log every request and adds the given headers to every response."""

    def __init__(self, *args, headers: dict[str, str] | None = None, **kwargs) -> None:  # noqa: ANN002, ANN003
        """Remember the extra headers, then handle the request as the base class does."""
        self.extra_headers = headers or {}
        super().__init__(*args, **kwargs)

    def end_headers(self) -> None:
        """Send the extra headers, then end the header block."""
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature fixed by the base class
        """Stay quiet."""


class _GzipHandler(_QuietHandler):
    """Static file handler that gzips text files for clients that accept it, as web hosts do."""

    TEXT = ("text/", "application/json", "application/xml", "image/svg+xml")

    def send_head(self):  # noqa: ANN201 - signature fixed by the base class
        """Send the headers of a gzipped body and return it; anything else goes to the plain handler."""
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?", 1)[0].endswith("/"):
            path = path / "index.html"
        kind = self.guess_type(str(path))
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not path.is_file()
                or not kind.startswith(self.TEXT)):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve_folder(folder: Path, compress: bool = False, headers: dict[str, str] | None = None) -> Iterator[str]:
    """Serve folder over HTTP on 127.0.0.1 and a free port (gzipping text files if compress, adding headers to every
    response); yield the base URL."""
    handler = functools.partial(_GzipHandler if compress else _QuietHandler, directory=str(folder), headers=headers)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def search(page, query: str) -> None:
    """Open the site's search (Pagefind's dialog) with the header button and type a query."""
    page.get_by_role("button", name="Search").click()
    box = page.get_by_role("dialog").get_by_role("searchbox")
    box.wait_for(timeout=15000)
    box.fill(query)


SETTLED = """async (element) => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  let last = "", same = 0;
  for (let i = 0; i < 200 && same < 3; i++) {
    await frame();
    const r = element.getBoundingClientRect();
    const now = [r.x, r.y, r.width, r.height].join();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return same >= 3;
}"""


def settled(locator):  # noqa: ANN001, ANN201 - Playwright's Locator
    """The locator, once its element is scrolled into view and has kept its place for 3 frames. A scroll to the foot
    of a long page lays out the parts skipped off screen (content-visibility) over the next frames, which moves what
    is below them: a click at once could land where a button was (the mapper's download buttons did, on a busy
    machine)."""
    locator.scroll_into_view_if_needed()
    assert locator.evaluate(SETTLED), "the element kept moving for 200 frames"
    return locator


RESULT_LINKS = ".atlas-search__results a[href]"
"""The result links in the search dialog (search-ui.mjs): a page's link and its links to headings on it."""


def material_search(page, query: str) -> None:
    """Type a query into Material's search (the offline bundle's) once its index is ready (typing earlier is lost)."""
    box = page.get_by_role("textbox", name="Search")
    box.click()
    meta = page.locator(".md-search-result__meta")
    meta.wait_for()
    page.wait_for_function(
        "() => !/initializing/i.test(document.querySelector('.md-search-result__meta')?.textContent || 'x')",
        timeout=20000)
    box.press_sequentially(query, delay=20)  # Material reacts to key events; fill() alone is not reliably seen


def recording_context(browser):  # noqa: ANN001, ANN201 - Playwright's Browser and BrowserContext
    """A fresh browser context and the list it fills with the URL of every request its pages make."""
    context = browser.new_context(accept_downloads=True)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    return context, requests


def policy_refusals(page) -> list[str]:  # noqa: ANN001 - Playwright's Page
    """The list the page fills with every Content-Security-Policy refusal it reports in its console."""
    refused: list[str] = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security Policy" in m.text else None)
    return refused


def origins_outside(requests: list[str], site_url: str) -> set[str]:
    """Hosts other than the local server that the requests went to (data: and blob: URLs are not requests out)."""
    from urllib.parse import urlsplit

    local = urlsplit(site_url).netloc
    return {urlsplit(u).netloc for u in requests if not u.startswith(("data:", "blob:"))} - {local}


def context_without_storage(browser):  # noqa: ANN001, ANN201 - Playwright's Browser and BrowserContext
    """A browser context whose pages cannot use localStorage: reading it throws, as when storage is turned off."""
    context = browser.new_context(accept_downloads=True)
    context.add_init_script("""Object.defineProperty(window, 'localStorage', {
        configurable: true, get() { throw new DOMException('Storage is disabled', 'SecurityError'); } });""")
    return context


def storage_warning_shown(page) -> bool:  # noqa: ANN001 - Playwright's Page
    """Whether the page says that it cannot save (the warning of the self-assessment and the mapper)."""
    warning = page.locator(".atlas-warning")
    return warning.is_visible() and "not letting the page save" in warning.inner_text()


def page_url(path: str) -> str:
    """The address of a generated Markdown page in the built site (directory URLs), relative to the site."""
    return "" if path == "index.md" else path.removesuffix("index.md").removesuffix(".md").removesuffix("/") + "/"


def page_kind_urls() -> list[str]:
    """The home page, a reference page, the first page of every page kind of the registry in the real dataset,
    and the pages with the most content of their kind."""
    from conftest import ROOT
    from generator.compile.build import compile_site
    from generator.compile.registry import PAGE_KINDS
    from generator.pipeline import load_model

    compiled = compile_site(load_model(ROOT / "competencies"))
    first: dict[str, str] = {}
    for path, template in compiled.kinds.items():
        first.setdefault(template, path)
    assert set(first) == {kind.template for kind in PAGE_KINDS}
    fullest = ["atlas/categories/ecmhs/", "atlas/domains/dss/", "atlas/knowledge-areas/observation-listening/",
               "atlas/compare/imhs--ecmhs/"]
    return ["", "reference/data-files/", *(page_url(first[kind.template]) for kind in PAGE_KINDS), *fullest]
