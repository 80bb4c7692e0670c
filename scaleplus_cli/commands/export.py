"""`scaleplus export FILE.xlsx`: stakeholders, barriers, commitments and circles to a workbook, to edit and import back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scaleplus_cli.commands import ProjectOption


def export(
    file: Annotated[Path, typer.Argument(help="The workbook to write (.xlsx).", show_default=False)],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    project: ProjectOption = None,
) -> None:
    """Write stakeholders, barriers, commitments and circles to an Excel workbook, a sheet each, to edit and import back."""
    from scaleplus_cli import console
    from scaleplus_cli.commands import sound_project
    from scaleplus_cli.errors import UsageError
    from scaleplus_cli.spreadsheet.export import export as write_workbook

    if file.suffix.lower() != ".xlsx":
        raise UsageError(f"{file.name}: export writes an Excel workbook; give a file name ending in .xlsx")
    if file.exists() and not force:
        raise UsageError(f"{file} exists; give --force to replace it (edits in it not yet imported would be lost)")
    if not file.parent.is_dir():
        raise UsageError(f"{file.parent} is not a folder")
    loaded = sound_project(project, "exporting")
    write_workbook(loaded, file)
    console.wrote(file)
