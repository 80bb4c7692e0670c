"""The README's walk-through works as written: its quick start, then every example of its Commands
section in order, typed into a fresh home folder as a facilitator would type them."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

from conftest import REPO

# Examples that need what a test machine has not: a USB stick, and LibreOffice (test_pdf.py covers it).
NEEDS_HARDWARE = ("/media/usb", "--format pdf")


def readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def section(text: str, heading: str) -> str:
    """The text under a `## heading`, to the next one (a `## ` line inside a code block is no heading)."""
    lines, inside, fenced = [], False, False
    for line in text.splitlines():
        fenced ^= line.startswith("```")
        if line.startswith("## ") and not fenced:
            inside = line == f"## {heading}"
        elif inside:
            lines.append(line)
    return "\n".join(lines)


def commands(block: str) -> list[list[str]]:
    """A shell block's commands, each as its words: lines continued with a backslash joined,
    comments dropped, `a && b` as two commands."""
    found = []
    for line in block.replace("\\\n", " ").splitlines():
        words = shlex.split(line, comments=True)
        while words:
            cut = words.index("&&") if "&&" in words else len(words)
            found.append(words[:cut])
            words = words[cut + 1:]
    return found


def walkthrough() -> list[list[str]]:
    text = readme()
    quick = re.findall(r"```sh\n(.+?)\n```", section(text, "Quick start"), flags=re.S)
    start = next(block for block in quick if "scaleplus init" in block)
    examples = re.findall(r"```sh\n(.+?)\n```", section(text, "Commands"), flags=re.S)
    return [words for block in [start, *examples] for words in commands(block)]


def test_the_walkthrough_is_followed_as_written(invoke, tmp_path, monkeypatch):
    home = tmp_path / "home"
    home.mkdir()
    repository = tmp_path / "repository"  # "those with -p sample_project: from this repository's folder, on a copy"
    for example in ("sample_project", "sample_programme"):
        shutil.copytree(REPO / example, repository / example)
    monkeypatch.setenv("HOME", str(home))
    for name, value in {"NAME": "Halima Said Mbarouk", "EMAIL": "halima@example.org", "DATE": "2026-09-17T18:00:00"}.items():
        monkeypatch.setenv(f"GIT_AUTHOR_{name}", value)
        monkeypatch.setenv(f"GIT_COMMITTER_{name}", value)
    monkeypatch.chdir(home)
    ran = []
    for words in walkthrough():
        line = shlex.join(words)
        words = [str(home) + word[1:] if word.startswith("~/") else word for word in words]
        if words[0] == "." or any(need in line for need in NEEDS_HARDWARE):
            continue
        if words[0] == "cd":
            monkeypatch.chdir(words[1])
            continue
        if words[0] == "git":
            subprocess.run(words, check=True, capture_output=True)
            continue
        assert words[0] == "scaleplus", line
        into = None
        if ">" in words:
            into = Path(words[words.index(">") + 1])
            words = words[: words.index(">")]
        if "registration.csv" in words:
            sign_in = re.search(r"```csv\n(.+?)\n```", section(readme(), "Commands"), flags=re.S)
            assert sign_in, "the README shows the registration.csv it imports"
            Path("registration.csv").write_text(sign_in.group(1) + "\n", encoding="utf-8")
        here = Path.cwd()
        if {"sample_project", "sample_programme"} & set(words):
            monkeypatch.chdir(repository)
        result = invoke(*words[1:])
        monkeypatch.chdir(here)
        assert result.exit_code == 0, f"{line}\n{result}"
        if into is not None:
            into.write_text(result.stdout, encoding="utf-8")
        ran.append(line)
    assert len(ran) > 40
    project = home / "kivuko-retreat"
    assert "owner: systems-integration-team\n" in (project / "plans/100-day-action-plan.yaml").read_text()
    assert "lead: kivuko-district-council\n" in (project / "circles/systems-integration-team.yaml").read_text()
    assert invoke("check", "-p", project).exit_code == 0
