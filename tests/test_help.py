"""Every command's --help: what to type, never a Python type, and an example that runs as it stands."""

from __future__ import annotations

import re
import subprocess
import shlex

import pytest
import typer.main

from scaleplus_cli.cli import EXAMPLES, app

PYTHON_TYPE = re.compile(r"<(?:str|bool|int|float|path|list\[\w+\])>")


def command_paths() -> list[str]:
    """Every command and group, by the words that call it ('' for scaleplus itself)."""
    paths = []

    def walk(command, path: str) -> None:
        paths.append(path)
        for name, sub in getattr(command, "commands", {}).items():
            if not sub.hidden:  # the merge driver is for git, not for people
                walk(sub, f"{path} {name}".strip())

    walk(typer.main.get_command(app), "")
    return paths


def help_text(invoke, path: str) -> str:
    result = invoke(*path.split(), "--help")
    assert result.exit_code == 0, result
    return result.stdout


def test_every_command_and_group_is_known():
    assert sorted(command_paths()) == sorted(EXAMPLES)


@pytest.mark.parametrize("path", command_paths())
def test_help_shows_one_example_and_no_python_types(invoke, monkeypatch, path):
    monkeypatch.setenv("COLUMNS", "400")  # each example on one line
    text = help_text(invoke, path)
    examples = re.findall(r"Example: (.+?)\s*$", text, flags=re.MULTILINE)
    assert examples == [EXAMPLES[path]]
    assert shlex.split(examples[0])[:len(path.split()) + 1] == ["scaleplus", *path.split()] or path == ""
    assert not PYTHON_TYPE.search(text), PYTHON_TYPE.search(text)


def test_flags_show_no_value_and_options_say_what_to_type(invoke, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    text = help_text(invoke, "init")
    assert re.search(r"--no-git +Do not run git init", text)
    assert re.search(r"--name +TEXT +Project name", text)
    assert re.search(r"--days +INTEGER", text)
    assert "[default: None]" not in help_text(invoke, "list")


def test_every_example_runs_in_the_example_retreat(invoke, sample, monkeypatch):
    """In the order of EXAMPLES, one after another in one copy (import reads what export wrote)."""
    monkeypatch.setenv("COLUMNS", "400")
    shown = {}
    for path in command_paths():
        (line,) = re.findall(r"Example: (.+?)\s*$", help_text(invoke, path), flags=re.MULTILINE)
        shown[path] = line
    git = ["git", "-c", "user.name=Facilitator", "-c", "user.email=f@example.org", "-C", str(sample)]
    subprocess.run([*git, "init", "-q"], check=True)  # sync and diff work on the project's git history
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "The retreat"], check=True)
    monkeypatch.setenv("GIT_AUTHOR_NAME", "Facilitator")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "f@example.org")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "Facilitator")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "f@example.org")
    for path in EXAMPLES:
        if path == "sync import":  # what the other laptop does: its own work committed first
            subprocess.run([*git, "add", "-A"], check=True)
            subprocess.run([*git, "commit", "-q", "-m", "Work of the day"], check=True)
        program, *args = shlex.split(shown[path])
        assert program == "scaleplus"
        result = invoke(*args, cwd=sample)
        assert result.exit_code == 0, (shown[path], result)
    assert (sample / "kivuko-retreat" / "scaleplus.yaml").is_file()
    assert (sample / "stakeholders" / "kivuko-boat-builders.yaml").is_file()
    assert (sample / "kivuko.xlsx").is_file()
    assert (sample / "printing" / "commitments" / "kivuko-district-council.docx").is_file()
    assert "status: done" in (sample / "commitments" / "kivuko-district-fisheries-office-two-patrol-boats.yaml").read_text(encoding="utf-8")


def test_the_readme_init_writes_points_to_the_help(invoke, tmp_path):
    result = invoke("init", tmp_path / "retreat", "--no-git")
    assert result.exit_code == 0, result
    readme = (tmp_path / "retreat" / "README.md").read_text(encoding="utf-8")
    assert "http" not in readme  # no page to reach at a venue without internet, nor one that may not exist
    assert "`scaleplus --help`" in readme
