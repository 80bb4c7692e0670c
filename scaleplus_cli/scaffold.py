"""The files `init` writes: scaleplus.yaml, a default three-day WSR agenda, a README and .gitignore."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from scaleplus_cli.errors import ScaleplusError
from scaleplus_cli.merge_setup import ATTRIBUTES_LINE, configure_merge_driver
from scaleplus_cli.json_schema import editor_files
from scaleplus_cli.models import KINDS
from scaleplus_cli.serialize import to_yaml
from scaleplus_cli.store import AGENDA_FILE, PROJECT_FILE, create_exclusive

# (title, minutes, method) per day; None marks a break (a meal when it is lunch).
DEFAULT_AGENDA: list[tuple[str, str, list[tuple[str, int, str | None]]]] = [
    (
        "Day 1: who is in the room, and where we want to go",
        "08:30",
        [
            ("Registration and welcome tea", 30, None),
            ("Opening: why the whole system is in the room", 45, "plenary"),
            ("Who is in the room: introductions by sector", 75, "sector groups, stakeholder map"),
            ("Tea break", 15, None),
            ("Shared history: how we got here", 90, "timeline wall"),
            ("Lunch", 60, None),
            ("Common goals: what we all want to see", 90, "small groups, gallery walk"),
            ("Tea break", 15, None),
            ("Agreeing the common goals", 60, "plenary"),
            ("Reflection on the day", 30, "plenary"),
        ],
    ),
    (
        "Day 2: barriers and leverage points",
        "08:30",
        [
            ("Check-in and recap of the common goals", 30, "plenary"),
            ("Barriers: what blocks each goal", 90, "category cards in mixed groups"),
            ("Tea break", 15, None),
            ("Clustering and rating the barriers", 75, "dot voting on severity"),
            ("Lunch", 60, None),
            ("Leverage points: where a small push moves the system", 90, "mixed groups"),
            ("Tea break", 15, None),
            ("Who can move which barrier: influence and interest", 75, "stakeholder grid"),
            ("Reflection on the day", 30, "plenary"),
        ],
    ),
    (
        "Day 3: commitments and action plans",
        "08:30",
        [
            ("Check-in and recap of barriers and leverage points", 30, "plenary"),
            ("Commitments: what each of us will do", 90, "commitment cards, read aloud"),
            ("Tea break", 15, None),
            ("100-day action plan", 90, "task forces"),
            ("Lunch", 60, None),
            ("1000-day action plan and shared indicators", 75, "task forces"),
            ("Tea break", 15, None),
            ("The backbone team: follow-up and reminders", 45, "plenary"),
            ("Closing: commitments signed and next steps", 45, "plenary"),
        ],
    ),
]

GITIGNORE = (
    "# Rendered documents: make them again with 'scaleplus report all'.\nout/\n"
    "# What an interrupted write leaves for the next scaleplus command to undo or clean up.\n.scaleplus/journal/\n.*.tmp\n"
)
GITATTRIBUTES = (
    "# Two laptops' updates and measurements of one file are merged by scaleplus, not by lines.\n"
    f"{ATTRIBUTES_LINE}\n"
)

README = """# {name}

This folder is a scaleplus project: a Whole-System-in-the-Room retreat kept as plain YAML files,
one per stakeholder, barrier, commitment and action plan.

- `scaleplus.yaml`: the project, the retreat and the common goals
- `agenda.yaml`: the retreat agenda (days and timed sessions)
- `stakeholders/`, `barriers/`, `commitments/`, `plans/`: one file per entity
- `out/`: documents rendered by `scaleplus report` (not kept in git)

