"""What the documents say: a project turned into plain, sorted dicts for the templates and writers.

All formatting of dates, times, numbers and money happens here, so the agenda, the commitment
sheets and the work plan agree in every format. Raw values (dates, numbers) travel beside their
text for the Excel writer. Functions are pure and tolerate an incomplete project (`report --force`):
what lacks its required fields is left out or shown by its id.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any, Callable, Iterable

from scaleplus_cli import analysis
from scaleplus_cli.models import (
    CATEGORIES,
    SECTOR_LABELS,
    SECTORS,
    Action,
    ActionPlan,
    Barrier,
    Commitment,
    Indicator,
    Project,
    Stakeholder,
)

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
# Shown wherever a figure has no value yet (an indicator not measured): the same mark everywhere.
NO_VALUE = NO_PROGRESS
# A Word timeline with more month columns than this shows quarters instead.
MAX_TIMELINE_MONTHS = 15


# -- formatting: the one place ----------------------------------------------------------------


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


def _sort_key(text: str | None) -> str:
    return (text or "").casefold()


# -- common parts -----------------------------------------------------------------------------


def header(project: Project, today: dt.date) -> dict[str, Any]:
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
        "dates": date_range(r.start, end),
        "facilitators": list(s.facilitators),
        "facilitators_text": join(s.facilitators, ", "),
        "donor": s.donor or "",
        "prepared": long_date(today),
        "today": today,
    }


def goals(project: Project) -> list[dict[str, str]]:
    return [{"id": g.id or "", "text": g.text or ""} for g in project.settings.goals if g.text or g.id]


def _stakeholder_name(project: Project, stakeholder_id: str | None) -> str:
    if not stakeholder_id:
        return ""
    s = project.stakeholders.get(stakeholder_id)
    return s.label if s else stakeholder_id


def _barrier_title(project: Project, barrier_id: str) -> str:
    b = project.barriers.get(barrier_id)
    return b.label if b else barrier_id


def _goal_ids_served(project: Project, c: Commitment) -> list[str]:
    """The goals a commitment serves: those its barriers block, in the order of scaleplus.yaml."""
    served = {g for b in c.barriers if b in project.barriers for g in project.barriers[b].goals}
    return [g for g in project.goal_ids if g in served]


def commitment_row(project: Project, c: Commitment, number_: int = 0) -> dict[str, Any]:
    due = project.due_date(c)
    goal_text = {g.id: g.text or "" for g in project.settings.goals}
    served = _goal_ids_served(project, c)
    barriers = [_barrier_title(project, b) for b in c.barriers]
    last = c.last_update
    return {
        "number": number_,
        "id": c.id,
        "text": c.text or "",
        "stakeholder_id": c.stakeholder or "",
        "stakeholder": _stakeholder_name(project, c.stakeholder),
        "barrier_ids": list(c.barriers),
        "barriers": barriers,
        "barriers_text": join(barriers),
        "horizon": c.horizon,
        "horizon_text": horizon_text(c.horizon),
        "due": due,
        "due_text": long_date(due),
        "due_short": short_date(due),
        "resources": c.resources or "",
        "status": label(c.status),
        "status_id": c.status or "",
        "goals": [{"id": g, "text": goal_text.get(g, "")} for g in served],
        "goals_text": join(served, ", "),
        "last_update": long_date(last.date) if last else "",
        "last_update_date": last.date if last else None,
        "last_note": (last.note or "") if last else "",
    }


def stakeholder_row(s: Stakeholder) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.label,
        "sector": stakeholder_sector(s.sector),
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


def _commitment_order(project: Project) -> Callable[[Commitment], tuple]:
    far = dt.date.max

    def key(c: Commitment) -> tuple:
        return (project.due_date(c) or far, c.horizon or 0, _sort_key(c.text), c.id)

    return key


# -- the agenda -------------------------------------------------------------------------------


def agenda(project: Project, today: dt.date) -> dict[str, Any]:
    """Per day its date and each session's computed start and end (a session's own start leaves a gap)."""
    days = []
    start = project.settings.retreat.start
    for n, day in enumerate(project.agenda.days if project.agenda else []):
        date = day.date or (start + dt.timedelta(days=n) if start else None)
        at = day.start if day.start is not None else 9 * 60
        sessions = []
        for s in day.sessions:
            if s.start is not None and s.start > at and sessions:
                # a session that starts later than the previous one ends: the gap is shown, as time free
                sessions.append(_gap(at, s.start))
            if s.start is not None:
                at = max(at, s.start)
            end = at + (s.minutes or 0)
            if s.title:
                sessions.append(
                    {
                        "start": clock(at),
                        "end": clock(end),
                        "minutes": s.minutes or 0,
                        "duration": duration(s.minutes),
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
                "title": f"Day {n + 1}",
                "date": date,
                "date_text": day_date(date),
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
    return {"project": header(project, today), "days": days}


def _gap(start: int, end: int) -> dict[str, Any]:
    """Time between two sessions that no session fills, as a row of the agenda."""
    return {
        "start": clock(start), "end": clock(end), "minutes": end - start, "duration": duration(end - start),
        "title": f"No session ({duration(end - start)})", "lead": "", "method": "", "notes": "", "materials": "",
        "kind": "gap", "is_break": False, "is_gap": True,
    }


# -- the commitment sheets --------------------------------------------------------------------


BLANK_LINES = 4  # lines to write commitments on, on the sheet of a stakeholder with none yet
BLANK_COMMITMENT = {
    "text": "", "barriers_text": "", "goals": [], "goals_text": "", "resources": "", "horizon_text": "",
    "due_text": "", "status": "",
}


def commitment_sheets(project: Project, today: dt.date) -> dict[str, Any]:
    """One sheet per stakeholder, sorted by name: their commitments to sign (dropped ones left out),
    or numbered blank lines to write them on at the retreat."""
    order = _commitment_order(project)
    sheets = []
    for s in sorted(project.stakeholders.values(), key=lambda s: (_sort_key(s.label), s.id)):
        made = sorted((c for c in project.commitments_by(s.id) if c.text and c.status != "dropped"), key=order)
        sheet = stakeholder_row(s)
        details = [
            ("Organisation", sheet["organization"] if sheet["organization"] != sheet["name"] else ""),
            ("Represented by", sheet["representative"] if sheet["representative"] != sheet["name"] else ""),
            ("Role", sheet["role"]),
            ("Sector", sheet["sector"]),
            ("Stakeholder group", sheet["group"]),
        ]
        sheet["details"] = [{"label": k, "value": v} for k, v in details if v]
        sheet["blank"] = not made
        sheet["commitments"] = (
            [commitment_row(project, c, n) for n, c in enumerate(made, 1)] if made
            else [dict(BLANK_COMMITMENT, number=n) for n in range(1, BLANK_LINES + 1)]
        )
        # the person who signs; under the line only when it is not the organisation named above it
        sheet["signatory"] = sheet["representative"] if sheet["representative"] != sheet["name"] else ""
        sheets.append(sheet)
    return {"project": header(project, today), "sheets": sheets}


# -- leverage and gaps ------------------------------------------------------------------------


def ranked_barriers(project: Project) -> list[dict[str, Any]]:
    """Barriers by leverage (analysis.leverage): each with its score, the parts of the score and the
    instruments that suit it."""
    return [
        {"barrier": bl.barrier, "score": bl.score, "parts": bl.parts, "instruments": bl.instruments}
        for bl in analysis.leverage(project)
    ]


def gap_barriers(project: Project) -> list[dict[str, Any]]:
    """The gaps of analysis.gaps, each with why it is one, in words."""
    found = []
    for bl in analysis.gaps(project):
        if not bl.commitments:
            reason = "no live commitment works on it"
        else:
            reason = f"all its live commitments come from one sector ({label(bl.committing_sectors[0])})"
        found.append({"barrier": bl.barrier, "reason": reason, "instruments": bl.instruments})
    return found


RANKED_BY = "leverage score: severity × (stakeholders who raised it + their sectors + live commitments), plus the influence of those committing"


def barrier_row(project: Project, b: Barrier) -> dict[str, Any]:
    on = project.commitments_on(b.id)
    live = [c for c in on if c.live]
    committing = {c.stakeholder for c in live}
    sectors = sorted(
        {project.stakeholders[s].sector for s in committing if s in project.stakeholders},
        key=lambda x: SECTORS.index(x) if x in SECTORS else len(SECTORS),
    )
    raised = [_stakeholder_name(project, s) for s in b.raised_by]
    return {
        "id": b.id,
        "title": b.label,
        "category": label(b.category),
        "description": b.description or "",
        "severity": b.severity,
        "raised_by": raised,
        "raised_by_text": join(raised),
        "raised_count": len(b.raised_by),
        "goals_text": join(b.goals, ", "),
        "commitments": len(on),
        "live": len(live),
        "committing_sectors": [label(s) for s in sectors],
        "committing_sectors_text": join((label(s) for s in sectors), ", "),
    }


def leverage(project: Project) -> list[dict[str, Any]]:
    rows = []
    for rank, entry in enumerate(ranked_barriers(project), 1):
        row = barrier_row(project, entry["barrier"])
        parts = entry["parts"]
        row.update(
            rank=rank,
            score=entry["score"],
            score_text=number(entry["score"]),
            parts=[{"name": k.replace("_", " "), "value": v, "text": number(v)} for k, v in parts.items()],
            formula=(
                f"severity {parts['severity']} × (raised by {parts['raised_by']} + sectors {parts['sectors']}"
                f" + commitments {parts['commitments']}) + influence {parts['influence']}"
            ),
            instruments=join((label(i) for i in entry["instruments"]), ", "),
        )
        rows.append(row)
    return rows


def gaps(project: Project) -> list[dict[str, Any]]:
    rows = []
    for entry in gap_barriers(project):
        row = barrier_row(project, entry["barrier"])
        row["reason"] = entry["reason"]
        row["instruments"] = join((label(i) for i in entry["instruments"]), ", ")
        rows.append(row)
    return rows


# -- the work plan ----------------------------------------------------------------------------


def month_index(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def month_of(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def action_span(plan: ActionPlan, action: Action) -> tuple[dt.date | None, dt.date | None]:
    """An action's dates; a missing side falls back on the plan's start and horizon."""
    start = action.start or plan.start
    end = action.end
    if end is None and plan.start and plan.horizon:
        end = plan.start + dt.timedelta(days=plan.horizon)
    if start and end and end < start:
        end = start
    return start, end


def months_between(start: dt.date, end: dt.date) -> list[dt.date]:
    """First days of every month from start's month to end's month."""
    return [month_of(i) for i in range(month_index(start), month_index(end) + 1)]


def timeline(spans: list[tuple[dt.date | None, dt.date | None]], max_columns: int = MAX_TIMELINE_MONTHS) -> dict[str, Any]:
    """Columns (months, or quarters when there are too many months) and, per span, which are filled."""
    known = [(a, b) for a, b in spans if a and b]
    if not known:
        return {"columns": [], "rows": [[] for _ in spans], "unit": ""}
    first = min(a for a, _ in known)
    last = max(b for _, b in known)
    months = month_index(last) - month_index(first) + 1
    step = 1 if months <= max_columns else 3
    begin = month_index(first) - (month_index(first) % step)
    columns = []
    for i in range(begin, month_index(last) + 1, step):
        m = month_of(i)
        text = f"{MONTHS[m.month - 1][:3]} {m.year % 100:02d}" if step == 1 else f"Q{(m.month - 1) // 3 + 1} {m.year}"
        columns.append({"index": i, "label": text})
    rows = []
    for a, b in spans:
        if not (a and b):
            rows.append([False] * len(columns))
            continue
        lo, hi = month_index(a), month_index(b)
        rows.append([col["index"] <= hi and col["index"] + step - 1 >= lo for col in columns])
    return {"columns": columns, "rows": rows, "unit": "month" if step == 1 else "quarter"}


def indicator_row(ind: Indicator) -> dict[str, Any]:
    measured = [m for m in ind.measurements if m.value is not None]
    last = measured[-1] if measured else None
    progress = ind.progress
    # measured, but no way to go from baseline to target: a dash, never a made-up 0% or 100%
    stuck = progress is None and ind.current is not None and ind.target is not None
    return {
        "name": ind.name or "",
        "unit": ind.unit or "",
        "baseline": ind.baseline,
        "target": ind.target,
        "current": ind.current,
        "baseline_text": number(ind.baseline),
        "target_text": number(ind.target),
        "current_text": number(ind.current) or NO_VALUE,
        "progress": progress,
        "progress_text": NO_PROGRESS if stuck else (percent(progress) or NO_VALUE),
        "measured": last.date if last else None,
        "measured_text": short_date(last.date) if last else "",
        "note": (last.note or "") if last else "",
    }


def plan_prefix(project: Project, plan: ActionPlan) -> str:
    """What numbers a plan's actions: its horizon ("100" for 100.1, 100.2 ...), and a letter when
    several plans share a horizon ("100A", "100B"), so that every action's number is its own."""
    same = sorted((p.id for p in project.plans.values() if p.horizon == plan.horizon), key=str)
    base = str(plan.horizon) if plan.horizon else "P"
    return base if len(same) == 1 else base + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[same.index(plan.id) % 26]


