"""Benchmark what people download and how fast search answers, in Chromium against locally served builds.

- Page weight: bytes of every response of a first load, gzip-compressed (level 6) as a server would send them,
  for the home, a category and a self-assessment page, beside a bare mkdocs-material page built in the same run;
  and the Atlas's own CSS and JavaScript on each page.
- Search: MkDocs Material's built-in (lunr) search beside Pagefind, on the same build of the dataset and of
  synthetic frameworks 10x and 100x its size (each size built once). For each engine: index size on disk, the bytes
  its search transferred, the time from opening search until it can answer, the first (cold) query, and the time
  from the last keystroke to the first result on screen (median and p90 of the warm queries), each in its own UI:
  Material's on an Atlas page, Pagefind's default UI on a bench-only page added to the build (no CSP).
  Pagefind indexes the same pages and the same parts of them as Material (see pagefind_index).
Prints Markdown tables; never asserts.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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
PAGEFIND_CLI = ROOT / "bench" / "node_modules" / ".bin" / "pagefind"
PAGEFIND_PAGE = "pagefind-bench.html"
# Bench-only page: Pagefind's own UI, without the site's Content-Security-Policy. The UI waits 300 ms after each
# keystroke by default before it searches; that is set to 0 here, as Material searches at once.
PAGEFIND_HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Pagefind bench</title>
<link href="/pagefind/pagefind-ui.css" rel="stylesheet">
<script src="/pagefind/pagefind-ui.js"></script>
</head>
<body>
<div id="search"></div>
<script>
window.addEventListener("DOMContentLoaded", () => {
  new PagefindUI({element: "#search", showSubResults: true, debounceTimeoutMs: 0});
});
</script>
</body>
</html>
"""


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


def search_exclusions() -> tuple[list[str], int]:
    """Selectors for what Material leaves out of its index but Pagefind would not see as excluded.

    Material drops the template elements marked data-search-exclude, then strips that attribute from the HTML
    it writes, so Pagefind (which reads the written HTML) is given the same elements by tag plus class or id, read
    from the templates; also Material's heading permalinks (the pilcrow). Returns the selectors and how many marked
    elements have neither class nor id and stay indexed by Pagefind.
    """
    selectors, uncovered = {"a.headerlink"}, 0
    for template in sorted((ROOT / "site_templates").rglob("*.j2")):
        for tag, attrs in re.findall(r"<(\w+)([^>]*\bdata-search-exclude[^>]*)>", template.read_text("utf-8")):
            ident = re.search(r'\bid="([\w-]+)"', attrs)
            classes = re.search(r'\bclass="([\w\s-]+)"', attrs)
            if ident:
                selectors.add(f"#{ident.group(1)}")
            elif classes:
                selectors.add(tag + "".join(f".{c}" for c in classes.group(1).split()))
            else:
                uncovered += 1
    return sorted(selectors), uncovered


def indexed_pages(build: Path) -> list[str]:
    """The HTML files, relative to build, that Material indexed (pages with `search: exclude` are not)."""
    index = json.loads((build / "search" / "search_index.json").read_text(encoding="utf-8"))
    pages = {doc["location"].split("#", 1)[0] for doc in index["docs"]}
    return sorted(page + "index.html" if not page or page.endswith("/") else page for page in pages)


def pagefind_index(build: Path, stage: Path) -> tuple[float, int]:
    """Index with Pagefind the pages Material indexes; (seconds the CLI took, pages).

    The pages are hard-linked at their own paths into stage, so result URLs are the site's; the index goes to
    build/pagefind. Only the article is indexed, as Material only indexes a page's content.
    """
    pages = indexed_pages(build)
    for page in pages:
        (stage / page).parent.mkdir(parents=True, exist_ok=True)
        os.link(build / page, stage / page)
    selectors, _ = search_exclusions()
    command = [str(PAGEFIND_CLI), "--site", str(stage), "--output-path", str(build / "pagefind"), "--silent",
               "--root-selector", "article.md-content__inner", "--exclude-selectors", ", ".join(selectors)]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    seconds = time.perf_counter() - start
    (build / PAGEFIND_PAGE).write_text(PAGEFIND_HTML, encoding="utf-8")
    return seconds, len(pages)


