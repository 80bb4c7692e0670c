"""`scaleplus list KIND`: a table, CSV or JSON of one kind of entity, with filters."""

from __future__ import annotations

import inspect
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from scaleplus_cli import listing
from scaleplus_cli.commands import ProjectOption, TableOutput, open_project, warn_if_incomplete
from scaleplus_cli.models import KINDS
from scaleplus_cli.schema import Choice, Field


Kind = Enum("Kind", {folder: folder for folder in KINDS}, type=str)  # type: ignore[misc]


def list_entities(entities: Kind, project: Path | None, format: TableOutput, **filters: str | None) -> None:
    """List stakeholders, barriers, commitments, plans or circles."""
    kind = entities
    import csv
    import json
    import sys

    from scaleplus_cli import console

    chosen = listing.parse_filters(kind.value, filters)
    loaded = open_project(project)
    warn_if_incomplete(loaded)
    chosen = listing.resolve_filters(loaded, chosen)
    if format is TableOutput.json:
        typer.echo(json.dumps(listing.records(loaded, kind.value, chosen), ensure_ascii=False, indent=2))
        return
    header, rows = listing.table(loaded, kind.value, chosen)
    if format is TableOutput.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([listing.csv_cell(cell) for cell in row] for row in rows)
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


def _filter_help(spec: Field) -> str:
    own = [f for f in KINDS if spec.name in KINDS[f].schema.by_name]
    linked = [f for f in KINDS if f not in own and spec.name in listing.applies(f)]
    choices = f" ({', '.join(spec.type.choices)})" if isinstance(spec.type, Choice) else f" ({spec.type.label})"
    text = f"Only {' and '.join(own)} of this {spec.name.replace('_', ' ')}{choices}"
    return text + (f", or {' and '.join(linked)} linked to one." if linked else ".")


def _signature() -> inspect.Signature:
    """list's options: the format, and a filter for every field declared `filter=True`."""
    params = [
        inspect.Parameter("entities", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Annotated[Kind, typer.Argument(metavar="KIND", help="What to list.")]),
        inspect.Parameter("project", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=ProjectOption),
        inspect.Parameter(
            "format", inspect.Parameter.KEYWORD_ONLY, default=TableOutput.table,
            annotation=Annotated[TableOutput, typer.Option("--format", "-f", help="table, csv or json.")],
        ),
    ]
    for name, spec in listing.filter_fields().items():
        option = typer.Option(f"--{name.replace('_', '-')}", help=_filter_help(spec), show_default=False)
        params.append(inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Annotated[Optional[str], option]))
    return inspect.Signature(params)


list_entities.__signature__ = _signature()  # type: ignore[attr-defined]
list_entities.__annotations__ = {p.name: p.annotation for p in list_entities.__signature__.parameters.values()}
