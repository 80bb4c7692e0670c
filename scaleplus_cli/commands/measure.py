"""`scaleplus measure PLAN ACTION INDICATOR VALUE`: record an indicator value, added to the plan in place."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from scaleplus_cli.commands import DateOption, ProjectOption, locked_project


def measure(
    plan: Annotated[str, typer.Argument(metavar="PLAN", help="The plan's id.")],
    action: Annotated[str, typer.Argument(metavar="ACTION", help="The action's number (1, 2, ...) or title.")],
    indicator: Annotated[str, typer.Argument(metavar="INDICATOR", help="The indicator's number or name.")],
    value: Annotated[
        str, typer.Argument(metavar="VALUE", help="The value measured (a number; write -- before a negative one).")
    ],
    date: DateOption = None,
    note: Annotated[Optional[str], typer.Option("--note", help="Where or how it was measured.", show_default=False)] = None,
    project: ProjectOption = None,
) -> None:
    """Record a measurement of an indicator of an action plan."""
    from scaleplus_cli import console
    from scaleplus_cli.dates import parse_date_option, today
    from scaleplus_cli.recording import parse_value, record_measurement

    day = today()
    when = parse_date_option(date, "--date") or day
    number = parse_value(value)
    with locked_project(project, "recording a measurement") as loaded:
        done = record_measurement(loaded, plan, action, indicator, number, when, note, today=day)
    console.out().print(f"Recorded {done.entry['value']} on {when.isoformat()} for {done.label}.")
    console.wrote(done.path)
