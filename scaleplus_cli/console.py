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
    console = out()
    width = console.width if width is None else width
    options = console.options.update_width(10_000)
    spans = []
    for column in table.columns:
        cells = [*([column.header] if table.show_header else []), *column.cells, *([column.footer] if table.show_footer else [])]
        sizes = [_measure(console, options, cell) for cell in cells] or [(1, 1)]
        low, high = max(m[0] for m in sizes), max(m[1] for m in sizes)
        if column.width is not None:
            low = high = column.width
        elif column.no_wrap:
            low = high
        low = max(low, column.min_width or 0)
        spans.append((low, max(low, high)))
    room = width - _frame(console, options, table)
    if sum(low for low, _ in spans) > room:
        return False
    level = max(high for _, high in spans)
    while sum(max(low, min(high, level)) for low, high in spans) > room:
        level -= 1
    for column, (low, high) in zip(table.columns, spans):
        column.width = max(low, min(high, level))
    return True


def _measure(console: Console, options, cell) -> tuple[int, int]:
    """(narrowest, widest) a cell can be drawn, as Rich's Measurement.get says; worked out here for
    text, which Rich would first turn into a Text of its own (a national table has ten thousand cells)."""
    from rich.cells import cell_len
    from rich.measure import Measurement
    from rich.text import Text

    if isinstance(cell, (str, Text)):  # our consoles read no markup: a str is drawn as it is
        plain = cell if isinstance(cell, str) else cell.plain
    else:
        found = Measurement.get(console, options, cell)
        return found.minimum, found.maximum
    size = len if plain.isascii() and plain.isprintable() else cell_len
    widest = max(map(size, plain.splitlines()), default=0)
    words = plain.split()
    narrowest = max(map(size, words)) if words else widest
    widest = min(widest, options.max_width)
    if widest < 1:
        return 0, 0
    return min(narrowest, widest), widest


def _frame(console: Console, options, table: Table) -> int:
    """The width a table takes beyond its columns' text: edges, dividers, padding (measured on a copy
    without rows, each column one wide, so that no cell is measured again)."""
    import copy
    import dataclasses

    bare = copy.copy(table)
    bare.columns = [dataclasses.replace(column, width=1, min_width=None, max_width=None, _cells=[]) for column in table.columns]
    bare.rows = []
    bare.width = None
    return console.measure(bare, options=options).maximum - len(bare.columns)


def print_table(table: Table) -> None:
    """Print a table on stdout at the console's width (fitted by `fit`). When every cell is text, the
    rows are laid out here line by line as Rich lays them out, and only the title and the header are
    Rich's own: Rich draws a table cell by cell, at a cost a thousand rows (a national programme's
    sites) should not have. Anything else is left to Rich whole."""
    console = out()
    if not table.columns or not fit(table) or not _plain_rows(table) or not _rich_lays_out_as_here():
        console.print(table, soft_wrap=False)
        return
    import copy
    import dataclasses

    head = copy.copy(table)  # the title and the header, without the rows
    head.rows = []
    head.columns = [dataclasses.replace(column, _cells=[]) for column in table.columns]
    if table.title or table.show_header:
        console.print(head, soft_wrap=False)
    if table.rows:
        from rich.segment import Segments

        # As its segments: printing the Text would split it into a Text per line first.
        console.print(Segments(_body(console, table).render(console)), soft_wrap=True)


