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
                        "is_break": not (s.lead or s.method),
                    }
                )
            at = end
        days.append(
            {
                "number": n + 1,
                "title": lang._("Day %(number)s", number=n + 1),
                "date": date,
                "date_text": lang.day_date(date),
                "start": sessions[0]["start"] if sessions else "",
                "end": sessions[-1]["end"] if sessions else "",
                "sessions": sessions,
            }
        )
    return {"project": header(project, today, lang), "language": lang.code, "days": days}
