"""What a person sees: every field has a visible boundary, no page scrolls sideways on a phone, and nothing on a page
jumps while it loads (its apps are built into room kept for them)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from browsing import page_kind_urls

pytestmark = pytest.mark.browser

PAGES = page_kind_urls()
"""One page of each kind, the interactive ones included."""

UNMARKED = """() => [...document.querySelectorAll('.md-typeset__scrollwrap')]
    .filter((w) => w.scrollWidth > w.clientWidth + 1)
    .filter((w) => !(w.getAttribute('role') === 'region' && w.tabIndex === 0 && w.firstElementChild
                     && !w.firstElementChild.hidden && /scroll sideways/.test(w.firstElementChild.innerText)))
    .map((w) => w.querySelector('th') ? w.querySelector('th').innerText : '?')"""
"""The first header of every table that scrolls sideways without a hint that says so at the top of its wrapper."""


def wait_until_marked(page, timeout_ms: float = 5000) -> None:
    """Give the page's script time to mark its wide tables (after the first paint, in a ResizeObserver callback: a
    fixed wait was too short on a loaded machine); the test then reads what is still unmarked."""
    try:
        page.wait_for_function(f"() => ({UNMARKED})().length === 0", timeout=timeout_ms)
    except PlaywrightTimeoutError:
        pass


def screenshot(page, folder: Path, path: str, width: int) -> None:
    """Keep a screenshot of the page as a test artefact (under pytest's temporary folder, never committed)."""
    page.screenshot(path=str(folder / f"{re.sub(r'[^a-z0-9]+', '-', path).strip('-') or 'home'}-{width}.png"))

BOUNDARIES = """() => {
  const rgba = (text) => { const m = text.match(/[\\d.]+/g) || ['0', '0', '0', '0'];
    return [+m[0], +m[1], +m[2], m.length > 3 ? +m[3] : 1]; };
  const over = (top, base) => [0, 1, 2].map((i) => top[i] * top[3] + base[i] * (1 - top[3])).concat(1);
  const background = (element) => { const layers = [];
    for (let e = element; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor);
      if (c[3] > 0) layers.push(c); if (c[3] >= 1) break; }
    return layers.reverse().reduce((base, top) => over(top, base), [255, 255, 255, 1]); };
  const luminance = (c) => { const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05); };
  const out = [];
  for (const el of document.querySelectorAll('.md-content input, .md-content select, .md-content textarea, .md-content button')) {
    const style = getComputedStyle(el, el.type === 'file' ? '::file-selector-button' : null);
    if (el.type === 'hidden' || el.type === 'checkbox' || el.type === 'radio' || !el.getClientRects().length) continue;
    if (style.visibility === 'hidden') continue;
    const around = background(el.parentElement);
    const own = over(rgba(style.backgroundColor), around);
    const width = parseFloat(style.borderTopWidth) || 0;
    const edge = width >= 1 && style.borderTopStyle !== 'none' ? contrast(over(rgba(style.borderTopColor), around), around) : 0;
    const fill = contrast(own, around);
    if (Math.max(edge, fill) < 3) out.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}` +
      `${el.className ? '.' + String(el.className).split(' ')[0] : ''} "${(el.labels && el.labels[0] ? el.labels[0].innerText : el.innerText || el.name || '').slice(0, 40)}" edge ${edge.toFixed(2)} fill ${fill.toFixed(2)}`);
  }
  return out;
}"""


@pytest.mark.parametrize("path", PAGES)
def test_every_field_and_button_has_a_visible_boundary(page, site_url: str, path: str, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    assert page.goto(site_url + path, wait_until="networkidle").ok, path
    page.wait_for_function("!document.querySelector('[aria-busy=true]')")
    screenshot(page, tmp_path, path, 1280)
    faint = page.evaluate(BOUNDARIES)
    assert not faint, f"{path}: fields without a 3:1 boundary: {faint}"


@pytest.mark.parametrize("path", PAGES)
def test_no_page_scrolls_sideways_on_a_phone(page, site_url: str, path: str, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.goto(site_url + path, wait_until="networkidle").ok, path
    wait_until_marked(page)
    screenshot(page, tmp_path, path, 390)
    assert page.evaluate("document.documentElement.scrollWidth") == 390, path
    unmarked = page.evaluate(UNMARKED)
    assert not unmarked, f"{path}: tables that scroll sideways without saying so: {unmarked}"


@pytest.mark.parametrize("path", ["atlas/requirements/", "atlas/crosswalks/"])
def test_wide_tables_at_1280_say_they_scroll(page, site_url: str, path: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + path, wait_until="networkidle")
    wait_until_marked(page)
    assert page.locator(".atlas-scroll-hint:visible").count() > 0, f"{path}: no table says it scrolls"
    assert not page.evaluate(UNMARKED), path


def test_wide_tables_at_full_width_say_they_scroll(page, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + "atlas/crosswalks/", wait_until="networkidle")
    hint = page.locator(".atlas-scroll-hint").first
    hint.wait_for()
    assert "scroll sideways to see all" in hint.inner_text()
    region = page.get_by_role("region", name="This table is wider than the page").first
    region.focus()
    region.press("ArrowRight")
    page.wait_for_function("() => [...document.querySelectorAll('.atlas-scrolls')].some((w) => w.scrollLeft > 0)")


LAYOUT_SHIFTS = """(() => {
  window.__shifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) {
        window.__shifts.push({value: entry.value, moved: entry.sources.map((source) => {
          const node = source.node;
          return node && node.nodeType === 1 ? node.tagName.toLowerCase() + (node.className ? '.' + String(node.className).split(' ')[0] : '') : String(node && node.nodeName);
        })});
      }
    }
  }).observe({type: 'layout-shift', buffered: true});
})()"""
"""Collects the page's layout shifts that no input caused (what Lighthouse's layout shift, CLS, adds up)."""


@pytest.mark.parametrize("path", PAGES)
def test_nothing_on_a_page_shifts_while_it_loads_and_its_app_is_built(page, site_url: str, path: str) -> None:
    page.set_viewport_size({"width": 412, "height": 823})  # Lighthouse's phone
    page.add_init_script(LAYOUT_SHIFTS)
    assert page.goto(site_url + path, wait_until="networkidle").ok, path
    page.wait_for_function("!document.querySelector('[aria-busy=true]')")
    page.wait_for_function("""() => [...document.querySelectorAll('.atlas-assessment, .atlas-mapper')]
        .every((app) => app.dataset.ready === 'true')""")
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    shifts = page.evaluate("window.__shifts")
    total = sum(shift["value"] for shift in shifts)
    assert total < 0.02, f"{path}: layout shift {total:.3f} ({shifts})"
