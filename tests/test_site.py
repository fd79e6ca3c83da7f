"""The built site in a real browser: navigation, search landing on an indicator, no third-party requests."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from browser import origins_outside, recording_context, search
from conftest import ROOT
from generator.loader import load_model

pytestmark = pytest.mark.browser
MODEL = load_model(ROOT / "competencies")
ECMHS = MODEL.category("ecmhs")


def test_strict_build_has_every_page_and_no_unused_generated_files(built_site: Path) -> None:
    for category in MODEL.categories:
        assert (built_site / "atlas" / "categories" / category.id / "index.html").is_file()
    for ka in MODEL.knowledge_areas:
        assert (built_site / "atlas" / "knowledge-areas" / ka.id / "index.html").is_file()
    html = (built_site / "atlas" / "categories" / "ecmhs" / "index.html").read_text(encoding="utf-8")
    first = ECMHS.indicators()[0]
    assert f'id="{first.id}"' in html
    assert not re.search(r"""(src|href)=["']https?://(?!127\.0\.0\.1)""", html.replace(
        'href="https://squidfunk.github.io/mkdocs-material/"', ""))  # the theme's credit link is plain text + link


def test_search_index_holds_indicators_but_not_boilerplate(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs = index["docs"]
    first = ECMHS.indicators()[0]
    hits = [d for d in docs if d["location"].endswith(f"#{first.id}")]
    assert len(hits) == 1 and hits[0]["title"].startswith(first.text.split(" ")[0])
    assert not any("Paraphrase. The indicators below" in d["text"] for d in docs)
    assert not any(d["location"].startswith("atlas/knowledge-areas/") and first.id in d["text"] for d in docs)


def test_navigate_from_home_to_an_indicator(page, site_url: str) -> None:
    page.goto(site_url)
    page.get_by_role("link", name="the categories").first.click()
    page.get_by_role("link", name="Early Childhood Mental Health Specialist").first.click()
    page.wait_for_url(re.compile(r"/atlas/categories/ecmhs/"))
    target = ECMHS.indicators()[5]
    heading = page.locator(f"h4[id='{target.id}']")
    heading.get_by_role("link").click()  # the permalink of the indicator
    assert urlsplit(page.url).fragment == target.id
    assert heading.is_visible() and heading.inner_text().startswith(target.text[:30])


def test_search_a_phrase_and_land_on_the_indicator(page, site_url: str) -> None:
    target = [i for i in ECMHS.indicators() if len(i.text.split()) > 10][7]
    phrase = " ".join(target.text.rstrip(".").split()[:8])  # what a person remembers of an indicator
    page.goto(site_url + "atlas/")
    search(page, phrase)
    result = page.locator(f".md-search-result__link[href$='#{target.id}']")
    result.first.wait_for(timeout=15000)
    result.first.click()
    page.wait_for_url(re.compile(re.escape("#" + target.id) + "$"))
    heading = page.locator(f"h4[id='{target.id}']")
    heading.wait_for()
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]


def test_no_request_leaves_the_local_server(browser, site_url: str) -> None:
    context, requests = recording_context(browser)
    page = context.new_page()
    for path in ["", "atlas/", "atlas/categories/ecmhs/", "atlas/knowledge-areas/pregnancy/", "atlas/glossary/",
                 "atlas/requirements/", "atlas/roles/eimhs/", "atlas/about-data/", "atlas/domains/tf/"]:
        page.goto(site_url + path, wait_until="networkidle")
    search(page, "attachment")
    page.locator(".md-search-result__item").first.wait_for(timeout=15000)
    context.close()
    assert requests and origins_outside(requests, site_url) == set()
    assert len(requests) > 9


@pytest.mark.parametrize("path", ["", "atlas/", "atlas/categories/ecmhs/", "atlas/categories/ifa/", "atlas/domains/",
                                  "atlas/domains/dss/", "atlas/knowledge-areas/observation-listening/",
                                  "atlas/requirements/", "atlas/roles/eimhs/", "atlas/glossary/",
                                  "atlas/about-data/", "atlas/self-assessment/", "reference/data-files/",
                                  "atlas/crosswalks/", "atlas/crosswalks/eimhs-role/", "atlas/compare/",
                                  "atlas/compare/imhs--ecmhs/", "atlas/open-data/"])
def test_no_accessibility_violations_on_each_page_kind(page, site_url: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + path, wait_until="networkidle")
    options = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
               "resultTypes": ["violations"]}
    results = Axe().run(page, options=options)
    assert results.violations_count == 0, results.generate_report()


def test_every_dialog_has_a_name(built_site: Path, page, site_url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    unnamed = [str(p.relative_to(built_site)) for p in sorted(built_site.rglob("*.html"))
               if re.search(r'role="dialog"(?![^>]*aria-label)', p.read_text(encoding="utf-8"))]
    assert not unnamed, unnamed[:5]
    page.goto(site_url, wait_until="networkidle")
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["aria-dialog-name"]}})
    assert results.violations_count == 0, results.generate_report()


def test_every_page_has_a_strict_content_security_policy(built_site: Path) -> None:
    from generator.csp import inline_script_hashes

    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        match = re.search(r'<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert match, path
        directives = dict(d.strip().split(" ", 1) for d in match.group(1).split(";"))
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        assert "unsafe-inline" not in match.group(1) and "unsafe-eval" not in match.group(1)
        assert set(inline_script_hashes(html)) <= set(directives["script-src"].split()), path
        assert not re.search(r"\son[a-z]+=\"", html), f"inline event handler in {path}"
    header = (built_site / "csp-header.txt").read_text(encoding="utf-8")
    assert header.startswith("Content-Security-Policy: default-src 'self'; script-src 'self' 'sha256-")
