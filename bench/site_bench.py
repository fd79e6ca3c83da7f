"""Benchmark what people download and how fast search answers, in Chromium against locally served builds.

- Page weight: bytes of every response of a first load, gzip-compressed (level 6) as a server would send them,
  for the home, a category and a self-assessment page, beside a bare mkdocs-material page built in the same run;
  and the Atlas's own CSS and JavaScript on each page.
- Search: the site's search (Pagefind, in the dialog the header's search button opens) beside MkDocs Material's
  built-in (lunr) search, which the site used before and the offline copy still uses. Both run on the same build of
  the dataset and of synthetic frameworks 10x and 100x its size: each size is built once, with Material's search
  turned on beside Pagefind. For each engine: index size on disk, the bytes its search transferred, the time from
  opening search until it can answer, the first (cold) query, and the time from the last keystroke to the first
  result on screen (median and p90 of the warm queries), each in its own UI on an Atlas page, under the site's
  Content-Security-Policy. Both engines index the same pages and leave out the same parts of them.
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

from browsing import CHROMIUM_ARGS, find_chromium, serve_folder  # noqa: E402
from build_bench import project_for  # noqa: E402
from generator.pipeline import load_model  # noqa: E402
from generator.project import Project, build_site  # noqa: E402
from generator.site.search import BUNDLE_FOLDER, index_site  # noqa: E402
from synthetic import make_synthetic  # noqa: E402

PAGES = [("home", ""), ("category (ECMHS)", "atlas/categories/ecmhs/"),
         ("self-assessment (ECMHS)", "atlas/self-assessment/ecmhs/")]
QUERIES = ["ECMHS", "IMHS fees", "attachment", "parallel process", "confidential", "community resources",
           "developmental guidance", "mandated reporting", "interpreter", "home visit", "reflective supervision",
           "renewal", "training hours", "cultural humility", "screening", "trauma", "family", "infant", "child",
           "relationship", "observation", "ECMHS renewal"]
"""Realistic queries (tests/search/relevance.yml has more): codes, names, everyday words, requirement questions,
and single common words ("family", "child", "infant") that match hundreds of pages at the larger sizes."""
PHASES = ("wait", "engine", "listing", "fragments", "render")
"""The phases of the site dialog's answer: from the keystroke to the search starting, Pagefind's search, loading
the shown results' data, and building them until the next frame (the dialog's performance measures)."""
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


def with_material_search(project: Project) -> Project:
    """The project with MkDocs Material's search turned on beside Pagefind (both engines in one build)."""
    config = project.config_file.read_text(encoding="utf-8")
    switched, count = MATERIAL_SEARCH_SWITCH.subn(r"\g<1>true", config)
    if count != 1:
        raise SystemExit(f"mkdocs.yml no longer turns Material's search on and off with "
                         f"{MATERIAL_SEARCH_SWITCH.pattern!r}; update the bench")
    project.config_file.write_text(switched, encoding="utf-8")
    return project


MATERIAL_SEARCH_SWITCH = re.compile(r"(\n  - search:\n      lang: en\n      enabled: )[^\n]+")
"""Material's search plugin in mkdocs.yml and its `enabled` setting (off but in the offline copy)."""


def pagefind_pages(build: Path) -> int:
    """How many pages Pagefind indexed."""
    entry = json.loads((build / BUNDLE_FOLDER / "pagefind-entry.json").read_text(encoding="utf-8"))
    return sum(language["page_count"] for language in entry["languages"].values())


def material_pages(build: Path) -> int:
    """How many pages Material's search indexed."""
    index = json.loads((build / "search" / "search_index.json").read_text(encoding="utf-8"))
    return len({doc["location"].split("#", 1)[0] for doc in index["docs"]})


def folder_bytes(folder: Path, only: tuple[str, ...] = ()) -> tuple[int, int]:
    """(bytes, gzip bytes) of the files in folder, or only of those whose relative path starts with one of only."""
    raw = packed = 0
    for path in folder.rglob("*"):
        if path.is_file() and (not only or path.relative_to(folder).as_posix().startswith(only)):
            data = path.read_bytes()
            raw, packed = raw + len(data), packed + gz(data)
    return raw, packed


