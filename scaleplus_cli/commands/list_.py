"""`scaleplus list KIND`: a table, CSV or JSON of one kind of entity, with filters."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from scaleplus_cli.commands import (
    ProjectOption,
    TableOutput,
    open_project,
    warn_if_incomplete,
)


class Kind(str, Enum):
    stakeholders = "stakeholders"
    barriers = "barriers"
    commitments = "commitments"
    plans = "plans"


def list_entities(
    kind: Annotated[Kind, typer.Argument(help="What to list.")],
    project: ProjectOption = None,
    format: Annotated[TableOutput, typer.Option("--format", "-f", help="table, csv or json.")] = TableOutput.table,
    status: Annotated[Optional[str], typer.Option(help="Commitments with this status.")] = None,
    sector: Annotated[Optional[str], typer.Option(help="Stakeholders (or their commitments) of this sector.")] = None,
    category: Annotated[Optional[str], typer.Option(help="Barriers (or commitments on barriers) of this category.")] = None,
    horizon: Annotated[Optional[int], typer.Option(help="Commitments or plans of this horizon: 100 or 1000.")] = None,
) -> None:
    """List stakeholders, barriers, commitments or plans."""
    import csv
    import json
    import sys

    from scaleplus_cli import console, listing

    loaded = open_project(project)
    warn_if_incomplete(loaded)
    filters = listing.Filters(status=status, sector=sector, category=category, horizon=horizon)
    if format is TableOutput.json:
        typer.echo(json.dumps(listing.records(loaded, kind.value, filters), ensure_ascii=False, indent=2))
        return
    header, rows = listing.table(loaded, kind.value, filters)
    if format is TableOutput.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        return
    from rich.table import Table
    from rich.text import Text

    out = console.out()
    grid = Table(title=f"{kind.value.capitalize()} ({len(rows)})", title_justify="left")
    for name in header:
        grid.add_column(name.replace("_", " "), justify="right" if name in NUMERIC else "left")
    for row in rows:
        grid.add_row(*row)
    if console.fit(grid):
        out.print(grid)
        return
    # Too narrow for a table without splitting ids: one card per entity instead.
    out.print(Text(f"{kind.value.capitalize()} ({len(rows)})", style="italic"))
    for row in rows:
        out.print(Text(row[0], style="bold"))
        card = Table.grid(padding=(0, 1))
        card.add_column(style="dim", no_wrap=True)
        card.add_column(overflow="fold")
        for name, value in zip(header[1:], row[1:]):
            if value:
                card.add_row(f"  {name.replace('_', ' ')}:", value.replace("; ", ";\n") if name == "barriers" else value)
        out.print(card)


NUMERIC = {"influence", "interest", "commitments", "severity", "raised_by", "horizon", "actions"}
