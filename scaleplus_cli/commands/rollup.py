"""`scaleplus rollup`: the programme over all its sites: per site, per level and in total; the barriers
the sites share; the shared indicators with who reported and who did not. A site that cannot be read
is named and the rest still rolls up."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from scaleplus_cli.commands import ProjectOption, ViewFormat, open_project

STATUS_HEADS = {"pledged": "pledged", "in_progress": "in\nprog.", "on_hold": "on\nhold", "done": "done", "dropped": "dropped"}
SECTOR_HEADS = {
    "government": "government",
    "private_sector": "private sector",
    "civil_society": "civil society",
    "community": "community",
    "academia": "academia",
    "media": "media",
    "faith_traditional": "faith & traditional",
    "donor": "donors",
    "other": "other",
}


def rollup(
    project: ProjectOption = None,
    format: Annotated[ViewFormat, typer.Option("--format", "-f", help="table, or json for scripts.")] = ViewFormat.table,
) -> None:
    """The programme over all its sites (a project without sites is a programme of one): organisations by
    sector, commitments, overdue, gaps, shared barriers and shared indicators, per site, level and in total."""
    import json

    from scaleplus_cli import console
    from scaleplus_cli.dates import today
    import gc

    from scaleplus_cli.programme import load_programme
    from scaleplus_cli.rollup import rollup as roll_up

    loaded = open_project(project)
    programme = load_programme(loaded.root, loaded)
    gc.freeze()  # as open_project does: the collector need not walk what the sites hold
    figures = roll_up(programme, today())
    for problem in sorted(programme.problems):
        if problem.severity == "error" and problem.message.startswith("sites:"):
            console.print_problems([problem], loaded.root, to_stderr=True)
    for site in figures["sites"]:
        if site["read"] and site["errors"]:
            console.warning(
                f"site {site['path']} could not be read in full ({site['errors']} error{'s' if site['errors'] != 1 else ''});"
                " its figures may be incomplete (scaleplus check -p tells why)"
            )
    if format is ViewFormat.json:
        # On one line: a national programme's figures run to megabytes, which Python's indenting
        # encoder writes several times slower than its compact one.
        typer.echo(json.dumps(figures, ensure_ascii=False))
    else:
        _print(figures)


def _table(title: str, padding: int = 1):
    from rich import box
    from rich.table import Table

    return Table(title=title, title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, padding=(0, padding))


def _print(f: dict[str, Any]) -> None:
    from rich.text import Text

    from scaleplus_cli import console
    from scaleplus_cli.documents.formatting import number, quantity

    out = console.out()
    total = f["total"]
    read = [s for s in f["sites"] if s["read"]]
    out.print(Text(f"{f['programme']}: rollup on {f['today']}", style="bold"), soft_wrap=False)
    out.print(
        f"{len(read)} site{'s' if len(read) != 1 else ''} read"
        + (f", {len(f['unread'])} not read" if f["unread"] else "")
        + f" · {total['organisation_count']} organisations · {total['commitment_count']} commitments"
        f" · {total['overdue']} overdue · {total['gaps']} gaps",
        soft_wrap=False,
    )

    # Sites: one row each, indented under their parent.
    sites = _table("Sites, each under its parent")
    sites.add_column("level", no_wrap=True)
    sites.add_column("site", overflow="fold")
    for head in ("orgs", "commit.", "live", "done", "late", "gaps"):
        sites.add_column(head, justify="right", no_wrap=True)
    for s in f["sites"]:
        if s["read"]:
            c = s["commitments"]
            live = c["pledged"] + c["in_progress"]
            sites.add_row(s["level"], s["name"], str(s["organisation_count"]), str(s["commitment_count"]),
                          str(live), str(c["done"]), str(s["overdue"]), str(s["gaps"]))
        else:
            sites.add_row("-", Text(f"{s['path']}: not read ({s['unread']})", style="red"))
    console.print_table(sites)

    # Levels and the total: commitments by status.
    levels = _table("Levels (organisations counted once; commitments by status)", padding=0)
    levels.add_column("level", overflow="fold")
    for head in ("sites", "orgs", *STATUS_HEADS.values(), "late", "gaps"):
        levels.add_column(head, justify="right", no_wrap=True)
    for g in [*f["levels"], total]:
        n = len(g["sites"])
        levels.add_row(g["level"], str(n), str(g["organisation_count"]), *[str(g["commitments"][k]) for k in STATUS_HEADS],
                       str(g["overdue"]), str(g["gaps"]), style="bold" if g is total else None)
    console.print_table(levels)

    # Organisations by sector per level, each counted once.
    sectors = _table("Organisations by sector (each counted once)")
    sectors.add_column("sector", overflow="fold")
    for g in f["levels"]:
        sectors.add_column(g["level"], justify="right", no_wrap=True)
    sectors.add_column("total", justify="right", no_wrap=True)
    for sector, head in SECTOR_HEADS.items():
        row = [str(g["organisations"][sector]) for g in f["levels"]]
        if sector == "other" and not total["organisations"][sector]:
            continue
        sectors.add_row(head, *row, str(total["organisations"][sector]))
    console.print_table(sectors)
    several = [o for o in f["organisations"] if len(o["sites"]) > 1]
    if several:
        out.print(Text("In several sites:", style="bold"))
        console.print_table(console.hanging(f"{o['name']}: {', '.join(o['sites'])}" for o in several))

    # Barriers shared by code.
    if f["barriers"]:
        barriers = _table("Barriers shared across sites (by code): gaps first, for technical assistance")
        barriers.add_column("code", no_wrap=True)
        barriers.add_column("barrier", overflow="fold")
        barriers.add_column("sites", justify="right", no_wrap=True)
        barriers.add_column("gap in", justify="right", no_wrap=True)
        barriers.add_column("where a gap", overflow="fold")
        for b in f["barriers"]:
            barriers.add_row(b["code"], b["titles"][0] if b["titles"] else "", str(len(b["sites"])),
                             str(len(b["gap_sites"])), ", ".join(b["gap_sites"]) or "-")
        console.print_table(barriers)

    # Shared indicators.
    if f["indicators"]:
        table = _table("Shared indicators")
        table.add_column("code", no_wrap=True)
        table.add_column("indicator", overflow="fold")
        table.add_column("rule", no_wrap=True)
        table.add_column("value", justify="right", no_wrap=True)
        table.add_column("target", justify="right", no_wrap=True)
        table.add_column("sites", justify="right", no_wrap=True)
        for i in f["indicators"]:
            value = quantity(i["value"], i["unit"], i.get("unit_one")) if i["value"] is not None else "no data"
            target = quantity(i["target"], i["unit"], i.get("unit_one")) if i["target"] is not None else "-"
            in_scope = len(i["reported"]) + len(i["not_reporting"]) + len(i["not_measuring"]) + len(i["not_read"])
            table.add_row(i["code"], i["name"], i["aggregate"], value, target, f"{len(i['reported'])}/{in_scope}")
        console.print_table(table)
        lines = []
        for i in f["indicators"]:
            reported = ", ".join(
                f"{r['site']} {number(r['value'])} ({r['date'] or 'no date'})" for r in i["reported"]
            )
            parts = [f"reported: {reported}" if reported else "no site reported yet"]
            if i["not_reporting"]:
                parts.append(f"no value yet: {', '.join(i['not_reporting'])}")
            if i["not_measuring"]:
                parts.append(f"not measured: {', '.join(i['not_measuring'])}")
            if i["not_read"]:
                parts.append(f"not read: {', '.join(i['not_read'])}")
            lines.append(f"{i['code']}: " + "; ".join(parts))
        console.print_table(console.hanging(lines))
