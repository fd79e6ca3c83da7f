"""Where the parts of an Atlas project live, and the steps that turn data into a site."""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.errors import DataErrors
from generator.loader import load_model
from generator.model import Model
from generator.output import replace_tree, swap_in
from generator.pages import GENERATED_DIR, build_pages
from generator.render import template_error


@dataclass(frozen=True)
class Project:
    """Folders and files of one Atlas checkout."""

    root: Path

    @property
    def data_dir(self) -> Path:
        """The competency data (competencies/)."""
        return self.root / "competencies"

    @property
    def docs_dir(self) -> Path:
        """The MkDocs source folder (docs/)."""
        return self.root / "docs"

    @property
    def templates_dir(self) -> Path:
        """An optional folder of template overrides (site_templates/overrides/)."""
        return self.root / "site_templates" / "overrides"

    @property
    def config_file(self) -> Path:
        """The MkDocs configuration (mkdocs.yml)."""
        return self.root / "mkdocs.yml"


def find_project(start: Path | None = None) -> Project:
    """The project whose mkdocs.yml is in start or one of its parents (default: the working folder)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "competencies").is_dir():
            return Project(folder)
    return Project(here)


def generate(project: Project) -> tuple[Model, dict[str, str], bool]:
    """Validate the data and write the generated pages; return the model, the pages and whether files changed."""
    model = load_model(project.data_dir)
    overrides = project.templates_dir if project.templates_dir.is_dir() else None
    try:
        pages = build_pages(model, overrides)
    except Exception as exc:  # a broken template (an override, usually) is named with its line, not traced
        error = template_error(exc, overrides)
        if error is None:
            raise
        raise DataErrors([error]) from None
    prefix = GENERATED_DIR + "/"
    changed = replace_tree(project.docs_dir / GENERATED_DIR,
                           {path.removeprefix(prefix): text for path, text in pages.items()})
    return model, pages, changed


def build_site(project: Project, site_dir: Path, strict: bool = True) -> None:
    """Run the MkDocs build into a temporary folder and swap it into site_dir only when it succeeds."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-new-", dir=site_dir.parent))
    try:
        config = load_config(str(project.config_file), site_dir=str(fresh), strict=strict)
        build(config)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    swap_in(fresh, site_dir)
