"""`scaleplus status`: one screen for the backbone team: who is in the room, where the commitments
stand, what is late, where the leverage and the gaps are, how the indicators move, whose money it
is, and what to chase this week."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from scaleplus_cli.commands import ProjectOption, sound_project

if TYPE_CHECKING:
    pass

INDICATOR_ROWS = 5  # indicators on the dashboard (furthest behind first); JSON has them all
BAR = 8  # widest sector bar, in characters


class StatusFormat(str, Enum):
    table = "table"
    json = "json"
    html = "html"


def status(
    project: ProjectOption = None,
    format: Annotated[
        StatusFormat,
        typer.Option("--format", "-f", help="table, json for scripts, or html: the dashboard page (as report dashboard) on stdout."),
    ] = StatusFormat.table,
) -> None:
    """One-screen dashboard: counts, sector coverage, commitments, overdue, leverage and gaps, indicators, funding."""
    import json

    from scaleplus_cli.dashboard import dashboard
    from scaleplus_cli.dates import today

    loaded = sound_project(project, "showing the status")
    if format is StatusFormat.html:
        from scaleplus_cli.dashboard import page_context
        from scaleplus_cli.render.html import render

        typer.echo(render("dashboard", page_context(loaded, today()), loaded.root), nl=False)
        return
    figures = dashboard(loaded, today())
    if format is StatusFormat.json:
        typer.echo(json.dumps(figures, ensure_ascii=False, indent=2))
    else:
        _print(figures)


# -- the screen ------------------------------------------------------------------------------------


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _print(f: dict[str, Any]) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from scaleplus_cli import console
    from scaleplus_cli.documents.formatting import money as money_text  # numbers as the documents write them
    from scaleplus_cli.documents.formatting import bar as progress_bar
    from scaleplus_cli.documents.formatting import number

    out = console.out()
    c = f["counts"]
    days = f["days_since_retreat"]
    since = f" — {days} day{'s' if days != 1 else ''} since the retreat began" if days is not None else ""
    out.print(Text(f"{f['project']}: status on {f['today']}{since}", style="bold"), soft_wrap=False)
    out.print(
        f"{_count(c['stakeholders'], 'stakeholder')} · {_count(c['barriers'], 'barrier')} ·"
        f" {_count(c['commitments'], 'commitment')} · {_count(c['plans'], 'plan')}"
        f" ({_count(c['actions'], 'action')}, {_count(c['indicators'], 'indicator')})",
        soft_wrap=False,
    )

    # Sectors | commitments and funding, side by side.
    sectors = Table(title="Sectors in the room", title_justify="left", box=None, padding=(0, 1), show_header=False)
    sectors.add_column(overflow="fold")
    sectors.add_column(no_wrap=True)
    sectors.add_column(justify="right", no_wrap=True)
    most = max([s["stakeholders"] for s in f["sectors"]] + [1])
    for s in f["sectors"]:
        n = s["stakeholders"]
        if n:
            bar = Text("█" * max(1, round(n * BAR / most)), style="green")
        elif s["sector"] == "other":
            bar = Text("")
        else:
            bar = Text("missing", style="bold red")
        sectors.add_row(s["label"], bar, str(n))

    commitments = Table(
        title="Commitments (horizon, days)", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False
    )
    commitments.add_column("status", no_wrap=True, min_width=11)
    for h in ("100", "1000", "all"):
        commitments.add_column(h, justify="right", no_wrap=True, min_width=len(h))
    totals = {"100": 0, "1000": 0}
    for status, row in f["commitments"].items():
        if status == "on_hold" and not any(row.values()):
            continue  # a status most retreats never use: shown once a commitment is postponed
        commitments.add_row(status.replace("_", " "), str(row["100"]), str(row["1000"]), str(sum(row.values())))
        for h in totals:
            totals[h] += row[h]
    commitments.add_row("total", str(totals["100"]), str(totals["1000"]), str(sum(totals.values())), style="bold")

    money = f["funding"]
    funding = Table(title="Funding across plans", title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    funding.add_column("source", no_wrap=True)
    funding.add_column(f"budget, {f['currency']}" if f.get("currency") else "budget", justify="right", no_wrap=True)
    for source, amount in money["by_source"].items():
        funding.add_row(source.replace("_", " "), money_text(amount))
    funding.add_row("total", money_text(money["total"]), style="bold")
    ratio = money["leverage_ratio"]
    ratio_text = (
        f"leverage ratio {ratio:.2f} : 1 (non-donor {money_text(money['non_donor'])} to donor {money_text(money['donor'])})"
        if ratio is not None
        else "leverage ratio: no donor money in the plans"
    )

    _side_by_side(sectors, commitments, funding)
    out.print(Text(ratio_text, style="bold"), soft_wrap=False)

    # Overdue.
    late = f["overdue"]
    if late:
        table = _overdue_table(late)
        if not console.fit(table):
            table = _overdue_table(late, narrow=True)
            console.fit(table)
        out.print(table, soft_wrap=False)
    else:
        out.print(Text("Nothing overdue.", style="green"))

    # Leverage points and gaps.
    top = "  ".join(f"{n}. {bl['title']} ({bl['score']})" for n, bl in enumerate(f["leverage"], 1))
    out.print(Text.assemble(("Top leverage points: ", "bold"), top or "no barriers yet"), soft_wrap=False)
    if f["gaps"]:
        out.print(Text(f"Gaps, for technical assistance ({len(f['gaps'])}):", style="bold red"))
        out.print(console.hanging(
            f"{g['title']}: {g['gap_reason']}; suggested: {', '.join(i.replace('_', ' ') for i in g['instruments'])}"
            for g in f["gaps"]
        ), soft_wrap=False)
    else:
        out.print(Text("No gaps.", style="green"))

    # Indicators: the furthest behind first.
    rows = [r for r in f["indicators"] if r["progress"] is not None]
    unmeasured = sum(1 for r in f["indicators"] if r["current"] is None)
    if f["indicators"]:
        reached = sum(1 for r in rows if r["progress"] >= 1)
        out.print(
            Text(
                f"Indicators: {len(f['indicators'])} of plans and commitments, {reached} at target,"
                f" {unmeasured} without a value yet; the furthest behind, shortest horizon first",
                style="italic",
            ),
            soft_wrap=False,
        )
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, padding=(0, 1))
        bar = 10 if out.width >= 80 else 5
        table.add_column("indicator", overflow="fold")
        table.add_column("now", justify="right", no_wrap=True)
        table.add_column("target", justify="right", no_wrap=True)
        table.add_column("progress", no_wrap=True)
        table.add_column("measured", no_wrap=True)
        for r in sorted(rows, key=lambda r: (r["horizon"] or 0, r["progress"]))[:INDICATOR_ROWS]:
            p = r["progress"]
            table.add_row(
                r["indicator"],
                (number(r["current"]) or "-"),
                (number(r["target"]) or "-"),
                Text.assemble((progress_bar(p, bar, "█░"), "green" if p >= 1 else "yellow"), f" {round(p * 100):d}%"),
                r["last_measured"] or "-",
            )
        console.fit(table)
        out.print(table, soft_wrap=False)

    # This week.
    out.print(Text("To chase this week:", style="bold"))
    chase = f["chase"]
    from scaleplus_cli.analysis import CHASE_MAX

    out.print(console.hanging(chase[:CHASE_MAX], numbered=True), soft_wrap=False)
    if len(chase) > CHASE_MAX:
        out.print(f"  … and {len(chase) - CHASE_MAX} more (scaleplus status --format json)")
    if not chase:
        out.print(Text("  Nothing pressing: thank the stakeholders who delivered.", style="green"))


def _overdue_table(late: list[dict[str, Any]], narrow: bool = False):
    """Owner, commitment, due, days late, last update; narrow, the days late go under the due date.
    Long texts are cut at a word, with "…", like on the chase list: `scaleplus show` has them whole."""
    from rich import box
    from rich.table import Table

    from scaleplus_cli.analysis import clip

    table = Table(
        title=f"Overdue ({len(late)}), most late first",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 1),
    )
    table.add_column("owner", overflow="fold")
    table.add_column("commitment", overflow="fold")
    if narrow:
        table.add_column("due, late", no_wrap=True)
    else:
        table.add_column("due", no_wrap=True)
        table.add_column("late", justify="right", no_wrap=True)
    table.add_column("last update", overflow="fold")
    for x in late:
        u = x["last_update"]
        last = "none recorded" if not u else " ".join(
            p for p in (u["date"], (u["status"] or "").replace("_", " "), clip(u["note"])) if p
        )
        when = [f"{x['due']}\n{x['days']} d"] if narrow else [x["due"], f"{x['days']} d"]
        table.add_row(x["owner"], clip(x["text"]) or x["commitment"], *when, last)
    return table


def _side_by_side(sectors, commitments, funding) -> None:
    """The three small tables in one row when they fit, else the sectors beside the other two,
    else one under the other: a table squeezed into less than its width would cut its figures."""
    from rich.console import Group
    from rich.table import Table

    from scaleplus_cli import console

    out = console.out()
    row = Table.grid(padding=(0, 2))
    row.add_row(sectors, commitments, funding)
    beside = Table.grid(padding=(0, 2))
    beside.add_row(sectors, Group(commitments, "", funding))
    unbounded = out.options.update_width(10_000)
    for layout in (row, beside):
        if out.measure(layout, options=unbounded).maximum <= out.width:
            out.print(layout, soft_wrap=False)
            return
    for n, table in enumerate((sectors, commitments, funding)):
        if n:
            out.print()
        console.fit(table)
        out.print(table, soft_wrap=False)


