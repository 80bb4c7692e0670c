"""One thin module per verb: parse options, call the core, print. Options shared by several verbs live here."""

from __future__ import annotations

import re
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Iterator, Optional

import typer

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
    # what waits for the drawing process goes last, so that the others render while it draws;
    # the files are still written, and listed, in their own order
    order = sorted(files, key=lambda file: getattr(file, "waits", False))
    if not (show_progress and console.err().is_terminal):
        for file in order:
            contents[file.path] = file.render()
    else:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        with Progress(
            TextColumn("rendering"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
            console=console.err(), transient=True,
        ) as progress:
            task = progress.add_task("", total=len(files))
            for file in order:
                progress.update(task, description=file.path.name)
                contents[file.path] = file.render()
                progress.advance(task)
    contents = {file.path: contents[file.path] for file in files}
    removed = write_outputs(root, folder, contents, stale)
    console.out().print("\n".join(console.display_path(file.path) for file in files), highlight=False)
    return removed


# -- reading option values ----------------------------------------------------------------------
#
# Typer coerces every command-line value through a pydantic TypeAdapter, and building pydantic and
# the adapters for a command's few options costs more CPU time than `check` needs to read a small
# project. The options scaleplus declares are plain: text, flags, whole numbers, paths and choices
# of an Enum. Those are converted here with Typer's own functions (the same choice matching, the same
# path checks); any other option, and any value that does not convert cleanly, goes to Typer's own
# coercion, so a bad value gets Typer's message, word for word. cli.py imports this package before
# the first option is read.

_DIGITS = re.compile(r"[0-9]{1,18}\Z")  # a plain whole number (longer ones go to Typer: its limits)


class _NotPlain(Exception):
    """A value this module leaves to Typer."""


def read_options_plainly() -> None:
    """Put the plain coercion in front of Typer's (once; nothing happens with a Typer whose
    internals differ from those this was written against: Typer's own coercion then does it all)."""
    try:
        from typer import core
        from typer._coercion import RuntimeParam
        from typer._param_types import coerce_cli_choice, coerce_cli_path
    except ImportError:  # pragma: no cover - another Typer
        return
    typers_own = getattr(core, "build_runtime_param", None)
    if typers_own is None or getattr(typers_own, "plain", False):
        return

    class PlainRuntimeParam(RuntimeParam):  # type: ignore[misc, valid-type]
        """A parameter coerced plainly when it can be, else by Typer's own (built only then)."""

        def __init__(self, descriptor: Any) -> None:
            object.__setattr__(self, "parameter_info", descriptor.parameter_info)
            object.__setattr__(self, "annotation", descriptor.annotation)
            object.__setattr__(self, "descriptor", descriptor)
            object.__setattr__(self, "own", None)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.plain(value, param, ctx)
            except Exception:  # noqa: BLE001 - Typer's own says what is wrong, in its words
                pass
            if self.own is None:
                object.__setattr__(self, "own", typers_own(self.descriptor))
            return self.own._coerce_value(value, param=param, ctx=ctx)

        def plain(self, value: Any, param: Any, ctx: Any) -> Any:
            info, annotation = self.parameter_info, self.annotation
            if getattr(info, "parser", None) is not None or getattr(info, "click_type", None) is not None:
                raise _NotPlain
            if not isinstance(annotation, type):
                raise _NotPlain  # a list, a tuple, a Literal: Typer's
            if annotation is str and isinstance(value, str):
                return value
            if annotation is bool and isinstance(value, bool):
                return value
            if annotation is int and not getattr(info, "clamp", False):
                if type(value) is str and _DIGITS.match(value):
                    value = int(value)
                if type(value) is not int:
                    raise _NotPlain
                low, high = getattr(info, "min", None), getattr(info, "max", None)
                if (low is not None and value < low) or (high is not None and value > high):
                    raise _NotPlain
                return value
            if issubclass(annotation, Enum):
                choices = tuple(annotation)
                return coerce_cli_choice(value, choices=choices, case_sensitive=info.case_sensitive, ctx=ctx)
            if issubclass(annotation, Path) and getattr(info, "path_type", None) is None:
                if not isinstance(value, annotation):
                    if not isinstance(value, str) or not value:
                        raise _NotPlain
                    value = annotation(value)
                return coerce_cli_path(value, info, path_type=annotation, param=param, ctx=ctx)
            raise _NotPlain

    def build_runtime_param(descriptor: Any) -> Any:
        if getattr(descriptor, "file_annotation", None) is not None:
            return typers_own(descriptor)
        try:
            return PlainRuntimeParam(descriptor)
        except Exception:  # noqa: BLE001 - a Typer whose coercion is built otherwise: all of it is Typer's
            return typers_own(descriptor)

    build_runtime_param.plain = True  # type: ignore[attr-defined]
    core.build_runtime_param = build_runtime_param


read_options_plainly()
