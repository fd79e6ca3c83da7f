"""Lighthouse scores of the built site, in Chromium against site/ served on 127.0.0.1.

- Lighthouse 12 (npm, pinned in bench/package.json) with its default mobile profile and simulated throttling
  (slow 4G, 4x CPU slowdown), categories performance, accessibility, best practices and SEO.
- Pages: one of every page kind (docs/reference/page-kinds.md), the coursework mapper, the example program, the
  requirements comparison and a compare page among them, beside a bare mkdocs-material page built in the same run
  (bench/site_bench.py's); each run several times, the median score is printed, with the median run's layout shift
  (CLS) and total blocking time.
- For a category below its goal, the audits that did not pass in the median run (id, title, value).
The server gzips text files as web hosts do (GitHub Pages among them); served uncompressed, the theme's CSS and
JavaScript alone would cost about a second of simulated slow 4G. Plain http costs nothing here: Lighthouse counts
127.0.0.1 as a secure origin, so is-on-https passes and redirects-http is left out as not applicable (a host
serving https passes both). Prints Markdown; never asserts.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browsing import CHROMIUM_ARGS, find_chromium, serve_folder  # noqa: E402

PAGES = [("home", ""), ("categories overview", "atlas/"), ("category (ECMHS)", "atlas/categories/ecmhs/"),
         ("domains overview", "atlas/domains/"), ("domain (Theoretical Foundations)", "atlas/domains/tf/"),
         ("knowledge area (Attachment)", "atlas/knowledge-areas/attachment-trauma-loss/"),
         ("requirements compared", "atlas/requirements/"), ("role profile (EIMHS)", "atlas/roles/eimhs/"),
         ("self-assessment index", "atlas/self-assessment/"), ("self-assessment (ECMHS)", "atlas/self-assessment/ecmhs/"),
         ("crosswalks overview", "atlas/crosswalks/"), ("crosswalk (IMHS-ECMHS)", "atlas/crosswalks/imhs-ecmhs/"),
         ("comparison picker", "atlas/compare/"), ("comparison (IMHS / ECMHS)", "atlas/compare/imhs--ecmhs/"),
         ("open data", "atlas/open-data/"), ("coursework mapping", "atlas/programs/"),
         ("program (example)", "atlas/programs/example-state-university/"), ("coursework mapper", "atlas/programs/mapper/"),
         ("glossary", "atlas/glossary/"), ("about the data", "atlas/about-data/")]
BARE = "bare mkdocs-material page"
CATEGORIES = [("performance", "Performance", 95), ("accessibility", "Accessibility", 100),
              ("best-practices", "Best Practices", 95), ("seo", "SEO", 90)]
LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = " ".join(["--headless=new", "--no-sandbox", *CHROMIUM_ARGS])  # the tests' flags (closed network)
TIMEOUT = 300


def site_folder() -> Path:
    """The built site (`make bench` builds it first); build it here if it is missing."""
    site = ROOT / "site"
    if not (site / "index.html").is_file():
        from generator.project import Project, build_site

        build_site(Project(ROOT), site)
    return site


def lighthouse(url: str, chromium: str, work: Path) -> dict:
    """One Lighthouse run of url; the JSON report as a dict (raises RuntimeError on failure)."""
    out = work / "report.json"
    out.unlink(missing_ok=True)
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               "--only-categories=" + ",".join(c[0] for c in CATEGORIES), f"--chrome-flags={CHROME_FLAGS}"]
    env = {**os.environ, "CHROME_PATH": chromium}
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"Lighthouse did not finish within {TIMEOUT} s") from None
    if result.returncode != 0 or not out.is_file():
        raise RuntimeError((result.stderr or result.stdout).strip()[-500:] or f"exit code {result.returncode}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise RuntimeError(f"{report['runtimeError'].get('code')}: {report['runtimeError'].get('message')}")
    return report


def failing_audits(report: dict, category: str) -> list[str]:
    """The audits of a category that did not pass (score under 0.9, Lighthouse's own pass mark), as Markdown."""
    failing = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        shown = ref.get("weight", 0) > 0 or ref.get("group") not in (None, "hidden")
        if shown and audit.get("score") is not None and audit["score"] < 0.9:
            value = f": {audit['displayValue']}" if audit.get("displayValue") else ""
            failing.append(f"`{ref['id']}` ({audit['title']}{value})")
    return failing


def median_run(reports: list[dict], category: str) -> dict | None:
    """The report whose score of category is the median (the lower middle one for an even count)."""
    scored = sorted((r for r in reports if r["categories"].get(category, {}).get("score") is not None),
                    key=lambda r: r["categories"][category]["score"])
    return scored[(len(scored) - 1) // 2] if scored else None


def metric(report: dict, audit: str) -> str:
    """One audit's value as Lighthouse shows it (such as "0.002" or "40 ms"), or "-"."""
    value = report["audits"].get(audit, {}).get("numericValue")
    if value is None:
        return "-"
    return f"{value:.3f}" if audit == "cumulative-layout-shift" else f"{value:.0f}"


def main() -> None:
    """Measure and print."""
    from site_bench import bare_site

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument("--page", default="", help="only the pages whose label contains this text")
    args = parser.parse_args()
    chromium = find_chromium()
    rows, notes, errors, speed = [], [], [], []
    with tempfile.TemporaryDirectory() as tmp, serve_folder(site_folder(), compress=True) as url, \
            serve_folder(bare_site(Path(tmp)), compress=True) as bare_url:
        pages = [(label, url + path) for label, path in PAGES] + [(BARE, bare_url)]
        for label, address in [(label, address) for label, address in pages if args.page in label]:
            reports = []
            for _ in range(args.runs):
                try:
                    reports.append(lighthouse(address, chromium, Path(tmp)))
                    speed.append(reports[-1].get("environment", {}).get("benchmarkIndex") or 0)
                except (RuntimeError, OSError, ValueError, KeyError) as exc:
                    errors.append(f"- {label}: Lighthouse failed: {' '.join(str(exc).split())}")
            medians = {key: median_run(reports, key) for key, _, _ in CATEGORIES}
            cells = [f"{medians[key]['categories'][key]['score'] * 100:.0f}" if medians[key] else "-"
                     for key, _, _ in CATEGORIES]
            perf = medians["performance"]
            cells += [metric(perf, "cumulative-layout-shift"), metric(perf, "total-blocking-time")] if perf else ["-", "-"]
            rows.append(f"| {label} | " + " | ".join(cells) + " |")
            for key, name, goal in CATEGORIES:
                report = medians[key]
                if report and report["categories"][key]["score"] * 100 < goal:
                    audits = ", ".join(failing_audits(report, key)) or "no single audit below 0.9"
                    notes.append(f"- {label}, {name} below {goal}: {audits}")
    print("| page | " + " | ".join(name for _, name, _ in CATEGORIES) + " | layout shift (CLS) | total blocking ms |")
    print("|---|" + "---|" * (len(CATEGORIES) + 2))
    print("\n".join(rows))
    print()
    goals = ", ".join(f"{name} {'' if goal == 100 else '>= '}{goal}" for _, name, goal in CATEGORIES)
    print(f"Median of {args.runs} runs per page; layout shift and blocking time are those of the run with the median "
          f"Performance score. Goals: {goals}; layout shift under 0.02. The bare mkdocs-material page (one paragraph, "
          "the same theme) is the peer: what the theme alone scores on this machine in the same run.")
    if speed:
        print(f"Lighthouse's CPU benchmark index of this machine: {sorted(speed)[len(speed) // 2]:.0f} (median). "
              "Lighthouse slows the CPU 4x to stand for a phone and warns that hosts under 1,000 score too low.")
    if notes or errors:
        print()
        print("\n".join(notes + errors))


if __name__ == "__main__":
    main()