def folder_bytes(folder: Path, only: tuple[str, ...] = ()) -> tuple[int, int]:
    """(bytes, gzip bytes) of the files in folder, or only of those whose relative path starts with one of only."""
    raw = packed = 0
    for path in folder.rglob("*"):
        if path.is_file() and (not only or path.relative_to(folder).as_posix().startswith(only)):
            data = path.read_bytes()
            raw, packed = raw + len(data), packed + gz(data)
    return raw, packed


def timed_queries(page, engine: dict, queries: list[str], typed: bool = False) -> tuple[list[float], list[int]]:
    """Milliseconds from the last keystroke of each query to its first result on screen, and result counts.

    By default all but the last letter is set without events, so each engine runs one search, for the whole query,
    on the last keystroke (Material ignores input events). Typed, the letters before the last are typed 30 ms
    apart, so both engines search every prefix, as when someone types, and only the whole query's results count.
    """
    times, counts = [], []
    box = page.locator(engine["input"])
    for query in queries:
        box.fill("")
        page.wait_for_function(engine["cleared"], timeout=60000)
        if typed:
            box.press_sequentially(query[:-1], delay=30)
        page.evaluate("""([selector, root, done, prefix]) => {
            window.__t0 = null; window.__t1 = null; window.__count = null;
            const input = document.querySelector(selector);
            if (prefix !== null) input.value = prefix;
            input.addEventListener('keydown', () => { window.__t0 = performance.now(); },
                                   {capture: true, once: true});
            const check = new Function('return (' + done + ')()');
            const observer = new MutationObserver(() => {
                if (window.__t0 === null || window.__t1 !== null) return;
                const count = check();
                if (count !== null) { window.__t1 = performance.now(); window.__count = count; observer.disconnect(); }
            });
            observer.observe(document.querySelector(root), {childList: true, subtree: true, characterData: true});
        }""", [engine["input"], engine["root"], engine["done"].replace("QUERY", json.dumps(query)),
               None if typed else query[:-1]])
        box.press(query[-1])
        page.wait_for_function("() => window.__t1 !== null", timeout=180000)
        times.append(page.evaluate("() => window.__t1 - window.__t0"))
        counts.append(page.evaluate("() => window.__count"))
    return times, counts


def ready_at(page, finished: dict[str, float], engine: dict) -> float:
    """Epoch milliseconds at which the engine was ready: Material's index built, Pagefind's runtime downloaded."""
    if "ready" in engine:
        page.wait_for_function(engine["ready"], timeout=300000, polling=10)
        return page.evaluate("() => performance.timeOrigin + window.__ready")
    deadline = time.monotonic() + 300
    while not all(any(part in url for url in finished) for part in engine["ready_files"]):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{engine['path']}: search never became ready")
        page.wait_for_timeout(10)
    return max(end for url, end in finished.items() if any(part in url for part in engine["ready_files"]))


def search_run(browser, url: str, engine: dict) -> dict:
    """Open search in a fresh profile, wait until it is ready, then time a first (cold) query and the rest."""
    context = browser.new_context()
    if "init" in engine:
        context.add_init_script(engine["init"])
    responses, finished = [], {}
    context.on("response", lambda response: responses.append(response))
    context.on("requestfinished", lambda request: finished.setdefault(
        request.url, request.timing["startTime"] + request.timing["responseEnd"]))
    page = context.new_page()
    page.goto(url + engine["path"], wait_until="load")
    page.evaluate("""(selector) => document.querySelector(selector).addEventListener('focus', () => {
        window.__opened = performance.timeOrigin + performance.now(); }, {once: true})""", engine["input"])
    page.locator(engine["input"]).click()
    ready = ready_at(page, finished, engine) - page.evaluate("() => window.__opened")
    times, counts = timed_queries(page, engine, [QUERIES[0]] + QUERIES * 2)
    measured = list(responses)
    typed, _ = timed_queries(page, engine, QUERIES * 2, typed=True)
    sent = 0
    for response in measured:
        if any(part in response.url for part in engine["files"]):
            try:
                sent += gz(response.body())
            except Exception:  # redirects and aborted requests have no body
                continue
    context.close()
    warm = sorted(times[1:])
    return {"ready": ready, "cold": times[0], "median": statistics.median(warm),
            "p90": warm[int(len(warm) * 0.9) - 1], "typed": statistics.median(typed), "sent": sent,
            "counts": counts[1:len(QUERIES) + 1]}


