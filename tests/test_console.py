"""Tables on the terminal: print_table lays out the rows of a text table itself (fast enough for a
national programme's thousand sites) and must draw exactly what Rich draws, character and colour."""

from __future__ import annotations

import io
import random

import pytest
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from scaleplus_cli import console

WORDS = ["Community", "00.01.02", "Kivuko", "a-very-long-unbroken-name-of-a-site", "é", "中文", "Mwamba", "&"]


def bench_table(seed: int, rows: int = 25) -> Table:
    """A table like rollup's: a title, a header of two lines, wrapping names, a styled row and cell."""
    rng = random.Random(seed)
    table = Table(title="Sites, each under its parent", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False,
                  padding=(0, rng.choice([0, 1])))
    table.add_column("level", no_wrap=True)
    table.add_column("site", overflow=rng.choice(["fold", "ellipsis", "crop"]))
    table.add_column("orgs", justify="right", no_wrap=True)
    table.add_column("mid", justify="center")
    table.add_column("in\nprog.", justify="right")
    for n in range(rows):
        name = " ".join(rng.choice(WORDS) for _ in range(rng.randint(0, 7)))
        site = name if rng.random() < 0.7 else Text(f"{name}: not read", style="red")
        table.add_row(rng.choice(["community", "district", ""]), site, str(rng.randint(0, 10 ** rng.randint(0, 6))),
                      rng.choice(["ab", "c ", " d", "", "\tx"]), str(n), style=rng.choice([None, None, "bold", "on blue"]))
    return table


def bench_grid(seed: int, rows: int = 6) -> Table:
    """A hanging list, as rollup prints the organisations in several sites."""
    rng = random.Random(seed)
    items = [" ".join(rng.choice(WORDS + ["province-03/district-04/community-05,"]) for _ in range(rng.randint(0, 60)))
             for _ in range(rows)]
    return console.hanging(items, numbered=rng.random() < 0.5)


def drawn(monkeypatch: pytest.MonkeyPatch, draw, width: int, colour: bool) -> str:
    """What `draw` prints on stdout of a terminal `width` wide, as HTML when in colour (one span per
    run of one style, however Rich cut its segments)."""
    screen = Console(file=io.StringIO(), width=width, force_terminal=colour, color_system="truecolor" if colour else None,
                     record=True, highlight=False, soft_wrap=True, markup=False, emoji=False)
    monkeypatch.setattr(console, "out", lambda: screen)
    draw(screen)
    return screen.export_html(inline_styles=True, code_format="{code}") if colour else screen.export_text()


@pytest.mark.parametrize("make", [bench_table, bench_grid])
@pytest.mark.parametrize("width", [80, 64, 120])
@pytest.mark.parametrize("colour", [False, True])
def test_print_table_draws_what_rich_draws(monkeypatch, make, width, colour):
    laid_out_here = 0
    for seed in range(8):

        def by_rich(screen: Console) -> None:
            table = make(seed)
            console.fit(table)
            screen.print(table, soft_wrap=False)

        ours = drawn(monkeypatch, lambda screen: console.print_table(make(seed)), width, colour)
        assert ours == drawn(monkeypatch, by_rich, width, colour), (seed, ours)
        table = make(seed)
        laid_out_here += console.fit(table) and console._plain_rows(table)
    assert laid_out_here >= 4  # most of them took the fast way, not Rich's


def test_print_table_leaves_other_tables_to_rich(monkeypatch):
    from rich.panel import Panel

    table = Table(box=box.ROUNDED)
    table.add_column("a")
    table.add_row(Panel("boxed"))
    console.fit(table)
    assert not console._plain_rows(table)
    text = drawn(monkeypatch, lambda screen: console.print_table(table), 40, False)
    assert "boxed" in text and "╭" in text


@pytest.mark.parametrize("cell", ["", " ", "Community 00.01.02", "中文 字", "a\tb", "two\nlines here", "bell\x07", "\u00a0x",
                                  Text("red words", style="red"), Text("")])
def test_fit_measures_a_cell_as_rich_does(cell):
    from rich.measure import Measurement

    screen = Console(width=80, highlight=False, soft_wrap=True, markup=False, emoji=False)
    options = screen.options.update_width(10_000)
    rich_says = Measurement.get(screen, options, cell)
    assert console._measure(screen, options, cell) == (rich_says.minimum, rich_says.maximum)


@pytest.mark.parametrize("make", [lambda: Table(), lambda: console.hanging([]), lambda: bench_table(1, rows=0)])
def test_print_table_of_nothing_prints_what_rich_prints(monkeypatch, make):
    def by_rich(screen: Console) -> None:
        screen.print(make(), soft_wrap=False)

    assert drawn(monkeypatch, lambda screen: console.print_table(make()), 80, True) == drawn(monkeypatch, by_rich, 80, True)


def test_print_table_wraps_through_rich_when_rich_moves_its_line_breaking(monkeypatch):
    import sys

    expected = drawn(monkeypatch, lambda screen: console.print_table(bench_grid(3)), 80, True)
    monkeypatch.setitem(sys.modules, "rich._wrap", None)  # importing it now fails
    assert console._wrapped("a b c", 2, True) is None
    assert drawn(monkeypatch, lambda screen: console.print_table(bench_grid(3)), 80, True) == expected
