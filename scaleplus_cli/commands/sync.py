"""`scaleplus sync export|import FILE.bundle`: carry work between laptops on a USB stick."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from scaleplus_cli.commands import ProjectOption, project_root

BundleArgument = Annotated[Path, typer.Argument(metavar="FILE.bundle", help="The bundle file (on the USB stick).")]


def export(
    bundle: BundleArgument,
    project: ProjectOption = None,
    all: Annotated[bool, typer.Option("--all", help="Everything, not only what the other laptops may not have yet.")] = False,
) -> None:
    """Write the work the other laptops have not seen yet (everything, the first time) into a bundle."""
    from scaleplus_cli import console
    from scaleplus_cli.sync import export_bundle

    done = export_bundle(project_root(project), bundle, everything=all)
    since = (
        "the whole history" if done.since is None
        else f"since {done.since.date.isoformat()}, '{done.since.subject}', which every laptop has"
    )
    console.out().print(f"{done.commits} commit{'s' if done.commits != 1 else ''} ({since}).")
    console.wrote(done.path)
    if done.uncommitted:
        listed = ", ".join(done.uncommitted[:5]) + (f" and {len(done.uncommitted) - 5} more" if len(done.uncommitted) > 5 else "")
        console.warning(f"not in the bundle, as they are not committed: {listed} ('git add -A && git commit', then export again)")
    console.err().print("On the other laptop: scaleplus sync import " + done.path.name)


def import_(bundle: BundleArgument, project: ProjectOption = None) -> None:
    """Merge the work in a bundle from another laptop, check the project, and say what came in."""
    from scaleplus_cli import console
    from scaleplus_cli.errors import errors_in
    from scaleplus_cli.sync import import_bundle

    root = project_root(project)
    done = import_bundle(root, bundle)
    out = console.out()
    if not done.new:
        out.print("Nothing new: this laptop already has all the work in the bundle.")
        raise typer.Exit(0)
    if done.commits:
        first, last = min(c.date for c in done.commits), max(c.date for c in done.commits)
        n = len(done.commits)
        out.print(
            f"{n} commit{'s' if n != 1 else ''} from {', '.join(done.authors)}"
            f" ({first.isoformat()}{'' if first == last else ' to ' + last.isoformat()}):"
        )
    else:
        out.print("No new work, only the other laptop's merges of work this laptop already has:")
    for change in done.changes:
        out.print(f"  {change.how} {change.what}")
    if done.conflicts:
        k = len(done.conflicts)
        out.print(f"{k} file{'s' if k != 1 else ''} with a conflict to resolve (both laptops changed the same value):")
        for path in done.conflicts:
            out.print(f"  {path}")
        out.print(
            "To resolve: in each file keep one side between the <<<<<<< and >>>>>>> lines and delete the"
            " marker lines ('scaleplus check' names each conflict), then 'git add -A && git commit'."
        )
    else:
        out.print("Fast-forwarded to their work." if done.fast_forward else "Merged with your work and committed.")
    errors = errors_in(done.problems)
    if errors:
        console.print_problems(errors, root)
        out.print(f"check: {len(errors)} error{'s' if len(errors) != 1 else ''} to fix")
    raise typer.Exit(1 if done.conflicts or errors else 0)
