"""One thin module per verb: parse options, call the core, print. Options shared by several verbs live here."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

ProjectOption = Annotated[
    Optional[Path],
    typer.Option(
        "--project",
        "-p",
        help="Project folder (default: the nearest folder upward holding scaleplus.yaml).",
        show_default=False,
    ),
]


class Output(str, Enum):
    text = "text"
    json = "json"


class TableOutput(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def open_project(project: Path | None):
    """Find and read the project the options point at (problems are kept, not raised)."""
    import gc

    from scaleplus_cli.store import find_root, load_project

    loaded = load_project(find_root(project))
    gc.freeze()  # a command lives as long as its project: keep the collector from walking it again and again
    return loaded


def sound_project(project: Path | None, doing: str):
    """The project, or ProjectHasErrors listing its errors when it has any."""
    from scaleplus_cli.dates import today
    from scaleplus_cli.errors import ProjectHasErrors, errors_in
    from scaleplus_cli.validation import check

    loaded = open_project(project)
    problems = check(loaded, today())
    if errors_in(problems):
        raise ProjectHasErrors(problems, doing, loaded.root)
    return loaded
