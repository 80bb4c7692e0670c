"""`scaleplus plan`: leverage points and gaps, ranked with the parts of their score; `--write` starts or
extends plans/work-plan-<horizon>-day.yaml, adding only the actions no plan of the project has yet."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from scaleplus_cli.commands import ProjectOption, ViewFormat, sound_project

if TYPE_CHECKING:
    from scaleplus_cli.analysis import BarrierLeverage
    from scaleplus_cli.models import Project


class Horizon(str, Enum):
    short = "100"
    long = "1000"


FORMULA = (
    "score = severity x (raised by + sectors + commitments) + influence of those committing."
    " Live commitments only: done and dropped ones count for nothing."
)
GAP_RULE = "gap = severity >= 3 and no live commitment, or live commitments from one sector only."
SECTOR_SHORT = {
    "government": "Gov",
    "private_sector": "Priv",
    "civil_society": "Civil",
    "community": "Comm",
    "academia": "Acad",
    "media": "Media",
    "faith_traditional": "Faith",
    "donor": "Donor",
    "other": "Other",
}


def plan(
    project: ProjectOption = None,
    horizon: Annotated[
        Optional[Horizon], typer.Option("--horizon", help="Only the commitments of this horizon: 100 or 1000 days.")
    ] = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f", help="table, or json for scripts.")] = ViewFormat.table,
    write: Annotated[
        bool,
        typer.Option(
            "--write",
            help="Create or extend plans/work-plan-<horizon>-day.yaml (both horizons unless --horizon):"
            " one action per live commitment and one technical-assistance action per gap that no plan has yet;"
            " never changes what is there.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="With --write: write a horizon's plan even after its window has closed.")
    ] = False,
) -> None:
    """Leverage points and gaps: where technical assistance will move the system most."""
    import json

    from scaleplus_cli import analysis

    from scaleplus_cli.dates import today

    days = int(horizon.value) if horizon else None
    if write:
        from scaleplus_cli.commands import changing
        from scaleplus_cli.workplans import write_work_plans

        with changing(project, "planning") as loaded:
            if format is ViewFormat.json:
                typer.echo(json.dumps([bl.as_dict() for bl in analysis.leverage(loaded, days)], ensure_ascii=False, indent=2))
            outcomes = write_work_plans(loaded, [days] if days else [100, 1000], today=today(), force=force)
        _say_written(outcomes, loaded.root, to_stderr=format is ViewFormat.json)
        return
    loaded = sound_project(project, "planning")
    ranked = analysis.leverage(loaded, days)
    if format is ViewFormat.json:
        typer.echo(json.dumps([bl.as_dict() for bl in ranked], ensure_ascii=False, indent=2))
    else:
        _print_tables(loaded, ranked, days)


# -- showing --------------------------------------------------------------------------------------


def _print_tables(project: Project, ranked: list[BarrierLeverage], horizon: int | None) -> None:
    from rich.text import Text

    from scaleplus_cli import analysis, console

    out = console.out()
    which = f"{horizon}-day commitments" if horizon else "all live commitments"
    title = f"Leverage points ({which}), highest first"
    grid = _leverage_table(title, ranked)
    if not console.fit(grid):
        grid = _leverage_table(title, ranked, narrow=True)
        console.fit(grid)
    out.print(grid, soft_wrap=False)

    gap_list = [bl for bl in ranked if bl.gap]
    if gap_list:
        out.print(Text(f"Gaps: where technical assistance goes ({len(gap_list)})", style="bold"))
        lines = []
        for bl in gap_list:
            who = ", ".join(dict.fromkeys(_name(project, c.stakeholder) for c in bl.commitments))
            lines.append(
                Text.assemble(
                    (bl.barrier.label, "bold red"),
                    f": {bl.gap_reason}" + (f" ({who})" if who else ""),
                    f"; suggested: {_instruments(bl.instruments)}",
                )
            )
        out.print(console.hanging(lines), soft_wrap=False)
    else:
        out.print(
            Text("No gaps: every barrier of severity 3 or more has live commitments from two sectors or more.", style="green"),
            soft_wrap=False,
        )
    out.print()

    rows = analysis.sector_coverage(project, horizon)
    cover = _coverage_table(rows)
    if not console.fit(cover):
        cover = _coverage_table(rows, narrow=True)
        console.fit(cover)
    out.print(cover, soft_wrap=False)


PARTS = ("severity", "raised_by", "sectors", "commitments", "influence")


def _leverage_table(title: str, ranked: list[BarrierLeverage], narrow: bool = False):
    """One column per part of the score; narrow, the parts go into the score as its sum
    (86 = 5×(4+3+6)+21) and the category and instruments under the barrier's title."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    grid = Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        caption=f"{FORMULA}\n{GAP_RULE}",
        caption_justify="left",
    )
    grid.add_column("#", justify="right", no_wrap=True)
    if narrow:
        grid.add_column(Text.assemble("barrier\n", ("category; instruments", "dim")), overflow="fold")
        grid.add_column("score", no_wrap=True)
    else:
        grid.add_column("barrier", overflow="fold")
        grid.add_column("category", overflow="fold")
        for name in ("score", "sev", "raised", "sectors", "commit", "influence"):
            grid.add_column(name, justify="right", no_wrap=True, style="bold" if name == "score" else None)
    grid.add_column("gap", no_wrap=True)
    if not narrow:
        grid.add_column("instruments", overflow="fold")
    for n, bl in enumerate(ranked, 1):
        severity, raised, sectors, commitments, influence = (bl.parts[k] for k in PARTS)
        gap = Text("GAP", style="bold red") if bl.gap else Text("-", style="dim")
        if narrow:
            what = Text.assemble(bl.barrier.label, ("\n" + "; ".join(
                x for x in (bl.barrier.category, _instruments(bl.instruments)) if x
            ), "dim"))
            score = Text.assemble((str(bl.score), "bold"), f" = {severity}×({raised}+{sectors}+{commitments})+{influence}")
            grid.add_row(str(n), what, score, gap)
        else:
            grid.add_row(
                str(n),
                bl.barrier.label,
                bl.barrier.category or "",
                str(bl.score),
                *(str(bl.parts[k]) for k in PARTS),
                gap,
                _instruments(bl.instruments),
            )
    return grid


