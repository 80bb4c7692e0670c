"""`scaleplus measure PLAN ACTION INDICATOR VALUE` or `measure COMMITMENT INDICATOR VALUE`: record an
indicator value, added to the plan or the commitment in place."""

from __future__ import annotations

from typing import Annotated, List, Optional

import typer

from scaleplus_cli.commands import DateOption, ProjectOption, locked_project


def measure(
    target: Annotated[
        str, typer.Argument(metavar="PLAN|COMMITMENT", help="The plan or commitment: its id, a prefix of it, or its title.")
    ],
    which: Annotated[
        List[str],
        typer.Argument(
            metavar="[ACTION] INDICATOR VALUE",
            help="For a plan, the action's number (1, 2, ...) or title; then the indicator's number or name; then the"
            " value measured (a number; write -- before a negative one).",
        ),
    ],
    date: DateOption = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Where or how it was measured.", show_default=False)] = None,
    project: ProjectOption = None,
) -> None:
    """Record a measurement of an indicator of an action plan or of a commitment."""
    from scaleplus_cli import console
    from scaleplus_cli.dates import parse_date_option, today
    from scaleplus_cli.errors import UsageError
    from scaleplus_cli.recording import parse_value, record_measurement

    day = today()
    when = parse_date_option(date, "--date") or day
    if len(which) not in (2, 3):
        raise UsageError("give [ACTION] INDICATOR VALUE after the plan or commitment (see 'scaleplus measure --help')")
    *refs, value = which
    number = parse_value(value)
    with locked_project(project, "recording a measurement") as loaded:
        done = record_measurement(loaded, target, refs, number, when, note, today=day)
    console.out().print(f"Recorded {done.entry['value']} on {when.isoformat()} for {done.label}.")
    console.wrote(done.path)
