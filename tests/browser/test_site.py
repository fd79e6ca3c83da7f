"""The built site in a real browser: navigation, search landing on an indicator, no third-party requests."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from playwright.sync_api import expect

from browsing import RESULT_LINKS, page_kind_urls, WCAG, origins_outside, recording_context, search, serve_folder
from conftest import real_model

pytestmark = pytest.mark.browser
MODEL = real_model()
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


PAGEFIND_QUERY = """async (query) => {
    const pagefind = await import('/pagefind/pagefind.js');
    const found = await pagefind.search(query);
    return Promise.all(found.results.map(async (result) => {
        const data = await result.data();
        return {url: data.url, content: data.content, headings: data.sub_results.map((sub) => sub.url)};
    }));
}"""
"""Every result of a query through Pagefind's own API: page address, indexed text, and addresses of its headings."""


def indexed(page, site_url: str, query: str) -> list[dict]:
    """What the site's search index gives for a query."""
    page.goto(site_url + "atlas/glossary/", wait_until="networkidle")
    return page.evaluate(PAGEFIND_QUERY, query)


def test_search_index_holds_indicators_but_not_boilerplate(page, site_url: str) -> None:
    first = ECMHS.indicators()[0]
    results = indexed(page, site_url, first.text)
    assert any(f"/atlas/categories/ecmhs/#{first.id}" in r["headings"] for r in results)
    assert not any(r["url"].startswith("/atlas/knowledge-areas/") and first.id in r["content"] for r in results)
    assert all("Paraphrase. The indicators below" not in r["content"] for r in results)
    assert all("¶" not in r["content"] for r in results)  # heading permalinks are not content


def test_pages_taken_out_of_search_are_not_indexed(page, site_url: str) -> None:
    urls = {r["url"] for r in indexed(page, site_url, "attachment")}
    assert "/atlas/categories/imhs/" in urls
    assert not any(url == "/" or url.startswith(("/atlas/compare/", "/atlas/crosswalks/imhs-")) for url in urls)


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
    page.goto(site_url + "atlas/categories/ecmhs/")  # the indicator is on this page: the link only scrolls to it
    # In quotes (Pagefind's exact-phrase search): for loose common words Pagefind lists only a page's best few
    # headings, and long sections such as the requirements can outrank the indicator.
    search(page, f'"{phrase}"')
    result = page.locator(f"{RESULT_LINKS}[href$='#{target.id}']")
    result.first.wait_for(timeout=15000)
    result.first.click()
    page.wait_for_url(re.compile(re.escape("#" + target.id) + "$"))
    heading = page.locator(f"h4[id='{target.id}']")
    heading.wait_for()
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    assert page.locator("dialog[open]").count() == 0


def test_search_by_keyboard_only(page, site_url: str) -> None:
    page.goto(site_url + "atlas/", wait_until="networkidle")
    for _ in range(5):  # skip link, logo, then the search button in the header
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.atlas-search-button')"):
            break
    else:
        pytest.fail("the search button cannot be reached with Tab")
    page.keyboard.press("Enter")
    box = page.get_by_role("dialog", name="search").get_by_role("searchbox")
    expect(box).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("dialog[open]")).to_have_count(0)
    expect(page.locator(".atlas-search-button")).to_be_focused()  # focus goes back where it was

    page.keyboard.press("/")
    expect(box).to_be_focused()
    page.keyboard.type("attachment")
    # The whole word's results: those of a part typed earlier may show first, and are replaced when they come.
    page.locator("dialog.atlas-search[data-answered='attachment']").wait_for(timeout=15000)
    page.keyboard.press("ArrowDown")
    first = page.locator(RESULT_LINKS).first
    expect(first).to_be_focused()
    href = first.get_attribute("href")
    title = page.title()
    # Held as long as a person holds a key: the theme's instant navigation drops a link followed by a key press
    # whose key-up comes within the same moment, which only scripted key presses do (plain links behave alike).
    page.keyboard.press("Enter", delay=120)
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    expect(page.locator("dialog[open]")).to_have_count(0)
    # The new page is shown (instant navigation changes the address before it swaps the content in), as a person
    # sees it before pressing the next key.
    page.wait_for_function("(before) => document.title !== before", arg=title)

    page.keyboard.press("Control+k")
    expect(box).to_be_focused()


def test_a_shortcut_pressed_while_the_page_starts_opens_search(page, site_url: str) -> None:
    # At DOMContentLoaded the page's module has run, but the search module starts only after the first frame: the
    # key press must not be lost in between.
    page.goto(site_url + "atlas/", wait_until="domcontentloaded")
    page.keyboard.press("Control+k")
    expect(page.get_by_role("dialog", name="search").get_by_role("searchbox")).to_be_focused()
    page.keyboard.type("attachment")
    page.locator("dialog.atlas-search[data-answered='attachment']").wait_for(timeout=15000)
    expect(page.locator("dialog.atlas-search")).to_have_count(1)  # one dialog: the module started once


