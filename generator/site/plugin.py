"""The MkDocs plugin `iecmh-atlas`: on every build it runs the pipeline and adds the compiled pages and exports as
virtual files (nothing is written into docs/), sets the navigation from them, then adds the search button, marks
what Pagefind indexes, puts the Content-Security-Policy in every page and indexes the built site.

MkDocs reloads its configuration on every rebuild of `mkdocs serve`, so a change to a YAML file (watched
through `watch:` in mkdocs.yml) is one rebuild and one reload of the browser. The command line's builds run the
pipeline once, before MkDocs starts (`run_before_build`), so data errors are reported as `iecmh-atlas validate`
reports them, and the build uses that result: one generate per build.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import markupsafe
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, StructureItem
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url, is_error_template

from generator.compile.build import CompiledSite
from generator.model.types import Model
from generator.errors import DataErrors
from generator.pipeline import run
from generator.site.csp import policy, shipped_script_hashes, theme_snippets, with_csp_meta
from generator.site.offline import BUNDLE_SCRIPT, SHIM_SCRIPT
from generator.site.search import (BUNDLE_FOLDER, SearchIndexError, excluded_from_search, index_site,
                                   read_search_terms, term_groups, with_offline_synonyms, with_search_body,
                                   with_search_button)

log = logging.getLogger("mkdocs.plugins.iecmh_atlas")


class AtlasConfig(base.Config):
    """Options of the iecmh-atlas plugin in mkdocs.yml (folders relative to mkdocs.yml)."""

    data_dir = c.Type(str, default="competencies")
    """The competency data."""
    assessments_dir = c.Type(str, default="assessments")
    """The self-assessment scale and program maps (optional)."""
    templates_dir = c.Type(str, default="site_templates/overrides")
    """Templates that replace built-in ones of the same name (optional)."""
    offline = c.Type(bool, default=False)
    """Build the copy that works opened from disk: Material's search and offline plugins, one bundled script."""


SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
"""The theme's search box: a dialog without a name, which screen readers announce as just "dialog"."""


def name_search_dialog(html: str) -> str:
    """Give the theme's search dialog an accessible name."""
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">')


def _nav_items(items: list[StructureItem]) -> Iterator[StructureItem]:
    """Every item of a navigation tree, sections and their children included."""
    for item in items:
        yield item
        yield from _nav_items(getattr(item, "children", None) or [])


