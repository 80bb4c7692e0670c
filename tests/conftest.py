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


# -- shared by several test files ------------------------------------------------------------------

# A small bay: five stakeholders, four barriers, six commitments, one plan; figures worked out by hand
# in test_analysis.py, used again by the plan and status tests.
BAY = {
    "stakeholders/office.yaml": "name: Fisheries Office\nsector: government\ninfluence: 5\n",
    "stakeholders/police.yaml": "name: Marine Police\nsector: government\ninfluence: 4\n",
    "stakeholders/trust.yaml": "name: Livelihoods Trust\nsector: civil_society\ninfluence: 3\n",
    "stakeholders/fishers.yaml": "name: Fishers Council\nsector: community\n",  # influence unknown: counts 1
    "stakeholders/radio.yaml": "name: Bay Radio\nsector: media\ninfluence: 2\n",
    "barriers/rules.yaml": """
        title: Rules not enforced
        category: governance
        severity: 5
        raised_by: [office, fishers, radio]
    """,
    "barriers/boats.yaml": """
        title: No patrol boats
        category: structural
        severity: 4
        raised_by: [office, police]
    """,
    "barriers/mistrust.yaml": """
        title: Mistrust
        category: social
        severity: 3
        raised_by: [fishers]
    """,
    "barriers/data.yaml": """
        title: No stock data
        category: technology
        severity: 2
    """,
    "commitments/office-patrols.yaml": """
        stakeholder: office
        text: Patrol twice a week
        barriers: [rules, boats]
        horizon: 100
        due: 2026-11-01
        status: pledged
    """,
    "commitments/police-nights.yaml": """
        stakeholder: police
        text: Night patrols
        barriers: [rules, boats]
        horizon: 100
        due: 2026-11-20
        status: in_progress
        updates:
          - date: 2026-10-05
            note: Officers named
          - date: 2026-11-12
            note: First patrol
            status: in_progress
    """,
    "commitments/fishers-closure.yaml": """
        stakeholder: fishers
        text: Close the reef for three months
        barriers: [rules]
        horizon: 1000
    """,
    "commitments/office-second.yaml": """
        stakeholder: office
        text: Post the rules at every landing site
        barriers: [rules]
        horizon: 1000
        due: 2026-11-29
    """,
    "commitments/trust-dialogue.yaml": """
        stakeholder: trust
        text: Village dialogues
        barriers: [mistrust]
        horizon: 100
        due: 2026-10-01
        status: dropped
    """,
    "commitments/radio-show.yaml": """
        stakeholder: radio
        text: Weekly call-in show
        barriers: [rules]
        horizon: 100
        due: 2026-10-01
        status: done
    """,
    "plans/hundred.yaml": """
        title: 100-day plan
        horizon: 100
        actions:
          - title: Patrols
            barriers: [boats]
            budget: 1000
            funding: donor
            indicators:
              - name: Patrols run
                baseline: 0
                target: 10
                actual: 2
                measurements:
                  - date: 2026-10-01
                    value: 4
                  - date: 2026-11-01
                    value: 6
          - title: Boards
            budget: 500
            funding: government
          - title: Hall
            budget: 250
            funding: in_kind
          - title: Tea
            budget: 100
          - title: Goodwill
            funding: private
    """,
}


def docx_text(path) -> str:
    """A Word file's text: its paragraphs, then each table row with its cells joined by ' | '."""
    from docx import Document

    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)
