"""Layers point one way: the core never imports typer or rich; only the CLI and its commands do."""

from __future__ import annotations

import ast

import pytest

from conftest import REPO

PACKAGE = REPO / "scaleplus_cli"
FRONT = {"cli.py", "console.py"}
CORE = sorted(p for p in PACKAGE.rglob("*.py") if "commands" not in p.parts and p.name not in FRONT)


def imported(path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", CORE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_does_not_import_the_cli_libraries(path):
    assert not imported(path) & {"typer", "rich", "click"}
    assert "scaleplus_cli.console" not in path.read_text(encoding="utf-8")


def test_commands_import_heavy_libraries_only_when_they_run():
    """`scaleplus --help` must not pay for Word, Excel or Jinja."""
    for path in (PACKAGE / "commands").glob("*.py"):
        top_level = ast.parse(path.read_text(encoding="utf-8")).body
        for node in top_level:
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = {a.name for a in node.names} | {getattr(node, "module", None) or ""}
                heavy = {n for n in names if n.split(".")[0] in {"openpyxl", "docx", "docxtpl", "jinja2", "yaml", "ruamel"}}
                assert not heavy, f"{path.name} imports {heavy} at module level"


def _module_name(path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports_of(path, modules: set[str]) -> set[str]:
    """The package's modules a file imports, at the top or inside a function."""
    name = _module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - (node.level - 1)]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                found.add(full if full in modules else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return (found & modules) - {name}


def test_no_two_modules_import_each_other_even_through_others():
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {name: _imports_of(path, set(files)) for name, path in files.items()}

    def reaches(start: str, goal: str) -> list[str] | None:
        seen, stack = set(), [(start, [start])]
        while stack:
            here, trail = stack.pop()
            for nxt in graph[here]:
                if nxt == goal:
                    return [*trail, nxt]
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))
        return None

    for name in graph:
        loop = reaches(name, name)
        # a package's __init__ may name its own submodules; anything else going round is a cycle
        assert loop is None or all(a.startswith(b + ".") or b.startswith(a + ".") for a, b in zip(loop, loop[1:])), loop


def test_commands_never_import_each_other():
    commands = PACKAGE / "commands"
    names = {p.stem for p in commands.glob("*.py")} - {"__init__", "completion"}
    for path in commands.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for other in names - {path.stem}:
            assert f"scaleplus_cli.commands.{other} import" not in text and f"commands.{other}\n" not in text, (path.name, other)