MATERIAL_UI = {
    # Counts the searches Material's worker has been sent and answered, so only the last query's results count.
    "init": """(() => {
        const Base = window.Worker;
        let sent = 0, answered = 0;
        window.__pending = () => sent - answered;
        window.Worker = class extends Base {
            constructor(...args) {
                super(...args);
                this.addEventListener('message', (event) => { if (event.data?.type === 3) answered += 1; });
            }
            postMessage(message, ...rest) {
                if (message?.type === 2) sent += 1;
                return super.postMessage(message, ...rest);
            }
        };
    })()""",
    "path": "atlas/", "input": ".md-search__input", "root": ".md-search-result",
    "files": ("/search/search_index.json", "/workers/search."),
    "ready": "() => { if (/initializing/i.test(document.querySelector('.md-search-result__meta')?.textContent"
             " || 'x')) return false; window.__ready = window.__ready || performance.now(); return true; }",
    "cleared": "() => !document.querySelector('.md-search-result__list').children.length",
    "done": """() => {
        if (window.__pending()) return null;
        if (document.querySelector('.md-search-result__list').children.length) {
            const m = document.querySelector('.md-search-result__meta').textContent.match(/(\\d+) matching/);
            return m ? Number(m[1]) : 1;
        }
        return /no matching/i.test(document.querySelector('.md-search-result__meta').textContent) ? 0 : null;
    }""",
}
PAGEFIND_UI = {
    "path": PAGEFIND_PAGE, "input": ".pagefind-ui__search-input", "root": "#search", "files": ("/pagefind/",),
    "ready_files": ("/pagefind/pagefind.js", "/pagefind/pagefind-worker.js", "/pagefind/pagefind-entry.json",
                    ".pf_meta", "/pagefind/wasm.en."),
    "cleared": "() => !document.querySelector('.pagefind-ui__result') && "
               "!document.querySelector('.pagefind-ui__message')",
    "done": """() => {
        const message = document.querySelector('.pagefind-ui__message')?.textContent.trim() || '';
        if (message === 'No results for ' + QUERY) return 0;
        const m = message.match(/^(\\d+) results? for (.*)$/);
        if (!m || m[2] !== QUERY) return null;
        return document.querySelector('.pagefind-ui__result-link') ? Number(m[1]) : null;
    }""",
}


def search_rows(browser, build: Path, n: int) -> dict[str, dict]:
    """Index build with Pagefind, then measure both engines on it; the figures of each engine."""
    stage = build.parent / (build.name + "-pagefind-pages")
    seconds, pages = pagefind_index(build, stage)
    shutil.rmtree(stage)
    raw = (build / "search" / "search_index.json").read_bytes()
    index = folder_bytes(build / "pagefind", ("index/", "fragment/", "filter/", "pagefind.en"))
    with serve_folder(build) as url:
        material = search_run(browser, url, MATERIAL_UI)
        pagefind = search_run(browser, url, PAGEFIND_UI)
    material.update(pages=pages, disk=(len(raw), gz(raw)), per=len(raw) / n, index_s="in the site build")
    pagefind.update(pages=pages, disk=folder_bytes(build / "pagefind"), per=index[0] / n, index_s=f"{seconds:.1f}")
    return {"Material (lunr)": material, "Pagefind": pagefind}


def search_build(work: Path, site: tuple[Path, float], size: int) -> tuple[Path, float]:
    """The build of a framework size times the dataset, and the seconds it took (the 1x one is reused)."""
    build = work / f"site{size}"
    if size == 1:
        shutil.copytree(site[0], build)
        return build, site[1]
    data = make_synthetic(ROOT / "competencies", work / f"data{size}", size)
    start = time.perf_counter()
    build_site(project_for(data, work / f"p{size}"), build)
    seconds = time.perf_counter() - start
    shutil.rmtree(work / f"p{size}")
    return build, seconds


