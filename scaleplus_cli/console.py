"""Rich consoles: stdout for results, stderr for diagnostics. Text from the user's files is never
read as Rich markup, and problem lines are never wrapped, so editors can jump to them. Tables are
fitted to the console's width by `fit`, which wraps text between words and never cuts a number."""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Iterable, NoReturn

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from scaleplus_cli.errors import Problem

STYLES = {"error": "bold red", "warning": "yellow"}


def out() -> Console:
    return _console(False, os.environ.get("COLUMNS"))


def err() -> Console:
    return _console(True, os.environ.get("COLUMNS"))


@lru_cache(maxsize=None)
def _console(stderr: bool, columns: str | None) -> Console:
    """One console per stream and COLUMNS value: Rich reads COLUMNS only when a console is made."""
    from rich.console import Console

    class Quiet(Console):
        def on_broken_pipe(self) -> None:  # newer Rich asks here; older Rich lets the error reach cli.guarded
            reader_gone(self.file)

    return Quiet(stderr=stderr, highlight=False, soft_wrap=True, markup=False, emoji=False)


BROKEN_PIPE = 141  # 128 + SIGPIPE: what a POSIX shell reports for `cat` when its reader has gone


def reader_gone(stream: IO[str] | None = None) -> NoReturn:
    """Whoever read our output has stopped (`scaleplus list ... | head -1`): stop quietly, as `cat`
    does. What is still buffered goes to the null device, so that flushing it on the way out raises
    nothing."""
    stream = stream or sys.stdout
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # no file descriptor behind the stream (a test runner's buffer): nothing to redirect
    sys.exit(BROKEN_PIPE)


def fit(table: Table, width: int | None = None) -> bool:
    """Fix the widths of the table's columns so that it is at most `width` wide (the console's by
    default) and no word, id or number is split: the widest wrapping columns give way first.

    False, with the table left as it was, when even one word per line would not fit: the caller
    then lays the figures out another way (or lets Rich fold the words).
    """
    from rich.measure import Measurement

    console = out()
    width = console.width if width is None else width
    options = console.options.update_width(10_000)
    spans = []
    for column in table.columns:
        cells = [*([column.header] if table.show_header else []), *column.cells, *([column.footer] if table.show_footer else [])]
        sizes = [Measurement.get(console, options, cell) for cell in cells] or [Measurement(1, 1)]
        low, high = max(m.minimum for m in sizes), max(m.maximum for m in sizes)
        if column.width is not None:
            low = high = column.width
        elif column.no_wrap:
            low = high
        low = max(low, column.min_width or 0)
        spans.append((low, max(low, high)))
    frame = console.measure(table, options=options).maximum - sum(high for _, high in spans)
    room = width - frame
    if sum(low for low, _ in spans) > room:
        return False
    level = max(high for _, high in spans)
    while sum(max(low, min(high, level)) for low, high in spans) > room:
        level -= 1
    for column, (low, high) in zip(table.columns, spans):
        column.width = max(low, min(high, level))
    return True


def hanging(lines: Iterable, numbered: bool = False):
    """Items that wrap under their own first word, not under the margin."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for n, line in enumerate(lines, 1):
        grid.add_row(f" {n}." if numbered else "  -", line)
    return grid


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
    """Every problem, one line each, written at once: thousands of warnings print in a blink."""
    from rich.text import Text

    console = err() if to_stderr else out()
    base = display_path(root)
    prefix = "" if base == "." else base.rstrip("/") + "/"
    if not (console.is_terminal and console.color_system):
        lines = [f"{prefix}{p.path}:{p.line}:{p.column}: {p.severity}: {p.message}\n" for p in problems]
        if lines:
            console.file.write("".join(lines))
            console.file.flush()
        return
    text = Text()
    for p in problems:
        text.append(f"{prefix}{p.path}:{p.line}:{p.column}: ")
        text.append(p.severity, STYLES[p.severity])
        text.append(f": {p.message}\n")
    if text:
        text.rstrip()
        console.print(text)


def error(message: str) -> None:
    from rich.text import Text

    err().print(Text.assemble(("error", STYLES["error"]), f": {message}"))


def located_error(where: str, message: str) -> None:
    """`FILE:ROW:COLUMN: error: message`, for a place that is not a project file (a spreadsheet cell)."""
    from rich.text import Text

    err().print(Text.assemble(f"{where}: ", ("error", STYLES["error"]), f": {message}"))


def warning(message: str) -> None:
    from rich.text import Text

    err().print(Text.assemble(("warning", STYLES["warning"]), f": {message}"))


def wrote(path: Path) -> None:
    """A file a command wrote, on stdout, one per line."""
    out().print(display_path(path))
