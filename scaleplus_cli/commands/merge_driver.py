"""`scaleplus merge-driver`: what git runs to merge a project's YAML file (hidden; set up by init)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def merge_driver(
    base: Annotated[Path, typer.Argument(help="The common ancestor's version (git's %O).")],
    ours: Annotated[Path, typer.Argument(help="Our version, where the result goes (git's %A).")],
    theirs: Annotated[Path, typer.Argument(help="Their version (git's %B).")],
    marker_size: Annotated[int, typer.Argument(help="Conflict marker length (git's %L).")] = 7,
    path: Annotated[str, typer.Argument(help="The file's path in the repository (git's %P).")] = "",
) -> None:
    """Merge one project file for git: both sides' log entries kept, a real clash left as a conflict."""
    from scaleplus_cli.merging import merge_files

    conflicts = merge_files(base, ours, theirs, path or ours.name, marker_size)
    raise typer.Exit(1 if conflicts else 0)
