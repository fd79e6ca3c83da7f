"""Write generated pages and built sites so that a failure never leaves a half-written result."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def tree_matches(folder: Path, files: dict[str, str]) -> bool:
    """True when folder holds exactly these files with exactly this text."""
    if not folder.is_dir():
        return False
    present = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    if present != set(files):
        return False
    return all(_read_exact(folder / rel) == text for rel, text in files.items())


def _read_exact(path: Path) -> str:
    """A file's text with its line endings as written (CSV files use CRLF)."""
    with open(path, encoding="utf-8", newline="") as handle:
        return handle.read()


def replace_tree(target: Path, files: dict[str, str]) -> bool:
    """Make target hold exactly files: write a sibling temporary folder, then swap it in. False if unchanged."""
    if tree_matches(target, files):
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        for rel, text in sorted(files.items()):
            path = fresh / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    swap_in(fresh, target)
    return True


def swap_in(fresh: Path, target: Path) -> None:
    """Put the complete folder fresh in the place of target, removing the old one."""
    old = target.parent / f".{target.name}-old-{os.getpid()}"
    if target.exists():
        target.rename(old)
    fresh.rename(target)
    shutil.rmtree(old, ignore_errors=True)
