"""The work plan: who was in the room, the leverage points and gaps (from analysis.leverage), the
action plans with their timelines, the indicators and every commitment."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from typing import Any

from scaleplus_cli import analysis
from scaleplus_cli.documents.formatting import (
    N_,
    Language,
    join,
    month_index,
    month_of,
    project_language,
    sort_key,
)
from scaleplus_cli.documents.parts import (
    barrier_title,
    commitment_label,
    commitment_order,
    commitment_row,
    goals,
    header,
    indicator_row,
    owner_name,
    stakeholder_name,
    stakeholder_row,
)
from scaleplus_cli.models import CATEGORIES, SECTORS, STATUSES, Action, ActionPlan, Project, Stakeholder

# A Word timeline with more month columns than this shows quarters instead.
MAX_TIMELINE_MONTHS = 15


# The parts of a leverage score (analysis.SCORE_PARTS), as the Leverage sheet heads them.
SCORE_PARTS = {
    "severity": N_("Severity"),
    "raised_by": N_("Raised by"),
    "sectors": N_("Sectors"),
    "commitments": N_("Commitments"),
    "influence": N_("Influence"),
}


def gap_reason(bl: analysis.BarrierLeverage, lang: Language) -> str:
    """Why a barrier is a gap, in words."""
    if not bl.commitments:
        return lang._("no live commitment works on it")
    return lang._(
        "all its live commitments come from one sector (%(sector)s)", sector=lang.label(bl.committing_sectors[0])
    )


def barrier_row(project: Project, bl: analysis.BarrierLeverage, lang: Language) -> dict[str, Any]:
    """A barrier with what the leverage analysis found about it."""
    b = bl.barrier
    raised = [stakeholder_name(project, s) for s in b.raised_by]
    sectors = [lang.label(s) for s in bl.committing_sectors]
    return {
        "id": b.id,
        "title": b.label,
        "category": lang.label(b.category),
        "description": b.description or "",
        "severity": b.severity,
        "raised_by": raised,
        "raised_by_text": join(raised),
        "raised_count": len(b.raised_by),
        "goals_text": join(b.goals, ", "),
        "commitments": len(project.commitments_on(b.id)),
        "live": len(bl.commitments),
        "committing_sectors": sectors,
        "committing_sectors_text": join(sectors, ", "),
        "instruments": join((lang.label(i) for i in bl.instruments), ", "),
    }


def leverage_row(project: Project, rank: int, bl: analysis.BarrierLeverage, lang: Language) -> dict[str, Any]:
    parts = bl.parts
    return dict(
        barrier_row(project, bl, lang),
        rank=rank,
        score=bl.score,
        score_text=lang.number(bl.score),
        parts=[
            {"name": lang._(SCORE_PARTS.get(k, k)), "value": v, "text": lang.number(v)} for k, v in parts.items()
        ],
        formula=lang._(
            "severity %(severity)s × (raised by %(raised_by)s + sectors %(sectors)s"
            " + commitments %(commitments)s) + influence %(influence)s",
            **parts,
        ),
        gap=gap_reason(bl, lang) if bl.gap else "",
    )


# -- the work plan ----------------------------------------------------------------------------


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


def timeline(
    spans: list[tuple[dt.date | None, dt.date | None]], lang: Language, max_columns: int = MAX_TIMELINE_MONTHS
) -> dict[str, Any]:
    """Columns (months, or quarters when there are too many months) and, per span, which are filled."""
    known = [(a, b) for a, b in spans if a and b]
    if not known:
        return {"columns": [], "rows": [[] for _ in spans], "unit": "", "title": ""}
    first = min(a for a, _ in known)
    last = max(b for _, b in known)
    months = month_index(last) - month_index(first) + 1
    step = 1 if months <= max_columns else 3
    begin = month_index(first) - (month_index(first) % step)
    columns = []
    for i in range(begin, month_index(last) + 1, step):
        m = month_of(i)
        columns.append({"index": i, "label": lang.month(m) if step == 1 else lang.quarter(m)})
    rows = []
    for a, b in spans:
        if not (a and b):
            rows.append([False] * len(columns))
            continue
        lo, hi = month_index(a), month_index(b)
        rows.append([col["index"] <= hi and col["index"] + step - 1 >= lo for col in columns])
    return {
        "columns": columns,
        "rows": rows,
        "unit": "month" if step == 1 else "quarter",
        "title": lang._("Timeline (by month)") if step == 1 else lang._("Timeline (by quarter)"),
    }


def plan_prefix(project: Project, plan: ActionPlan) -> str:
    """What numbers a plan's actions: its horizon ("100" for 100.1, 100.2 ...), and a letter when
    several plans share a horizon ("100A", "100B"), so that every action's number is its own."""
    same = sorted((p.id for p in project.plans.values() if p.horizon == plan.horizon), key=str)
    base = str(plan.horizon) if plan.horizon else "P"
    return base if len(same) == 1 else base + "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[same.index(plan.id) % 26]


