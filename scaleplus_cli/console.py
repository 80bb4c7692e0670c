"""Rich consoles: stdout for results, stderr for diagnostics. Text from the user's files is never
read as Rich markup, and problem lines are never wrapped, so editors can jump to them."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from rich.console import Console

    from scaleplus_cli.errors import Problem

STYLES = {"error": "bold red", "warning": "yellow"}


@lru_cache(maxsize=None)
def out() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True, markup=False, emoji=False)


@lru_cache(maxsize=None)
def err() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def display_path(path: Path) -> str:
    """path relative to the current folder when it lies below it, else absolute."""
    path = Path(os.path.abspath(path))
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(path)


def problem_line(problem: Problem, root: Path):
    from rich.text import Text

    return Text.assemble(
        f"{display_path(root / problem.path)}:{problem.line}:{problem.column}: ",
        (problem.severity, STYLES[problem.severity]),
        f": {problem.message}",
    )


def print_problems(problems: Iterable[Problem], root: Path, *, to_stderr: bool = False) -> None:
    console = err() if to_stderr else out()
    for problem in problems:
        console.print(problem_line(problem, root))


def error(message: str) -> None:
    from rich.text import Text

    err().print(Text.assemble(("error", STYLES["error"]), f": {message}"))


def warning(message: str) -> None:
    from rich.text import Text

    err().print(Text.assemble(("warning", STYLES["warning"]), f": {message}"))


def wrote(path: Path) -> None:
    """A file a command wrote, on stdout, one per line."""
    out().print(display_path(path))