@lru_cache(maxsize=None)
def _rich_lays_out_as_here() -> bool:
    """The rows are laid out as Rich 15 lays them out (tests/test_console.py compares the two); an
    older Rich pads some cells otherwise, and then draws its tables itself."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return int(version("rich").split(".")[0]) >= 15
    except (PackageNotFoundError, ValueError):
        return False


def _plain_rows(table: Table) -> bool:
    """The table is one whose rows `_body` lays out: text cells, whitespace between columns, no
    lines between rows, nothing below them, no padding above or below a cell."""
    from rich.text import Text

    box = table.box
    top, _, bottom, _ = table.padding
    return (
        not (box and table.show_edge)
        and not (box and len({box.head_vertical, box.mid_vertical, box.foot_vertical}) > 1)
        and not (box and box.mid_vertical.strip())
        and not (table.show_lines or table.leading or table.show_footer)
        and not (out().get_style(table.style or "") or out().get_style(table.border_style or ""))
        and not (top or bottom)
        and not table.caption
        and not any(row.end_section for row in table.rows)
        and all(column.vertical == "top" and not getattr(column, "highlight", False) and column.width is not None
                for column in table.columns)
        and all(isinstance(cell, (str, Text)) for column in table.columns for cell in column.cells)
    )


def _body(console: Console, table: Table):
    """The table's rows as one Text, each line exactly as Rich's Table would draw it."""
    from rich.cells import cell_len
    from rich.style import Style
    from rich.text import Span, Text

    columns = table.columns
    last = len(columns) - 1
    _, right, _, left = table.padding
    pads = []
    for n in range(len(columns)):  # what Rich's Table._get_cells gives each column
        pad_left, pad_right = left, right
        if table.collapse_padding and n:
            pad_left = max(0, pad_left - pad_right)
        if not table.pad_edge:
            pad_left = 0 if n == 0 else pad_left
            pad_right = 0 if n == last else pad_right
        pads.append((" " * pad_left, " " * pad_right))
    divider = table.box.mid_vertical if table.box else ""
    widths = [column.width for column in columns]
    cells = [list(column.cells) for column in columns]
    styles = [console.get_style(column.style or "") for column in columns]
    text: list[str] = []  # the lines, and the styles over them, as Text takes them
    spans: list[Span] = []
    under: list[Span] = []  # the cells' and rows' own styles: beneath any style of the text in them
    at = 0
    for index in range(len(table.rows)):
        row_style = console.get_style(table.get_row_style(console, index))
        lines = [_cell_lines(console, cells[n][index], column, widths[n]) for n, column in enumerate(columns)]
        for line_no in range(max(map(len, lines))):
            start = at
            for n, cell in enumerate(lines):
                if n:
                    text.append(divider)
                    at += len(divider)
                begin = at
                part = cell[line_no] if line_no < len(cell) else " " * widths[n]
                if isinstance(part, str):
                    piece = f"{pads[n][0]}{part}{pads[n][1]}"
                else:  # a Text cut to the width: the rest of the line is blank, not in the Text's style
                    offset = at + len(pads[n][0])
                    if part.style:
                        spans.append(Span(offset, offset + len(part), part.style))
                    spans.extend(Span(offset + a, offset + b, style) for a, b, style in part.spans)
                    piece = f"{pads[n][0]}{part.plain}{' ' * (widths[n] - cell_len(part.plain))}{pads[n][1]}"
                text.append(piece)
                at += len(piece)
                if styles[n] or row_style:
                    under.append(Span(begin, at, styles[n] + row_style))
            if row_style.bgcolor:
                under.append(Span(start, at, Style(bgcolor=row_style.bgcolor)))
            text.append("\n")
            at += 1
    body = Text("".join(text), end="")  # each line ends in a new line, the last too
    body.spans = [*reversed(under), *spans]
    return body


def _cell_lines(console: Console, cell, column, width: int) -> list:
    """The lines a cell takes: a str of printable characters that fits on one line is justified
    here (`width` wide); anything else goes through Rich's own wrapping (Text.wrap, as
    Text.__rich_console__ calls it), each line a Text at most `width` wide."""
    from rich.cells import cell_len
    from rich.text import Text

    if isinstance(cell, str) and cell.isprintable():
        size = len(cell) if cell.isascii() else cell_len(cell)
        justify = column.justify
        if size <= width:
            if justify in ("right", "center"):
                cell = cell.rstrip()
                size = len(cell) if cell.isascii() else cell_len(cell)
                space = width - size
                before = space if justify == "right" else space // 2
                return [f"{' ' * before}{cell}{' ' * (space - before)}"]
            return [f"{cell}{' ' * (width - size)}"]
        if justify == "left" and column.overflow in ("fold", "crop") and not column.no_wrap:
            lines = _wrapped(cell, width, column.overflow == "fold")
            if lines is not None:
                return lines
    text = Text(cell) if isinstance(cell, str) else cell
    tab_size = console.tab_size if text.tab_size is None else text.tab_size
    no_wrap = text.no_wrap if text.no_wrap is not None else column.no_wrap
    wrapped = text.wrap(
        console, width, justify=text.justify or column.justify, overflow=text.overflow or column.overflow,
        tab_size=tab_size or 8, no_wrap=bool(no_wrap),
    )
    for line in wrapped:
        line.truncate(width, overflow="crop")
    return list(wrapped) or [" " * width]


def _wrapped(cell: str, width: int, fold: bool) -> list[str] | None:
    """A line of printable text wrapped to `width` and each line filled to it, as Text.wrap does
    (where Rich breaks it, the spaces it drops at a break, a word longer than the width cut),
    without a Text for every line: a national programme's lists run to thousands of lines. None
    when Rich keeps its line breaking elsewhere than it does today (Text.wrap then does it)."""
    try:
        from rich._wrap import divide_line
    except ImportError:
        return None
    from rich.cells import cell_len, set_cell_size

    bounds = [0, *divide_line(cell, width, fold=fold), len(cell)]
    lines = []
    for start, end in zip(bounds, bounds[1:]):
        line = cell[start:end]
        if len(line) > width:  # Text.rstrip_end: the spaces beyond the width go
            line = line[: len(line) - min(len(line) - len(line.rstrip()), len(line) - width)]
        size = len(line) if line.isascii() else cell_len(line)
        if size > width:
            line, size = set_cell_size(line, width), width
        lines.append(f"{line}{' ' * (width - size)}")
    return lines


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
