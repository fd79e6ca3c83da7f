"""Shared fixtures: a tiny dataset to break on purpose, the real dataset, and a built site served locally."""
from __future__ import annotations

import functools
import shutil
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "competencies" / "schemas"
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


@functools.cache
def real_model():
    """The real dataset's model, read and checked once per test process and shared (its types are frozen; a test
    that needs its own reading, such as a determinism check, calls load_model itself)."""
    from generator.pipeline import load_model

    return load_model(ROOT / "competencies")


@functools.cache
def real_pages() -> Mapping[str, str | bytes]:
    """Every compiled file (pages and exports) of the real dataset's shared model, compiled once per test process
    and read-only (a determinism check compares it with a compile of its own)."""
    from generator.compile.build import compile_site

    return MappingProxyType(compile_site(real_model()).files)


@functools.cache
def real_exports() -> Mapping[str, str | bytes]:
    """The export files of the real dataset's shared model, built once per test process and read-only."""
    from generator.compile.exports import export_files

    return MappingProxyType(export_files(real_model()))


def copy_mini(folder: Path) -> Path:
    """Copy the tiny test dataset (with the real schemas and the self-assessment scale) into folder; its data folder."""
    data = folder / "competencies"
    shutil.copytree(MINI, data)
    shutil.copytree(SCHEMAS, data / "schemas")
    shutil.copytree(ROOT / "assessments", folder / "assessments", ignore=shutil.ignore_patterns("programs"))
    shutil.copytree(MINI.parent / "mini-programs", folder / "assessments" / "programs")
    return data


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A copy of the tiny test dataset (with the real schemas) that a test may edit."""
    return copy_mini(tmp_path)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests in tests/browser/ and tests that need the whole site built are browser tests (left out of test-fast)."""
    for item in items:
        if "browser" in item.path.parts or "built_site" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


def edit(path: Path, old: str, new: str) -> None:
    """Replace exactly one occurrence of old by new in a file, failing loudly if old is absent."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The 1-based line number of the only line containing needle."""
    lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    assert len(lines) == 1, f"{needle!r} is on lines {lines} of {path}"
    return lines[0]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real dataset built once into a temporary folder with `iecmh-atlas build` (strict)."""
    from generator.cli import main

    site = tmp_path_factory.mktemp("site") / "site"
    assert main(["--project", str(ROOT), "build", "--site-dir", str(site)]) == 0
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """Base URL of the built site served on 127.0.0.1."""
    from browsing import serve_folder

    with serve_folder(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    """Chromium driven by Playwright (Debian's binary; no download needed)."""
    from playwright.sync_api import sync_playwright

    from browsing import CHROMIUM_ARGS, find_chromium

    with sync_playwright() as p:
        executable = find_chromium(p.chromium.executable_path)
        instance = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page for one test; fails the test if the page breaks its security policy."""
    from browsing import policy_refusals

    context = browser.new_context()
    page = context.new_page()
    refused = policy_refusals(page)
    yield page
    context.close()
    assert not refused, f"Content-Security-Policy violations: {refused}"
