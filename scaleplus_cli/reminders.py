"""Whom to remind of what: live commitments overdue or due soon, grouped by stakeholder, most
overdue first, and the plain context the reminder templates turn into ready-to-send messages."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from scaleplus_cli.analysis import LateCommitment, days, due_soon, overdue
from scaleplus_cli.models import Project, Stakeholder

DEFAULT_WITHIN = 14


@dataclass
class Reminder:
    """One stakeholder to contact, and their commitments to ask about (most overdue first)."""

    stakeholder: Stakeholder
    due: list[LateCommitment] = field(default_factory=list)

    @property
    def most_late(self) -> int:
        return self.due[0].days_late

    @property
    def overdue(self) -> int:
        return sum(d.days_late > 0 for d in self.due)


def reminders(project: Project, today: dt.date, within: int = DEFAULT_WITHIN) -> list[Reminder]:
    """Stakeholders with pledged or in-progress commitments overdue or due within `within` days
    (due today and due in exactly `within` days included), the most overdue first."""
    found: dict[str, Reminder] = {}
    for late in [*overdue(project, today), *due_soon(project, today, within)]:
        if late.stakeholder is not None:
            found.setdefault(late.stakeholder.id, Reminder(late.stakeholder)).due.append(late)
    for reminder in found.values():
        reminder.due.sort(key=lambda d: (-d.days_late, (d.commitment.text or "").casefold(), d.commitment.id))
    return sorted(found.values(), key=lambda r: (-r.most_late, r.stakeholder.label.casefold(), r.stakeholder.id))


# -- words ------------------------------------------------------------------------------------------


def how_late(days_late: int) -> str:
    """For tables: 21 days overdue, 1 day overdue, due today, due tomorrow, due in 5 days."""
    if days_late > 0:
        return f"{days(days_late)} overdue"
    if days_late == 0:
        return "due today"
    if days_late == -1:
        return "due tomorrow"
    return f"due in {days(-days_late)}"


def when_due(due_text: str, days_late: int) -> str:
    """For letters: "was due on 1 November 2026, 21 days ago" / "is due today" / "is due on ..., in 5 days"."""
    if days_late > 1:
        return f"was due on {due_text}, {days(days_late)} ago"
    if days_late == 1:
        return f"was due yesterday, {due_text}"
    if days_late == 0:
        return f"is due today, {due_text}"
    if days_late == -1:
        return f"is due tomorrow, {due_text}"
    return f"is due on {due_text}, in {days(-days_late)}"


def contact(s: Stakeholder) -> str:
    return " / ".join(x for x in (s.phone, s.email) if x)


# A name starting with one of these is a person's: "Dear Fr. Jose", not "Dear colleagues at Fr. Jose".
HONORIFIC = re.compile(
    r"(Mr|Mrs|Ms|Miss|Dr|Prof|Fr|Father|Rev|Sr|Sister|Br|Brother|Sheikh|Imam|Pastor|Bishop|Hon|Mzee|Bi|Eng)\.?\s",
    re.IGNORECASE,
)


def greeting(s: Stakeholder) -> str:
    """Whom "Dear ..." addresses: the representative; without one, a person by name, and the people of an
    organisation as its colleagues ("Dear colleagues at District Fisheries Office")."""
    name = s.name or s.id
    if s.representative:
        return s.representative
    return name if HONORIFIC.match(name) else f"colleagues at {name}"


def committed_by(s: Stakeholder) -> str:
    """Who committed, as the letter says it to its reader: the organisation when a representative reads
    it for them, else "you" (never "Dear X, ... what X committed to")."""
    if s.representative and s.representative != s.name:
        return s.name or s.id
    return "you"


def reminder_context(project: Project, reminder: Reminder, today: dt.date) -> dict[str, Any]:
    """What one message says, as plain values for the reminder templates."""
    from scaleplus_cli.documents.formatting import long_date
    from scaleplus_cli.documents.parts import commitment_row, header, stakeholder_row

    s = reminder.stakeholder
    items = []
    for n, d in enumerate(reminder.due, 1):
        row = commitment_row(project, d.commitment, n)
        last = d.commitment.last_update
        row.update(
            days_late=d.days_late,
            how_late=how_late(d.days_late),
            when=when_due(long_date(d.due), d.days_late),
            overdue=d.days_late > 0,
            last_status=last.status.replace("_", " ") if last and last.status else "",
        )
        items.append(row)
    recipient = stakeholder_row(s)
    recipient["greeting"] = greeting(s)
    recipient["committed_by"] = committed_by(s)
    recipient["attention"] = s.representative if s.representative and s.representative != s.name else ""
    recipient["contact"] = contact(s)
    overdue = reminder.overdue
    return {
        "project": header(project, today),
        "recipient": recipient,
        "commitments": items,
        "count": len(items),
        "overdue_count": overdue,
        "upcoming_count": len(items) - overdue,
        "most_late": how_late(reminder.most_late),
        "signed": header(project, today)["facilitators_text"] or "The Systems Integration Team",
    }


def message_template(root: Any) -> Callable[[dict[str, Any]], str]:
    """The reminder text template (the project's own first), compiled once for every message."""
    from scaleplus_cli.render.markdown import environment
    from scaleplus_cli.render.templates import find_template, guarded_render, template_in_use

    template = find_template("reminder.md.j2", root)
    with template_in_use(template):
        return guarded_render(template, environment(template).get_template(template.name).render)


def reminder_record(project: Project, reminder: Reminder, today: dt.date, message: str) -> dict[str, Any]:
    """One stakeholder's reminder as JSON-ready data (for `remind --format json`)."""
    s = reminder.stakeholder
    commitments = []
    for d in reminder.due:
        last = d.commitment.last_update
        commitments.append(
            {
                "id": d.commitment.id,
                "text": d.commitment.text,
                "status": d.commitment.status,
                "due": d.due.isoformat(),
                "days_overdue": d.days_late,
                "last_update": (
                    {"date": last.date.isoformat() if last.date else None, "note": last.note, "status": last.status}
                    if last
                    else None
                ),
            }
        )
    return {
        "stakeholder": s.id,
        "name": s.name,
        "representative": s.representative,
        "phone": s.phone,
        "email": s.email,
        "most_overdue_days": reminder.most_late,
        "commitments": commitments,
        "message": message,
    }
