"""Option values are read as Typer reads them, without pydantic being built for the plain ones."""

from __future__ import annotations

import enum
import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer import core

from conftest import REPO, SAMPLE
from scaleplus_cli.cli import app, every_command

try:
    from typer import _click
    from typer._coercion import build_runtime_param as typers_own
except ImportError:  # an older Typer, which reads options through click alone, without pydantic
    _click = typers_own = None


def every_parameter() -> list[tuple[str, object]]:
    if typers_own is None:
        return []
    return [
        (f"{path} {param.name}".strip(), param)
        for path, command in every_command().items()
        for param in command.params
        if isinstance(param, core._TyperParameter)
    ]


def values_for(annotation) -> list[object]:
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [*annotation, *(m.value for m in annotation), *(m.value.upper() for m in annotation), "nope", ""]
    return ["text", "", "7", "07", "0", "-3", "11", "3650", "3651", "1e3", " 5", "9" * 30, "x/y.yaml", ".", "-",
            True, False, 5, None]


def outcome(runtime, value, param, ctx) -> tuple[str, object]:
    try:
        return "value", runtime.coerce(value, param=param, ctx=ctx)
    except _click.exceptions.BadParameter as e:
        return "error", e.format_message()


PARAMETERS = every_parameter()


@pytest.mark.parametrize(("name", "param"), PARAMETERS, ids=[name for name, _ in PARAMETERS])
def test_every_option_reads_a_value_as_typer_does(name, param, tmp_path, monkeypatch):
    assert core.build_runtime_param is not typers_own  # scaleplus's own is in front
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "y.yaml").write_text("a: 1\n")
    ctx = _click.Context(typer.main.get_command(app))
    ours, theirs = core.build_runtime_param(param.type_descriptor), typers_own(param.type_descriptor)
    for value in values_for(param.type_descriptor.annotation):
        if isinstance(value, str) and (param.multiple or param.nargs == -1):
            value = [value]
        assert outcome(ours, value, param, ctx) == outcome(theirs, value, param, ctx), (name, value)


def test_check_reads_its_options_without_pydantic(tmp_path):
    """Building pydantic costs more than checking a small project: plain options do without it."""
    code = (
        "import sys\n"
        "from scaleplus_cli.__main__ import main\n"
        f"sys.argv = ['scaleplus', 'check', '-p', {str(SAMPLE)!r}, '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "SCALEPLUS_TODAY": "2026-11-22"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert '"path": "barriers/' in run.stdout  # it ran, options read
    assert run.stderr.strip().splitlines()[-1] == "False"


def test_a_bad_value_gets_typers_own_message(invoke, tmp_path):
    result = invoke("check", "--format", "xml", "-p", SAMPLE)
    assert result.exit_code == 2
    assert "'xml' is not one of 'text', 'json'" in result.stderr
    result = invoke("init", tmp_path / "never-made", "--days", "61")
    assert result.exit_code == 2
    assert "--days: 61 is more than 60" in result.stderr  # init's own words for the range
    assert not (tmp_path / "never-made").exists()
