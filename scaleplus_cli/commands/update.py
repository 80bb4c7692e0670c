"""`scaleplus update COMMITMENT`: record progress on a commitment, added to its file in place."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from scaleplus_cli.commands import DateOption, ProjectOption, locked_project
from scaleplus_cli.models import STATUSES


def update(
    commitment: Annotated[
        str, typer.Argument(metavar="COMMITMENT", help="The commitment: its id, a prefix of it, or its text.")
    ],
    status: Annotated[
        Optional[str],
        typer.Option("--status", help=f"New status: {', '.join(STATUSES)} (on_hold: postponed).", show_default=False),
    ] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="What happened, in a sentence or two.", show_default=False)] = None,
    date: DateOption = None,
    project: ProjectOption = None,
) -> None:
    """Record progress on a commitment: add an update and set its status."""
    from scaleplus_cli import console
    from scaleplus_cli.dates import parse_date_option, today
    from scaleplus_cli.recording import record_update

    day = today()
    when = parse_date_option(date, "--date") or day
    with locked_project(project, "recording an update") as loaded:
        done = record_update(loaded, commitment, status, note, when, today=day)
    change = f"; status {done.status_was} -> {done.entry['status']}" if done.status_was else ""
    console.out().print(f"Recorded the update of {when.isoformat()} on {done.label}{change}.")
    console.wrote(done.path)
