"""Write generated pages and built sites so that a failure never leaves a half-written result."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def kept_on_failure(folder: Path) -> Iterator[None]:
    """Run the block; if it fails, put folder back byte for byte as it was before (or remove it if it was absent)."""
    earlier = _file_bytes(folder)
    try:
        yield
    except BaseException:
        if _file_bytes(folder) != earlier:
            _restore(folder, earlier)
        raise


def _file_bytes(folder: Path) -> dict[str, bytes] | None:
    """Every file under folder with its bytes, or None when folder does not exist."""
    if not folder.is_dir():
        return None
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _restore(folder: Path, files: dict[str, bytes] | None) -> None:
    """Make folder hold exactly files (written beside it, then swapped in); remove folder when files is None."""
    if files is None:
        shutil.rmtree(folder, ignore_errors=True)
        return
    fresh = Path(tempfile.mkdtemp(prefix=f".{folder.name}-old-", dir=folder.parent))
    for rel, data in files.items():
        (fresh / rel).parent.mkdir(parents=True, exist_ok=True)
        (fresh / rel).write_bytes(data)
    swap_in(fresh, folder)
