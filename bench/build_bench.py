"""Benchmark: validate + generate, and the MkDocs build, for the dataset and synthetic 10x and 100x frameworks,
with the time of each stage of the build (load, compile, Markdown, theme, search marks, Pagefind) at each size,
and a cProfile of one 10x build: the functions where the time goes.

Prints a table of medians and the profiles; never asserts. Run with `make bench`.
"""
from __future__ import annotations

import argparse
import contextlib
import cProfile
import functools
import importlib
import os
import platform
import pstats
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generator.pipeline import load_model  # noqa: E402
from generator.compile.build import compile_site  # noqa: E402
from generator.project import Project, build_site  # noqa: E402
from synthetic import make_synthetic  # noqa: E402


def timed(fn, runs: int) -> tuple[float, object]:
    """Median wall time of fn over runs, and its last result."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def project_for(data: Path, work: Path) -> Project:
    """A throwaway project using data, the real templates, hook and hand-written docs."""
    root = work / "project"
    root.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(ROOT / "assessments", root / "assessments")
    for name in ("generator", "site_templates"):
        (root / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.move(str(data), root / "competencies")
    return Project(root)


def measure(factor: int, runs: int) -> dict[str, float]:
    """Time the steps for one size (at 100x and more, each step once)."""
    runs = runs if factor < 100 else 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = make_synthetic(ROOT / "competencies", work / "data", factor)
        project = project_for(data, work)
        validate_s, model = timed(lambda: load_model(project.data_dir), runs)
        generate_s, compiled = timed(lambda: compile_site(model), runs)
        indicators = sum(len(c.indicators()) for c in model.categories)
        build_runs = max(1, runs)
        with stage_timers() as stages:
            build_s, _ = timed(lambda: build_site(project, work / "site"), build_runs)
        return {"factor": factor, "categories": len(model.categories), "indicators": indicators,
                "pages": len(compiled.files), "validate": validate_s, "generate": generate_s, "mkdocs": build_s,
                "stages": {label: total / build_runs for label, total in stages.items()}}


STAGES = [
    ("read and check the data, build the model (pipeline.load_model)", "generator.pipeline", None, "load_model"),
    ("compile pages and exports (compile_site)", "generator.pipeline", None, "compile_site"),
    ("MkDocs: Markdown to HTML (Page.render)", "mkdocs.structure.pages", "Page", "render"),
    ("MkDocs: theme template per page (_build_page, with the plugin's page step)", "mkdocs.commands.build", None,
     "_build_page"),
    ("of which the plugin's page step: search marks, policy (on_post_page)", "generator.site.plugin", "AtlasPlugin",
     "on_post_page"),
    ("Pagefind indexing (index_site, a subprocess)", "generator.site.plugin", None, "index_site"),
]
"""The stages of a build as (label, module, class or None, function), each timed by a wrapper around the function
while the timed builds run (nested stages say "of which")."""


@contextlib.contextmanager
def stage_timers():
    """Time every call of the STAGES' functions while the block runs; yields the seconds per label (summed)."""
    seconds = {label: 0.0 for label, *_ in STAGES}
    undo = []

    def timed_call(label: str, function):
        """function, adding the time of each call to seconds[label]."""
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                seconds[label] += time.perf_counter() - start
        return wrapper

    for label, module, cls, name in STAGES:
        owner = getattr(importlib.import_module(module), cls) if cls else importlib.import_module(module)
        original = getattr(owner, name)
        setattr(owner, name, timed_call(label, original))
        undo.append((owner, name, original))
    try:
        yield seconds
    finally:
        for owner, name, original in undo:
            setattr(owner, name, original)


def own_time(stats: pstats.Stats, count: int) -> list[tuple[str, float, int]]:
    """The functions with the most time spent in themselves: (where, seconds, calls)."""
    rows = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:count]  # type: ignore[attr-defined]
    out = []
    for (file, line, func), (_, calls, tt, _, _) in rows:
        where = re.sub(r"^.*/(site-packages|lib/python3\.\d+)/", "", file).replace(str(ROOT) + "/", "")
        out.append((f"{func} ({where}:{line})" if line else func, tt, calls))
    return out


