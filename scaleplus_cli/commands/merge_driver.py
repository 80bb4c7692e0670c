"""`scaleplus merge-driver`: what git runs to merge a project's YAML file (hidden; set up by init)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer


def merge_driver(
    base: Annotated[Path, typer.Argument(help="The common ancestor's version (git's %O).")],
    ours: Annotated[Path, typer.Argument(help="Our version, where the result goes (git's %A).")],
    theirs: Annotated[Path, typer.Argument(help="Their version (git's %B).")],
    marker_size: Annotated[str, typer.Argument(metavar="[MARKER_SIZE]", help="Conflict marker length (git's %L), may be left out.")] = "",
    path: Annotated[str, typer.Argument(help="The file's path in the repository (git's %P).")] = "",
) -> None:
    """Merge one project file for git: both sides' log entries kept, a real clash left as a conflict."""
    from scaleplus_cli import merging

    conflicts = merging.merge_files(base, ours, theirs, merging.marker_size([marker_size, path]))
    raise typer.Exit(1 if conflicts else 0)
