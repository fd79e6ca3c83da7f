"""MkDocs hook: regenerate the Atlas pages and the navigation whenever MkDocs loads its configuration.

MkDocs reloads the configuration on every rebuild of `mkdocs serve`, so a change to a YAML file (watched
through `watch:` in mkdocs.yml) regenerates the pages. The generator itself does not depend on MkDocs.
"""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from generator.csp import inline_script_hashes, policy, with_csp_meta
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


SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
"""The theme's search box: a dialog without a name, which screen readers announce as just "dialog"."""


def name_search_dialog(html: str) -> str:
    """Give the theme's search dialog an accessible name."""
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">')


_hashes: set[str] = set()
_serving = False


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`, whose injected live-reload script a strict policy would block."""
    global _serving
    _serving = command == "serve"


def on_pre_build(config: MkDocsConfig) -> None:
    """Start collecting the inline-script hashes of this build."""
    _hashes.clear()


def on_post_page(output: str, page, config: MkDocsConfig) -> str:  # noqa: ANN001 - MkDocs passes its Page
    """Name the search dialog and add the Content-Security-Policy meta tag on every page."""
    output = name_search_dialog(output)
    _hashes.update(inline_script_hashes(output))
    return output if _serving else with_csp_meta(output)


def on_post_build(config: MkDocsConfig) -> None:
    """Write the site-wide policy for hosts that send it as an HTTP header (see docs/deployment.md)."""
    Path(config.site_dir, "csp-header.txt").write_text(
        "Content-Security-Policy: " + policy(sorted(_hashes)) + "\n", encoding="utf-8")


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    """Give theme-rendered HTML pages (the 404 page) the same policy."""
    if not template_name.endswith(".html"):
        return output_content
    output_content = name_search_dialog(output_content)
    _hashes.update(inline_script_hashes(output_content))
    return output_content if _serving else with_csp_meta(output_content)
