"""Markup in the data is text everywhere: a site whose every text field carries script runs none of it, and the
security policy allows only the theme's own inline scripts, so an injected one is refused."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.browser

PAYLOAD = ('<script>window.__atlasRan=(window.__atlasRan||0)+1</script>'
           '<img src="x" data-atlas-injected onerror="window.__atlasRan=1"> & "q" \'s')
"""Appended to every text field of the data: a script, an element with a handler, and characters to escape."""
TEXT_KEYS = {"name", "title", "text", "summary", "description", "note", "section", "publisher", "definition",
             "topic", "institution", "program", "edition", "licence", "disclaimer", "label", "privacy_statement"}
"""Keys whose values are free text (ids, references and choices from a list are validated and cannot hold markup)."""


def taint(value: object, key: str | None = None) -> tuple[object, int]:
    """The value with PAYLOAD appended to every text field, and how many fields were changed."""
    if isinstance(value, dict):
        out, count = {}, 0
        for k, v in value.items():
            out[k], n = taint(v, k)
            count += n
        return out, count
    if isinstance(value, list):
        items = [taint(v, key) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    if isinstance(value, str) and key in TEXT_KEYS:
        return value + " " + PAYLOAD, 1
    return value, 0


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny dataset with markup in every text field, built with the real templates and configuration."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", root / "competencies")
    shutil.copytree(ROOT / "competencies" / "schemas", root / "competencies" / "schemas")
    shutil.copytree(ROOT / "assessments", root / "assessments", ignore=shutil.ignore_patterns("programs"))
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini-programs", root / "assessments" / "programs")
    for name in ("mkdocs.yml", "site_templates", "generator"):
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, root / name)
    shutil.copytree(ROOT / "docs", root / "docs")
    (root / "docs" / "index.md").write_text("# Test home\n\nSee [the categories](atlas/index.md).\n", encoding="utf-8")
    (root / "docs" / "endorsement-in-context.md").write_text("# Endorsement in context\n", encoding="utf-8")
    tainted = 0
    for path in sorted([*(root / "competencies").rglob("*.yml"), *(root / "assessments").rglob("*.yml")]):
        data, count = taint(yaml.safe_load(path.read_text(encoding="utf-8")))
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        tainted += count
    assert tainted > 80, tainted
    result = subprocess.run([sys.executable, "-m", "generator", "build", "--site-dir", str(root / "site")], cwd=root,
                            capture_output=True, text=True,
                            env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root), "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


def test_markup_in_names_is_escaped_in_titles_and_navigation(hostile_site: Path) -> None:
    category = (hostile_site / "atlas" / "categories" / "alpha" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", category, re.S).group(1)
    assert "&lt;script&gt;" in title and "<script" not in title
    nav = category[category.index('aria-label="Navigation"'):]
    assert "ALPHA: Alpha Specialist &lt;script&gt;" in nav
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 15
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "window.__atlasRan=(" not in re.sub(r"<script[^>]*application/json.*?</script>", "", html, flags=re.S)\
            .replace("&lt;script&gt;window.__atlasRan=(", ""), path
        assert "<img src=\"x\" data-atlas-injected" not in html, path


def test_no_injected_script_runs_and_the_policy_refuses_one(hostile_site: Path, browser) -> None:
    from browsing import policy_refusals, serve_folder

    context = browser.new_context()
    page = context.new_page()
    refused = policy_refusals(page)
    pages = [p.relative_to(hostile_site).parent.as_posix() + "/" for p in sorted(hostile_site.rglob("index.html"))]
    assert len(pages) > 15
    with serve_folder(hostile_site) as url:
        for path in pages:
            page.goto(url + ("" if path == "./" else path), wait_until="load")
            assert page.evaluate("window.__atlasRan") is None, path
            assert page.locator("[data-atlas-injected]").count() == 0, path
        assert not refused, refused  # no page even tried to run a script the data brought
        page.goto(url + "atlas/categories/alpha/", wait_until="load")
        assert page.get_by_role("heading", level=1).inner_text().startswith("Alpha Specialist <script>")
        ran = page.evaluate("""() => new Promise(done => {
            document.addEventListener('securitypolicyviolation', () => done('refused'), {once: true});
            const s = document.createElement('script');
            s.textContent = 'window.__atlasRan = 1';
            document.head.append(s);
            setTimeout(() => done(window.__atlasRan ? 'ran' : 'silent'), 1000);
        })""")
    context.close()
    assert ran == "refused"
