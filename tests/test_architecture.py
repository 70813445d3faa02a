"""The package's shape, as ../shared/DESIGN.md draws it: rooms by concern, small modules, no cycles, layers
that hold. Each check fails on the mistake it names (the import-linter one is shown on a planted import)."""

from __future__ import annotations

import ast
import dataclasses
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "scripts" / "entraide"
CORE = ("content", "events", "scoring", "kpis", "insight", "site")


def test_the_package_has_at_most_twelve_top_level_entries():
    entries = sorted(p.name for p in PACKAGE.iterdir() if p.name != "__pycache__" and not p.name.startswith("."))
    assert len(entries) <= 12, entries


def test_no_module_is_over_300_lines():
    long = {
        str(p.relative_to(PACKAGE)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 300
    }
    assert not long, f"split these by concern: {long}"


def test_every_package_says_what_it_owns():
    silent = [
        str(init.parent.relative_to(PACKAGE))
        for init in PACKAGE.rglob("__init__.py")
        if not init.read_text(encoding="utf-8").lstrip().startswith('"""')
    ]
    assert not silent


def module_cycles(graph: grimp.ImportGraph, package: str) -> list[set[str]]:
    """Strongly connected groups of two or more modules (Tarjan), over every import, lazy ones included."""
    modules = sorted(graph.find_descendants(package) | {package})
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in sorted(graph.find_modules_directly_imported_by(module)):
            if not other.startswith(package):
                continue
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = set()
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.add(top)
                if top == module:
                    break
            if len(group) > 1:
                groups.append(group)

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for module in modules:
        if module not in index:
            visit(module)
    return groups


def test_no_import_cycle_between_any_two_modules():
    graph = grimp.build_graph("entraide")
    assert module_cycles(graph, "entraide") == []


def test_the_cycle_finder_sees_a_cycle():
    graph = grimp.ImportGraph()
    for module in ("p", "p.a", "p.b", "p.c"):
        graph.add_module(module)
    graph.add_import(importer="p.a", imported="p.b")
    graph.add_import(importer="p.b", imported="p.a")
    graph.add_import(importer="p.c", imported="p.a")
    assert module_cycles(graph, "p") == [{"p.a", "p.b"}]


def test_github3_is_imported_only_under_github():
    importers = {
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if any(
            line.strip().startswith(("import github3", "from github3", "import requests", "from requests"))
            for line in p.read_text(encoding="utf-8").splitlines()
        )
    }
    assert importers and all(path.startswith("github/") for path in importers), importers


def lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter with the project's contracts, on the package found under `root`/scripts."""
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(
        [str(lint), "--config", str(REPO / "pyproject.toml"), "--no-cache"],
        cwd=root,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(root / "scripts"), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )


def test_the_layer_contracts_hold():
    result = lint_imports(REPO)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("core", ["scoring", "site"])
def test_a_core_module_importing_github3_breaks_the_contract(tmp_path, core):
    shutil.copytree(PACKAGE, tmp_path / "scripts" / "entraide", ignore=shutil.ignore_patterns("__pycache__"))
    planted = tmp_path / "scripts" / "entraide" / core / "__init__.py"
    planted.write_text(planted.read_text(encoding="utf-8") + "\nimport github3  # planted\n", encoding="utf-8")
    result = lint_imports(tmp_path)
    assert result.returncode != 0
    assert f"entraide.{core} is not allowed to import github3" in result.stdout


DISK = {"open", "read_text", "read_bytes", "write_text", "write_bytes", "iterdir", "glob", "rglob", "mkdir"}


def test_renderers_never_touch_the_disk():
    """Pages are made from the SiteContext alone; only site.build loads it (and writes pages on request)."""
    found = []
    for path in (PACKAGE / "site").rglob("*.py"):
        if path.name in ("build.py", "output.py", "writer.py"):  # the edges: loading the context, writing pages
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = getattr(node.func, "attr", getattr(node.func, "id", None))
                if name in DISK:
                    found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}: {name}()")
    assert not found


def test_no_module_keeps_state_in_globals():
    """No `global` statement anywhere: state lives in values passed along, not in module variables."""
    found = [
        f"{path.relative_to(PACKAGE)}:{node.lineno}"
        for path in PACKAGE.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Global)
    ]
    assert not found


def test_the_site_context_holds_no_path_to_read_from():
    from entraide.site.context import SiteContext

    assert not [f.name for f in dataclasses.fields(SiteContext) if "Path" in str(f.type)]
