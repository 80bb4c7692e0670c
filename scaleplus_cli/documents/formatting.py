"""How the documents write things: dates, times, numbers, money and the labels of choices. The one
place for formats, so the agenda, the commitment sheets, the work plan and the bulletin agree."""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from scaleplus_cli.models import SECTOR_LABELS

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
STATUS_LABELS = {"pledged": "Pledged", "in_progress": "In progress", "done": "Done", "dropped": "Dropped"}
# Where an action's money comes from: not the sector of that name ("donor" funding is a donor, not "Donors").
FUNDING_LABELS = {
    "donor": "Donor",
    "government": "Government",
    "private": "Private",
    "community": "Community",
    "in_kind": "In kind",
    "other": "Other",
}
# One stakeholder's sector; SECTOR_LABELS (models.py) name the sectors as groups ("Donors").
SECTOR_MEMBER_LABELS = {
    **SECTOR_LABELS,
    "faith_traditional": "Faith & traditional leader",
    "donor": "Donor",
}
# Displayed text is spelt the British way; the SPEC's enum values stay as they are.
CATEGORY_LABELS = {"organizational": "Organisational"}
# Shown for the progress of an indicator whose target is its baseline.
NO_PROGRESS = "—"



def long_date(d: dt.date | None) -> str:
    """15 September 2026"""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}" if d else ""


def short_date(d: dt.date | None) -> str:
    """15 Sep 2026, for table columns"""
    return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}" if d else ""


def day_date(d: dt.date | None) -> str:
    """Tuesday 15 September 2026"""
    return f"{WEEKDAYS[d.weekday()]} {long_date(d)}" if d else ""


def date_range(start: dt.date | None, end: dt.date | None) -> str:
    """15–17 September 2026; 28 September – 2 October 2026; one side alone when the other is unknown."""
    if not (start and end):
        return long_date(start or end)
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {MONTHS[start.month - 1]} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"


def clock(minutes: int | None) -> str:
    """Minutes after midnight as HH:MM; past midnight (an agenda with errors, rendered with --force)
    the time of the next day, marked: 02:00 (+1 day)."""
    if minutes is None:
        return ""
    days, minutes = divmod(minutes, 24 * 60)
    time = f"{minutes // 60:02d}:{minutes % 60:02d}"
    return f"{time} (+{days} day{'s' if days != 1 else ''})" if days else time


def duration(minutes: int | None) -> str:
    """90 -> 1 h 30 min"""
    if not minutes:
        return ""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest:02d} min" if rest else f"{hours} h"


def number(value: float | int | None) -> str:
    """1,234 or 0.6 or 12.25: thousands separated, no trailing zeros."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def money(value: float | int | None) -> str:
    """18,500 or 1,234.50 (no currency: the project does not name one)."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}"


def bar(fraction: float | None, width: int = 10, marks: str = "■□") -> str:
    """Progress as a bar of `width` marks, filled to the nearest mark (clamped to 0..width)."""
    if fraction is None:
        return ""
    filled = max(0, min(width, int(fraction * width + 0.5)))
    return marks[0] * filled + marks[1] * (width - filled)


def percent(fraction: float | None) -> str:
    return "" if fraction is None else f"{round(fraction * 100):d}%"


def horizon_text(horizon: int | None) -> str:
    return f"{horizon} days" if horizon else ""


def label(choice: str | None) -> str:
    """An enum value as words: in_progress -> In progress."""
    if not choice:
        return ""
    return (
        STATUS_LABELS.get(choice)
        or SECTOR_LABELS.get(choice)
        or CATEGORY_LABELS.get(choice)
        or choice.replace("_", " ").capitalize()
    )


def stakeholder_sector(sector: str | None) -> str:
    """The sector of one stakeholder, in the singular: donor -> Donor (label() gives the group, Donors)."""
    return SECTOR_MEMBER_LABELS.get(sector or "", "") or label(sector)


def funding_label(funding: str | None) -> str:
    """A funding source as words: donor -> Donor, in_kind -> In kind."""
    return FUNDING_LABELS.get(funding or "", "") or label(funding)


def join(items: Iterable[str], sep: str = "; ") -> str:
    return sep.join(i for i in items if i)


def sort_key(text: str | None) -> str:
    return (text or "").casefold()




def month_index(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def month_of(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)
