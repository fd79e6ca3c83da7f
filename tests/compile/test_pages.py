"""Generated pages: snapshots of each page kind, determinism, and data always shown as text."""
from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from conftest import ROOT, edit, real_pages
from generator.pipeline import load_model
from generator.compile.build import compile_site
from generator.compile.kinds import PageKind
from generator.compile.nav import nav_paths
from generator.compile.registry import PAGE_KINDS
from generator.site.output import replace_tree

def build_pages(model) -> dict[str, str]:
    """Every generated file of the model."""
    return compile_site(model).files


SNAPSHOTS = ROOT / "tests" / "__snapshots__" / "mini"
UPDATE = os.environ.get("UPDATE_SNAPSHOTS") == "1"
EXAMPLES = {  # template of each page kind of the registry -> the page of that kind in the mini dataset with a snapshot
    "categories.md.j2": "atlas/index.md",
    "category.md.j2": "atlas/categories/alpha.md",
    "domains.md.j2": "atlas/domains/index.md",
    "domain.md.j2": "atlas/domains/tf.md",
    "knowledge-area.md.j2": "atlas/knowledge-areas/pregnancy.md",
    "requirements.md.j2": "atlas/requirements.md",
    "role.md.j2": "atlas/roles/worker.md",
    "glossary.md.j2": "atlas/glossary.md",
    "about-data.md.j2": "atlas/about-data.md",
    "assessments.md.j2": "atlas/self-assessment/index.md",
    "assessment.md.j2": "atlas/self-assessment/alpha.md",
    "crosswalks.md.j2": "atlas/crosswalks/index.md",
    "crosswalk.md.j2": "atlas/crosswalks/gamma-alpha.md",
    "compare-index.md.j2": "atlas/compare/index.md",
    "compare.md.j2": "atlas/compare/gamma--alpha.md",
    "open-data.md.j2": "atlas/open-data.md",
    "programs.md.j2": "atlas/programs/index.md",
    "program.md.j2": "atlas/programs/test-program.md",
    "mapper.md.j2": "atlas/programs/mapper.md",
}