def timed_queries(page, engine: dict, queries: list[str], typed: bool = False
                  ) -> tuple[list[float], list[int], list[dict], list[float]]:
    """Milliseconds from the last keystroke of each query to its first results on screen, result counts, the
    dialog's phases, and milliseconds to its complete results (excerpts and headings; the same moment for Material,
    which shows them at once).

    By default all but the last letter is set without events, so each engine runs one search, for the whole query,
    on the last keystroke (Material ignores input events). Typed, the letters before the last are typed 30 ms
    apart, so both engines search every prefix, as when someone types, and only the whole query's results count.
    """
    times, counts, phases, completed = [], [], [], []
    box = page.locator(engine["input"])
    for query in queries:
        box.fill("")
        page.wait_for_function(engine["cleared"], timeout=60000)
        if typed:
            box.press_sequentially(query[:-1], delay=30)
        page.evaluate("""([selector, root, done, complete, prefix]) => {
            window.__t0 = null; window.__t1 = null; window.__t2 = null; window.__count = null;
            const input = document.querySelector(selector);
            if (prefix !== null) input.value = prefix;
            input.addEventListener('keydown', () => { window.__t0 = performance.now(); },
                                   {capture: true, once: true});
            const check = new Function('return (' + done + ')()');
            const whole = new Function('return (' + complete + ')()');
            const observer = new MutationObserver(() => {
                if (window.__t0 === null) return;
                if (window.__t1 === null) {
                    const count = check();
                    if (count !== null) { window.__t1 = performance.now(); window.__count = count; }
                }
                if (window.__t1 !== null && whole()) { window.__t2 = performance.now(); observer.disconnect(); }
            });
            observer.observe(document.querySelector(root),
                             {childList: true, subtree: true, characterData: true, attributes: true});
        }""", [engine["input"], engine["root"], engine["done"].replace("QUERY", json.dumps(query)),
               engine.get("complete", "() => true").replace("QUERY", json.dumps(query)),
               None if typed else query[:-1]])
        box.press(query[-1])
        page.wait_for_function("() => window.__t2 !== null", timeout=180000)
        times.append(page.evaluate("() => window.__t1 - window.__t0"))
        completed.append(page.evaluate("() => window.__t2 - window.__t0"))
        counts.append(page.evaluate("() => window.__count"))
        if engine.get("phases"):
            phases.append(page.evaluate(PHASES_OF, query))
    return times, counts, phases, completed


PHASES_OF = """async (query) => {
    const last = (name) => performance.getEntriesByName('atlas-search ' + name)
        .filter((entry) => entry.detail?.query === query).at(-1);
    for (let i = 0; i < 100 && !last('render'); i += 1) await new Promise((done) => setTimeout(done, 10));
    const engine = last('engine');
    return {wait: engine.startTime - window.__t0, engine: engine.duration, listing: last('listing').duration,
            fragments: last('fragments').duration, render: last('render').duration};
}"""
"""The phases of the dialog's last answer to a query, in milliseconds."""


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
    page.goto(url + engine["path"], wait_until="networkidle")
    if "started" in engine:
        page.evaluate(engine["started"])  # the page's scripts have started (a key pressed before is lost)
    page.evaluate("""() => { const opened = () => { window.__opened ??= performance.timeOrigin + performance.now(); };
        window.addEventListener('pointerdown', opened, {capture: true, once: true});
        window.addEventListener('keydown', opened, {capture: true, once: true}); }""")
    if "open_key" in engine:
        page.keyboard.press(engine["open_key"])
    else:
        page.locator(engine["open"]).click()
    page.locator(engine["input"]).wait_for(timeout=60000)
    ready = ready_at(page, finished, engine) - page.evaluate("() => window.__opened")
    times, counts, phases, completed = timed_queries(page, engine, [QUERIES[0]] + QUERIES * 2)
    measured = list(responses)
    typed, _, _, _ = timed_queries(page, engine, QUERIES * 2, typed=True)
    sent = 0
    for response in measured:
        if any(part in response.url for part in engine["files"]):
            try:
                sent += gz(response.body())
            except Exception:  # redirects and aborted requests have no body
                continue
    context.close()
    warm = sorted(times[1:])
    typed = sorted(typed)
    return {"ready": ready, "cold": times[0], "median": statistics.median(warm), "p90": p90(warm),
            "complete": statistics.median(completed[1:]),
            "typed": statistics.median(typed), "typed_p90": p90(typed), "sent": sent,
            "counts": counts[1:len(QUERIES) + 1],
            "phases": {name: statistics.median(p[name] for p in phases[1:]) for name in PHASES} if phases else None}


