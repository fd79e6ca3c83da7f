"""Errors in data files, each pointing at a file, line, column and YAML path."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in one data file (or template); a column of 0 means the column is not known."""

    path: Path
    line: int
    column: int
    ypath: tuple[str | int, ...]
    message: str

    def __str__(self) -> str:
        """Format as `file:line:column: yaml.path: message`, with the file relative to the working folder."""
        try:
            shown = self.path.resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            shown = self.path
        where = f"{shown}:{self.line}:{self.column}" if self.column else f"{shown}:{self.line}"  # 0: column unknown
        return f"{where}: {format_ypath(self.ypath)}: {self.message}" if self.ypath else f"{where}: {self.message}"


def format_ypath(ypath: tuple[str | int, ...]) -> str:
    """Render a YAML path as domains[0].knowledge_areas[2].indicators."""
    out = ""
    for part in ypath:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class DataErrors(Exception):
    """Raised when a data folder has errors; carries all of them."""

    def __init__(self, errors: list[DataError]) -> None:
        super().__init__(f"{len(errors)} error(s) in the data")
        self.errors = sorted(errors, key=lambda e: (str(e.path), e.line, e.column, e.message))

    def report(self) -> str:
        """All errors, one a line, then a count."""
        lines = [str(e) for e in self.errors]
        lines.append(f"{len(self.errors)} error(s); nothing was built.")
        return "\n".join(lines)
