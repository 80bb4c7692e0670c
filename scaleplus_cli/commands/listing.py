"""`scaleplus list KIND`: a table, CSV or JSON of one kind of entity, with filters."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Optional

import typer

from scaleplus_cli.commands import ProjectOption, TableOutput, open_project


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

    grid = Table(title=f"{kind.value.capitalize()} ({len(rows)})", title_justify="left")
    wide = {"name", "title", "text", "organization", "barriers"}
    for name in header:
        grid.add_column(
            name.replace("_", " "),
            overflow="fold",
            ratio=3 if name in wide else (2 if name == "id" else None),
            min_width=12 if name in wide else None,
        )
    for row in rows:
        grid.add_row(*row)
    console.out().print(grid)
