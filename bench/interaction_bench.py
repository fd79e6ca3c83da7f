"""Interaction timings in Chromium: from one change to the next paint, and the longest task while a page loads.

- Coursework mapper with 5 and with 40 courses (each mapping every knowledge area) and all target categories: one
  I/R/M change in the editor at a time.
- Self-assessment (ECMHS): one rating clicked at a time.
- Each without and with a 4x slower CPU (Chromium's own throttling, CDP `Emulation.setCPUThrottlingRate`), as
  Lighthouse stands for a phone.
Click to paint: from just before the change's event is dispatched until the frame after it is painted (a task queued
from requestAnimationFrame, which runs once that frame is drawn); script: the synchronous event handling alone. Peer,
in the same run and page: the same wait for the next paint after doing nothing (the floor any change pays, since
frames come every 16.7 ms). Long tasks are the browser's own reports (over 50 ms), observed from the start of the
document. Prints Markdown; never asserts.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browsing import CHROMIUM_ARGS, find_chromium, serve_folder  # noqa: E402

MAPPER = "atlas/programs/mapper/"
ASSESSMENT = "atlas/self-assessment/ecmhs/"
RATES = [1, 4]

LONG_TASKS = """(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration)))
    .observe({ type: 'longtask', buffered: true });
})();"""

MAP_OF = """(courses) => {
  const data = JSON.parse(document.getElementById('atlas-mapper-data').textContent);
  const levels = ['I', 'R', 'M'];
  return JSON.stringify({
    format: 'iecmh-atlas-program', version: 1, dataset_version: data.dataset_version,
    id: 'bench', institution: 'Bench', program: 'Bench', target_categories: data.categories.map((c) => c.id),
    courses: Array.from({ length: courses }, (_, n) => ({
      code: `B ${100 + n}`, title: `Course ${n}`,
      covers: data.knowledge_areas.map((k, i) => ({ item: `ka:${k.id}`, level: levels[(i + n) % 3] })),
    })),
  }, null, 2);
}"""

PAINT = """async ({ kind, changes }) => {
  const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const idle = () => new Promise((resolve) => setTimeout(resolve, 40));
  let controls = [];
  if (kind === 'mapper') controls = [...document.querySelectorAll('.atlas-editor select[data-item^="ka:"]')];
  if (kind === 'assessment') controls = [...document.querySelectorAll('fieldset.atlas-item input[type=radio]')];
  const act = (i) => {
    if (kind === 'mapper') {
      const select = controls[(i * 7) % controls.length];
      const options = ['', 'I', 'R', 'M'].filter((v) => v !== select.value);
      select.value = options[i % options.length];
      select.dispatchEvent(new Event('change', { bubbles: true }));
    } else if (kind === 'assessment') {
      controls[(i * 7) % controls.length].click();
    }
  };
  const before = window.__longTasks.length;
  const paints = [], scripts = [];
  for (let i = 0; i < changes; i++) {
    await idle();
    const start = performance.now();
    act(i);
    scripts.push(performance.now() - start);
    await nextPaint();
    paints.push(performance.now() - start);
  }
  await idle();
  return { paints, scripts, longTasks: window.__longTasks.length - before, controls: controls.length };
}"""


def median(values: list[float]) -> float:
    """The median."""
    return statistics.median(values) if values else 0.0


def p90(values: list[float]) -> float:
    """The 90th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * 0.9 + 0.5) - 1)] if ordered else 0.0


def open_page(context, url: str, rate: int, ready: str):  # noqa: ANN001, ANN201 - Playwright objects
    """A new page at url with the CPU slowed rate times, once the app says it is built; (page, longest task ms)."""
    page = context.new_page()
    page.add_init_script(LONG_TASKS)
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    page.goto(url)
    page.locator(ready).wait_for(timeout=120000)
    page.wait_for_timeout(300)
    return page, max([0.0, *page.evaluate("() => window.__longTasks")])


def measure(page, kind: str, changes: int) -> dict:  # noqa: ANN001 - Playwright's Page
    """Click-to-paint figures of `changes` changes and of as many no-op frames (the peer)."""
    result = page.evaluate(PAINT, {"kind": kind, "changes": changes})
    floor = page.evaluate(PAINT, {"kind": "none", "changes": changes})
    return {**result, "floor": floor["paints"]}


def main() -> None:
    """Measure and print."""
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=30, help="changes measured per case")
    args = parser.parse_args()
    site = ROOT / "site"
    if not (site / MAPPER / "index.html").is_file():
        sys.exit("build the site first: make site")
    rows = []
    with serve_folder(site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(p.chromium.executable_path), args=CHROMIUM_ARGS)
        cases = [("mapper, 5 courses, all targets", "mapper", 5), ("mapper, 40 courses, all targets", "mapper", 40),
                 ("self-assessment (ECMHS)", "assessment", 0)]
        for label, kind, courses in cases:
            for rate in RATES:
                context = browser.new_context()
                if kind == "mapper":
                    setup = context.new_page()
                    setup.goto(url + MAPPER)
                    saved = setup.evaluate(MAP_OF, courses)
                    setup.evaluate("(text) => localStorage.setItem('iecmh-atlas.mapper.v1', text)", saved)
                    setup.close()
                    page, load = open_page(context, url + MAPPER, rate, "#atlas-edit-course")
                else:
                    page, load = open_page(context, url + ASSESSMENT, rate, '#atlas-assessment[data-built="true"]')
                r = measure(page, kind, args.changes)
                rows.append(f"| {label} | {rate}x | {median(r['scripts']):.1f} | {median(r['paints']):.1f} | "
                            f"{p90(r['paints']):.1f} | {median(r['floor']):.1f} | "
                            f"{median(r['paints']) / max(median(r['floor']), 0.1):.2f}x | {r['longTasks']} of {args.changes} | "
                            f"{load:.0f} |")
                context.close()
        browser.close()
    print("| case | CPU | script ms (median) | change to next paint ms (median) | p90 ms | peer: nothing to next paint "
          "ms (median) | vs peer | changes with a long task | longest task while loading ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print()
    print(f"{args.changes} changes per case, 40 ms apart. The mapper's courses each map every knowledge area (levels "
          "I, R, M in turn); the change sets one knowledge area of the edited course to another level. Longest task "
          "while loading: 0 when no task took over 50 ms, from the start of the document until the app is built.")


if __name__ == "__main__":
    main()