def action_row(project: Project, plan: ActionPlan, n: int, action: Action, lang: Language) -> dict[str, Any]:
    start, end = action_span(plan, action)
    partners = [stakeholder_name(project, p) for p in action.partners]
    barriers = [barrier_title(project, b) for b in action.barriers]
    return {
        "number": n,
        "ref": f"{plan_prefix(project, plan)}.{n}",
        "plan": plan.label,
        "plan_id": plan.id,
        "horizon": plan.horizon,
        "title": action.title or "",
        "lead": stakeholder_name(project, action.lead),
        "partners": partners,
        "partners_text": join(partners),
        "instrument": lang.label(action.instrument),
        "barriers": barriers,
        "barriers_text": join(barriers),
        "commitments": len(action.commitments),
        # for the Gantt chart's colour of the action (pictures.action_status)
        "commitment_statuses": [project.commitments[c].status for c in action.commitments if c in project.commitments],
        "indicator_progress": [i.progress for i in action.indicators],
        "start": start,
        "end": end,
        "start_text": lang.short_date(start),
        "end_text": lang.short_date(end),
        "dates": f"{lang.short_date(start)} – {lang.short_date(end)}" if start and end else lang.short_date(start or end),
        "budget": action.budget,
        "budget_text": lang.money(action.budget),
        "funding": lang.funding(action.funding),
        "indicators": [indicator_row(i, lang) for i in action.indicators if i.name],
    }


def plan_row(project: Project, plan: ActionPlan, lang: Language) -> dict[str, Any]:
    actions = [action_row(project, plan, n, a, lang) for n, a in enumerate(plan.actions, 1) if a.title]
    spans = [(a["start"], a["end"]) for a in actions]
    line = timeline(spans, lang)
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
        "horizon_text": lang.horizon(plan.horizon),
        "owner": owner_name(project, plan.owner),  # its name: the id is for the files
        "owner_id": plan.owner or "",
        "start": plan.start,
        "start_text": lang.long_date(plan.start),
        "period": lang.date_range(min(starts), max(ends)) if starts and ends else lang.long_date(plan.start),
        "goals": [{"id": g, "text": goal_text.get(g, "")} for g in plan.goals],
        "goals_text": join(plan.goals, ", "),
        "actions": actions,
        "budget": sum(budgets),
        "budget_text": lang.money(sum(budgets)) if budgets else "",
        "timeline": line["columns"],
        "timeline_unit": line["unit"],
        "timeline_title": line["title"],
        "indicators": [dict(i, action=a["title"], ref=a["ref"]) for a in actions for i in a["indicators"]],
    }