def action_row(project: Project, plan: ActionPlan, n: int, action: Action) -> dict[str, Any]:
    start, end = action_span(plan, action)
    partners = [_stakeholder_name(project, p) for p in action.partners]
    barriers = [_barrier_title(project, b) for b in action.barriers]
    return {
        "number": n,
        "ref": f"{plan_prefix(project, plan)}.{n}",
        "plan": plan.label,
        "plan_id": plan.id,
        "horizon": plan.horizon,
        "title": action.title or "",
        "lead": _stakeholder_name(project, action.lead),
        "partners": partners,
        "partners_text": join(partners),
        "instrument": label(action.instrument),
        "barriers": barriers,
        "barriers_text": join(barriers),
        "commitments": len(action.commitments),
        # for the Gantt chart's colour of the action (pictures.action_status)
        "commitment_statuses": [project.commitments[c].status for c in action.commitments if c in project.commitments],
        "indicator_progress": [i.progress for i in action.indicators],
        "start": start,
        "end": end,
        "start_text": short_date(start),
        "end_text": short_date(end),
        "dates": f"{short_date(start)} – {short_date(end)}" if start and end else short_date(start or end),
        "budget": action.budget,
        "budget_text": money(action.budget),
        "funding": funding_label(action.funding),
        "indicators": [indicator_row(i) for i in action.indicators if i.name],
    }


