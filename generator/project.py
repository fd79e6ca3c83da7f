"""Where the parts of an Atlas project live, and the steps that turn data into a site."""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from generator.compile.exports.case import all_records
from generator.compile.exports.case_dates import LEDGER_FILE, ledger_text, read_ledger, updated_ledger
from generator.errors import DataErrors
from generator.model.types import Model
from generator.pipeline import load_model, run
from generator.site.output import replace_tree, swap_in


@dataclass(frozen=True)
class Project:
    """Folders and files of one Atlas checkout."""

    root: Path

    @property
    def data_dir(self) -> Path:
        """The competency data (competencies/)."""
        return self.root / "competencies"

    @property
    def assessments_dir(self) -> Path:
        """The self-assessment scale and program maps (assessments/)."""
        return self.root / "assessments"

    @property
    def docs_dir(self) -> Path:
        """The MkDocs source folder of hand-written pages (docs/)."""
        return self.root / "docs"

    @property
    def templates_dir(self) -> Path:
        """An optional folder of template overrides (site_templates/overrides/)."""
        return self.root / "site_templates" / "overrides"

    @property
    def config_file(self) -> Path:
        """The MkDocs configuration (mkdocs.yml)."""
        return self.root / "mkdocs.yml"

    @property
    def pages_dir(self) -> Path:
        """Where `iecmh-atlas generate` writes the generated files for inspection by default (build/pages/)."""
        return self.root / "build" / "pages"


def find_project(start: Path | None = None) -> Project:
    """The project whose mkdocs.yml is in start or one of its parents (default: the working folder)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "competencies").is_dir():
            return Project(folder)
    return Project(here)


def validate(project: Project) -> Model:
    """The model of the project's data, or DataErrors with every problem."""
    return load_model(project.data_dir, project.assessments_dir)


def write_pages(project: Project, out_dir: Path) -> tuple[int, bool]:
    """Write every generated file into out_dir (swapped in whole) for inspection; return the count and whether
    anything changed. The site itself never needs them: the plugin serves them from memory."""
    overrides = project.templates_dir if project.templates_dir.is_dir() else None
    _, compiled = run(project.data_dir, project.assessments_dir, overrides)
    return len(compiled.files), replace_tree(out_dir, compiled.files)


def build_site(project: Project, site_dir: Path, strict: bool = True) -> None:
    """Run the pipeline (DataErrors on problems, before anything is built), then the MkDocs build on its result into
    a temporary folder, swapped into site_dir only when it succeeds."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from generator.site.plugin import run_before_build

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    try:
        config = load_config(str(project.config_file), site_dir=str(fresh), strict=strict)
        run_before_build(config)
        build(config)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    swap_in(fresh, site_dir)


def update_case_dates(project: Project, now: datetime | None = None) -> tuple[int, int, int]:
    """Bring competencies/case-dates.json up to date with the data: a new or changed CASE record is dated now (the
    build itself never reads a clock). Return how many records it holds, how many are new or changed, how many gone."""
    model = load_model(project.data_dir, project.assessments_dir)
    ledger, errors = read_ledger(project.data_dir)
    if errors:
        raise DataErrors(errors)
    stamp = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0).isoformat()
    fresh = updated_ledger(all_records(model), ledger, stamp, f"{model.framework.date}T00:00:00+00:00")
    (project.data_dir / LEDGER_FILE).write_text(ledger_text(fresh), encoding="utf-8")
    return len(fresh), sum(1 for k, v in fresh.items() if ledger.get(k) != v), len(set(ledger) - set(fresh))

