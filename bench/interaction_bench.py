"""Interaction timings in Chromium: from one change to the next paint, and the long tasks while a page loads.

- Coursework mapper with 5 and with 40 courses (each mapping every knowledge area) and all target categories: one
  I/R/M change in the editor at a time.
- Self-assessment (ECMHS): one rating clicked at a time.
- Each without and with a 4x slower CPU (Chromium's own throttling, CDP `Emulation.setCPUThrottlingRate`), as
  Lighthouse stands for a phone.
Click to paint: from just before the change's event is dispatched until the frame after it is painted (a task queued
from requestAnimationFrame, which runs once that frame is drawn); script: the synchronous event handling alone. Peer,
in the same run and page: the same wait for the next paint after doing nothing (the floor any change pays, since
frames come every 16.7 ms). Long tasks are the browser's own reports (over 50 ms), observed from the start of the
document.
Loading, several loads per case (each after one warm-up load, so scripts come from the cache as on a second visit):
the longest task until the app is built (+300 ms); of those, the longest in which the Atlas's own code ran
(attributed with the browser's Long Animation Frames reports: a long task is the Atlas's when a script of
assets/js/ ran in it); and the longest style, layout and paint of one frame (the rendering that follows a script,
in a task of its own). Peer: a bare mkdocs-material page (one paragraph, the same theme) loaded the same way in the
same run: what the theme alone costs (its bundle's evaluation is one long task the Atlas cannot split). Prints
Markdown; never asserts.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browsing import CHROMIUM_ARGS, find_chromium, serve_folder  # noqa: E402

MAPPER = "atlas/programs/mapper/"
ASSESSMENT = "atlas/self-assessment/ecmhs/"
RATES = [1, 4]
LOADS = 3
OWN_CODE = "/assets/js/"

LONG_TASKS = """(() => {
  window.__longTasks = [];
  window.__loading = { tasks: [], scripts: [], renders: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      window.__longTasks.push(e.duration);
      window.__loading.tasks.push([e.startTime, e.duration]);
    }
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const frame of list.getEntries()) {
      if (frame.styleAndLayoutStart) window.__loading.renders.push(frame.startTime + frame.duration - frame.styleAndLayoutStart);
      for (const s of frame.scripts) window.__loading.scripts.push([s.startTime, s.duration, s.sourceURL]);
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
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


def loading_figures(loading: dict) -> dict:
    """The longest task, the longest in which the Atlas's own code ran, and the longest rendering of a frame (ms)."""
    own = [duration for start, duration in loading["tasks"]
           if any(s < start + duration and s + d > start and OWN_CODE in url for s, d, url in loading["scripts"])]
    return {"longest": max([0.0, *(d for _, d in loading["tasks"])]), "own": max([0.0, *own]),
            "render": max([0.0, *loading["renders"]])}


def open_page(context, url: str, rate: int, ready: str):  # noqa: ANN001, ANN201 - Playwright objects
    """A new page at url with the CPU slowed rate times, once the app says it is built; (page, loading figures)."""
    page = context.new_page()
    page.add_init_script(LONG_TASKS)
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    page.goto(url)
    page.locator(ready).wait_for(timeout=120000)
    page.wait_for_timeout(300)
    return page, loading_figures(page.evaluate("() => window.__loading"))


def loads(context, url: str, rate: int, ready: str, count: int) -> dict:  # noqa: ANN001 - Playwright's context
    """The median of each loading figure over count loads of url (the last page is kept open, for the changes)."""
    runs, page = [], None
    for _ in range(count):
        if page is not None:
            page.close()
        page, figures = open_page(context, url, rate, ready)
        runs.append(figures)
    return {"page": page, **{key: median([r[key] for r in runs]) for key in runs[0]}}


def measure(page, kind: str, changes: int) -> dict:  # noqa: ANN001 - Playwright's Page
    """Click-to-paint figures of `changes` changes and of as many no-op frames (the peer)."""
    result = page.evaluate(PAINT, {"kind": kind, "changes": changes})
    floor = page.evaluate(PAINT, {"kind": "none", "changes": changes})
    return {**result, "floor": floor["paints"]}


def main() -> None:
    """Measure and print."""
    from playwright.sync_api import sync_playwright

    from site_bench import bare_site

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--changes", type=int, default=30, help="changes measured per case")
    parser.add_argument("--loads", type=int, default=LOADS, help="loads measured per case")
    args = parser.parse_args()
    site = ROOT / "site"
    if not (site / MAPPER / "index.html").is_file():
        sys.exit("build the site first: make site")
    rows, loading_rows = [], []
    with tempfile.TemporaryDirectory() as tmp, serve_folder(site) as url, \
            serve_folder(bare_site(Path(tmp))) as bare_url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(p.chromium.executable_path), args=CHROMIUM_ARGS)
        bare = {rate: [] for rate in RATES}

        def bare_loads(rate: int) -> dict:
            """The bare page's loading figures at rate, measured now (beside the case just measured)."""
            context = browser.new_context()
            warm = context.new_page()
            warm.goto(bare_url)
            warm.close()
            figures = loads(context, bare_url, rate, "body", args.loads)
            context.close()
            bare[rate].append(figures)
            return figures

        cases = [("mapper, 5 courses, all targets", "mapper", 5), ("mapper, 40 courses, all targets", "mapper", 40),
                 ("self-assessment (ECMHS)", "assessment", 0)]
        for label, kind, courses in cases:
            for rate in RATES:
                context = browser.new_context()
                setup = context.new_page()
                setup.goto(url + (MAPPER if kind == "mapper" else ASSESSMENT))  # the warm-up load
                if kind == "mapper":
                    saved = setup.evaluate(MAP_OF, courses)
                    setup.evaluate("(text) => localStorage.setItem('iecmh-atlas.mapper.v1', text)", saved)
                    setup.close()
                    load = loads(context, url + MAPPER, rate, '#atlas-mapper[data-built="true"]', args.loads)
                else:
                    setup.locator('#atlas-assessment[data-built="true"]').wait_for(timeout=120000)
                    setup.close()
                    load = loads(context, url + ASSESSMENT, rate, '#atlas-assessment[data-built="true"]', args.loads)
                r = measure(load["page"], kind, args.changes)
                rows.append(f"| {label} | {rate}x | {median(r['scripts']):.1f} | {median(r['paints']):.1f} | "
                            f"{p90(r['paints']):.1f} | {median(r['floor']):.1f} | "
                            f"{median(r['paints']) / max(median(r['floor']), 0.1):.2f}x | {r['longTasks']} of {args.changes} | "
                            f"{load['longest']:.0f} |")
                context.close()
                floor = bare_loads(rate)["longest"]
                loading_rows.append(f"| {label} | {rate}x | {load['longest']:.0f} | {load['own']:.0f} | "
                                    f"{load['render']:.0f} | {floor:.0f} | {load['longest'] / max(floor, 1):.2f}x |")
        browser.close()
    print("| case | CPU | script ms (median) | change to next paint ms (median) | p90 ms | peer: nothing to next paint "
          "ms (median) | vs peer | changes with a long task | longest task while loading ms |")
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    print()
    print(f"{args.changes} changes per case, 40 ms apart. The mapper's courses each map every knowledge area (levels "
          "I, R, M in turn); the change sets one knowledge area of the edited course to another level. Longest task "
          "while loading: 0 when no task took over 50 ms, from the start of the document until the app is built "
          "(the median of the loads below).")
    print()
    print("| loading | CPU | longest task ms | longest task running the Atlas's code ms | longest rendering of a "
          "frame ms | peer: bare mkdocs-material page, longest task ms | vs peer |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(loading_rows))
    for rate in RATES:
        figures = {key: median([b[key] for b in bare[rate]]) for key in ("longest", "own", "render")}
        print(f"| bare mkdocs-material page (all its loads) | {rate}x | {figures['longest']:.0f} | {figures['own']:.0f} | "
              f"{figures['render']:.0f} | {figures['longest']:.0f} | 1.00x |")
    print()
    print(f"Medians of {args.loads} loads per case, each after a warm-up load in the same browser context, from the "
          "start of the document until the app is built (+300 ms). 0: no task (or rendering) over 50 ms. Longest "
          "task running the Atlas's code: the longest task in which a script of assets/js/ ran (the browser's Long "
          "Animation Frames reports name each script over 5 ms; a task of only shorter scripts of the Atlas is not "
          "counted). Longest rendering: from the start of one frame's style and layout to the end of that frame "
          "(layout, paint and the ResizeObserver callbacks of the theme and of wide-tables.mjs), from the same "
          "reports; it is a task of its own when the frame follows a script. The bare page's longest task is the "
          "theme's own floor (its bundle.js evaluated in one task), which every page of the site pays too; it is "
          f"loaded {args.loads} times right after each case, at the same CPU (the machine's load changes during a run), "
          "and its last rows are the medians of all its loads; vs peer: the page's longest task over the bare page's "
          "measured beside it.")


if __name__ == "__main__":
    main()