def build(project: Project, today: dt.date) -> dict[str, Any]:
    lang = project_language(project)
    stakeholders = sorted(project.stakeholders.values(), key=lambda s: (sort_key(s.label), s.id))
    # a body and its offices count once, as `status` and the dashboard count them: the offices are
    # named with their body ("District Council (with District Fisheries Office)")
    counts = analysis.stakeholders_by_sector(project)
    offices: dict[str, list[Stakeholder]] = defaultdict(list)
    by_sector: dict[str, list[Stakeholder]] = defaultdict(list)
    for s in stakeholders:
        body = project.body(s.id)
        if body == s.id:
            by_sector[s.sector].append(s)
        else:
            offices[body].append(s)

    def named(s: Stakeholder) -> str:
        with_offices = [o.label for o in offices.get(s.id, [])]
        return lang._("%(body)s (with %(offices)s)", body=s.label, offices=lang.and_list(with_offices)) if with_offices else s.label

    sectors = [
        {
            "id": sector,
            "label": lang.label(sector),
            "count": counts[sector],
            "names": [named(s) for s in by_sector[sector]],
            "names_text": join(named(s) for s in by_sector[sector]),
        }
        for sector in SECTORS
        if counts[sector]
    ]
    # the sector picture's bars: every named sector (a gap in the room is a bar of none), `other` when used
    sector_counts = [{"id": k, "label": lang.label(k), "stakeholders": counts[k]} for k in SECTORS if k != "other" or counts[k]]
    plans = sorted(
        (p for p in project.plans.values() if p.title),
        key=lambda p: (p.horizon or 0, plan_prefix(project, p)),  # in number order: 100A before 100B
    )
    plan_rows = [plan_row(project, p, lang) for p in plans]
    horizons = []
    for h in sorted({p["horizon"] for p in plan_rows}, key=lambda h: h or 0):
        group = [p for p in plan_rows if p["horizon"] == h]
        title = lang.ngettext("%(days)s-day plan", "%(days)s-day plans", len(group), days=h) if h else lang._("Plans")
        horizons.append({"horizon": h, "title": title, "plans": group})
    order = commitment_order(project)
    commitments = [
        commitment_row(project, c, lang, n)
        for n, c in enumerate(sorted((c for c in project.commitments.values() if c.text), key=order), 1)
    ]
    status_counts = Counter(c["status_id"] for c in commitments)
    actions = [a for p in plan_rows for a in p["actions"]]
    from scaleplus_cli.pictures import STATUS_WORDS, action_status

    for a in actions:  # as the Gantt chart colours it: done, in progress, overdue or planned
        a["status_id"] = action_status(a, today)
        a["status_text"] = lang.pgettext("action", STATUS_WORDS[a["status_id"]])
    budgets = [a["budget"] for a in actions if a["budget"] is not None]
    all_spans = [(a["start"], a["end"]) for a in actions if a["start"] and a["end"]]
    stakeholder_rows = [dict(stakeholder_row(s, lang), commitments=len(project.commitments_by(s.id))) for s in stakeholders]
    ranked = analysis.leverage(project)
    leverage_rows = [leverage_row(project, rank, bl, lang) for rank, bl in enumerate(ranked, 1)]
    gap_rows = [dict(row, reason=row["gap"]) for row in leverage_rows if row["gap"]]
    of_barrier = {bl.barrier.id: bl for bl in ranked}
    return {
        "project": header(project, today, lang),
        "language": lang.code,
        "goals": goals(project),
        "sectors": sectors,
        "sector_counts": sector_counts,
        "stakeholder_count": len(stakeholders),
        "stakeholders": stakeholder_rows,
        "barriers": [
            barrier_row(project, of_barrier[b.id], lang)
            for b in sorted(
                project.barriers.values(),
                key=lambda b: (CATEGORIES.index(b.category) if b.category in CATEGORIES else 99, sort_key(b.label)),
            )
        ],
        "leverage": leverage_rows,
        "ranked_by": lang._(
            "leverage score: severity × (stakeholders who raised it + their sectors + live commitments),"
            " plus the influence of those committing"
        ),
        "gaps": gap_rows,
        "horizons": horizons,
        "plans": plan_rows,
        "actions": actions,
        "indicators": [i for p in plan_rows for i in p["indicators"]] + [  # then the commitments' own
            dict(indicator_row(i, lang), action=commitment_label(project, c, lang), ref="")
            for c, i in analysis.commitment_indicators(project) if i.name
        ],
        "commitments": commitments,
        "commitment_counts": {k: status_counts[k] for k in STATUSES},
        "commitment_summary": commitment_summary(status_counts, lang),
        "room": room(len(stakeholders), len(sectors), len(commitments), status_counts, lang),
        "budget": sum(budgets),
        "budget_text": lang.money(sum(budgets)) if budgets else "",
        "months": months_between(min(a for a, _ in all_spans), max(b for _, b in all_spans)) if all_spans else [],
    }


def commitment_summary(counts: Counter, lang: Language) -> str:
    """5 pledged, 3 in progress, 2 done."""
    said = {
        "pledged": lambda n: lang.ngettext("%(n)s pledged", "%(n)s pledged", n),
        "in_progress": lambda n: lang.ngettext("%(n)s in progress", "%(n)s in progress", n),
        "on_hold": lambda n: lang.ngettext("%(n)s on hold", "%(n)s on hold", n),
        "done": lambda n: lang.ngettext("%(n)s done", "%(n)s done", n),
        "dropped": lambda n: lang.ngettext("%(n)s dropped", "%(n)s dropped", n),
    }
    return join((said[k](counts[k]) for k in STATUSES if counts[k]), ", ")


def room(stakeholders: int, sectors: int, commitments: int, counts: Counter, lang: Language) -> str:
    """Who was in the room, in one sentence: 12 stakeholders from 7 sectors made 15 commitments (...)."""
    sentence = lang._(
        "%(stakeholders)s from %(sectors)s made %(commitments)s",
        stakeholders=lang.ngettext("%(n)s stakeholder", "%(n)s stakeholders", stakeholders),
        sectors=lang.ngettext("%(n)s sector", "%(n)s sectors", sectors),
        commitments=lang.ngettext("%(n)s commitment", "%(n)s commitments", commitments),
    )
    summary = commitment_summary(counts, lang)
    return f"{sentence} ({summary})." if summary else f"{sentence}."