def test_slash_types_a_slash_in_text_fields(page, site_url: str) -> None:
    page.goto(site_url + "atlas/self-assessment/ecmhs/", wait_until="networkidle")
    page.keyboard.press("/")  # outside a field it opens search: the shortcut is active on this page
    expect(page.get_by_role("dialog", name="search")).to_be_visible()
    page.keyboard.press("Escape")
    field = page.locator("#atlas-assessment fieldset.atlas-item textarea").first
    field.wait_for()
    field.click()
    page.keyboard.type("a/b")
    assert field.input_value() == "a/b"
    assert page.locator("dialog[open]").count() == 0


def test_search_that_cannot_load_says_so_and_loads_on_the_next_try(page, site_url: str) -> None:
    page.route("**/pagefind/pagefind.js", lambda route: route.abort())
    page.goto(site_url + "atlas/", wait_until="networkidle")
    button = page.get_by_role("button", name="Search")
    button.click()
    expect(button).to_have_attribute("title", re.compile("could not be loaded"))
    assert page.locator("dialog[open]").count() == 0
    page.unroute("**/pagefind/pagefind.js")
    button.click()
    expect(page.get_by_role("dialog", name="search")).to_be_visible()
    expect(button).to_have_attribute("title", "Search (/)")


def test_search_dialog_has_no_accessibility_violations(page, site_url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + "atlas/categories/ecmhs/", wait_until="networkidle")
    search(page, "reflective supervision")
    page.locator(RESULT_LINKS).first.wait_for(timeout=15000)
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


def test_search_works_under_the_policy_sent_as_a_header(built_site: Path, page) -> None:
    header = (built_site / "csp-header.txt").read_text(encoding="utf-8").strip()
    name, value = header.split(": ", 1)
    with serve_folder(built_site, headers={name: value}) as url:
        response = page.goto(url + "atlas/", wait_until="networkidle")
        assert response is not None and response.headers["content-security-policy"] == value
        search(page, "attachment")
        page.locator(RESULT_LINKS).first.wait_for(timeout=15000)  # WebAssembly ran; the fixture checks no refusal


def test_search_results_link_inside_a_site_published_in_a_sub_folder(built_site: Path, page, tmp_path: Path) -> None:
    (tmp_path / "atlas-site").symlink_to(built_site, target_is_directory=True)
    with serve_folder(tmp_path) as url:
        page.goto(url + "atlas-site/atlas/", wait_until="networkidle")
        search(page, "attachment")
        first = page.locator(RESULT_LINKS).first
        first.wait_for(timeout=15000)
        assert first.get_attribute("href").startswith("/atlas-site/atlas/")
        first.click()
        page.wait_for_url(re.compile(r"/atlas-site/atlas/.+/"))
        assert page.locator("h1").first.inner_text() != "404 - Not found"


def test_no_request_leaves_the_local_server(browser, site_url: str) -> None:
    context, requests = recording_context(browser)
    page = context.new_page()
    for path in ["", "atlas/", "atlas/categories/ecmhs/", "atlas/knowledge-areas/pregnancy/", "atlas/glossary/",
                 "atlas/requirements/", "atlas/roles/eimhs/", "atlas/about-data/", "atlas/domains/tf/"]:
        page.goto(site_url + path, wait_until="networkidle")
    search(page, "attachment")
    page.locator(RESULT_LINKS).first.wait_for(timeout=15000)
    context.close()
    assert requests and origins_outside(requests, site_url) == set()
    assert len(requests) > 9


@pytest.mark.parametrize("path", page_kind_urls())
def test_no_accessibility_violations_on_each_page_kind(page, site_url: str, path: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url + path, wait_until="networkidle")
    results = Axe().run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()


class _DialogFinder(HTMLParser):
    """Counts the elements whose role is dialog with neither aria-label nor aria-labelledby (text that only quotes
    role="dialog", in a code span say, is not an element and does not count)."""

    def __init__(self) -> None:
        super().__init__()
        self.unnamed = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if names.get("role") in ("dialog", "alertdialog") and not ({"aria-label", "aria-labelledby"} & set(names)):
            self.unnamed += 1


def unnamed_dialogs(html: str) -> int:
    """How many dialog elements of a page have no accessible name in their markup."""
    finder = _DialogFinder()
    finder.feed(html)
    return finder.unnamed


