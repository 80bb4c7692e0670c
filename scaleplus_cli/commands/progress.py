"""`scaleplus update` and `scaleplus measure`: progress after the retreat, added to the files in place."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from scaleplus_cli.commands import ProjectOption, open_project

DateOption = Annotated[
    Optional[str], typer.Option("--date", help="When it happened, YYYY-MM-DD (default: today).", show_default=False)
]


def update(
    commitment: Annotated[str, typer.Argument(metavar="COMMITMENT", help="The commitment's id.")],
    status: Annotated[
        Optional[str],
        typer.Option("--status", help="New status: pledged, in_progress, done or dropped.", show_default=False),
    ] = None,
    note: Annotated[Optional[str], typer.Option("--note", help="What happened, in a sentence or two.", show_default=False)] = None,
    date: DateOption = None,
    project: ProjectOption = None,
) -> None:
    """Record progress on a commitment: add an update and set its status."""
    from scaleplus_cli import console
    from scaleplus_cli.dates import parse_date_option, today
    from scaleplus_cli.progress import record_update

    day = today()
    when = parse_date_option(date, "--date") or day
    loaded = open_project(project)
    done = record_update(loaded, commitment, status, note, when, today=day)
    change = f"; status {done.status_was} -> {done.entry['status']}" if done.status_was else ""
    console.out().print(f"Recorded the update of {when.isoformat()} on {commitment}{change}.")
    console.wrote(done.path)


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
    from scaleplus_cli.progress import parse_value, record_measurement

    day = today()
    when = parse_date_option(date, "--date") or day
    number = parse_value(value)
    loaded = open_project(project)
    done = record_measurement(loaded, plan, action, indicator, number, when, note, today=day)
    console.out().print(f"Recorded {done.entry['value']} on {when.isoformat()} for {done.label}.")
    console.wrote(done.path)