def profile(factor: int) -> None:
    """Profile one whole build at factor with cProfile and print the functions that spend the most time."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        project = project_for(make_synthetic(ROOT / "competencies", work / "data", factor), work)
        profiler = cProfile.Profile()
        profiler.runcall(build_site, project, work / "site")
    stats = pstats.Stats(profiler)
    print(f"| most time in the function itself, one build at {factor}x under cProfile | s | calls |")
    print("|---|---|---|")
    for where, seconds, calls in own_time(stats, 10):
        print(f"| `{where}` | {seconds:.2f} | {calls:,} |")


def print_stages(rows: list[dict]) -> None:
    """Where the time of a build goes at each size: seconds and share of the build per stage, per indicator."""
    print("| stage | " + " | ".join(f"{r['factor']}x s (share)" for r in rows) + " | "
          + " | ".join(f"{r['factor']}x ms per indicator" for r in rows) + " |")
    print("|---|" + "---|" * (2 * len(rows)))
    labels = [label for label, *_ in STAGES] + ["everything else (MkDocs reading files, navigation, writing; "
                                                "the plugin's other steps)"]
    for label in labels:
        cells, per = [], []
        for r in rows:
            if label in r["stages"]:
                value = r["stages"][label]
            else:
                value = r["mkdocs"] - sum(v for k, v in r["stages"].items() if not k.startswith("of which"))
            cells.append(f"{value:.2f} ({value / r['mkdocs']:.0%})")
            per.append(f"{value / r['indicators'] * 1000:.2f}")
        print(f"| {label} | " + " | ".join(cells) + " | " + " | ".join(per) + " |")
    print("| whole build | " + " | ".join(f"{r['mkdocs']:.2f} (100%)" for r in rows) + " | "
          + " | ".join(f"{r['mkdocs'] / r['indicators'] * 1000:.2f}" for r in rows) + " |")


def main() -> None:
    """Measure each size and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,10,100", help="comma-separated size factors")
    parser.add_argument("--runs", type=int, default=3, help="runs per step (median); at 100x each step runs once")
    parser.add_argument("--profile-sizes", default="10", help="sizes to profile one whole build of with cProfile")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python "
          f"{platform.python_version()}")
    rows = [measure(int(f), args.runs) for f in args.sizes.split(",")]
    base = (rows[0]["validate"] + rows[0]["generate"]) / rows[0]["indicators"]
    print("| size | categories | indicators | pages | validate s | generate s | mkdocs build s | "
          "generate / mkdocs | (validate+generate) / mkdocs | ms per indicator | vs 1x |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        vg = r["validate"] + r["generate"]
        per = vg / r["indicators"]
        print(f"| {r['factor']}x | {r['categories']} | {r['indicators']} | {r['pages']} | {r['validate']:.3f} | "
              f"{r['generate']:.3f} | {r['mkdocs']:.2f} | {r['generate'] / r['mkdocs']:.1%} | {vg / r['mkdocs']:.1%} | {per * 1000:.3f} | "
              f"{per / base:.2f}x |")
    print()
    print("mkdocs build is `iecmh-atlas build` as a whole: the pipeline (validate and generate) runs once, before "
          "MkDocs starts, and the MkDocs build uses its result (generator/site/plugin.py, run_before_build), so it "
          "includes one validate and one generate. Per indicator: (validate + generate) / indicators.")
    print()
    print_stages(rows)
    print()
    print("Where the time goes: each stage is the time spent in the named function during the timed builds (a mean "
          "where a size builds more than once, beside that size's median whole build, so shares are approximate).")
    print()
    for factor in (int(f) for f in args.profile_sizes.split(",") if f):
        profile(factor)
        print()
    print("cProfile slows Python code several times (not the Pagefind subprocess, whose wait shows as `poll`), so "
          "these seconds are larger than a build's; they show which functions to make faster.")


if __name__ == "__main__":
    main()