def test_every_dialog_has_a_name(built_site: Path, page, site_url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    pages = sorted(built_site.rglob("*.html"))
    assert pages
    unnamed = [str(p.relative_to(built_site)) for p in pages if unnamed_dialogs(p.read_text(encoding="utf-8"))]
    assert not unnamed, unnamed[:5]
    page.goto(site_url, wait_until="networkidle")
    search(page, "attachment")
    expect(page.get_by_role("dialog", name="search")).to_be_visible()
    results = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["aria-dialog-name"]}})
    assert results.violations_count == 0, results.generate_report()


def test_every_page_has_a_strict_content_security_policy(built_site: Path) -> None:
    from generator.site.csp import inline_script_hashes

    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        html = path.read_text(encoding="utf-8")
        match = re.search(r'<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert match, path
        directives = dict(d.strip().split(" ", 1) for d in match.group(1).split(";"))
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        assert "unsafe-inline" not in match.group(1) and "'unsafe-eval'" not in match.group(1)
        assert "'wasm-unsafe-eval'" in directives["script-src"].split(), path  # the search reads its index so
        assert set(inline_script_hashes(html)) <= set(directives["script-src"].split()), path
        assert not re.search(r"\son[a-z]+=\"", html), f"inline event handler in {path}"
    header = (built_site / "csp-header.txt").read_text(encoding="utf-8")
    assert header.startswith("Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval' "
                             "'sha256-")


def test_the_dialog_shows_exact_names_first_and_builds_only_what_is_on_screen(page, site_url: str) -> None:
    page.goto(site_url + "atlas/", wait_until="networkidle")
    search(page, "ECMHS")
    dialog = page.locator("dialog.atlas-search[data-answered='ECMHS']")
    dialog.wait_for(timeout=15000)
    first = page.locator(RESULT_LINKS).first.get_attribute("href")
    assert urlsplit(first).path == "/atlas/categories/ecmhs/"  # not the ECMHM pages Pagefind alone ranks higher
    status = page.get_by_role("status").inner_text()
    count = int(re.search(r"([\d,]+) results", status)[1].replace(",", ""))
    items = page.locator(".atlas-search__result")
    assert count > 10 and items.count() == 6  # only the first results are built
    page.get_by_role("button", name="More results").click()
    expect(items).to_have_count(12)
    assert page.evaluate("document.getAnimations().length") == 0  # nothing runs while the dialog sits open


def test_the_dialog_offers_more_results_only_when_there_are_more(page, site_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url, wait_until="networkidle")
    page.get_by_role("button", name="Search").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_role("searchbox").wait_for(timeout=15000)
    assert not dialog.get_by_role("button", name="More results").is_visible(), "shown before anything is typed"
    assert dialog.get_by_role("button", name="Close").count() == 1, "one close button on a phone"
    search_box = dialog.get_by_role("searchbox")
    search_box.fill("ECMHS")
    page.locator("dialog.atlas-search[data-answered='ECMHS']").wait_for(timeout=15000)
    assert dialog.get_by_role("button", name="More results").is_visible()


def test_a_result_opens_the_page_at_the_item_with_the_words_marked(page, site_url: str) -> None:
    page.goto(site_url + "atlas/glossary/", wait_until="networkidle")
    search(page, "Protective Services")
    target = next(i for i in ECMHS.indicators() if i.id == "ecmhs.lrp.law.2")
    link = page.locator(f"{RESULT_LINKS}[href*='#{target.id}']")
    link.first.wait_for(timeout=15000)
    link.first.click()
    page.wait_for_url(re.compile(re.escape("#" + target.id) + "$"))
    assert "highlight=" in page.url
    heading = page.locator(f"h4[id='{target.id}']")
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
    marks = page.locator("[data-pagefind-body] mark.pagefind-highlight")
    marks.first.wait_for(timeout=15000)  # the page marks the searched words
    assert heading.locator("mark.pagefind-highlight").all_inner_texts() == ["Protective", "Services"]


SEARCHES_SENT = """(() => {
    const Base = window.Worker;
    window.__searched = [];
    document.addEventListener('input', () => { window.__typedAt = performance.now(); }, true);
    window.Worker = class extends Base {
        postMessage(message, ...rest) {
            if (message?.method === 'search') {
                window.__searched.push(message.args[0]);
                window.__searchedAt ??= performance.now();
            }
            return super.postMessage(message, ...rest);
        }
    };
})()"""
"""Notes the words of every search the page asks Pagefind's worker for (search-core's searchSite asks it once per
query), when it asked first, and when the last text was typed."""
ANSWERS_SHOWN = """() => {
    window.__answered = [];
    window.__listed = [];
    const dialog = document.querySelector('dialog.atlas-search');
    new MutationObserver((records) => {
        for (const record of records) {
            const notes = record.attributeName === 'data-listed' ? window.__listed : window.__answered;
            const value = dialog.getAttribute(record.attributeName);
            if (notes.at(-1) !== value) notes.push(value);
        }
    }).observe(dialog, {attributes: true, attributeFilter: ['data-answered', 'data-listed']});
}"""
"""Notes every query whose results the dialog lists, and every query whose results it completes, in order."""


def dialog_holding(page, site_url: str, held_files: str) -> tuple:
    """Open the search dialog with the requests for held_files held back until `released` gets an item (then the
    held ones must be continued by the test), noting the answers it shows (ANSWERS_SHOWN); its search box, the held
    requests and `released`."""
    held, released = [], []
    page.context.route(held_files, lambda route: route.continue_() if released else held.append(route))
    page.goto(site_url + "atlas/", wait_until="networkidle")
    page.get_by_role("button", name="Search").click()
    box = page.get_by_role("dialog").get_by_role("searchbox")
    box.wait_for(timeout=15000)
    page.evaluate(ANSWERS_SHOWN)
    return box, held, released


def test_typing_fast_searches_only_the_latest_query_and_shows_only_its_results(page, site_url: str) -> None:
    query = "reflective supervision"
    page.add_init_script(SEARCHES_SENT)
    # the index pieces the first search asks for, answered once the whole query is typed
    box, held, released = dialog_holding(page, site_url, "**/pagefind/index/**")
    box.press_sequentially(query, delay=10)
    assert held, "the first search asked for no index piece: the test would not hold it up"
    first = page.evaluate("window.__searched")
    assert first and set(first) == {first[0]} and query.startswith(first[0]) and first[0] != query
    released.append(True)
    for route in held:
        route.continue_()
    page.locator(f"dialog.atlas-search[data-answered='{query}']").wait_for(timeout=15000)
    searched = page.evaluate("window.__searched")
    # The prefix being searched while the rest was typed, then the whole query: no prefix typed meanwhile.
    assert set(searched) == {first[0], query}, searched
    assert page.evaluate("window.__answered") == [query]  # the older query's answer never showed
    assert page.evaluate("window.__listed") == [query]
    expect(page.get_by_role("status")).to_have_text(re.compile(f"results? for “{query}”"))
    assert page.locator(RESULT_LINKS).count() > 0


def test_results_are_listed_by_title_as_soon_as_pagefind_answers_and_completed_when_their_data_loads(
        page, site_url: str) -> None:
    query = "attachment"
    # the results' data (Pagefind's page fragments), answered once the list is checked
    box, held, released = dialog_holding(page, site_url, "**/pagefind/fragment/**")
    box.fill(query)
    page.locator(f"dialog.atlas-search[data-listed='{query}']").wait_for(timeout=15000)
    pages = page.locator(".atlas-search__page")
    expect(pages).to_have_count(6)
    listed = [(link.get_attribute("href"), link.inner_text()) for link in pages.all()]
    assert all(href.startswith("/atlas/") and f"highlight={query}" in href and title for href, title in listed)
    assert page.locator(".atlas-search__excerpt").count() == 0  # nothing of the data yet
    expect(page.get_by_role("status")).to_have_text(re.compile(f"results? for “{query}”"))
    for _ in range(100):  # the dialog asks for the data once the listed results' frame is drawn
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the dialog asked for no result's data: the test would not hold it up"
    assert page.evaluate("window.__answered") == [], "completed without its data"
    released.append(True)
    for route in held:
        route.continue_()
    page.locator(f"dialog.atlas-search[data-answered='{query}']").wait_for(timeout=15000)
    # The same pages, in the same order, under the same links: Pagefind's own data says what the list said.
    assert [(link.get_attribute("href"), link.locator("span").first.inner_text()) for link in pages.all()] == listed
    assert page.locator(".atlas-search__excerpt").count() >= 6


def test_a_query_ending_in_a_short_word_is_searched_once_typing_pauses(page, site_url: str) -> None:
    page.add_init_script(SEARCHES_SENT)
    page.goto(site_url + "atlas/", wait_until="networkidle")
    search(page, "IE")
    page.locator("dialog.atlas-search[data-answered='IE']").wait_for(timeout=15000)
    assert set(page.evaluate("window.__searched")) == {"IE"}  # searched, not refused for its length
    pause = page.evaluate("import('/assets/js/search-core.mjs').then((core) => core.SHORT_QUERY_PAUSE)")
    waited = page.evaluate("window.__searchedAt - window.__typedAt")
    assert waited >= pause - 1, f"searched {waited:.0f} ms after typing, before the pause of {pause} ms"
    expect(page.get_by_role("status")).to_have_text(re.compile("results? for “IE”"))
