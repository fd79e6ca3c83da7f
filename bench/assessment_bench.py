"""Benchmark the self-assessment page in Chromium: time to render it, and to update after one change.

For ECMHS and for a synthetic category of 1,000 indicators (made in the page from ECMHS's data; never shipped).
Prints medians; never asserts. Run with `make bench` (builds the site first).
"""
from __future__ import annotations

import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browsing import CHROMIUM_ARGS, find_chromium, serve_folder  # noqa: E402

MEASURE = """async ({size, changes}) => {
  const ui = await import(new URL('../../../assets/js/assessment/ui.mjs', location.href).href);
  const source = document.getElementById('atlas-assessment-data');
  const data = JSON.parse(source.textContent);
  if (size) {
    const base = data.items;
    data.items = Array.from({length: size}, (_, i) => ({...base[i % base.length], id: `bench.item.${i}`}));
  }
  const firsts = [], renders = [], longest = [];
  for (let run = 0; run < 5; run++) {
    localStorage.clear();
    const root = document.getElementById('atlas-assessment');
    root.removeAttribute('data-ready');
    source.textContent = JSON.stringify(data);
    const tasks = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
    observer.observe({type: 'longtask'});
    const start = performance.now();
    ui.start();
    firsts.push(performance.now() - start);
    await root.atlasApp.ready;
    renders.push(performance.now() - start);
    await new Promise((resolve) => setTimeout(resolve, 50));  // let the observer report the last task
    observer.disconnect();
    longest.push(Math.max(0, ...tasks));
  }
  const radios = [...document.querySelectorAll('fieldset.atlas-item input[type=radio]')];
  const updates = [];
  for (let i = 0; i < changes; i++) {
    const radio = radios[(i * 7) % radios.length];
    const start = performance.now();
    radio.click();  // change -> core update -> save -> progress -> gap report rebuilt, all synchronous
    updates.push(performance.now() - start);
  }
  return {items: data.items.length, firsts, renders, longest, updates};
}"""


def median(values: list[float]) -> float:
    """Median of a list."""
    return statistics.median(values)


def main() -> None:
    """Build is expected in site/; measure both sizes and print a table."""
    from playwright.sync_api import sync_playwright

    site = ROOT / "site"
    if not (site / "atlas" / "self-assessment" / "ecmhs" / "index.html").is_file():
        sys.exit("build the site first: make site")
    with serve_folder(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(p.chromium.executable_path), args=CHROMIUM_ARGS)
        page = browser.new_page()
        print("| category | items | first items shown ms | all items built ms (median of 5) | "
              "longest task while building ms | update after one change ms (median of 30) | update p90 ms |")
        print("|---|---|---|---|---|---|---|")
        for label, size in [("ECMHS", 0), ("synthetic", 1000)]:
            page.goto(url + "atlas/self-assessment/ecmhs/")
            page.locator('#atlas-assessment[data-built="true"]').wait_for()
            result = page.evaluate(MEASURE, {"size": size, "changes": 30})
            updates = sorted(result["updates"])
            print(f"| {label} | {result['items']} | {median(result['firsts']):.1f} | {median(result['renders']):.1f} | "
                  f"{median(result['longest']):.0f} | {median(updates):.2f} | {updates[int(len(updates) * 0.9) - 1]:.2f} |")
        browser.close()
    print("The items are built four per task, so the page answers input while they are built. Times are script "
          "time measured with performance.now(); the longest task is the browser's own long-task report (0 when no "
          "task took over 50 ms), including layout and paint.")


if __name__ == "__main__":
    main()