def p90(ordered: list[float]) -> float:
    """The 90th percentile of sorted values (the value 90% of them are at or below)."""
    return ordered[max(0, -(-len(ordered) * 9 // 10) - 1)]


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
    "path": "atlas/", "open": ".md-search__input", "input": ".md-search__input", "root": ".md-search-result",
    "files": ("/search/search_index.json", "/workers/search."),
    "ready": "() => { if (/initializing/i.test(document.querySelector('.md-search-result__meta')?.textContent"
             " || 'x')) return false; window.__ready = window.__ready || performance.now(); return true; }",
    "cleared": "() => !document.querySelector('.md-search-result__list').children.length",
    "done": """() => {
        if (window.__pending()) return null;
        if (document.querySelector('.md-search-result__list').children.length) {
            const m = document.querySelector('.md-search-result__meta').textContent.match(/([\\d,]+) matching/);
            return m ? Number(m[1].replace(/,/g, '')) : 1;
        }
        return /no matching/i.test(document.querySelector('.md-search-result__meta').textContent) ? 0 : null;
    }""",
}
SITE_DIALOG = {
    # The site's search dialog (docs/assets/js/search-ui.mjs) on Pagefind's search API, loaded on first use.
    # Opened with its shortcut: in this bench-only build Material's search box covers the search button.
    "path": "atlas/", "open_key": "Control+k", "input": "dialog.atlas-search input[type=search]",
    "root": "dialog.atlas-search", "files": ("/pagefind/",), "phases": True,
    # atlas.mjs starts search-ui.mjs after the first frame (a large page's can come after network idle): once this
    # import resolves, its start() has run.
    "started": "() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 50)))"
               ".then(() => import('/assets/js/search-ui.mjs')).then(() => null)",
    "ready": "() => { if (!document.querySelector('dialog.atlas-search')?.dataset.ready) return false; "
             "window.__ready = window.__ready || performance.now(); return true; }",
    "cleared": "() => !document.querySelector('.atlas-search__results a')",
    # First results on screen: listed by title (the frame after Pagefind's answer); complete: with their excerpts.
    "done": """() => {
        if (document.querySelector('dialog.atlas-search')?.dataset.listed !== QUERY) return null;
        const status = document.querySelector('.atlas-search__status').textContent;
        if (/^No results/.test(status)) return 0;
        const m = status.match(/^([\\d,]+) results? for/);
        return m ? Number(m[1].replace(/,/g, '')) : null;
    }""",
    "complete": "() => document.querySelector('dialog.atlas-search')?.dataset.answered === QUERY",
}


def search_rows(browser, build: Path, n: int) -> dict[str, dict]:
    """Measure both engines on one build; the figures of each engine."""
    start = time.perf_counter()
    index_site(build)  # again, as the site build did, to time Pagefind's indexing on its own
    seconds = time.perf_counter() - start
    raw = (build / "search" / "search_index.json").read_bytes()
    index = folder_bytes(build / BUNDLE_FOLDER, ("index/", "fragment/", "filter/", "pagefind.en"))
    with serve_folder(build) as url:
        material = search_run(browser, url, MATERIAL_UI)
        pagefind = search_run(browser, url, SITE_DIALOG)
    material.update(pages=material_pages(build), disk=(len(raw), gz(raw)), per=len(raw) / n,
                    index_s="in the site build")
    pagefind.update(pages=pagefind_pages(build), disk=folder_bytes(build / BUNDLE_FOLDER), per=index[0] / n,
                    index_s=f"{seconds:.1f}")
    return {"Material (lunr)": material, "Pagefind (the site's)": pagefind}


def search_build(work: Path, size: int, kept: Path | None = None) -> tuple[Path, float | None]:
    """A build, with both engines, of a framework size times the dataset, and the seconds it took; with kept, the
    build kept there from an earlier run (None seconds), or a new one written there and kept."""
    if kept is not None and (kept / f"site{size}" / BUNDLE_FOLDER).is_dir():
        return kept / f"site{size}", None
    work = kept or work
    build = work / f"site{size}"
    data = make_synthetic(ROOT / "competencies", work / f"data{size}", size)
    start = time.perf_counter()
    build_site(with_material_search(project_for(data, work / f"search-project{size}")), build)
    seconds = time.perf_counter() - start
    shutil.rmtree(work / f"search-project{size}")
    return build, seconds


def search_note(size: int, rows: dict[str, dict]) -> str:
    """One plain sentence comparing the engines at one size, and any query an engine found nothing for."""
    material, pagefind = rows["Material (lunr)"], rows["Pagefind (the site's)"]
    ratio = material["median"] / max(pagefind["median"], 0.1)
    speed = f"{ratio:.1f}x faster" if ratio >= 1 else f"{1 / ratio:.1f}x slower"
    note = (f"{size}x: Pagefind answers {speed} than Material ({pagefind['median']:.0f} vs "
            f"{material['median']:.0f} ms median; with excerpts, {pagefind['complete']:.0f} vs "
            f"{material['complete']:.0f} ms; typed, {pagefind['typed']:.0f} vs {material['typed']:.0f} ms); "
            f"the first answer after opening search takes {pagefind['ready'] + pagefind['cold']:.0f} vs "
            f"{material['ready'] + material['cold']:.0f} ms, transferring {pagefind['sent'] / 1024:.0f} vs "
            f"{material['sent'] / 1024:.0f} KB gzip.")
    for name, row in rows.items():
        empty = [query for query, count in zip(QUERIES, row["counts"]) if not count]
        if empty:
            note += f" {name} found nothing for {', '.join(empty)}, so those timings are not comparable."
    return note


def print_search_table(browser, work: Path, indicators: int, sizes: list[int], kept: Path | None = None) -> None:
    """Build each size once (or reuse the builds kept in kept), measure both engines on that build, print a row per
    engine, then conclusions."""
    print("| framework | engine | pages indexed | search files on disk KB (gzip KB) | index bytes per indicator | "
          "index build s | search bytes transferred, gzip KB | open search to ready ms | first (cold) query ms | "
          "keystroke to results, median ms | p90 ms | to complete results (excerpts), median ms | "
          "typed 30 ms a key, median ms | typed p90 ms | "
          "phases, median ms: wait / engine / listing / fragments / render | results per query |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|", flush=True)
    notes = []
    for size in sizes:
        build, seconds = search_build(work, size, kept)
        n = indicators * size
        rows = search_rows(browser, build, n)
        rows["Material (lunr)"]["index_s"] += f" ({seconds:.0f} s)" if seconds is not None else " (kept build)"
        for name, r in rows.items():
            phases = " / ".join(f"{r['phases'][p]:.1f}" for p in PHASES) if r["phases"] else "—"
            print(f"| {size}x ({n} indicators) | {name} | {r['pages']} | {r['disk'][0] / 1024:.0f} "
                  f"({r['disk'][1] / 1024:.0f}) | {r['per']:.0f} | {r['index_s']} | {r['sent'] / 1024:.0f} | "
                  f"{r['ready']:.0f} | {r['cold']:.0f} | {r['median']:.0f} | {r['p90']:.0f} | {r['complete']:.0f} | "
                  f"{r['typed']:.0f} | "
                  f"{r['typed_p90']:.0f} | {phases} | {' / '.join(f'{c:,}' for c in r['counts'])} |", flush=True)
        notes.append(search_note(size, rows))
        if kept is None:
            shutil.rmtree(build)
    print()
    print(" ".join(notes))
    print()
    print(f"Search files: Material's search_index.json; Pagefind's whole pagefind/ folder (index, fragments, "
          f"WebAssembly, JavaScript and UI). Index bytes per indicator: Pagefind's index, fragments and metadata "
          f"only. Transferred: Material's index and search worker; everything fetched under /pagefind/, for the "
          f"{len(QUERIES) * 2 + 1} queries. Ready: from pressing the search box (Material) or the search shortcut "
          f"(Pagefind) until Material's index is built in its worker, or until Pagefind's runtime and metadata, "
          f"the names file and the page list are loaded. Keystroke to results: each query runs one "
          f"search, on its last keystroke, until its first results are on screen (Material: titles and excerpts; "
          f"the site's dialog: listed by title from the page list, in the frame after Pagefind's answer). To "
          f"complete results: until the site's dialog has filled in their excerpts and headings too (Material's "
          f"figure is its keystroke to results). Typed: every prefix is searched too, as when someone types, until the "
          f"whole query's results show. Material searches at once on each keystroke; the site's dialog runs one "
          f"search at a time, then the latest query typed, and searches a query ending in a word under 3 "
          f"characters once typing pauses; both drop an answer when a newer query has been typed. Phases of the "
          f"site's dialog, from its performance measures: wait (keystroke to the search starting, with any wait "
          f"for a search already running), engine (Pagefind's one search, in its worker), listing (listing the results by title until that frame is "
          f"drawn), fragments (the data of the results shown), render (building them until the next frame). The "
          f"{len(QUERIES)} queries: {', '.join(QUERIES)}. Both engines index the article of the same pages and leave out "
          f"the same parts (data-search-exclude and data-pagefind-ignore mark the same elements).")


def main() -> None:
    """Measure and print."""
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--search-sizes", default="1,10,100", help="framework sizes to measure search on")
    parser.add_argument("--keep-sites", type=Path, metavar="DIR", default=os.environ.get("ATLAS_BENCH_KEEP_SITES"),
                        help="keep each size's build in DIR (siteN) and reuse one found there (a 100x build takes "
                             "minutes); for trying changes to the browser code, copied into DIR/siteN/assets/js/ "
                             "(default: $ATLAS_BENCH_KEEP_SITES, so that run_all.py can pass it)")
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
        sizes = [int(size) for size in args.search_sizes.split(",")]
        if args.keep_sites:
            args.keep_sites.mkdir(parents=True, exist_ok=True)
        print_search_table(browser, work, indicators, sizes, args.keep_sites)
        browser.close()


if __name__ == "__main__":
    main()