def plan_row(project: Project, plan: ActionPlan) -> dict[str, Any]:
    actions = [action_row(project, plan, n, a) for n, a in enumerate(plan.actions, 1) if a.title]
    spans = [(a["start"], a["end"]) for a in actions]
    line = timeline(spans)
    for action, filled in zip(actions, line["rows"]):
        action["timeline"] = filled
    budgets = [a["budget"] for a in actions if a["budget"] is not None]
    starts = [s for s, _ in spans if s]
    ends = [e for _, e in spans if e]
    goal_text = {g.id: g.text or "" for g in project.settings.goals}
    return {
        "id": plan.id,
        "title": plan.label,
        "horizon": plan.horizon,
        "horizon_text": horizon_text(plan.horizon),
        "owner": plan.owner or "",
        "start": plan.start,
        "start_text": long_date(plan.start),
        "period": date_range(min(starts), max(ends)) if starts and ends else long_date(plan.start),
        "goals": [{"id": g, "text": goal_text.get(g, "")} for g in plan.goals],
        "goals_text": join(plan.goals, ", "),
        "actions": actions,
        "budget": sum(budgets),
        "budget_text": money(sum(budgets)) if budgets else "",
        "timeline": line["columns"],
        "timeline_unit": line["unit"],
        "indicators": [dict(i, action=a["title"], ref=a["ref"]) for a in actions for i in a["indicators"]],
    }


