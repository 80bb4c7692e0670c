"""`scaleplus remind`: whom to call about which commitments, and a ready-to-send message for each."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from scaleplus_cli.commands import ProjectOption, sound_project


class ReminderFormat(str, Enum):
    md = "md"
    docx = "docx"
    json = "json"


def remind(
    within: Annotated[
        int, typer.Option("--within", min=0, help="Remind of commitments due within this many days (overdue ones always).")
    ] = 14,
    format: Annotated[
        ReminderFormat,
        typer.Option("--format", "-f", help="md: a text message to paste into an e-mail or phone; docx: a Word letter; json: for scripts."),
    ] = ReminderFormat.md,
    out: Annotated[
        Optional[Path], typer.Option("--out", help="Folder for the messages (default: out/reminders in the project).", show_default=False)
    ] = None,
    project: ProjectOption = None,
) -> None:
    """Remind stakeholders of commitments overdue or due soon: whom to call, and one message each."""
    import json

    from scaleplus_cli import console
    from scaleplus_cli.commands.report import PROGRESS_FILES, run
    from scaleplus_cli.dates import today
    from scaleplus_cli.errors import UsageError
    from scaleplus_cli.render import OutputFile, write
    from scaleplus_cli.reminders import message_template, reminder_context, reminder_record, reminders
    from scaleplus_cli.store import write_atomic

    day = today()
    loaded = sound_project(project, "writing reminders")
    due = reminders(loaded, day, within)
    message = message_template(loaded.root)
    if format is ReminderFormat.json:
        records = [reminder_record(loaded, r, day, message(reminder_context(loaded, r, day))) for r in due]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    if not due:
        console.out().print(f"Nobody has a commitment overdue or due within {within} days. Nothing to send.")
        return
    folder = out if out is not None else loaded.root / "out" / "reminders"
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out: {folder} is a file, not a folder")
    folder.mkdir(parents=True, exist_ok=True)

    def job(r) -> OutputFile:
        path = folder / f"{r.stakeholder.id}.{format.value}"
        if format is ReminderFormat.md:
            return OutputFile(path, lambda: write_atomic(path, message(reminder_context(loaded, r, day))))
        return OutputFile(path, lambda: write("docx", "reminder", reminder_context(loaded, r, day), path, loaded.root))

    _print_table(due, within)
    console.out().print(f"\n{len(due)} message{'s' if len(due) != 1 else ''} to send:")
    run([job(r) for r in due], show_progress=len(due) >= PROGRESS_FILES)


def _print_table(due, within: int) -> None:
    from rich.table import Table

    from scaleplus_cli import console
    from scaleplus_cli.reminders import how_late

    count = sum(len(r.due) for r in due)
    table = Table(
        title=f"Whom to call: {count} commitment{'s' if count != 1 else ''} overdue or due within {within} days",
        title_justify="left",
        show_lines=True,
        expand=True,
    )
    table.add_column("Stakeholder", overflow="fold", ratio=3)
    table.add_column("Representative", overflow="fold", ratio=2)
    table.add_column("Phone / e-mail", overflow="fold", ratio=2)
    table.add_column("Commitments (most urgent first)", overflow="fold", ratio=5)
    for r in due:
        s = r.stakeholder
        lines = "\n".join(f"{how_late(d.days_late)}: {d.commitment.id}" for d in r.due)
        reach = "\n".join(x for x in (s.phone, s.email) if x) or "-"
        table.add_row(s.label, s.representative or "", reach, lines)
    console.out().print(table)
