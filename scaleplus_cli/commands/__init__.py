"""One thin module per verb: parse options, call the core, print. Options shared by several verbs live here."""

from __future__ import annotations

from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterator, Optional

import typer

from scaleplus_cli.commands import coercion

coercion.install()  # before any option is read: plain values without building pydantic

ProjectOption = Annotated[
    Optional[Path],
    typer.Option(
        "--project",
        "-p",
        help="Project folder (default: the nearest folder upward holding scaleplus.yaml).",
        show_default=False,
    ),
]


DateOption = Annotated[
    Optional[str], typer.Option("--date", help="When it happened, YYYY-MM-DD (default: today).", show_default=False)
]


class Output(str, Enum):
    text = "text"
    json = "json"


class ViewFormat(str, Enum):
    table = "table"
    json = "json"


class TableOutput(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def project_root(project: Path | None) -> Path:
    """The folder of the project the options point at; its repository gets the merge driver if it
    lacks it (cheap when it has it)."""
    from scaleplus_cli.merge_setup import ensure_merge_driver
    from scaleplus_cli.store import find_root

    root = find_root(project)
    ensure_merge_driver(root)
    return root


def open_project(project: Path | None):
    """Find and read the project the options point at (problems are kept, not raised)."""
    import gc

    from scaleplus_cli import console
    from scaleplus_cli.store import load_project
    from scaleplus_cli.transaction import recover

    root = project_root(project)
    said = recover(root)  # a command killed part way: its files are put back first
    if said:
        console.warning(said)
    loaded = load_project(root)
    gc.freeze()  # a command lives as long as its project: keep the collector from walking it again and again
    return loaded


def warn_if_incomplete(loaded) -> None:
    """For commands that show a project as it is: say so when some of it could not be read."""
    from scaleplus_cli import console
    from scaleplus_cli.errors import errors_in

    files = sorted({p.path for p in errors_in(loaded.problems)})
    if files:
        listed = ", ".join(files[:3]) + (f" and {len(files) - 3} more" if len(files) > 3 else "")
        console.warning(f"{listed} could not be read in full, so what is shown may be incomplete (scaleplus check tells why)")


@contextmanager
def changing(project: Path | None, doing: str) -> Iterator:
    """A sound project, read and changed under its lock: no other command writes in between."""
    from scaleplus_cli.store import find_root
    from scaleplus_cli.transaction import project_lock

    with project_lock(find_root(project), doing):
        yield sound_project(project, doing)


@contextmanager
def locked_project(project: Path | None, doing: str) -> Iterator:
    """The project as it is (problems kept), read and changed under its lock."""
    from scaleplus_cli.store import find_root
    from scaleplus_cli.transaction import project_lock

    with project_lock(find_root(project), doing):
        yield open_project(project)


def sound_project(project: Path | None, doing: str):
    """The project, or ProjectHasErrors listing its errors when it has any."""
    from scaleplus_cli.dates import today
    from scaleplus_cli.errors import ProjectHasErrors, errors_in
    from scaleplus_cli.validation import check

    loaded = open_project(project)
    problems = check(loaded, today())
    if errors_in(problems):
        raise ProjectHasErrors(problems, doing, loaded.root)
    return loaded


PROGRESS_FILES = 6  # this many documents or more show a progress bar on a terminal


def write_documents(files: list, *, show_progress: bool, root, folder, stale=None) -> list:
    """Render every file (a progress bar on a terminal when there is much to do), write them all or
    none into folder over files scaleplus wrote itself only, and print each path. The files removed
    as stale (see outputs.write_outputs)."""
    from scaleplus_cli import console
    from scaleplus_cli.outputs import write_outputs

    contents = {}
    if not (show_progress and console.err().is_terminal):
        for file in files:
            contents[file.path] = file.render()
    else:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(
            TextColumn("rendering"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
            console=console.err(), transient=True,
        ) as progress:
            task = progress.add_task("", total=len(files))
            for file in files:
                progress.update(task, description=file.path.name)
                contents[file.path] = file.render()
                progress.advance(task)
    removed = write_outputs(root, folder, contents, stale)
    console.out().print("\n".join(console.display_path(file.path) for file in files), highlight=False)
    return removed
