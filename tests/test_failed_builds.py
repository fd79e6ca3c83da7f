"""A build that fails leaves every earlier output as it was: the site, the offline zip and the generated pages, for
each way a build can fail (bad data, a broken template, a broken link that fails MkDocs' strict build), with the
reason on one line and no traceback. The project is built once per test process; each test edits a copy. The
commands run in this process (test_cli.run_here); tests/test_cli.py runs failing ones as a real process."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, edit
from test_cli import make_project, run_here

ALPHA = Path("competencies") / "categories" / "alpha.yml"
OUTPUTS = ("site", "build")  # build/ holds the offline zip and the generated pages


def tree_bytes(folder: Path) -> dict[str, bytes]:
    """Every file under folder with its exact bytes."""
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    assert files, f"nothing under {folder}"
    return files


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The throwaway project after a successful build, offline build and generate."""
    root = make_project(tmp_path_factory.mktemp("built"))
    (root / "node_modules").symlink_to(ROOT / "node_modules")  # esbuild and the shim for the offline copy
    for command in ("build", "offline", "generate"):
        done = run_here(root, command)
        assert done.returncode == 0, (command, done.stderr)
    return root


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A copy of the built project that a test may break."""
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def outputs_of(project: Path) -> list[dict[str, bytes]]:
    """The bytes of every earlier output."""
    found = [tree_bytes(project / name) for name in OUTPUTS]
    assert "iecmh-atlas-offline.zip" in found[1] and "pages/atlas/index.md" in found[1]
    return found


def assert_nothing_left_over(project: Path) -> None:
    """No half-written folder is left beside the outputs, and no page was written into docs/."""
    leftovers = [p.name for folder in (project, *(project / n for n in OUTPUTS)) for p in folder.iterdir()
                 if p.name.startswith(".")]
    assert not leftovers, leftovers
    assert not (project / "docs" / "atlas").exists()


def test_bad_data_fails_every_command_with_every_error_and_changes_nothing(project: Path) -> None:
    before = outputs_of(project)
    edit(project / ALPHA, "Helps parents look", "Now helps parents look")  # valid: the pages would change
    edit(project / ALPHA, "text: Stays open and curious.", "text: ''")
    (project / "assessments" / "scale.yml").unlink()
    for command in ("build", "offline", "generate"):
        failed = run_here(project, command)
        assert failed.returncode == 1 and "Traceback" not in failed.stderr, (command, failed.stderr)
        lines = failed.stderr.strip().splitlines()
        assert lines[0].startswith("assessments/scale.yml:1:1: "), (command, lines)
        assert lines[1].startswith(f"{ALPHA}:") and "must not be empty" in lines[1], (command, lines)
        assert lines[2] == "2 error(s); nothing was built.", (command, lines)
    assert outputs_of(project) == before
    assert_nothing_left_over(project)


def test_a_broken_link_fails_the_strict_build_after_the_pipeline_and_changes_nothing(project: Path) -> None:
    before = outputs_of(project)
    edit(project / ALPHA, "Helps parents look", "Now helps parents look")  # valid data: the pages would change
    (project / "docs" / "index.md").write_text("# Home\n\n[gone](atlas/nowhere.md)\n", encoding="utf-8")
    for command in ("build", "offline"):  # the strict build fails on the broken link, after the pipeline ran
        failed = run_here(project, command)
        assert failed.returncode == 1 and "site build failed" in failed.stderr, (command, failed.stderr)
        assert "atlas/nowhere.md" in failed.stderr  # the warning that failed the strict build is shown
        assert "Traceback" not in failed.stderr
    assert outputs_of(project) == before
    assert_nothing_left_over(project)


def test_a_broken_template_fails_every_command_as_generate_does_and_changes_nothing(project: Path) -> None:
    before = outputs_of(project)
    overrides = project / "site_templates" / "overrides"
    overrides.mkdir()
    (overrides / "category.md.j2").write_text("# {{ nosuch }}\n", encoding="utf-8")
    for command in ("build", "offline", "generate"):  # a broken template: the plugin's run fails as generate's
        failed = run_here(project, command)
        assert failed.returncode == 1 and "Traceback" not in failed.stderr, (command, failed.stderr)
        assert "site_templates/overrides/category.md.j2:1: template error: 'nosuch' is undefined" in failed.stderr
    assert outputs_of(project) == before
    assert_nothing_left_over(project)
