"""Every command's --help: what to type, never a Python type, and an example that runs as it stands."""

from __future__ import annotations

import re
import subprocess
import shlex

import pytest

from scaleplus_cli.cli import EXAMPLES, VERBS, every_command

PYTHON_TYPE = re.compile(r"<(?:str|bool|int|float|path|list\[\w+\])>")


def command_paths() -> list[str]:
    """Every command and group, by the words that call it ('' for scaleplus itself)."""
    return [path for path, command in every_command().items() if not command.hidden]  # the merge driver is for git


def help_text(invoke, path: str) -> str:
    result = invoke(*path.split(), "--help")
    assert result.exit_code == 0, result
    return result.stdout


def test_every_command_and_group_is_known():
    assert sorted(command_paths()) == sorted(EXAMPLES)


@pytest.mark.parametrize("verb", VERBS, ids=lambda verb: verb.name)
def test_the_summary_scaleplus_help_shows_is_the_commands_own(verb):
    """`scaleplus --help` shows each verb's summary without building the verb: it must be the first
    paragraph of the help the verb itself shows."""
    own = every_command()[verb.name].help
    assert verb.summary == " ".join(own.split("\n\n")[0].split())


def test_scaleplus_help_imports_no_verb(tmp_path):
    """Neither the declarations (which add and list build their options from) nor any verb's module is
    imported to show `scaleplus --help`, nor to run another verb."""
    import sys

    probe = (
        "import sys\n"
        "from scaleplus_cli.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('scaleplus_cli.commands.') or m == 'scaleplus_cli.models'))"
    )
    shown = subprocess.run([sys.executable, "-c", probe, "--help"], capture_output=True, text=True, check=True)
    assert shown.stdout.rstrip().splitlines()[-1] == "[]"
    shown = subprocess.run([sys.executable, "-c", probe, "init", "--no-git", str(tmp_path / "p")],
                           capture_output=True, text=True, check=True)
    assert shown.stdout.rstrip().splitlines()[-1] == "['scaleplus_cli.commands.init', 'scaleplus_cli.models']"


def test_a_mistyped_verb_is_answered_with_the_closest_and_builds_none(invoke, tmp_path):
    import sys

    result = invoke("statuss")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: no such command 'statuss'. Did you mean 'status'? (see 'scaleplus --help')"
    assert "Did you mean 'stakeholder'?" in invoke("add", "stakholder").stderr  # a verb's own group, as before
    assert "Did you mean" not in invoke("merge-drive").stderr  # the verb for git is not offered to people
    assert "Did you mean" not in invoke("zzz").stderr
    probe = (
        "import sys\n"
        "from scaleplus_cli.__main__ import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('scaleplus_cli.commands.')))"
    )
    shown = subprocess.run([sys.executable, "-c", probe, "remnid"], capture_output=True, text=True)
    assert "Did you mean 'remind'?" in shown.stderr
    assert shown.stdout.rstrip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("path", command_paths())
def test_help_shows_one_example_and_no_python_types(invoke, monkeypatch, path):
    monkeypatch.setenv("COLUMNS", "400")  # each example on one line
    text = help_text(invoke, path)
    examples = re.findall(r"Example: (.+?)\s*$", text, flags=re.MULTILINE)
    assert examples == [EXAMPLES[path]]
    assert shlex.split(examples[0])[:len(path.split()) + 1] == ["scaleplus", *path.split()] or path == ""
    assert not PYTHON_TYPE.search(text), PYTHON_TYPE.search(text)
    assert ("--install-completion" in text) == (path == "")  # the shell's completion is installed once, for scaleplus
    usage = re.search(r"Usage: (.+)", text).group(1)
    assert "{" not in usage and not re.search(r"\[[a-z]", usage), usage  # PLAN, [DOCUMENT]: as Click writes them


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


def test_tab_completes_verbs_and_the_ids_a_verb_expects(sample):
    """Completion reaches a verb's options though the verb is built only when used."""
    import os
    import sys

    def complete(words: str) -> list[str]:
        env = {**os.environ, "_SCALEPLUS_COMPLETE": "complete_bash", "COMP_WORDS": words,
               "COMP_CWORD": str(len(words.split()) - 1)}
        done = subprocess.run([sys.executable, "-m", "scaleplus_cli"], env=env, cwd=sample,
                              capture_output=True, text=True, check=True)
        return done.stdout.split()

    assert complete("scaleplus sh") == ["show"]
    assert "kivuko-district-council" in complete("scaleplus add commitment --stakeholder kivuko-d")