Start with `scaleplus add stakeholder`, check with `scaleplus check`, print with `scaleplus report all`.
`scaleplus --help` lists every command, and `scaleplus COMMAND --help` (`scaleplus add stakeholder
--help`, say) explains one, with an example.
"""


@dataclass
class Scaffold:
    name: str | None = None
    challenge: str | None = None
    venue: str | None = None
    start: dt.date | None = None
    days: int = 3
    location: str | None = None
    donor: str | None = None
    currency: str | None = None
    language: str = "en"


@dataclass
class Created:
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def project_text(s: Scaffold, name: str) -> str:
    challenge = s.challenge or "To be agreed at the retreat: the development challenge that brings this system together."
    retreat = {k: v for k, v in {"venue": s.venue, "start": s.start, "days": s.days}.items() if v is not None}
    return (
        "# The project: what the whole system in the room works on together.\n"
        + to_yaml({"name": name, "challenge": challenge})
        + (to_yaml({"location": s.location}) if s.location else "# location: District or region\n")
        + f"language: {s.language}  # of the documents: en, fr, es or pt\n"
        + (to_yaml({"currency": s.currency}) if s.currency else "# currency: USD   # budgets are in it; documents print it\n")
        + "# The retreat: 'start' gives the agenda its dates and commitments their default due dates.\n"
        + to_yaml({"retreat": retreat})
        + "facilitators: []\n"
        + (to_yaml({"donor": s.donor}) if s.donor else "# donor: Name of the main donor\n")
        + "# The common goals the room agrees on; barriers and plans refer to them by id.\n"
        + "goals:\n"
        + "#  - id: G1\n"
        + "#    text: What the whole system wants to see in a few years\n"
    )


def agenda_text(days: int) -> str:
    lines = ["# The retreat agenda: session times are computed in order from each day's start.", "days:"]
    for n in range(days):
        title, start, sessions = DEFAULT_AGENDA[min(n, len(DEFAULT_AGENDA) - 1)]
        if n >= len(DEFAULT_AGENDA):
            title = f"Day {n + 1}"
        lines.append(f"  # {title}")
        lines.append(f'  - start: "{start}"')
        if ": " in title:
            lines.extend("    " + line for line in to_yaml({"theme": title.split(": ", 1)[1].capitalize()}).rstrip("\n").split("\n"))
        lines.append("    sessions:")
        for session, minutes, method in sessions:
            entry = {"title": session, "minutes": minutes}
            if method:
                entry["method"] = method
            else:
                entry["kind"] = "meal" if session == "Lunch" else "break"
            body = to_yaml([entry]).rstrip("\n").split("\n")
            lines.extend("      " + line for line in body)
    return "\n".join(lines) + "\n"


def _git(directory: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=directory, capture_output=True, text=True)


def create_project(directory: Path, scaffold: Scaffold, *, git: bool = True) -> Created:
    if (directory / PROJECT_FILE).exists():
        raise ScaleplusError(f"{directory} already holds a scaleplus project ({PROJECT_FILE}); nothing was changed")
    if directory.exists() and not directory.is_dir():
        raise ScaleplusError(f"{directory} exists and is not a folder")
    directory.mkdir(parents=True, exist_ok=True)
    name = scaffold.name or directory.resolve().name.replace("-", " ").replace("_", " ").strip().title() or "New project"
    files = {
        PROJECT_FILE: project_text(scaffold, name),
        AGENDA_FILE: agenda_text(scaffold.days),
        "README.md": README.format(name=name),
        ".gitignore": GITIGNORE,
        ".gitattributes": GITATTRIBUTES,
        **editor_files(),
    }
    for folder in [*KINDS, *{rel.rpartition("/")[0] for rel in files if "/" in rel}]:
        (directory / folder).mkdir(parents=True, exist_ok=True)
        files[f"{folder}/.gitkeep"] = ""
    result = Created()
    # The project file goes last: until it exists, a failed init can simply be run again.
    ours: list[str] = []
    for rel in [*[f for f in files if f != PROJECT_FILE], PROJECT_FILE]:
        path = directory / rel
        quiet = rel.endswith(".gitkeep") or rel.startswith((".scaleplus/", ".vscode/"))  # not worth a line each
        if create_exclusive(path, files[rel]):
            ours.append(rel)
            if not quiet:
                result.written.append(path)
        elif rel == PROJECT_FILE:
            raise ScaleplusError(f"{directory} already holds a scaleplus project ({PROJECT_FILE})")
        elif not quiet:
            result.kept.append(path)
    if git:
        result.notes.extend(_start_git(directory, ours))
    return result


def _start_git(directory: Path, ours: list[str]) -> list[str]:
    """git init and a first commit of the files init wrote (and only those)."""
    if shutil.which("git") is None:
        return []
    inside = _git(directory, "rev-parse", "--is-inside-work-tree")
    if inside.returncode == 0:
        configure_merge_driver(directory)
        return ["the folder is already inside a git repository: commit the new files when you are ready"]
    if _git(directory, "init", "-q").returncode != 0:
        return ["git init failed; the project was created without git"]
    configure_merge_driver(directory)
    _git(directory, "add", "--", *ours)
    commit = _git(directory, "commit", "-q", "-m", "Start the scaleplus project")
    if commit.returncode != 0:
        return ["git could not make the first commit (is user.name/user.email set?); the files are staged"]
    return []
