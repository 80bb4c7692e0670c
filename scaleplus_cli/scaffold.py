"""The files `init` writes: scaleplus.yaml, a default three-day WSR agenda, a README and .gitignore."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from scaleplus_cli.documents.formatting import N_, language as document_language
from scaleplus_cli.errors import ScaleplusError
from scaleplus_cli.merge_setup import ATTRIBUTES_LINE, configure_merge_driver
from scaleplus_cli.json_schema import editor_files
from scaleplus_cli.models import KINDS
from scaleplus_cli.serialize import to_yaml
from scaleplus_cli.store import AGENDA_FILE, PROJECT_FILE, create_exclusive

LUNCH = N_("Lunch")
# (theme, start, sessions) per day; a session is (title, minutes, method), with None for a break (a
# meal when it is lunch). The words are written in the project's language (N_ puts them in the
# catalogs): they are printed on the agenda the room receives.
DEFAULT_AGENDA: list[tuple[str, str, list[tuple[str, int, str | None]]]] = [
    (
        N_("Who is in the room, and where we want to go"),
        "08:30",
        [
            (N_("Registration and welcome tea"), 30, None),
            (N_("Opening: why the whole system is in the room"), 45, N_("plenary")),
            (N_("Who is in the room: introductions by sector"), 75, N_("sector groups, stakeholder map")),
            (N_("Tea break"), 15, None),
            (N_("Shared history: how we got here"), 90, N_("timeline wall")),
            (LUNCH, 60, None),
            (N_("Common goals: what we all want to see"), 90, N_("small groups, gallery walk")),
            (N_("Tea break"), 15, None),
            (N_("Agreeing the common goals"), 60, N_("plenary")),
            (N_("Reflection on the day"), 30, N_("plenary")),
        ],
    ),
    (
        N_("Barriers and leverage points"),
        "08:30",
        [
            (N_("Check-in and recap of the common goals"), 30, N_("plenary")),
            (N_("Barriers: what blocks each goal"), 90, N_("category cards in mixed groups")),
            (N_("Tea break"), 15, None),
            (N_("Clustering and rating the barriers"), 75, N_("dot voting on severity")),
            (LUNCH, 60, None),
            (N_("Leverage points: where a small push moves the system"), 90, N_("mixed groups")),
            (N_("Tea break"), 15, None),
            (N_("Who can move which barrier: influence and interest"), 75, N_("stakeholder grid")),
            (N_("Reflection on the day"), 30, N_("plenary")),
        ],
    ),
    (
        N_("Commitments and action plans"),
        "08:30",
        [
            (N_("Check-in and recap of barriers and leverage points"), 30, N_("plenary")),
            (N_("Commitments: what each of us will do"), 90, N_("commitment cards, read aloud")),
            (N_("Tea break"), 15, None),
            (N_("100-day action plan"), 90, N_("task forces")),
            (LUNCH, 60, None),
            (N_("1000-day action plan and shared indicators"), 75, N_("task forces")),
            (N_("Tea break"), 15, None),
            (N_("The backbone team: follow-up and reminders"), 45, N_("plenary")),
            (N_("Closing: commitments signed and next steps"), 45, N_("plenary")),
        ],
    ),
]
CHALLENGE = N_("To be agreed at the retreat: the development challenge that brings this system together.")

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
    challenge = s.challenge or document_language(s.language)._(CHALLENGE)
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


def agenda_text(days: int, code: str = "en") -> str:
    """The default agenda for a retreat of `days` days, its words in the language of `code`: the first
    three days are those of a WSR retreat; a longer one has its further days to fill in."""
    words = document_language(code)
    lines = ["# The retreat agenda: session times are computed in order from each day's start.", "days:"]
    for n in range(days):
        if n >= len(DEFAULT_AGENDA):
            lines.append(f"  # Day {n + 1}: its sessions to be planned")
            lines.append(f'  - start: "{DEFAULT_AGENDA[-1][1]}"')
            lines.append("    sessions: []")
            continue
        theme, start, sessions = DEFAULT_AGENDA[n]
        lines.append(f"  # Day {n + 1}")
        lines.append(f'  - start: "{start}"')
        lines.extend("    " + line for line in to_yaml({"theme": words._(theme)}).rstrip("\n").split("\n"))
        lines.append("    sessions:")
        for session, minutes, method in sessions:
            entry: dict[str, object] = {"title": words._(session), "minutes": minutes}
            if method:
                entry["method"] = words._(method)
            else:
                entry["kind"] = "meal" if session == LUNCH else "break"
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
        AGENDA_FILE: agenda_text(scaffold.days, scaffold.language),
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
