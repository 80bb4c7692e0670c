"""`scaleplus import FILE`: create and update entities from a workbook or CSV file, every row or none."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from scaleplus_cli.commands import ProjectOption
from scaleplus_cli.spreadsheet import IMPORTABLE, SHEET_NAMES

SheetKind = Enum("SheetKind", {folder: folder for folder in IMPORTABLE}, type=str)  # type: ignore[misc]


def import_(
    file: Annotated[Path, typer.Argument(help="A .xlsx workbook or a .csv file.", show_default=False)],
    kind: Annotated[
        Optional[List[SheetKind]],
        typer.Option(
            "--kind",
            "-k",
            help="What the file holds (repeat for several sheets). Needed for a CSV; without it a workbook's"
            f" sheets named {SHEET_NAMES.replace(' or ', ' and ')} are imported.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check and show what would change; write nothing.")] = False,
    clear_empty: Annotated[
        bool, typer.Option("--clear-empty", help="An empty cell removes the field (default: leaves it as it was).")
    ] = False,
    allow_renames: Annotated[
        bool,
        typer.Option(
            "--allow-renames",
            help="Let rows rename a stakeholder, barrier or circle, or move a commitment to another owner"
            " (refused by default: a row typed over in a sheet must not move a promise silently).",
        ),
    ] = False,
    project: ProjectOption = None,
) -> None:
    """Create and update stakeholders, barriers, commitments or circles from a spreadsheet: every row or none."""
    from scaleplus_cli.commands import changing

    with changing(project, "importing") as loaded:
        _import(loaded, file, kind, dry_run, clear_empty, allow_renames)


def _import(
    loaded, file: Path, kind: Optional[List[SheetKind]], dry_run: bool, clear_empty: bool, allow_renames: bool
) -> None:
    from rich.text import Text

    from scaleplus_cli import console
    from scaleplus_cli.dates import today
    from scaleplus_cli.errors import ScaleplusError
    from scaleplus_cli.spreadsheet.apply import apply
    from scaleplus_cli.spreadsheet.preview import plan_import, summary

    kinds = list(dict.fromkeys(k.value for k in kind)) if kind else None
    plan = plan_import(loaded, file, kinds, clear_empty, today=today(), allow_renames=allow_renames)
    for warning in plan.warnings:
        console.warning(warning)
    if plan.problems:
        for where, message in plan.messages():
            console.err().print(Text.assemble(f"{where}: ", ("error", console.STYLES["error"]), f": {message}"))
        n = len(plan.problems)
        raise ScaleplusError(f"{n} error{'s' if n != 1 else ''} in {file.name}; nothing was written")
    out = console.out()
    if dry_run:
        for change in plan.writes:
            fields = f" ({', '.join(change.fields)})" if change.action == "update" else ""
            out.print(f"would {change.action} {console.display_path(change.path)}{fields}  [row {change.row}]")
            for _, move in change.moves:
                out.print(f"  this row {move}")
    else:
        for change in apply(plan):
            fields = f" ({', '.join(change.fields)})" if change.action == "update" else ""
            out.print(f"{change.action}d {console.display_path(change.path)}{fields}")
    for line in summary(plan):
        out.print(line)
    if dry_run:
        out.print("dry run: nothing was written")
