"""Run every benchmark and write the figures to docs/benchmarks.md (and print them). Nothing is asserted."""
from __future__ import annotations

import argparse
import datetime
import os
import re
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHES = [
    ("Build: validate, generate and MkDocs build", ["bench/build_bench.py"],
     "Medians of 3 runs (at 100x each step runs once), the time of each stage of those builds, and a cProfile "
     "of one 10x build. Goal: one generate per build; generate under 10% of the build; per-indicator cost at 100x "
     "within 1.2x of 1x."),
    ("Self-assessment: render and update in Chromium", ["bench/assessment_bench.py"],
     "Goal: an update within one frame (16 ms) for ECMHS and under 50 ms at 1,000 indicators."),
    ("Self-assessment: self and raters in Chromium", ["bench/raters_bench.py"],
     "Three rater files on ECMHS beside the self-assessment. Goal: updating the comparison after one change within "
     "one frame (16 ms)."),
    ("Interaction: change to next paint in Chromium", ["bench/interaction_bench.py"],
     "The coursework mapper (5 and 40 courses, every target category) and the self-assessment, each without and with "
     "Chromium's 4x CPU slowdown. Goal: a change painted within one frame (16 ms) with 40 courses and all targets, "
     "within 50 ms at 4x, with no long task; loading without a task over 50 ms at 4x. The loading table tells "
     "the Atlas's own tasks from the theme's: beside the longest task while loading, the longest task in which the "
     "Atlas's code ran (attributed with Chromium's Long Animation Frames reports), the longest rendering of one frame, "
     "and a bare mkdocs-material page loaded the same way in the same run (the theme's own floor: its bundle.js is "
     "evaluated in one task, over 50 ms at 4x, on every page of any mkdocs-material site). The Atlas builds its apps "
     "in pieces of about 10 ms, one piece per frame (docs/assets/js/shared/tasks.mjs), so that no task of its own "
     "and no frame's layout of what it added grows long."),
    ("Page weight and search", ["bench/site_bench.py"],
     "Goal: the Atlas's own CSS+JS under 30 KB gzip; search results under 100 ms for the dataset. Search engine: "
     "the site searches with Pagefind, measured here beside MkDocs Material's search, which it used before and the "
     "offline copy still uses (Pagefind cannot run from file://). Material downloads its whole index with every "
     "first page load and builds it while the page loads, so it is ready when opened, but at 100x that takes seconds "
     "and typed queries take seconds each. Pagefind downloads its dialog and only the index pieces a query needs, "
     "when search is first used. The site's dialog (search-ui.mjs, on Pagefind's search API) searches on every "
     "keystroke, one search at a time (a query typed while Pagefind answers an older one waits for that one only, "
     "and the queries typed meanwhile are never searched; when an answer comes after a newer query was typed, its "
     "first results' data still loads while the newer query is searched, as they are mostly the same pages); a "
     "query whose last word is under 3 characters waits for "
     "a pause in typing (300 ms) first. It lists the first results by title in the frame after Pagefind's answer "
     "(from the page list beside the index), then fills in their excerpts from Pagefind's data. It builds only the "
     "first 6 results and animates nothing. Goal: keystroke to results at or below "
     "Material's at every size, p90 of typed queries under 100 ms at 100x."),
    ("Lighthouse scores", ["bench/lighthouse_bench.py"],
     "Lighthouse's mobile profile (simulated slow 4G and a 4x slower CPU), served gzipped as a host would. Goal: "
     "Performance at least 95, Accessibility 100, Best Practices at least 95, SEO at least 90 and a layout shift under "
     "0.02 on every page kind."),
    ("Offline bundle", ["bench/offline_bench.py"],
     "`make offline`: the whole site as a zip that works opened from disk, search and self-assessment included."),
]


def machine() -> str:
    """One line describing this machine."""
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        kb = int(next(line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")))
        memory = f", {kb / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores{memory}, {platform.system()}, Python {platform.python_version()}"


def _spaced(lines) -> str:
    """Join output lines, with a blank line wherever a table starts or ends, so Markdown keeps them apart."""
    out: list[str] = []
    for line in lines:
        if out and out[-1] and (out[-1].startswith("|") != line.startswith("|")):
            out.append("")
        out.append(line)
    return "\n".join(out)


HEADER = ("---\ntitle: Benchmarks\nsearch:\n  exclude: true\n---\n\n# Benchmarks\n\nMeasured with `make bench` on this machine: {machine}. Browser figures use "
          "Chromium through Playwright against the site served on 127.0.0.1. Each section says when it was measured; "
          "`python bench/run_all.py --only TITLE` measures one section again.\n\n")


def kept_sections(text: str) -> dict[str, str]:
    """The sections of an existing docs/benchmarks.md by title, so that a partial run keeps the others."""
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {title.strip(): f"## {title.strip()}{body.rstrip()}\n" for title, body in zip(parts[1::2], parts[2::2])}


def run(title: str, command: list[str], goal: str, env: dict[str, str]) -> str:
    """Run one benchmark as its own process; its section of docs/benchmarks.md."""
    print(f"== {title}", flush=True)
    before = load_average()
    result = subprocess.run([sys.executable, *command], cwd=ROOT, capture_output=True, text=True, env=env)
    after = load_average()
    tables = _spaced(line for line in result.stdout.splitlines() if not line.startswith("machine:"))
    print(tables, flush=True)
    if result.returncode != 0:
        tables += f"\n\n*The benchmark failed:*\n\n```\n{result.stderr[-2000:]}\n```"
    return (f"## {title}\n\n{goal} Measured on {datetime.date.today().isoformat()}{load_note(before, after)}.\n\n"
            f"{tables.strip()}\n")


def load_average() -> float | None:
    """The machine's load average over the last minute (None where the system does not say)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return None


def load_note(before: float | None, after: float | None) -> str:
    """How busy the machine was around a benchmark, when other processes kept it busy (a load above its cores)."""
    cores = os.cpu_count() or 1
    if before is None or after is None or max(before, after) <= cores:
        return ""
    return (f", on a machine shared with other jobs (load average {before:.1f} before and {after:.1f} after, on "
            f"{cores} cores), so absolute times are longer than on an idle machine; the peers were measured in the "
            f"same run")


def main() -> None:
    """Run each benchmark (or those named with --only) and write their sections to docs/benchmarks.md."""
    titles = [title for title, _, _ in BENCHES]
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", action="append", choices=titles, help="run only this benchmark (repeatable)")
    args = parser.parse_args()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    target = ROOT / "docs" / "benchmarks.md"
    kept = kept_sections(target.read_text(encoding="utf-8")) if args.only and target.is_file() else {}
    sections = [run(title, command, goal, env) if not args.only or title in args.only else kept.get(title, "")
                for title, command, goal in BENCHES]
    text = HEADER.format(machine=machine()) + "\n".join(s for s in sections if s)
    target.write_text(text, encoding="utf-8")
    print("written to docs/benchmarks.md")


if __name__ == "__main__":
    main()
