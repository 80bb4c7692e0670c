"""Fixtures that read like a facilitator's day: a project written inline, a command run through Typer."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path
from typing import Callable

import pytest
from typer.testing import CliRunner

from scaleplus_cli.cli import app

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "sample_project"

MINIMAL = {
    "scaleplus.yaml": """
        name: Test Bay
        challenge: Fish stocks are falling.
        retreat:
          venue: Town hall
          start: 2026-09-15
          days: 2
        goals:
          - id: G1
            text: Fish stocks recover
    """,
}


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs on 2026-11-22 unless it says otherwise."""
    monkeypatch.setenv("SCALEPLUS_TODAY", "2026-11-22")
    monkeypatch.setenv("SCALEPLUS_DEBUG", "1")  # a bug fails its test with the real traceback
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """make_project({"stakeholders/a.yaml": "name: ..."}) -> project root; text is dedented.

    scaleplus.yaml defaults to a minimal valid project unless given; pass None to leave a file out.
    """

    def make(files: dict[str, str | bytes | None] | None = None, root: Path | None = None) -> Path:
        root = root or tmp_path / "project"
        root.mkdir(parents=True, exist_ok=True)
        for rel, text in {**MINIMAL, **(files or {})}.items():
            if text is None:
                continue
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                path.write_bytes(text)
            else:
                path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return root

    return make


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A private copy of sample_project/, safe to change."""
    return Path(shutil.copytree(SAMPLE, tmp_path / "sample"))


class Result:
    def __init__(self, raw) -> None:
        self.exit_code: int = raw.exit_code
        self.stdout: str = raw.stdout
        self.stderr: str = raw.stderr
        # stdout and stderr as they came (Click 8.2 and later); before, they can only be put end to end
        self.output: str = raw.stdout + raw.stderr if raw.stderr and raw.output == raw.stdout else raw.output
        self.exception = raw.exception

    def __repr__(self) -> str:
        return f"<Result exit={self.exit_code}\nstdout:\n{self.stdout}\nstderr:\n{self.stderr}>"


def runner() -> CliRunner:
    """Output and diagnostics apart, whichever Click Typer runs on (before 8.2 they are mixed unless asked)."""
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:
        return CliRunner()


@pytest.fixture
def invoke(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """invoke("check", "-p", root) -> Result with exit_code, stdout, stderr; never a traceback."""

    def run(*args: str | Path, input: str | None = None, cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        raw = runner().invoke(app, [str(a) for a in args], input=input)
        if raw.exception is not None and not isinstance(raw.exception, SystemExit):
            raise raw.exception
        assert "Traceback" not in raw.output
        return Result(raw)

    return run
