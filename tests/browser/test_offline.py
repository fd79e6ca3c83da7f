"""The offline bundle opened from disk (file://) in Chromium: pages, links, search and the self-assessment."""
from __future__ import annotations

import json
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browsing import origins_outside, policy_refusals, recording_context, settled
from conftest import ROOT
from generator.site.offline import BUNDLE_SCRIPT, SHIM_SCRIPT, ZIP_FOLDER, zip_folder

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline bundle of the real dataset, built once with `iecmh-atlas offline`."""
    from generator.cli import main
    target = tmp_path_factory.mktemp("offline") / "atlas.zip"
    assert main(["--project", str(ROOT), "offline", "--output", str(target)]) == 0
    return target


@pytest.fixture(scope="session")
def offline_root(offline_zip: Path) -> Path:
    """The bundle unzipped, as a user would: the folder holding index.html."""
    folder = offline_zip.parent / "unzipped"
    with zipfile.ZipFile(offline_zip) as archive:
        archive.extractall(folder)
    return folder / ZIP_FOLDER


class _Links(HTMLParser):
    """Collects href and src attributes of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Keep the address of links, scripts, styles and images."""
        for name, value in attrs:
            if value and (name == "src" or (name == "href" and tag in ("a", "link"))):
                self.targets.append(value)


def test_zip_is_byte_identical_for_the_same_files(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    (folder / "b").mkdir(parents=True)
    (folder / "index.html").write_text("<p>home</p>", encoding="utf-8")
    (folder / "b" / "page.html").write_text("<p>page</p>", encoding="utf-8")
    zip_folder(folder, tmp_path / "one.zip")
    (folder / "index.html").touch()  # a newer modification time must not change the zip
    zip_folder(folder, tmp_path / "two.zip")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert archive.namelist() == [f"{ZIP_FOLDER}/b/page.html", f"{ZIP_FOLDER}/index.html"]


def test_missing_build_tools_are_reported_and_no_zip_is_written(tmp_path: Path, capsys) -> None:
    from generator.cli import main
    project = tmp_path / "project"
    (project / "competencies").mkdir(parents=True)  # a checkout where `npm ci` has not run
    (project / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    target = tmp_path / "out" / "atlas.zip"
    assert main(["--project", str(project), "offline", "--output", str(target)]) == 2
    assert "npm ci" in capsys.readouterr().err
    assert not target.exists()


def test_every_link_and_asset_of_every_page_is_in_the_bundle(offline_root: Path) -> None:
    pages = sorted(offline_root.rglob("*.html"))
    assert len(pages) > 100
    missing = []
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or target.startswith(("#", "//")):
                continue  # anchors on the same page, and absolute links (the canonical address, mailto:)
            path = unquote(parts.path)
            resolved = (page.parent / path).resolve()
            if not resolved.is_file():
                missing.append(f"{page.relative_to(offline_root)}: {target}")
    assert not missing, missing[:20]


def test_scripts_are_classic_and_carried_locally(offline_root: Path) -> None:
    home = (offline_root / "index.html").read_text(encoding="utf-8")
    assert 'type="module"' not in home
    assert f'src="{SHIM_SCRIPT}"' in home and f'src="{BUNDLE_SCRIPT}"' in home
    assert (offline_root / SHIM_SCRIPT).is_file() and (offline_root / BUNDLE_SCRIPT).is_file()
    assert not list(offline_root.rglob("*.mjs"))
    assert "unpkg.com" not in home
    assert (offline_root / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = ")
    assert not (offline_root / "pagefind").exists() and "atlas-search-button" not in home  # Material's search here
    assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">' in home
    assert "wasm-unsafe-eval" not in home


def _open(browser, url: str):
    """A fresh page that records requests and policy violations; returns (context, page, requests, refused)."""
    context, requests = recording_context(browser)
    page = context.new_page()
    refused = policy_refusals(page)
    page.goto(url)
    return context, page, requests, refused


def test_search_works_from_disk_and_leads_to_the_indicator(browser, offline_root: Path) -> None:
    from browsing import material_search
    home = (offline_root / "index.html").as_uri()
    context, page, requests, refused = _open(browser, home)
    material_search(page, "parallel process")
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=20000)
    assert re.search(r"\d+ matching document", page.locator(".md-search-result__meta").inner_text())
    first.click()
    page.wait_for_load_state()
    assert page.url.startswith("file://") and ".html" in page.url
    assert "parallel process" in page.locator("article").inner_text().lower()
    context.close()
    assert not refused, refused
    assert origins_outside(requests, home) == set()


def test_self_assessment_from_disk_exports_and_imports_json(browser, offline_root: Path, tmp_path: Path) -> None:
    url = (offline_root / "atlas" / "self-assessment" / "ecmhs.html").as_uri()
    context, page, requests, refused = _open(browser, url)
    items = page.locator("fieldset.atlas-item")
    items.first.wait_for()
    items.nth(0).get_by_label("Proficient").check()
    items.nth(1).get_by_label("Emerging").check()
    with page.expect_download() as info:
        settled(page.get_by_role("button", name="Download JSON")).click()
    export = tmp_path / "answers.json"
    info.value.save_as(export)
    assert len(json.loads(export.read_text(encoding="utf-8"))["answers"]) == 2
    context.close()

    fresh, page, more_requests, more_refused = _open(browser, url)
    page.locator('#atlas-assessment[data-built="true"]').wait_for()
    assert page.locator("#atlas-progress-label").inner_text().startswith("0 of")
    page.get_by_label("Import a JSON export:").set_input_files(str(export))
    page.wait_for_function("() => document.getElementById('atlas-progress-label').textContent.startsWith('2 of')")
    items = page.locator("fieldset.atlas-item")
    assert items.nth(0).get_by_label("Proficient").is_checked()
    assert items.nth(1).get_by_label("Emerging").is_checked()
    fresh.close()
    assert not refused + more_refused
    assert origins_outside(requests + more_requests, url) == set()


@pytest.mark.parametrize("path, part", [("atlas/programs/mapper.html", "#atlas-mapper"),
                                        ("atlas/compare/index.html", ".atlas-compare-picker")])
def test_the_other_interactive_pages_start_from_disk(browser, offline_root: Path, path: str, part: str) -> None:
    url = (offline_root / path).as_uri()
    context, page, requests, refused = _open(browser, url)
    page.wait_for_function(f"() => document.querySelector({json.dumps(part)})?.dataset.ready === 'true'")
    assert page.locator(part).is_visible()
    context.close()
    assert not refused
    assert origins_outside(requests, url) == set()


OFFLINE_TOP = """([top, sections]) => [...document.querySelectorAll('.md-search-result__item')].slice(0, top)
    .map((item) => [...item.querySelectorAll('a[href]')].slice(0, 1 + sections).map((a) => a.href))"""
"""The links of the first results in Material's search, as absolute addresses: each page's link and its first
sections (Material orders them by score and folds them under "more on this page")."""


RESULTS = "() => document.querySelector('.md-search-result').innerHTML"
"""What Material's results panel shows (its result list and the line above it)."""

