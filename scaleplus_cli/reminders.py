"""Whom to remind of what: live commitments overdue or due soon, grouped by stakeholder, most
overdue first, and the plain context the reminder templates turn into ready-to-send messages."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from scaleplus_cli.analysis import LateCommitment, due_soon, overdue
from scaleplus_cli.documents.formatting import Language, language, project_language
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


def how_late(days_late: int, lang: Language | None = None) -> str:
    """For tables: 21 days overdue, 1 day overdue, due today, due tomorrow, due in 5 days."""
    lang = lang or language("en")
    if days_late > 0:
        return lang.ngettext("%(n)s day overdue", "%(n)s days overdue", days_late)
    if days_late == 0:
        return lang._("due today")
    if days_late == -1:
        return lang._("due tomorrow")
    return lang.ngettext("due in %(n)s day", "due in %(n)s days", -days_late)


def when_due(due_text: str, days_late: int, lang: Language) -> str:
    """For letters: "was due on 1 November 2026, 21 days ago" / "is due today" / "is due on ..., in 5 days"."""
    if days_late > 1:
        return lang.ngettext("was due on %(date)s, %(n)s day ago", "was due on %(date)s, %(n)s days ago", days_late, date=due_text)
    if days_late == 1:
        return lang._("was due yesterday, %(date)s", date=due_text)
    if days_late == 0:
        return lang._("is due today, %(date)s", date=due_text)
    if days_late == -1:
        return lang._("is due tomorrow, %(date)s", date=due_text)
    return lang.ngettext("is due on %(date)s, in %(n)s day", "is due on %(date)s, in %(n)s days", -days_late, date=due_text)


def contact(s: Stakeholder) -> str:
    return " / ".join(x for x in (s.phone, s.email) if x)


# A name starting with one of these is a person's: "Dear Fr. Jose", not "Dear colleagues at Fr. Jose".
HONORIFIC = re.compile(
    r"(Mr|Mrs|Ms|Miss|Dr|Prof|Fr|Father|Rev|Sr|Sister|Br|Brother|Sheikh|Imam|Pastor|Bishop|Hon|Mzee|Bi|Eng)\.?\s",
    re.IGNORECASE,
)


def greeting(s: Stakeholder, lang: Language) -> str:
    """Whom "Dear ..." addresses: the representative; without one, a person by name, and the people of an
    organisation as its colleagues ("Dear colleagues at District Fisheries Office")."""
    name = s.name or s.id
    if s.representative:
        return s.representative
    return name if HONORIFIC.match(name) else lang._("colleagues at %(name)s", name=name)


def speaks_for(s: Stakeholder) -> str | None:
    """The organisation a representative reads the letter for; None when the reader is the stakeholder."""
    if s.representative and s.representative != s.name:
        return s.name or s.id
    return None


def committed_by(s: Stakeholder, lang: Language) -> str:
    """Who committed, as the letter says it to its reader: the organisation when a representative reads
    it for them, else "you" (never "Dear X, ... what X committed to")."""
    return speaks_for(s) or lang._("you")


def salutation(s: Stakeholder, lang: Language) -> str:
    """Dear Joseph Mwakilema, / Dear colleagues at District Fisheries Office,"""
    name = s.name or s.id
    if s.representative or HONORIFIC.match(name):
        return lang._("Dear %(name)s,", name=s.representative or name)
    return lang._("Dear colleagues at %(name)s,", name=name)


def reminder_context(project: Project, reminder: Reminder, today: dt.date) -> dict[str, Any]:
    """What one message says, as plain values for the reminder templates."""
    from scaleplus_cli.documents.parts import commitment_row, header, stakeholder_row

    s = reminder.stakeholder
    lang = project_language(project, s.language)
    items = []
    for n, d in enumerate(reminder.due, 1):
        row = commitment_row(project, d.commitment, lang, n)
        last = d.commitment.last_update
        row.update(
            days_late=d.days_late,
            how_late=how_late(d.days_late, lang),
            when=when_due(lang.long_date(d.due), d.days_late, lang),
            overdue=d.days_late > 0,
            last_status=lang.label(last.status).lower() if last and last.status else "",
        )
        items.append(row)
    recipient = stakeholder_row(s, lang)
    recipient["greeting"] = greeting(s, lang)
    recipient["committed_by"] = committed_by(s, lang)
    recipient["salutation"] = salutation(s, lang)
    recipient["attention"] = s.representative if s.representative and s.representative != s.name else ""
    recipient["contact"] = contact(s)
    overdue = reminder.overdue
    top = header(project, today, lang)
    count = len(items)
    return {
        "project": top,
        "language": lang.code,
        "recipient": recipient,
        "commitments": items,
        "count": count,
        "overdue_count": overdue,
        "upcoming_count": count - overdue,
        "most_late": how_late(reminder.most_late, lang),
        "signed": top["facilitators_text"] or top["team"] or lang._("The Systems Integration Team"),
        "subject": lang.ngettext(
            "%(project)s: a friendly reminder about your commitment",
            "%(project)s: a friendly reminder about your commitments",
            count,
            project=top["name"],
        ),
        "opening": opening(top, recipient["committed_by"], speaks_for(s) is None, count, overdue, lang),
    }


def opening(project: dict[str, Any], committed_by: str, you: bool, count: int, overdue: int, lang: Language) -> str:
    """The letter's first paragraph: thanks (to the reader, or to the organisation they read it for), and
    which commitments it is about."""
    if overdue == count:
        which = lang.ngettext(
            "we are writing to check in on the commitment that is now past its due date",
            "we are writing to check in on the commitments that are now past their due date",
            count,
        )
    elif overdue:
        which = lang._("we are writing to check in on the commitments that are past their due date or fall due soon")
    else:
        which = lang.ngettext(
            "we are writing to check in on the commitment that falls due soon",
            "we are writing to check in on the commitments that fall due soon",
            count,
        )
    retreat = (
        lang._("the %(project)s retreat (%(dates)s)", project=project["name"], dates=project["dates"])
        if project["dates"]
        else lang._("the %(project)s retreat", project=project["name"])
    )
    if you:
        thanks = lang._("Thank you again for what you committed to at %(retreat)s.", retreat=retreat)
    else:
        thanks = lang._("Thank you again for what %(who)s committed to at %(retreat)s.", who=committed_by, retreat=retreat)
    return lang._("%(thanks)s The whole system is counting on it, and %(which)s:", thanks=thanks, which=which)


def message_template(root: Any) -> Callable[[dict[str, Any]], str]:
    """The reminder text template (the project's own first), compiled once for every message."""
    from scaleplus_cli.render.markdown import environment
    from scaleplus_cli.render.templates import find_template, guarded_render, template_in_use

    template = find_template("reminder.md.j2", root)
    with template_in_use(template):
        env = environment(template)
        render = guarded_render(template, env.get_template(template.name).render)

    def message(context: dict[str, Any]) -> str:
        env.speak(context.get("language"))
        return render(context)

    return message


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
