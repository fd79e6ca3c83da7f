"""Benchmark the offline bundle (make offline): build time, zip size and what a user unpacks. Never asserts."""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.site.offline import build_offline  # noqa: E402
from generator.project import Project  # noqa: E402

RUNS = 3


def main() -> None:
    """Build the bundle RUNS times; print the median build time and the sizes."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "atlas.zip"
        for _ in range(RUNS):
            start = time.perf_counter()
            build_offline(Project(ROOT).config_file, target)
            times.append(time.perf_counter() - start)
        with zipfile.ZipFile(target) as archive:
            entries = archive.infolist()
        unpacked = sum(entry.file_size for entry in entries)
        pages = sum(1 for entry in entries if entry.filename.endswith(".html"))
        print("| build s (median of 3) | zip MB | unpacked MB | files | pages |")
        print("|---|---|---|---|---|")
        print(f"| {statistics.median(times):.1f} | {target.stat().st_size / 1e6:.2f} | {unpacked / 1e6:.1f} | "
              f"{len(entries)} | {pages} |")


if __name__ == "__main__":
    main()