SETTLED = """() => {
    const now = document.querySelector('.md-search-result').innerHTML;
    window.__settled = now === window.__lastResults ? (window.__settled || 0) + 1 : 0;
    window.__lastResults = now;
    return window.__settled >= 3;
}"""
"""Whether Material's results have stayed the same for three checks in a row (its answer to the last keystroke)."""


def site_path(href: str, root: Path) -> str:
    """A bundle link as the published site's address: atlas/glossary.html#rsc is /atlas/glossary/#rsc."""
    address, _, anchor = unquote(href).removeprefix(root.as_uri() + "/").partition("#")
    path = address.split("?", 1)[0]  # Material's ?h= highlight parameter
    path = "/" + re.sub(r"(^|/)index\.html$", r"\1", path).removesuffix(".html")
    path = path if path.endswith("/") else path + "/"
    return path + (f"#{anchor}" if anchor else "")


def test_offline_search_meets_the_relevance_set(browser, offline_root: Path) -> None:
    from browsing import material_search
    from test_search_relevance import CASES, SECTIONS, TOP, shown

    context, page, _, refused = _open(browser, (offline_root / "atlas" / "glossary.html").as_uri())
    material_search(page, "x")
    box = page.get_by_role("textbox", name="Search")
    outcome = {}
    box.fill("")
    box.press("End")  # Material searches on keyup: clear, then one search for the whole query (not one per letter)
    page.wait_for_function(SETTLED, polling=100, timeout=20000)
    empty = json.dumps(page.evaluate(RESULTS))
    for case in CASES:
        box.fill("")
        box.press("End")
        page.wait_for_function(f"() => ({RESULTS})() === {empty}", polling=20, timeout=20000)
        box.fill(case["query"])
        box.press("End")
        page.wait_for_function(f"() => ({RESULTS})() !== {empty}", polling=20, timeout=20000)
        # Settled: the same results for three checks 100 ms apart (at 50 ms apart a busy machine once read an answer
        # before Material had finished showing it).
        page.wait_for_function(SETTLED, polling=100, timeout=20000)
        answers = [[site_path(href, offline_root) for href in links] for links in page.evaluate(OFFLINE_TOP, [TOP, SECTIONS])]
        outcome[case["query"]] = bool(set(case["expect"]) & set(shown(answers, case.get("first", False))))
    context.close()
    assert not refused, refused
    expected_misses = {case["query"] for case in CASES if case.get("offline") is False}
    misses = {query for query, found in outcome.items() if not found}
    assert misses == expected_misses, (f"newly missed offline: {sorted(misses - expected_misses)}; "
                                       f"now found, drop `offline: false`: {sorted(expected_misses - misses)}")
