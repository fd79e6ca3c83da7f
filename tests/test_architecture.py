"""The pipeline's shape: each stage package imports only the stages before it, and no import runs in a circle."""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

GENERATOR = ROOT / "generator"
STAGES = ["errors", "load", "model", "compile", "pipeline", "site", "project", "cli", "__main__"]
"""Every module of generator/ belongs to one of these, in pipeline order (a package, or a top-level module)."""


def stage_of(module: str) -> str:
    """The stage of a generator module name such as generator.load.rules.crosswalk."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def generator_modules() -> dict[str, Path]:
    """Every Python module of generator/ by its dotted name."""
    out = {}
    for path in sorted(GENERATOR.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports_of(path: Path, module: str) -> set[str]:
    """The generator modules a file imports (absolute and relative imports alike)."""
    found = set()
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in found if name == "generator" or name.startswith("generator.")}


def test_every_module_belongs_to_a_stage() -> None:
    modules = generator_modules()
    assert len(modules) > 20
    assert {stage_of(m) for m in modules} - {"__init__"} <= set(STAGES)


def test_no_module_imports_from_a_later_stage() -> None:
    modules = generator_modules()
    backwards = []
    for module, path in modules.items():
        own = stage_of(module)
        for imported in imports_of(path, module):
            if imported == "generator" or stage_of(imported) == "__init__":
                continue
            if own != "__init__" and STAGES.index(stage_of(imported)) > STAGES.index(own):
                backwards.append(f"{module} imports {imported}")
    assert not backwards, backwards


def test_no_import_circle_between_modules() -> None:
    modules = generator_modules()
    graph = {m: {i for i in imports_of(p, m) if i in modules and i != m} for m, p in modules.items()}
    # a package's __init__ importing its own submodules is how a package lists its parts, not a circle
    graph = {m: {i for i in deps if not (i.startswith(m + ".") and modules[m].name == "__init__.py")}
             for m, deps in graph.items()}
    state: dict[str, int] = {}
    circles = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                circles.append(trail[trail.index(nxt):] + [nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert not circles, circles


def test_the_stage_test_sees_a_backward_import(tmp_path: Path) -> None:
    sample = tmp_path / "x.py"
    sample.write_text("from generator.compile.urls import ABOUT_PAGE\nfrom . import types\n", encoding="utf-8")
    found = imports_of(sample, "generator.model.x")
    assert "generator.compile.urls" in found and "generator.model.types" in found
    assert STAGES.index(stage_of("generator.compile.urls")) > STAGES.index(stage_of("generator.model.x"))
