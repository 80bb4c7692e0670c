"""`scaleplus assess`: the Collective Impact health check and the phase checklists."""

from __future__ import annotations

from typing import Annotated

import typer

from scaleplus_cli.commands import Output, ProjectOption, open_project, warn_if_incomplete


def assess(
    project: ProjectOption = None,
    format: Annotated[Output, typer.Option("--format", "-f", help="text, or json for scripts.")] = Output.text,
) -> None:
    """Score the Collective Impact preconditions and conditions 0-3 from the project's evidence, then
    tick the checklist of its phase and network phase."""
    import json

    from scaleplus_cli.assessing import as_json, assess as health_check
    from scaleplus_cli.dates import today

    loaded = open_project(project)
    warn_if_incomplete(loaded)
    health = health_check(loaded, today())
    if format is Output.json:
        typer.echo(json.dumps(as_json(health), ensure_ascii=False, indent=2))
        return
    _print(health)


def _print(health) -> None:  # noqa: ANN001
    from rich.text import Text

    from scaleplus_cli import console
    from scaleplus_cli.models import NETWORK_PHASE_LABELS, PHASE_LABELS

    out = console.out()
    for heading, scores in (("Preconditions", health.preconditions), ("Conditions of collective success", health.conditions)):
        out.print(Text(heading, style="bold underline"))
        for s in scores:
            mark = "-" if s.score is None else str(s.score)
            out.print(Text.assemble((f" {mark}/3 ", "bold"), (f"{s.title}", "bold"), (f"  {s.label}", "dim")))
            for line in s.evidence:
                out.print(f"      {line}")
            out.print(Text(f"      rule: {s.rule}", style="dim"))
        out.print()
    for heading, phase, labels, steps in (
        ("Collective Impact phase", health.phase, PHASE_LABELS, health.phase_steps),
        ("Network life-cycle phase", health.network_phase, NETWORK_PHASE_LABELS, health.network_steps),
    ):
        if not phase:
            out.print(Text(f"{heading}: not set (phase in scaleplus.yaml)", style="bold"))
            continue
        done = sum(s.done for s in steps)
        out.print(Text(f"{heading}: {labels[phase]} ({done} of {len(steps)} done)", style="bold underline"))
        for s in steps:
            out.print(Text.assemble(("  [x] " if s.done else "  [ ] ", "green" if s.done else "yellow"), s.text, (f"  ({s.item})", "dim")))
            if s.evidence:
                out.print(f"        {s.evidence}")
            if s.missing:
                out.print(Text(f"        missing: {s.missing}", style="yellow"))
        out.print()
