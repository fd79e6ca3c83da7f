"""The command line: exit codes, readable errors without tracebacks, and builds that never half-write."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, edit


@pytest.fixture
def project(tmp_path: Path, mini: Path) -> Path:
    """A throwaway project: the tiny dataset with the real templates, docs and configuration."""
    root = mini.parent
    for name in ("mkdocs.yml", "site_templates", "generator"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    shutil.copytree(ROOT / "docs", root / "docs")
    (root / "docs" / "index.md").write_text("# Test home\n\nSee [the categories](atlas/index.md).\n", encoding="utf-8")
    # This page cites the real dataset's sources and categories, which the tiny dataset does not have.
    (root / "docs" / "endorsement-in-context.md").write_text("# Endorsement in context\n", encoding="utf-8")
    return root


def run(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator` in project."""
    return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"})


def test_validate_ok(project: Path) -> None:
    result = run(project, "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok: 3 categories, 2 knowledge areas, 6 indicators"


def test_validate_errors_exit_1_with_every_error_and_no_traceback(project: Path) -> None:
    edit(project / "competencies" / "domains.yml", "    name: Reflection\n", "")
    edit(project / "competencies" / "categories" / "alpha.yml", "track: early-childhood", "track: toddlers")
    result = run(project, "validate")
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("competencies/categories/alpha.yml:4:1: track: 'toddlers' is not one of: infant,")
    assert lines[1].startswith("competencies/domains.yml:6:5: domains[1]: missing required field 'name'")
    assert lines[2] == "2 error(s); nothing was built."
    assert "Traceback" not in result.stderr


def test_usage_error_exits_2(project: Path) -> None:
    assert run(project, "publish").returncode == 2
    assert run(project).returncode == 2


def test_failed_build_keeps_the_previous_site_and_pages(project: Path) -> None:
    first = run(project, "build")
    assert first.returncode == 0, first.stderr
    site_index = (project / "site" / "atlas" / "categories" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert not (project / "docs" / "atlas").exists()  # generated pages live in memory only
    edit(project / "competencies" / "categories" / "alpha.yml", "text: Stays open and curious.", "text: ''")
    edit(project / "competencies" / "categories" / "alpha.yml", "Helps parents look", "Now helps parents look")
    second = run(project, "build")
    assert second.returncode == 1 and "must not be empty" in second.stderr and "Traceback" not in second.stderr
    assert (project / "site" / "atlas" / "categories" / "alpha" / "index.html").read_text(encoding="utf-8") == site_index
    assert not (project / "docs" / "atlas").exists()
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site")]


def test_a_build_reads_and_compiles_the_data_once(project: Path, monkeypatch, tmp_path: Path) -> None:
    import generator.pipeline as pipeline
    from generator.cli import main

    calls = {"read": 0, "compile": 0}

    def counted(name: str, function):
        """function, counting its calls under name."""
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(pipeline, "read_documents", counted("read", pipeline.read_documents))
    monkeypatch.setattr(pipeline, "compile_site", counted("compile", pipeline.compile_site))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    assert main(["--project", str(project), "build", "--site-dir", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / "atlas" / "categories" / "alpha" / "index.html").is_file()
    assert calls == {"read": 1, "compile": 1}


def test_a_build_with_data_errors_reports_them_as_validate_does(project: Path) -> None:
    edit(project / "competencies" / "domains.yml", "    name: Reflection\n", "")
    validated, built = run(project, "validate"), run(project, "build")
    assert built.returncode == validated.returncode == 1
    assert built.stderr == validated.stderr and "site build failed" not in built.stderr
    assert not (project / "site").exists()


def test_generate_writes_the_pages_out_for_inspection_only_where_asked(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "pages"
    result = run(project, "generate", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "atlas" / "categories" / "alpha.md").is_file() and (out / "atlas" / "data" / "atlas.json").is_file()
    assert run(project, "generate", "--out", str(out)).stdout.strip().endswith("(unchanged)")
    assert run(project, "generate").returncode == 0 and (project / "build" / "pages" / "atlas" / "index.md").is_file()
    assert not (project / "docs" / "atlas").exists()


def test_broken_link_in_a_hand_written_page_fails_the_strict_build_and_keeps_the_site(project: Path) -> None:
    assert run(project, "build").returncode == 0
    before = sorted(p.relative_to(project / "site") for p in (project / "site").rglob("*"))
    (project / "docs" / "index.md").write_text("# Home\n\n[gone](atlas/nowhere.md)\n", encoding="utf-8")
    result = run(project, "build")
    assert result.returncode == 1 and "site build failed" in result.stderr
    assert "atlas/nowhere.md" in result.stderr  # the warning that failed the strict build is shown
    assert sorted(p.relative_to(project / "site") for p in (project / "site").rglob("*")) == before


def test_serve_rebuilds_once_when_a_yaml_file_changes(project: Path) -> None:
    import socket
    import threading
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"})
    log: list[str] = []
    reader = threading.Thread(target=lambda: log.extend(iter(server.stderr.readline, "")), daemon=True)
    reader.start()
    url = f"http://127.0.0.1:{port}/atlas/categories/alpha/"

    def fetch() -> str:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")

    def wait_for(needle: str) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if needle in fetch():
                    return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    def builds() -> int:
        return sum("Building documentation" in line for line in log)

    try:
        assert wait_for("Stays open and curious."), "the server never served the page"
        before = builds()
        edit(project / "competencies" / "categories" / "alpha.yml", "text: Stays open and curious.",
             "text: Stays open, curious and playful.")
        assert wait_for("Stays open, curious and playful."), "the page was not regenerated after the YAML change"
        assert "Stays open and curious." not in fetch()
        time.sleep(3)  # a second rebuild, if the edit caused one, would have started by now
        assert builds() - before == 1, log
        assert not (project / "docs" / "atlas").exists()
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_build_for_another_address_and_the_publishing_workflow(project: Path) -> None:

    import yaml

    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1",
           "ATLAS_SITE_URL": "https://example.org/atlas/"}
    result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, capture_output=True, text=True,
                            env=env)
    assert result.returncode == 0, result.stderr
    sitemap = (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/atlas/atlas/categories/alpha/</loc>" in sitemap
    page = (project / "site" / "atlas" / "categories" / "alpha" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/atlas/atlas/categories/alpha/">' in page
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["build"]["steps"]
    build = next(s for s in steps if s.get("run") == "make site")
    assert build["env"]["ATLAS_SITE_URL"].startswith("https://")
    upload = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert steps[upload]["with"]["path"] == "site"
    offline = next(i for i, s in enumerate(steps) if "make offline" in s.get("run", ""))
    assert offline < upload and "site/" in steps[offline]["run"]
