"""`scaleplus remind`: whom to call about which commitments, and a ready-to-send message for each."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from scaleplus_cli.commands import ProjectOption, sound_project


MOST_DAYS_AHEAD = 3650


class ReminderFormat(str, Enum):
    md = "md"
    docx = "docx"
    json = "json"


def remind(
    within: Annotated[
        str, typer.Option("--within", metavar="INTEGER", help=f"Remind of commitments due within this many days, 0 to {MOST_DAYS_AHEAD} (overdue ones always).")
    ] = "14",
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
    from scaleplus_cli.commands import PROGRESS_FILES, write_documents
    from scaleplus_cli.dates import today
    from scaleplus_cli.errors import UsageError
    from scaleplus_cli.render import OutputFile, content
    from scaleplus_cli.reminders import message_template, reminder_context, reminder_record, reminders

    days = _within(within)
    day = today()
    loaded = sound_project(project, "writing reminders")
    due = reminders(loaded, day, days)
    message = message_template(loaded.root)
    if format is ReminderFormat.json:
        records = [reminder_record(loaded, r, day, message(reminder_context(loaded, r, day))) for r in due]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    if not due:
        console.out().print(f"Nobody has a commitment overdue or due within {days} days. Nothing to send.")
        return
    folder = out if out is not None else loaded.root / "out" / "reminders"
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out: {folder} is a file, not a folder")

    def job(r) -> OutputFile:
        path = folder / f"{r.stakeholder.id}.{format.value}"
        if format is ReminderFormat.md:
            return OutputFile(path, lambda: message(reminder_context(loaded, r, day)))
        return OutputFile(path, lambda: content("docx", "reminder", reminder_context(loaded, r, day), loaded.root))

    _print_table(due, days)
    console.out().print(f"\n{len(due)} message{'s' if len(due) != 1 else ''} to send:")
    # A message from an earlier run to someone with nothing due now would look current: it is
    # removed, if scaleplus wrote it and nobody changed it since (the folder's manifest says so).
    current = {r.stakeholder.id for r in due}
    suffix = f".{format.value}"

    def stale(name: str) -> bool:
        stem = name[: -len(suffix)] if name.endswith(suffix) else None
        return stem is not None and "/" not in stem and stem not in current

    removed = write_documents([job(r) for r in due], show_progress=len(due) >= PROGRESS_FILES, root=loaded.root, folder=folder, stale=stale)
    for path in removed:
        console.warning(f"removed {console.display_path(path)}: nothing of theirs is due now")


def _within(typed: str) -> int:
    """--within: a number of days from 0 (due today) to ten years."""
    import re

    from scaleplus_cli.errors import UsageError

    if not re.fullmatch(r"\s*[+-]?[0-9]{1,9}\s*", typed):
        raise UsageError(f"--within: expected a whole number of days, got {typed!r}")
    days = int(typed)
    if days < 0:
        raise UsageError(f"--within: {days} is less than 0: give the number of days ahead to look, 0 for due today")
    if days > MOST_DAYS_AHEAD:
        raise UsageError(f"--within: {days} is more than {MOST_DAYS_AHEAD} (ten years), the furthest reminders look ahead")
    return days


def _print_table(due, within: int) -> None:
    """Whom to call: the widest of three layouts that fits without splitting an id, a phone number
    or an e-mail address (one column per field; who | commitments; everything in one column)."""
    from scaleplus_cli import console

    count = sum(len(r.due) for r in due)
    title = f"Whom to call: {count} commitment{'s' if count != 1 else ''} overdue or due within {within} days"
    for columns in (4, 2, 1):
        table = _whom_to_call(due, title, columns)
        if console.fit(table) or columns == 1:
            break
    console.out().print(table, soft_wrap=False)


def _whom_to_call(due, title: str, columns: int):
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from scaleplus_cli.analysis import clip
    from scaleplus_cli.reminders import how_late

    table = Table(title=title, title_justify="left", show_lines=True, expand=True)
    headers = ["Stakeholder", "Representative", "Phone / e-mail", "Commitments (most urgent first)"]
    if columns == 2:
        headers = ["Stakeholder, representative, phone / e-mail", headers[3]]
    elif columns == 1:  # no frame: every column of the screen for the ids
        headers = ["Stakeholder, representative, phone / e-mail; commitments (most urgent first)"]
        table.box, table.show_edge, table.pad_edge = box.SIMPLE_HEAD, False, False
    for header in headers:
        table.add_column(header, overflow="fold")
    for r in due:
        s = r.stakeholder
        reach = "\n".join(x for x in (s.phone, s.email) if x)
        lines = "\n".join(f"{how_late(d.days_late)}: {clip(d.commitment.text or d.commitment.id, 70)}" for d in r.due)
        if columns == 4:
            table.add_row(s.label, s.representative or "", reach or "-", lines)
            continue
        card = Text.assemble(
            (s.label, "bold"),
            f"\n{s.representative}" if s.representative else "",
            f"\n{reach}" if reach else ("\nno phone or e-mail", "dim"),
        )
        table.add_row(card, lines) if columns == 2 else table.add_row(Text.assemble(card, "\n", lines))
    return table
