"""Laptops for the tests of working offline together: git clones of one project in temporary folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

PROJECT = {
    "scaleplus.yaml": """
        name: Kivuko Bay
        challenge: Fish stocks are falling.
        retreat:
          venue: Town hall
          start: 2026-09-15
          days: 2
        goals:
          - id: G1
            text: Fish stocks recover
    """,
    "stakeholders/fish-office.yaml": """
        name: District Fisheries Office
        sector: government
        influence: 4
    """,
    "barriers/no-boats.yaml": """
        title: No boats to patrol the bay
        category: structural
        severity: 4
        raised_by: [fish-office]
    """,
    "commitments/two-boats.yaml": """
        # The patrol boats promised at the retreat.
        stakeholder: fish-office
        text: Two patrol boats on the water
        barriers: [no-boats]
        horizon: 100
        status: pledged
    """,
    "plans/first-100-days.yaml": """
        title: First 100 days
        horizon: 100
        actions:
          - title: Patrol the bay
            lead: fish-office
            indicators:
              - name: Patrol days a month
                baseline: 0
                target: 20
    """,
}


def git(folder: Path, *args: str, check: bool = True) -> str:
    done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True)
    if check and done.returncode != 0:
        raise AssertionError(f"git {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def as_laptop(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Commits from here on are signed by `name`."""
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", name)
        monkeypatch.setenv(f"GIT_{role}_EMAIL", f"{name.lower()}@example.org")


def first_laptop(invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project made by `init`, with the files above, committed."""
    as_laptop(monkeypatch, "Halima")
    root = tmp_path / "halima"
    assert invoke("init", root, "--name", "Kivuko Bay").exit_code == 0
    for rel, text in PROJECT.items():
        (root / rel).write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "After the retreat")
    return root


def clone(source: Path, target: Path) -> Path:
    git(target.parent, "clone", "-q", str(source), str(target))
    return target


def commit(folder: Path, message: str) -> None:
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "-m", message)


def head(folder: Path) -> str:
    return git(folder, "rev-parse", "HEAD").strip()


def environment_without_git(tmp_path: Path) -> dict[str, str]:
    """PATH with python but without git."""
    bin_dir = tmp_path / "bin-without-git"
    bin_dir.mkdir(exist_ok=True)
    return {**os.environ, "PATH": str(bin_dir)}
