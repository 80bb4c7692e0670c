"""The retreat agenda: per day its date and each session's computed start and end."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scaleplus_cli.documents.formatting import project_language
from scaleplus_cli.documents.parts import header
from scaleplus_cli.models import Project


def build(project: Project, today: dt.date) -> dict[str, Any]:
    """Per day its date and each session's computed start and end (a session's own start leaves a gap)."""
    lang = project_language(project)
    days = []
    start = project.settings.retreat.start
    for n, day in enumerate(project.agenda.days if project.agenda else []):
        date = day.date or (start + dt.timedelta(days=n) if start else None)
        at = day.start if day.start is not None else 9 * 60
        sessions = []
        for s in day.sessions:
            if s.start is not None and s.start > at and sessions:
                # a session that starts later than the previous one ends: the gap is shown, as time free
                sessions.append(_gap(lang, at, s.start))
            if s.start is not None:
                at = max(at, s.start)
            end = at + (s.minutes or 0)
            if s.title:
                sessions.append(
                    {
                        "start": lang.clock(at),
                        "end": lang.clock(end),
                        "minutes": s.minutes or 0,
                        "duration": lang.duration(s.minutes),
                        "title": s.title,
                        "lead": s.lead or "",
                        "method": s.method or "",
                        "notes": s.notes or "",
                        "materials": s.materials or "",
                        "kind": s.kind or "session",
                        # only what the agenda calls a break or a meal prints as one: nothing is guessed
                        "is_break": s.kind in ("break", "meal"),
                        "is_gap": False,
                    }
                )
            at = end
        timed = [x for x in sessions if not x["is_gap"]]
        days.append(
            {
                "number": n + 1,
                "title": lang._("Day %(number)s", number=n + 1),
                "date": date,
                "date_text": lang.day_date(date),
                "theme": day.theme or "",
                "objective": day.objective or "",
                "start": timed[0]["start"] if timed else "",
                "end": timed[-1]["end"] if timed else "",
                "sessions": sessions,
                # a column empty for the whole day is left out of its table
                "show_lead": any(x["lead"] for x in timed),
                "show_method": any(x["method"] for x in timed),
            }
        )
    return {"project": header(project, today, lang), "language": lang.code, "days": days}


def _gap(lang, start: int, end: int) -> dict[str, Any]:
    """Time between two sessions that no session fills, as a row of the agenda."""
    return {
        "start": lang.clock(start), "end": lang.clock(end), "minutes": end - start,
        "duration": lang.duration(end - start),
        "title": lang._("No session (%(duration)s)", duration=lang.duration(end - start)),
        "lead": "", "method": "", "notes": "", "materials": "", "kind": "gap", "is_break": False, "is_gap": True,
    }
