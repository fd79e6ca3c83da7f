"""Make a synthetic framework N times the size of the real one (for benchmarks only; never shipped as content)."""
from __future__ import annotations

import re
import shutil
import string
from pathlib import Path


def _letters(k: int) -> str:
    """0 -> A, 25 -> Z, 26 -> BA: category codes may only hold capital letters."""
    out = ""
    while True:
        out = string.ascii_uppercase[k % 26] + out
        k //= 26
        if k == 0:
            return out


def make_synthetic(source: Path, dest: Path, factor: int) -> Path:
    """Copy the data folder source to dest with every category repeated factor times under new ids."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("official-text"))
    categories = sorted((dest / "categories").glob("*.yml"))
    for path in categories:
        text = path.read_text(encoding="utf-8")
        cid = re.search(r"^id: (\S+)$", text, re.M).group(1)
        code = re.search(r"^code: (\S+)$", text, re.M).group(1)
        for k in range(1, factor):
            new_id, suffix = f"{cid}-x{k}", _letters(k)
            copy = re.sub(r"^counterpart: .*\n", "", text, flags=re.M)
            copy = re.sub(rf"^id: {re.escape(cid)}$", f"id: {new_id}", copy, flags=re.M)
            copy = re.sub(rf"^code: {re.escape(code)}$", f"code: {code}-X{suffix}", copy, flags=re.M)
            copy = copy.replace(f"id: {cid}.", f"id: {new_id}.")
            (dest / "categories" / f"{new_id}.yml").write_text(copy, encoding="utf-8")
    return dest