def _coverage_table(rows, narrow: bool = False):
    """One column per sector; narrow, one cell listing the sectors that committed or raised it."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    cover = Table(
        title="Sector coverage per barrier",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        caption="n = live commitments from the sector; r = a stakeholder of the sector raised it",
        caption_justify="left",
    )
    cover.add_column("barrier", overflow="fold")
    sectors = list(SECTOR_SHORT)
    if narrow:
        cover.add_column("by sector (Gov:4r = 4 commitments, raised)", overflow="fold")
    else:
        for sector in sectors:
            cover.add_column(SECTOR_SHORT[sector], justify="center", no_wrap=True)
    cover.add_column("sectors", justify="right", no_wrap=True)
    for row in rows:
        marks = {}
        for sector in sectors:
            n = row.committed.get(sector)
            marks[sector] = ((str(n) if n else "") + ("r" if row.raised.get(sector) else ""), "bold green" if n else "dim")
        count = len(row.committed)
        if narrow:
            listed = [(f"{SECTOR_SHORT[s]}:{mark}", style) for s, (mark, style) in marks.items() if mark]
            cells = [Text(" ").join(Text(text, style=style) for text, style in listed) if listed else Text("·", style="dim")]
        else:
            cells = [Text(mark or "·", style=style) for mark, style in marks.values()]
        cover.add_row(row.barrier.label, *cells, Text(str(count), style="bold red" if count < 2 else ""))
    return cover


def _instruments(instruments) -> str:
    return ", ".join(i.replace("_", " ") for i in instruments)


def _name(project: Project, stakeholder_id: str) -> str:
    s = project.stakeholders.get(stakeholder_id)
    return s.label if s else stakeholder_id


# -- writing --------------------------------------------------------------------------------------


def _say_written(outcomes, root: Path, to_stderr: bool) -> None:
    from rich.text import Text

    from scaleplus_cli import console

    say = console.err() if to_stderr else console.out()
    for o in outcomes:
        where = console.display_path(root / o.rel)
        if o.verb == "up_to_date":
            say.print(f"{where}: up to date, nothing new to add")
        elif o.verb == "covered":
            say.print(f"{where}: not written, other plans have an action for every live {o.horizon}-day commitment and gap")
        elif o.verb == "closed":
            say.print(f"{where}: not written, the {o.horizon}-day window closed on {o.closed_on.isoformat()};"
                      " give --force to write it anyway")
        elif o.verb == "empty":
            say.print(f"{where}: not written, the {o.horizon}-day horizon has no live commitment and no gap")
        else:
            verb = "added" if o.verb == "extended" else "created with"
            n, g = o.commitments, o.gaps
            say.print(
                Text.assemble(
                    (where, "bold"),
                    f": {verb} {n} action{'s' if n != 1 else ''} for commitments"
                    f" and {g} technical-assistance action{'s' if g != 1 else ''} for gaps",
                )
            )
