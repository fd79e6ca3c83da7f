"""MkDocs hook: regenerate the Atlas pages and the navigation whenever MkDocs loads its configuration.

MkDocs reloads the configuration on every rebuild of `mkdocs serve`, so a change to a YAML file (watched
through `watch:` in mkdocs.yml) regenerates the pages. The generator itself does not depend on MkDocs.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from generator.errors import DataErrors
from generator.pages import build_nav
from generator.project import Project, generate

log = logging.getLogger("mkdocs.hooks.iecmh_atlas")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Validate and generate the pages, then set the navigation from the model."""
    project = Project(Path(config.config_file_path).resolve().parent)
    try:
        model, pages, changed = generate(project)
    except DataErrors as exc:
        raise PluginError("The competency data has errors; the pages were not regenerated.\n" + exc.report())
    log.info("IECMH Atlas: %d generated pages%s", len(pages), " (updated)" if changed else "")
    config.nav = build_nav(model)
    return config
