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
