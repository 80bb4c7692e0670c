"""`scaleplus schema [--out DIR]`: the JSON Schema of every file kind, for editors and other tools."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from scaleplus_cli.commands import ProjectOption


def schema(
    out: Annotated[
        Optional[Path],
        typer.Option("--out", "-o", help="Folder to write them to (default: the project's .scaleplus/schemas).", show_default=False),
    ] = None,
    project: ProjectOption = None,
) -> None:
    """Write a JSON Schema (draft 2020-12) for every file kind: completion, choices and help in an editor."""
    from scaleplus_cli import console, json_schema
    from scaleplus_cli.errors import UsageError
    from scaleplus_cli.store import find_root, write_atomic

    folder = out if out is not None else find_root(project) / json_schema.SCHEMA_FOLDER
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    folder.mkdir(parents=True, exist_ok=True)
    for name, document in json_schema.schemas().items():
        path = folder / name
        write_atomic(path, json_schema.text(document))
        console.wrote(path)
