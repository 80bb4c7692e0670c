"""`scaleplus diff [REV] [REV2]`: what changed in the system between two moments of its history."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from scaleplus_cli.commands import ProjectOption, ViewFormat, project_root

RevisionArgument = Annotated[
    Optional[str],
    typer.Argument(metavar="REV", help="The earlier moment: a date (YYYY-MM-DD: the last commit on or before it), a git tag or a commit (default: the first commit).", show_default=False),
]


def diff(
    since: RevisionArgument = None,
    until: Annotated[
        Optional[str],
        typer.Argument(metavar="REV2", help="The later moment (default: the files as they are now).", show_default=False),
    ] = None,
    project: ProjectOption = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f", help="table, or json for scripts.")] = ViewFormat.table,
) -> None:
    """What changed in the system: stakeholders, barriers, commitments, statuses, measurements, gaps, leverage."""
    import json

    from scaleplus_cli import console
    from scaleplus_cli.history import changes_between, described

    changes = changes_between(project_root(project), since, until)
    if format is ViewFormat.json:
        typer.echo(json.dumps(changes.as_dict(), ensure_ascii=False, indent=2))
        return
    out = console.out()
    out.print(f"From {changes.since.label} to {changes.until.label}:", style="bold")
    if not changes:
        out.print("  nothing changed in the system")
        return
    for heading, lines in described(changes):
        out.print(f"\n{heading} ({len(lines)})", style="bold")
        for line in lines:
            out.print(f"  {line}")