def render_html(page_markdown: str) -> str:
    """Render a generated page to HTML with the Markdown extensions the site uses."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#").replace("!ENV", ""))
    names, settings = [], {}
    for ext in config["markdown_extensions"]:
        name = ext if isinstance(ext, str) else next(iter(ext))
        names.append(name)
        if isinstance(ext, dict):
            settings[name] = ext[name]
    body, _ = get_data(page_markdown)
    return markdown.Markdown(extensions=names, extension_configs=settings).convert(body)


def test_every_template_is_a_page_kind_with_a_snapshot(mini: Path) -> None:
    templates = {p.name for p in (ROOT / "site_templates").glob("*.md.j2")}
    assert templates and templates == {kind.template for kind in PAGE_KINDS} == set(EXAMPLES)
    kinds = compile_site(load_model(mini)).kinds
    assert all(kinds[page] == template for template, page in EXAMPLES.items())


@pytest.mark.parametrize("kind", PAGE_KINDS, ids=lambda kind: kind.template)
def test_page_matches_snapshot(mini: Path, kind: PageKind) -> None:
    template, page = kind.template, EXAMPLES[kind.template]
    text = build_pages(load_model(mini))[page]
    snapshot = SNAPSHOTS / page
    if UPDATE:
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        snapshot.write_text(text, encoding="utf-8")
    assert snapshot.is_file(), f"no snapshot for {page}; run UPDATE_SNAPSHOTS=1 pytest to create it"
    assert text == snapshot.read_text(encoding="utf-8"), f"{page} differs from its snapshot ({template})"


def test_same_data_gives_identical_pages(mini: Path) -> None:
    first = build_pages(load_model(mini))
    second = build_pages(load_model(mini))
    assert first == second and set(EXAMPLES.values()) <= set(first)


def test_real_dataset_is_deterministic_and_complete() -> None:
    model = load_model(ROOT / "competencies")
    pages = build_pages(model)
    assert pages == real_pages()  # compiled from a reading of its own (tests/conftest.py)
    assert any(p.endswith(".csv") for p in pages) and any(p.startswith("atlas/data/case/") for p in pages)
    for category in model.categories:
        text = pages[f"atlas/categories/{category.id}.md"]
        for indicator in category.indicators():
            assert f"{{#{indicator.id} .atlas-indicator}}" in text


def test_indicator_has_heading_anchor_and_source(mini: Path) -> None:
    html = render_html(build_pages(load_model(mini))["atlas/categories/alpha.md"])
    assert re.search(r'<h4 class="atlas-indicator" id="alpha\.tf\.pregnancy\.1">Helps parents look for good care '
                     r'while expecting\.', html)
    assert '<code>alpha.tf.pregnancy.1</code> · Source: <a href="../about-data.md#source-src-a">src-a</a>' in html


def test_not_entered_is_shown_not_guessed(mini: Path) -> None:
    pages = build_pages(load_model(mini))
    beta = render_html(pages["atlas/categories/beta.md"])
    assert "<em>Indicators not yet entered.</em>" in beta
    assert "<td>Education</td>\n<td><em>Not yet entered</em></td>" in beta
    assert "Domains not yet entered" in beta
    assert "Uncertain" in beta


class TagCollector(HTMLParser):
    """Every start tag of an HTML fragment with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    @classmethod
    def of(cls, html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
        parser = cls()
        parser.feed(html)
        return parser.tags


HOSTILE = [
    "<script>alert(1)</script>",
    "[click me](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "**bold** {#evil .x} | cell | `code`",
    "<a href=\"https://example.org\">third party</a>",
]


@pytest.mark.parametrize("payload", HOSTILE)
def test_data_is_never_rendered_as_markup(mini: Path, payload: str) -> None:
    quoted = yaml.safe_dump(payload, default_style='"').strip()
    alpha = mini / "categories" / "alpha.yml"
    edit(alpha, "text: Stays open and curious.", f"text: {quoted}")
    edit(alpha, "summary: A test category with indicators.", f"summary: {quoted}")
    edit(alpha, "topic: on therapy", f"topic: {quoted}")
    edit(mini / "knowledge-areas.yml", "name: Curiosity", f"name: {quoted}")
    edit(mini / "glossary.yml", "definition: What a person knows and can do.", f"definition: {quoted}")
    edit(mini / "roles" / "worker.yml", "text: Assesses things.", f"text: {quoted}")
    edit(mini / "categories" / "beta.yml", "text: Part of this is unclear.", f"text: {quoted}")
    edit(mini / "framework.yml", "title: Source B", f"title: {quoted}")
    for path, page in build_pages(load_model(mini)).items():
        if not path.endswith(".md"):
            continue  # export files are data (CSV, JSON), checked in test_exports.py
        html = render_html(page)
        tags = TagCollector.of(html)
        scripts = [attrs for tag, attrs in tags if tag == "script"]
        data_blocks = [[("type", "application/json"), ("id", f"atlas-{kind}-data")] for kind in ("assessment", "mapper")]
        assert scripts == [] or (len(scripts) == 1 and scripts[0] in data_blocks), (path, scripts)
        if scripts:  # the inert data block: its text never holds a raw "<", so it cannot close itself
            block = html.split(f'id="{scripts[0][1][1]}">', 1)[1].split("</script>", 1)[0]
            assert "<" not in block, path
            if path.endswith("alpha.md") and "<" in payload:
                assert "\\u003c" in block, path  # the payload is there, escaped
        assert "img" not in {tag for tag, _ in tags}, path
        for tag, attrs in tags:
            assert not any(name.startswith("on") for name, _ in attrs), (path, tag, attrs)
            assert not any((value or "").strip().lower().startswith("javascript:") for _, value in attrs), path
            assert ("href", "https://example.org") not in attrs and ("id", "evil") not in attrs, path
        assert "<strong>bold</strong>" not in render_html(page), path
    shown = render_html(build_pages(load_model(mini))["atlas/categories/alpha.md"])
    assert payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split(" ")[0] in shown


def test_nav_lists_every_generated_page_once(mini: Path) -> None:
    model = load_model(mini)

    def paths(node: object) -> list[str]:
        if isinstance(node, str):
            return [node]
        if isinstance(node, dict):
            return [p for v in node.values() for p in paths(v)]
        return [p for v in node for p in paths(v)]  # type: ignore[union-attr]

    listed = paths(compile_site(model).nav)
    assert len(listed) == len(set(listed))
    comparisons = {p for p in build_pages(model) if p.startswith("atlas/compare/") and "--" in p}
    assert comparisons  # reached from the picker instead (mkdocs.yml not_in_nav)
    assert {p for p in build_pages(model) if p.endswith(".md")} - comparisons <= set(listed)


def test_unchanged_crlf_files_are_not_rewritten(tmp_path: Path) -> None:
    files = {"data/a.csv": "\ufeffa,b\r\n1,2\r\n", "page.md": "# Page\n"}
    assert replace_tree(tmp_path / "atlas", files) is True
    assert replace_tree(tmp_path / "atlas", files) is False


def test_pages_are_swapped_in_whole(tmp_path: Path) -> None:
    target = tmp_path / "atlas"
    assert replace_tree(target, {"a.md": "one\n", "sub/b.md": "two\n"}) is True
    assert replace_tree(target, {"a.md": "one\n", "sub/b.md": "two\n"}) is False  # unchanged: no rewrite
    assert replace_tree(target, {"c.md": "three\n"}) is True
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()) == ["c.md"]
    assert [p.name for p in tmp_path.iterdir()] == ["atlas"]  # no temporary folders left behind


def test_navigation_and_pages_agree_both_ways_without_an_assessments_folder(mini: Path) -> None:
    shutil.rmtree(mini.parent / "assessments")
    compiled = compile_site(load_model(mini))
    pages = {p for p in compiled.files if p.endswith(".md")}
    listed = [p for p in nav_paths(compiled.nav) if p.startswith("atlas/")]
    assert pages and listed and len(listed) == len(set(listed))
    assert set(listed) == pages - compiled.not_in_nav  # nothing listed that is not made, nothing made left out
    assert "atlas/programs/index.md" not in pages and "atlas/self-assessment/index.md" not in pages


def test_navigation_and_pages_agree_both_ways_with_every_page_kind(mini: Path) -> None:
    compiled = compile_site(load_model(mini))
    listed = [p for p in nav_paths(compiled.nav) if p.startswith("atlas/")]
    assert set(listed) == {p for p in compiled.files if p.endswith(".md")} - compiled.not_in_nav
    assert compiled.not_in_nav and all("--" in p for p in compiled.not_in_nav)
    assert set(compiled.kinds.values()) == {kind.template for kind in PAGE_KINDS}


def test_official_text_for_some_indicators_says_which_are_official(mini: Path) -> None:
    overlay = mini / "official-text"
    overlay.mkdir()
    (overlay / "alpha.yml").write_text('licence: "Licensed to the test association."\n'
                                       'texts:\n  alpha.tf.pregnancy.1: "Official words."\n', encoding="utf-8")
    page = compile_site(load_model(mini)).files["atlas/categories/alpha.md"]
    assert "Indicators are shown in the publisher's own words under licence" not in page
    assert "**Official text and paraphrase.**" in page
    assert page.count("· *Official text*") == 1
    (overlay / "alpha.yml").write_text('licence: "Licensed."\ntexts:\n  alpha.tf.pregnancy.1: "One."\n'
                                       '  alpha.tf.pregnancy.2: "Two."\n  alpha.ref.curiosity.1: "Three."\n',
                                       encoding="utf-8")
    page = compile_site(load_model(mini)).files["atlas/categories/alpha.md"]
    assert "**Official text.** Indicators are shown in the publisher's own words under licence" in page
    assert "· *Official text*" not in page and "**Paraphrase.**" not in page