def search_note(size: int, rows: dict[str, dict]) -> str:
    """One plain sentence comparing the engines at one size, and any query an engine found nothing for."""
    material, pagefind = rows["Material (lunr)"], rows["Pagefind"]
    ratio = material["median"] / max(pagefind["median"], 0.1)
    speed = f"{ratio:.1f}x faster" if ratio >= 1 else f"{1 / ratio:.1f}x slower"
    note = (f"{size}x: Pagefind answers {speed} than Material ({pagefind['median']:.0f} vs "
            f"{material['median']:.0f} ms median; typed, {pagefind['typed']:.0f} vs {material['typed']:.0f} ms); "
            f"the first answer after opening search takes {pagefind['ready'] + pagefind['cold']:.0f} vs "
            f"{material['ready'] + material['cold']:.0f} ms, transferring {pagefind['sent'] / 1024:.0f} vs "
            f"{material['sent'] / 1024:.0f} KB gzip.")
    for name, row in rows.items():
        empty = [query for query, count in zip(QUERIES, row["counts"]) if not count]
        if empty:
            note += f" {name} found nothing for {', '.join(empty)}, so those timings are not comparable."
    return note


def print_search_table(browser, work: Path, site: tuple[Path, float], indicators: int, sizes: list[int]) -> None:
    """Build each size once, measure both engines on that build, print a row per engine, then conclusions."""
    print("| framework | engine | pages indexed | search files on disk KB (gzip KB) | index bytes per indicator | "
          "index build s | search bytes transferred, gzip KB | open search to ready ms | first (cold) query ms | "
          "keystroke to results, median ms | p90 ms | typed 30 ms a key, median ms | results per query |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|", flush=True)
    notes = []
    for size in sizes:
        build, seconds = search_build(work, site, size)
        n = indicators * size
        rows = search_rows(browser, build, n)
        rows["Material (lunr)"]["index_s"] += f" ({seconds:.0f} s)"
        for name, r in rows.items():
            print(f"| {size}x ({n} indicators) | {name} | {r['pages']} | {r['disk'][0] / 1024:.0f} "
                  f"({r['disk'][1] / 1024:.0f}) | {r['per']:.0f} | {r['index_s']} | {r['sent'] / 1024:.0f} | "
                  f"{r['ready']:.0f} | {r['cold']:.0f} | {r['median']:.0f} | {r['p90']:.0f} | {r['typed']:.0f} | "
                  f"{' / '.join(str(c) for c in r['counts'])} |", flush=True)
        notes.append(search_note(size, rows))
        shutil.rmtree(build)
    _, uncovered = search_exclusions()
    print()
    print(" ".join(notes))
    print()
    print(f"Search files: Material's search_index.json; Pagefind's whole pagefind/ folder (index, fragments, "
          f"WebAssembly, JavaScript and UI). Index bytes per indicator: Pagefind's index, fragments and metadata "
          f"only. Transferred: Material's index and search worker; everything fetched under /pagefind/, for the "
          f"{len(QUERIES) * 2 + 1} queries. Ready: Material's index built in its worker; Pagefind's runtime and "
          f"metadata downloaded. Keystroke to results: each query runs one search, on its last keystroke. Typed: "
          f"every prefix is searched too, as when someone types, until the whole query's results show. Pagefind's "
          f"UI is set to search at once (by default it waits 300 ms after a keystroke). Pagefind indexes only the "
          f"article of the pages Material indexes, leaving out the same parts, but for {uncovered} "
          f"data-search-exclude block(s) with no class or id.")


def main() -> None:
    """Measure and print."""
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--search-sizes", default="1,10,100", help="framework sizes to measure search on")
    args = parser.parse_args()
    model = load_model(ROOT / "competencies")
    indicators = sum(len(c.indicators()) for c in model.categories)
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        work = Path(tmp)
        browser = p.chromium.launch(executable_path=find_chromium(p.chromium.executable_path), args=CHROMIUM_ARGS)
        with serve_folder(bare_site(work)) as bare_url:
            bare = first_load(browser, bare_url)[0]
        site = work / "site"
        start = time.perf_counter()
        build_site(project_for(make_synthetic(ROOT / "competencies", work / "data1", 1), work / "p1"), site)
        site_seconds = time.perf_counter() - start
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
        sizes = [int(size) for size in args.search_sizes.split(",")]
        print_search_table(browser, work, (site, site_seconds), indicators, sizes)
        browser.close()


if __name__ == "__main__":
    main()
