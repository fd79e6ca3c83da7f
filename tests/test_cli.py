"""The command line, run as a person runs it (`python -m generator` in the project's folder): exit codes, readable
errors without tracebacks, one read of the data per build, and pages written out only where asked. Builds that fail
are in tests/test_failed_builds.py, serving and publishing in tests/test_serve_and_publish.py."""
from __future__ import annotations

import io
import shutil
import subprocess
from contextlib import chdir, redirect_stderr, redirect_stdout
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_mini, edit


def make_project(root: Path) -> Path:
    """Make root a throwaway project: the tiny dataset with the real templates, docs and configuration."""
    copy_mini(root)
    for name in ("mkdocs.yml", "site_templates", "generator"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    shutil.copytree(ROOT / "docs", root / "docs")
    (root / "docs" / "index.md").write_text("# Test home\n\nSee [the categories](atlas/index.md).\n", encoding="utf-8")
    # This page cites the real dataset's sources and categories, which the tiny dataset does not have.
    (root / "docs" / "endorsement-in-context.md").write_text("# Endorsement in context\n", encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A throwaway project that a test may edit (make_project)."""
    return make_project(tmp_path)


def run_here(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a command in this process, in project's folder, as the `iecmh-atlas` entry point runs it (generator.cli.main)
    with its output captured: a check without a Python start-up. An uncaught exception fails the test where it is
    raised; `run` (a real process) shows that none reaches a person as a traceback."""
    from generator.cli import main

    stdout, stderr = io.StringIO(), io.StringIO()
    with chdir(project), redirect_stdout(stdout), redirect_stderr(stderr):
        code = main(list(args))
    return subprocess.CompletedProcess(["iecmh-atlas", *args], code, stdout.getvalue(), stderr.getvalue())


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
