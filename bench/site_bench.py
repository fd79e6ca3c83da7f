"""Benchmark what people download and how fast search answers, in Chromium against locally served builds.

- Page weight: bytes of every response of a first load, gzip-compressed (level 6) as a server would send them,
  for the home, a category and a self-assessment page, beside a bare mkdocs-material page built in the same run;
  and the Atlas's own CSS and JavaScript on each page.
- Search: size of the search index per indicator, and the time from the last keystroke to results on screen,
  median of several queries, for the dataset and a synthetic framework 100x its size.
Prints Markdown tables; never asserts.
"""
from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from browser import CHROMIUM_ARGS, find_chromium, serve_folder  # noqa: E402
from build_bench import project_for  # noqa: E402
from generator.loader import load_model  # noqa: E402
from generator.project import build_site  # noqa: E402
from synthetic import make_synthetic  # noqa: E402

PAGES = [("home", ""), ("category (ECMHS)", "atlas/categories/ecmhs/"),
         ("self-assessment (ECMHS)", "atlas/self-assessment/ecmhs/")]
QUERIES = ["attachment", "parallel process", "confidential", "community resources", "developmental guidance"]
OWN = ("/assets/atlas.css", "/assets/js/")


def gz(data: bytes) -> int:
    """Size of data after gzip level 6."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def first_load(browser, url: str) -> tuple[int, int, int]:
    """(all bytes gzip, own CSS+JS bytes gzip, requests) of a first load in a fresh profile."""
    context = browser.new_context()
    page = context.new_page()
    responses = []
    page.on("response", lambda response: responses.append(response))
    page.goto(url, wait_until="networkidle")
    total = own = 0
    for response in responses:
        try:
            body = response.body()
        except Exception:  # redirects and aborted requests have no body
            continue
        size = gz(body)
        total += size
        if any(part in response.url for part in OWN):
            own += size
    context.close()
    return total, own, len(responses)


def bare_site(work: Path) -> Path:
    """Build a one-page mkdocs-material site with the same theme settings, for comparison."""
    root = work / "bare"
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Bare page\n\nOne paragraph of text.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: Bare\nsite_url: http://127.0.0.1/\ntheme:\n  name: material\n"
                                     "  font: false\n  features: [navigation.instant]\nplugins: [search]\n",
                                     encoding="utf-8")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")], check=True)
    return root / "site"


def search_times(browser, url: str) -> list[float]:
    """Milliseconds from the last keystroke of each query to the first results on screen."""
    page = browser.new_page()
    page.goto(url + "atlas/", wait_until="networkidle")
    box = page.get_by_role("textbox", name="Search")
    box.click()
    page.wait_for_function("() => !/initializing/i.test(document.querySelector('.md-search-result__meta')"
                           "?.textContent || 'x')", timeout=120000)
    times = []
    for query in QUERIES * 2:
        box.fill("")
        page.wait_for_function("() => !document.querySelector('.md-search-result__list')?.children.length")
        page.evaluate("""() => {
            window.__t0 = null; window.__t1 = null;
            const list = document.querySelector('.md-search-result__list');
            const input = document.querySelector('.md-search__input');
            input.addEventListener('keydown', () => { window.__t0 = performance.now(); }, {capture: true});
            new MutationObserver(() => {
                if (window.__t0 !== null && window.__t1 === null && list.children.length) window.__t1 = performance.now();
            }).observe(list, {childList: true});
        }""")
        box.press_sequentially(query[:-1], delay=30)
        page.evaluate("() => { window.__t0 = null; window.__t1 = null; }")
        box.press(query[-1])
        page.wait_for_function("() => window.__t1 !== null", timeout=60000)
        times.append(page.evaluate("() => window.__t1 - window.__t0"))
    page.close()
    return times


def main() -> None:
    """Measure and print."""
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--search-sizes", default="1,100", help="framework sizes to measure search on")
    args = parser.parse_args()
    model = load_model(ROOT / "competencies")
    indicators = sum(len(c.indicators()) for c in model.categories)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        work = Path(tmp)
        browser = p.chromium.launch(executable_path=find_chromium(p.chromium.executable_path), args=CHROMIUM_ARGS)
        with serve_folder(bare_site(work)) as bare_url:
            bare = first_load(browser, bare_url)[0]
        site = work / "site"
        build_site(project_for(make_synthetic(ROOT / "competencies", work / "data1", 1), work / "p1"), site)
        print("| page | first load, gzip KB | requests | Atlas CSS+JS, gzip KB | vs bare mkdocs-material page |")
        print("|---|---|---|---|---|")
        with serve_folder(site) as url:
            for label, path in PAGES:
                runs = [first_load(browser, url + path) for _ in range(3)]
                total = statistics.median(r[0] for r in runs)
                own = statistics.median(r[1] for r in runs)
                print(f"| {label} | {total / 1024:.1f} | {runs[0][2]} | {own / 1024:.1f} | {total / bare:.2f}x |")
        print(f"| bare mkdocs-material page | {bare / 1024:.1f} | | | 1.00x |")
        print()
        print("| framework | indicators | search index KB (gzip KB) | index bytes per indicator | "
              "keystroke to results, median ms | p90 ms |")
        print("|---|---|---|---|---|---|")
        for size in (int(s) for s in args.search_sizes.split(",")):
            build = work / f"site{size}"
            if size == 1:
                shutil.copytree(site, build)
            else:
                data = make_synthetic(ROOT / "competencies", work / f"data{size}", size)
                build_site(project_for(data, work / f"p{size}"), build)
            raw = (build / "search" / "search_index.json").read_bytes()
            with serve_folder(build) as url:
                times = sorted(search_times(browser, url))
            n = indicators * size
            print(f"| {size}x | {n} | {len(raw) / 1024:.0f} ({gz(raw) / 1024:.0f}) | {len(raw) / n:.0f} | "
                  f"{statistics.median(times):.0f} | {times[int(len(times) * 0.9) - 1]:.0f} |")
        browser.close()


if __name__ == "__main__":
    main()
