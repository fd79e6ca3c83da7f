"""Benchmark: validate + generate, and the MkDocs build, for the dataset and synthetic 10x and 100x frameworks.

Prints a table of medians; never asserts. Run with `make bench`.
"""
from __future__ import annotations

import argparse
import os
import platform
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
    """Time the steps for one size."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        data = make_synthetic(ROOT / "competencies", work / "data", factor)
        project = project_for(data, work)
        validate_s, model = timed(lambda: load_model(project.data_dir), runs)
        generate_s, compiled = timed(lambda: compile_site(model), runs)
        indicators = sum(len(c.indicators()) for c in model.categories)
        build_s, _ = timed(lambda: build_site(project, work / "site"), max(1, runs if factor < 100 else 1))
        return {"factor": factor, "categories": len(model.categories), "indicators": indicators,
                "pages": len(compiled.files), "validate": validate_s, "generate": generate_s, "mkdocs": build_s}


def main() -> None:
    """Measure each size and print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,10,100", help="comma-separated size factors")
    parser.add_argument("--runs", type=int, default=3, help="runs per step (median); 100x builds once")
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
    print("mkdocs build includes the MkDocs hook, which validates and regenerates once more (unchanged pages are "
          "not rewritten).")


if __name__ == "__main__":
    main()
