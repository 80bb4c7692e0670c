"""What several documents show: the header on top of each, and one commitment, stakeholder or
indicator as a row of text (and its raw values, for the Excel writer)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable

from scaleplus_cli.documents.formatting import N_, NO_PROGRESS, NO_VALUE, Language, join, sort_key
from scaleplus_cli.ids import name_key
from scaleplus_cli.models import Commitment, Indicator, Project, Stakeholder


def header(project: Project, today: dt.date, lang: Language) -> dict[str, Any]:
    """What every document shows on top."""
    s = project.settings
    r = s.retreat
    end = r.start + dt.timedelta(days=(r.days or 1) - 1) if r.start else None
    return {
        "name": s.name or project.root.name,
        "challenge": s.challenge or "",
        "location": s.location or "",
        "venue": r.venue or "",
        "start": r.start,
        "end": end,
        "dates": lang.date_range(r.start, end),
        "facilitators": list(s.facilitators),
        "facilitators_text": join(s.facilitators, ", "),
        "donor": s.donor or "",
        # the backbone team: where replies to reminders and questions about commitment sheets go
        "contact": {"name": s.contact.name or "", "email": s.contact.email or "", "phone": s.contact.phone or ""},
        "contact_text": ", ".join(x for x in (s.contact.name, s.contact.email, s.contact.phone) if x),
        "team": backbone_name(project),
        "prepared": lang.long_date(today),
        "today": today,
        "language": lang.code,
    }


def backbone_name(project: Project) -> str:
    """The backbone team by its own name, when the project has a backbone circle named otherwise than
    the method names it ("" when not: the documents then say "the Systems Integration Team", each
    language with its own article and contractions)."""
    name = next((c.name for _, c in sorted(project.circles.items()) if c.kind == "backbone" and c.name), "")
    return "" if name_key(name).removeprefix("the ") == "systems integration team" else name


def goals(project: Project) -> list[dict[str, str]]:
    return [{"id": g.id or "", "text": g.text or ""} for g in project.settings.goals if g.text or g.id]


def stakeholder_name(project: Project, stakeholder_id: str | None) -> str:
    if not stakeholder_id:
        return ""
    s = project.stakeholders.get(stakeholder_id)
    return s.label if s else stakeholder_id


def owner_name(project: Project, owner: str | None) -> str:
    """A plan's owner as people know it: the circle's or the stakeholder's name, or the text as written."""
    if not owner:
        return ""
    found = project.circles.get(owner) or project.stakeholders.get(owner)
    return found.label if found else owner


def barrier_title(project: Project, barrier_id: str) -> str:
    b = project.barriers.get(barrier_id)
    return b.label if b else barrier_id


def goal_ids_served(project: Project, c: Commitment) -> list[str]:
    """The goals a commitment serves: those its barriers block, in the order of scaleplus.yaml."""
    served = {g for b in c.barriers if b in project.barriers for g in project.barriers[b].goals}
    return [g for g in project.goal_ids if g in served]


EVERY = {"month": N_("an update every month"), "quarter": N_("an update every quarter"), "year": N_("an update every year")}


def commitment_row(project: Project, c: Commitment, lang: Language, number_: int = 0) -> dict[str, Any]:
    due = project.due_date(c)
    goal_text = {g.id: g.text or "" for g in project.settings.goals}
    served = goal_ids_served(project, c)
    barriers = [barrier_title(project, b) for b in c.barriers]
    last = c.last_update
    return {
        "number": number_,
        "id": c.id,
        "text": c.text or "",
        "stakeholder_id": c.stakeholder or "",
        "stakeholder": stakeholder_name(project, c.stakeholder),
        # a joint commitment's co-owners, lead first: one promise, named on each of their sheets
        "partners": [stakeholder_name(project, p) for p in c.partners],
        "partners_text": join([stakeholder_name(project, p) for p in c.partners], ", "),
        "owners": [stakeholder_name(project, p) for p in project.committers(c)],
        "every": lang._(EVERY[c.every]) if c.every else "",  # a recurring commitment: "every month"
        "barrier_ids": list(c.barriers),
        "barriers": barriers,
        "barriers_text": join(barriers),
        "horizon": c.horizon,
        "horizon_text": lang.horizon(c.horizon),
        "due": due,
        "due_text": lang.long_date(due),
        "due_short": lang.short_date(due),
        "resources": c.resources or "",
        "status": lang.label(c.status),
        "status_id": c.status or "",
        "goals": [{"id": g, "text": goal_text.get(g, "")} for g in served],
        "goals_text": join(served, ", "),
        "last_update": lang.long_date(last.date) if last else "",
        "last_update_date": last.date if last else None,
        "last_note": (last.note or "") if last else "",
    }


def stakeholder_row(s: Stakeholder, lang: Language) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.label,
        "sector": lang.sector(s.sector),
        "sector_id": s.sector or "",
        "organization": s.organization or "",
        "representative": s.representative or "",
        "role": s.role or "",
        "group": s.group or "",
        "email": s.email or "",
        "phone": s.phone or "",
        "influence": s.influence,
        "interest": s.interest,
        "notes": s.notes or "",
    }


def commitment_order(project: Project) -> Callable[[Commitment], tuple]:
    far = dt.date.max

    def key(c: Commitment) -> tuple:
        return (project.due_date(c) or far, c.horizon or 0, sort_key(c.text), c.id)

    return key


COMMITMENT_MEASURED = N_("Commitment of %(owner)s: %(text)s")


def commitment_label(project: Project, c: Commitment, lang: Language) -> str:
    """What an indicator of a commitment measures, where an action's title would stand."""
    text = " ".join((c.text or c.id).split())
    short = text if len(text) <= 60 else text[:59].rsplit(" ", 1)[0].rstrip(",;:.-") + "…"
    return lang._(COMMITMENT_MEASURED, owner=stakeholder_name(project, c.stakeholder), text=short)


def indicator_row(ind: Indicator, lang: Language) -> dict[str, Any]:
    measured = [m for m in ind.measurements if m.value is not None]
    last = measured[-1] if measured else None
    progress = ind.progress
    # measured, but no way to go from baseline to target: a dash, never a made-up 0% or 100%
    stuck = progress is None and ind.current is not None and ind.target is not None
    return {
        "name": ind.name or "",
        "unit": ind.unit or "",
        "unit_one": ind.unit_one or "",
        "baseline": ind.baseline,
        "target": ind.target,
        "current": ind.current,
        "baseline_text": lang.number(ind.baseline),
        "target_text": lang.number(ind.target),
        "current_text": lang.number(ind.current) or NO_VALUE,
        "progress": progress,
        "progress_text": NO_PROGRESS if stuck else (lang.percent(progress) or NO_VALUE),
        "measured": last.date if last else None,
        "measured_text": lang.short_date(last.date) if last else "",
        "note": (last.note or "") if last else "",
    }
