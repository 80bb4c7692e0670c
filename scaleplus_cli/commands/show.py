"""`scaleplus show ID`: one entity, and everything in the project that refers to it."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from scaleplus_cli.commands import Output, ProjectOption, open_project, warn_if_incomplete

KINDS = ("stakeholder", "barrier", "commitment", "plan", "circle", "goal", "outcome")


def show(
    entity_id: Annotated[str, typer.Argument(metavar="ID", help="A stakeholder, barrier, commitment, plan, circle, goal or outcome: its id, a prefix of it, or its name.")],
    project: ProjectOption = None,
    format: Annotated[Output, typer.Option("--format", "-f", help="text, or json for scripts.")] = Output.text,
) -> None:
    """Show one entity, with what refers to it."""
    import json

    from scaleplus_cli.errors import UsageError
    from scaleplus_cli.listing import shown
    from scaleplus_cli.refs import Unresolved, resolve

    loaded = open_project(project)
    warn_if_incomplete(loaded)
    found = shown(loaded, entity_id)
    if not found:
        try:
            found = shown(loaded, resolve(loaded, KINDS, entity_id))
        except Unresolved as e:
            raise UsageError(e.message.replace(" or ".join(KINDS), "entity")) from None
    if format is Output.json:
        typer.echo(json.dumps(found[0] if len(found) == 1 else found, ensure_ascii=False, indent=2))
        return
    for item in found:
        _print(item)


def _value(value: Any) -> str:
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            return "\n".join(f"{n}. " + ", ".join(f"{k}: {_value(v)}" for k, v in item.items() if v not in (None, [], "")) for n, item in enumerate(value, 1))
        return ", ".join(str(v) for v in value)
    return str(value)


def _print(item: dict[str, Any]) -> None:
    from rich.table import Table
    from rich.text import Text

    from scaleplus_cli import console

    out = console.out()
    out.print(Text.assemble((f"{item['kind']} ", "dim"), (item["id"], "bold"), (f"  ({item['path']})", "dim")))
    grid = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    grid.add_column(style="cyan", no_wrap=True)
    grid.add_column(overflow="fold")
    for key, value in item.items():
        if key in ("kind", "id", "path", "referenced_by", "pathway") or value in (None, [], ""):
            continue
        grid.add_row(key, _value(value))
    out.print(grid)
    if "pathway" in item:
        path = item["pathway"]
        out.print(Text("Pathway:", style="bold"))
        for action in path["served_by"]:
            out.print(f"  served by action {action['action']} of plan {action['plan']}: {action['title']}")
        for other in path["leads_from"]:
            out.print(f"  led into by outcome {other}")
        for chain in path["to_goals"]:
            out.print(f"  leads to: {chain}")
        if not path["to_goals"]:
            out.print("  leads to no common goal yet")
        out.print()
        return
    refs = item.get("referenced_by", {})
    lines = []
    for what, ids in refs.items():
        for ref in ids:
            if isinstance(ref, dict):
                lines.append(f"  action {ref['action']} of plan {ref['plan']} ({ref['as']}): {ref['title']}")
            else:
                lines.append(f"  {what.replace('_', ' ').rstrip('s')}: {ref}")
    out.print(Text("Referred to by:" if lines else "Nothing refers to it yet.", style="bold"))
    for line in lines:
        out.print(line)
    out.print()
