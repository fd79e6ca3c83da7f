"""Benchmark the self-assessment's "self and raters" comparison in Chromium: with three rater files on ECMHS, the time
to update the comparison after one change of the self rating, to switch a filter, and to build the whole panel.

Prints medians; never asserts. Run with `make bench` (builds the site first) or `bench/run_all.py --only ...`.
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browsing import CHROMIUM_ARGS, find_chromium, serve_folder  # noqa: E402

SETUP = """async () => {
  const raters = await import(new URL('../../../assets/js/assessment/raters.mjs', location.href).href);
  const data = JSON.parse(document.getElementById('atlas-assessment-data').textContent);
  const levels = [0, 1, 2, 3, "nei"];
  let companion = raters.emptyCompanion(data);
  ["supervisor", "reflective-supervisor", "colleague"].forEach((role, r) => {
    let rating = raters.setRatingField(raters.setRatingField(raters.emptyRating(data, new Date()), "person", "J. D."), "rater_role", role);
    data.items.forEach((item, i) => { rating = raters.rateItem(rating, item.id, levels[(i * (r + 2)) % 5], data); });
    rating = raters.noteItem(rating, data.items[r].id, "A note of the rater", data);
    companion = raters.addRater(companion, raters.parseRaterFile(raters.raterFileText(data, rating), data, companion).rater);
  });
  localStorage.clear();
  localStorage.setItem(`${data.storage_key}:${data.category.id}:raters`, raters.companionText(companion));
}"""

MEASURE = """async ({changes}) => {
  const state = await import(new URL('../../../assets/js/assessment/state.mjs', location.href).href);
  const app = document.getElementById('atlas-assessment').atlasApp;
  const view = app.raters;
  await view.show("compare");  // resolves once the panel (its code loaded on first use) is built
  const items = app.data.items;
  const comparison = [], whole = [], filters = [], panels = [];
  for (let i = 0; i < changes; i++) {
    const item = items[(i * 7) % items.length];
    const rating = i % 4;
    let start = performance.now();
    app.update(() => state.setRating(app.state, item.id, rating, app.data), item.id);  // what a radio's change does
    document.body.offsetHeight;  // include style and layout
    whole.push(performance.now() - start);
    start = performance.now();
    view.refresh(item.id);  // the comparison's own part of that update
    document.body.offsetHeight;
    comparison.push(performance.now() - start);
  }
  for (let i = 0; i < 10; i++) {
    const start = performance.now();
    view.setFilter(["differ", "could-not-rate", "all"][i % 3]);
    document.body.offsetHeight;
    filters.push(performance.now() - start);
  }
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    view.renderCompare();
    document.body.offsetHeight;
    panels.push(performance.now() - start);
  }
  return {items: items.length, raters: Object.keys(view.companion.raters).length, comparison, whole, filters, panels};
}"""


def median(values: list[float]) -> float:
    """Median of a list."""
    return statistics.median(values)


def p90(values: list[float]) -> float:
    """90th percentile of a list (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.9) - 1)]


def main() -> None:
    """Build is expected in site/; measure ECMHS with three raters and print a table."""
    from playwright.sync_api import sync_playwright

    site = ROOT / "site"
    if not (site / "atlas" / "self-assessment" / "ecmhs" / "index.html").is_file():
        sys.exit("build the site first: make site")
    with serve_folder(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(p.chromium.executable_path), args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(url + "atlas/self-assessment/ecmhs/")
        page.locator('#atlas-assessment[data-built="true"]').wait_for()
        page.evaluate(SETUP)
        page.reload()
        page.locator('#atlas-assessment[data-built="true"]').wait_for()
        r = page.evaluate(MEASURE, {"changes": 30})
        print("| category | items | rater files | comparison update after one change ms (median of 30) | p90 ms | "
              "whole change (save, report, comparison) ms | p90 ms | filter switch ms | whole panel built ms |")
        print("|---|---|---|---|---|---|---|---|---|")
        print(f"| ECMHS | {r['items']} | {r['raters']} | {median(r['comparison']):.2f} | {p90(r['comparison']):.2f} | "
              f"{median(r['whole']):.2f} | {p90(r['whole']):.2f} | {median(r['filters']):.2f} | {median(r['panels']):.1f} |")
        browser.close()
    load = Path("/proc/loadavg").read_text().split()[0] if Path("/proc/loadavg").is_file() else "unknown"
    print(f"Load average while measuring: {load} (on a shared machine the p90 mostly shows other processes).")
    print("Script time measured with performance.now(), each including the style and layout it causes (a forced "
          "layout). After one change only that item's row, the filter counts and (when it changes) the learning "
          "plan's list are redrawn; no average is computed.")


if __name__ == "__main__":
    main()