class AtlasPlugin(BasePlugin[AtlasConfig]):
    """Generated pages as virtual files, navigation from the registry, search button and index, policy."""

    def __init__(self) -> None:
        """Start with no compiled site and no collected script hashes."""
        self.compiled: CompiledSite | None = None
        self.hashes: set[str] = set()
        self.serving = False
        self.search_terms: list[tuple[str, ...]] = []  # words that mean the same to a person searching
        self.prepared: tuple[Model, CompiledSite] | None = None  # the pipeline's result, when run before the build

    def compile(self, config: MkDocsConfig) -> tuple[Model, CompiledSite]:
        """Run the pipeline on the data, assessments and templates this configuration names; DataErrors on problems."""
        root = Path(config.config_file_path).resolve().parent
        templates = root / self.config.templates_dir
        return run(root / self.config.data_dir, root / self.config.assessments_dir,
                   templates if templates.is_dir() else None, config.site_url)

    def prepare(self, config: MkDocsConfig) -> None:
        """Run the pipeline now (DataErrors on problems), for the next build of config to use instead of running it."""
        self.prepared = self.compile(config)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is `mkdocs serve`, whose injected live-reload script a strict policy would block."""
        self.serving = command == "serve"

    @event_priority(100)  # before Material's search and offline plugins read their own `enabled`
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Run the pipeline, set the navigation from it and, offline, switch on what the offline copy needs."""
        root = Path(config.config_file_path).resolve().parent
        prepared, self.prepared = self.prepared, None
        try:
            model, self.compiled = prepared or self.compile(config)
        except DataErrors as exc:
            raise PluginError("The data or a template has errors; the site was not built.\n" + exc.report()) from exc
        log.info("IECMH Atlas: %d generated files", len(self.compiled.files))
        self.search_terms = term_groups(read_search_terms(root / self.config.data_dir),
                                        [(t.term, t.abbreviation) for t in model.terms])
        config.nav = self.compiled.nav
        if self.config.offline:
            _configure_offline(config)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add every compiled page and export as a file that exists only in memory."""
        assert self.compiled is not None
        for path, text in sorted(self.compiled.files.items()):
            if files.get_file_from_path(path) is not None:
                raise PluginError(f"docs/{path} is a hand-written file where the Atlas generates one; move it")
            inclusion = InclusionLevel.NOT_IN_NAV if path in self.compiled.not_in_nav else InclusionLevel.INCLUDED
            content = text if isinstance(text, bytes) else text.encode("utf-8")
            files.append(File.generated(config, path, content=content, inclusion=inclusion))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Make every navigation title text: the theme writes titles into pages as HTML, and names come from the data.

        Titles become escaped Markup, so the theme prints them as text and its own `| e` does not escape them twice."""
        for item in _nav_items(nav.items):
            if isinstance(item.title, str):
                item.title = markupsafe.escape(item.title)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Make the page's front-matter title text (the theme writes it into <title> and the header as HTML)."""
        if isinstance(page.meta.get("title"), str):
            page.meta["title"] = markupsafe.escape(page.meta["title"])
        return markdown

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Start collecting the inline-script hashes of this build."""
        self.hashes.clear()

    def uses_pagefind(self) -> bool:
        """Whether this build searches with Pagefind: every build but the offline copy, which keeps Material's
        search because Pagefind cannot run from file://."""
        return not self.config.offline

    def page_policy_hashes(self, config: MkDocsConfig, base_url: str) -> list[str]:
        """The inline scripts the theme ships, as rendered on a page with this base URL (noted for the header file)."""
        hashes = shipped_script_hashes(theme_snippets(tuple(config.theme.dirs)), base_url, config.extra.get("scope"))
        self.hashes.update(hashes)
        return hashes

    def with_policy(self, html: str, config: MkDocsConfig, base_url: str) -> str:
        """Name the theme's search dialog and add the CSP meta tag (not when serving): only the theme's own inline
        scripts for this page's base URL are allowed, never what the page happens to contain."""
        html = name_search_dialog(html)
        hashes = self.page_policy_hashes(config, base_url)
        return html if self.serving else with_csp_meta(html, hashes, wasm=self.uses_pagefind())

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Add the search button and mark what Pagefind indexes, then the policy."""
        if self.uses_pagefind():
            output = with_search_button(output, get_relative_url(BUNDLE_FOLDER + "/", page.url))
            if not excluded_from_search(page.meta):
                output = with_search_body(output, page.url, self.search_terms)
        return self.with_policy(output, config, get_relative_url(".", page.url))

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """Give theme-rendered HTML pages (the 404 page) the search button and the same policy."""
        if not template_name.endswith(".html"):
            return output_content
        # The 404 page answers at any address, so MkDocs gives it absolute links; its search button follows.
        base_url = urlsplit(config.site_url or "/").path if is_error_template(template_name) \
            else get_relative_url(".", template_name)
        if self.uses_pagefind():
            output_content = with_search_button(output_content, base_url.rstrip("/") + "/" + BUNDLE_FOLDER + "/")
        return self.with_policy(output_content, config, base_url)

    @event_priority(50)  # offline, before Material's search plugin writes its index (and its offline plugin reads it)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the site with Pagefind, or give Material's index (offline) the term groups' words; write the
        site-wide policy for hosts that send it as an HTTP header."""
        material_search = config.plugins.get("material/search")
        if not self.uses_pagefind() and material_search is not None and material_search.config.enabled:
            with_offline_synonyms(material_search.search_index.entries, self.search_terms)
        if self.uses_pagefind():
            try:
                index_site(Path(config.site_dir))
            except SearchIndexError as exc:
                raise PluginError(str(exc)) from exc
        Path(config.site_dir, "csp-header.txt").write_text(
            "Content-Security-Policy: " + policy(sorted(self.hashes), wasm=self.uses_pagefind()) + "\n",
            encoding="utf-8")


def run_before_build(config: MkDocsConfig) -> None:
    """Run the pipeline for the build of config now, before MkDocs starts (DataErrors, not a build error, on
    problems), so that the build uses this result instead of running it again: one generate per build."""
    atlas = config.plugins.get("iecmh-atlas")
    if not isinstance(atlas, AtlasPlugin):
        raise PluginError(f"{config.config_file_path} does not use the iecmh-atlas plugin")
    atlas.prepare(config)


def _configure_offline(config: MkDocsConfig) -> None:
    """Material's search and offline plugins on, the vendored shim, one bundled script, no instant navigation."""
    for name in ("material/search", "material/offline"):
        plugin = config.plugins.get(name)
        if plugin is None:
            raise PluginError(f"the offline copy needs the {name.split('/')[1]} plugin in mkdocs.yml")
        plugin.config.enabled = True
    # An iframe-worker entry already present keeps the offline plugin from adding its CDN address.
    config.extra["polyfills"] = [SHIM_SCRIPT]
    config.extra_javascript = [BUNDLE_SCRIPT]
    # Instant navigation cannot load pages from file://; the theme then never announces a loaded page, and the
    # Atlas's script waits for that announcement. Plain page loads are what a page opened from disk gets anyway.
    config.theme["features"] = [f for f in config.theme["features"] if f != "navigation.instant"]