def workplan(project: Project, today: dt.date) -> dict[str, Any]:
    stakeholders = sorted(project.stakeholders.values(), key=lambda s: (_sort_key(s.label), s.id))
    counts = Counter(s.sector for s in stakeholders)
    by_sector: dict[str, list[Stakeholder]] = defaultdict(list)
    for s in stakeholders:
        by_sector[s.sector].append(s)
    sectors = [
        {
            "id": sector,
            "label": label(sector),
            "count": counts[sector],
            "names": [s.label for s in by_sector[sector]],
            "names_text": join(s.label for s in by_sector[sector]),
        }
        for sector in SECTORS
        if counts[sector]
    ]
    plans = sorted(
        (p for p in project.plans.values() if p.title),
        key=lambda p: (p.horizon or 0, plan_prefix(project, p)),  # in number order: 100A before 100B
    )
    plan_rows = [plan_row(project, p) for p in plans]
    horizons = []
    for h in sorted({p["horizon"] for p in plan_rows}, key=lambda h: h or 0):
        group = [p for p in plan_rows if p["horizon"] == h]
        horizons.append({"horizon": h, "title": f"{h}-day plan" + ("s" if len(group) > 1 else "") if h else "Plans", "plans": group})
    order = _commitment_order(project)
    commitments = [
        commitment_row(project, c, n)
        for n, c in enumerate(sorted((c for c in project.commitments.values() if c.text), key=order), 1)
    ]
    status_counts = Counter(c["status_id"] for c in commitments)
    actions = [a for p in plan_rows for a in p["actions"]]
    budgets = [a["budget"] for a in actions if a["budget"] is not None]
    all_spans = [(a["start"], a["end"]) for a in actions if a["start"] and a["end"]]
    stakeholder_rows = [dict(stakeholder_row(s), commitments=len(project.commitments_by(s.id))) for s in stakeholders]
    gap_rows = gaps(project)
    reasons = {g["id"]: g["reason"] for g in gap_rows}
    leverage_rows = [dict(row, gap=reasons.get(row["id"], "")) for row in leverage(project)]
    return {
        "project": header(project, today),
        "goals": goals(project),
        "sectors": sectors,
        "stakeholder_count": len(stakeholders),
        "stakeholders": stakeholder_rows,
        "barriers": [
            barrier_row(project, b)
            for b in sorted(
                project.barriers.values(),
                key=lambda b: (CATEGORIES.index(b.category) if b.category in CATEGORIES else 99, _sort_key(b.label)),
            )
        ],
        "leverage": leverage_rows,
        "ranked_by": RANKED_BY,
        "gaps": gap_rows,
        "horizons": horizons,
        "plans": plan_rows,
        "actions": actions,
        "indicators": [i for p in plan_rows for i in p["indicators"]],
        "commitments": commitments,
        "commitment_counts": {k: status_counts[k] for k in STATUS_LABELS},
        "commitment_summary": join(
            (f"{status_counts[k]} {STATUS_LABELS[k].lower()}" for k in STATUS_LABELS if status_counts[k]), ", "
        ),
        "budget": sum(budgets),
        "budget_text": money(sum(budgets)) if budgets else "",
        "months": months_between(min(a for a, _ in all_spans), max(b for _, b in all_spans)) if all_spans else [],
    }


def progress_bulletin(project: Project, today: dt.date, since: dt.date | None = None, changes: Any = None) -> dict[str, Any]:
    from scaleplus_cli.bulletin import bulletin

    return bulletin(project, today, since, changes)


BUILDERS: dict[str, Callable[..., dict[str, Any]]] = {
    "agenda": agenda,
    "runsheet": agenda,  # the same days and sessions; its template shows the facilitators' notes
    "commitments": commitment_sheets,
    "workplan": workplan,
    "bulletin": progress_bulletin,
}
