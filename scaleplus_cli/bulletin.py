"""The progress bulletin: what the system delivered since a date, who delivered it, how the shared
indicators moved and what is still open, as plain values for the bulletin templates. Pure."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from scaleplus_cli.models import SECTORS, Commitment, Project

# The bulletin is one or two pages: longer lists are cut, with a count of what was left out.
MAX_UPDATES = 3  # with MAX_UPCOMING and the indicators picture, the bulletin fits two pages
MAX_INDICATORS = 7
MAX_UPCOMING = 3
UPCOMING_DAYS = 30


def done_on(c: Commitment) -> dt.date | None:
    """When the commitment became done: the first update of the last run of updates saying done
    (or, when no update says so, its last update); None when nothing is dated."""
    when = None
    for u in c.updates:
        if u.status == "done":
            when = when or u.date
        elif u.status is not None:
            when = None
    if when is None and c.updates:
        when = c.updates[-1].date
    return when


def bulletin(project: Project, today: dt.date, since: dt.date | None = None, changes: Any = None) -> dict[str, Any]:
    """The bulletin's values; `changes` (history.Changes, from git) adds "what changed in the system"."""
    from scaleplus_cli.context import (
        bar, commitment_row, header, indicator_row, label, long_date, short_date, stakeholder_sector,
    )

    start = project.settings.retreat.start
    since = since or start or dt.date.min
    sector_of = {s.id: s.sector for s in project.stakeholders.values()}
    sector_order = {s: n for n, s in enumerate(SECTORS)}

    delivered = []
    for c in project.commitments.values():
        if c.status != "done" or not c.text:
            continue
        when = done_on(c)
        if when is not None and when < since:
            continue
        if when is None and start is not None and since > start:
            continue  # undated: counted as done since the retreat only
        row = commitment_row(project, c)
        row.update(done=when, done_text=long_date(when), done_short=short_date(when),
                   sector=stakeholder_sector(sector_of.get(c.stakeholder)),
                   story=(c.last_update.note or "") if c.last_update else "")
        delivered.append(row)
    delivered.sort(key=lambda r: (r["done"] or dt.date.min, r["stakeholder"].casefold()), reverse=True)
    for n, row in enumerate(delivered, 1):
        row["number"] = n

    updates = []
    for c in project.commitments.values():
        for u in c.updates:
            if u.date is not None and u.date >= since:
                updates.append(
                    {
                        "date": u.date,
                        "date_text": long_date(u.date),
                        "date_short": short_date(u.date),
                        "stakeholder": commitment_row(project, c)["stakeholder"],
                        "commitment": c.text or c.id,
                        "note": u.note or "",
                        "status": label(u.status) if u.status else "",
                    }
                )
    updates.sort(key=lambda u: (u["date"], u["stakeholder"].casefold()), reverse=True)
    reporting = {u["stakeholder"] for u in updates}

    counts: Counter[str] = Counter(r["stakeholder_id"] for r in delivered)
    champions = []
    for stakeholder_id, n in counts.items():
        s = project.stakeholders.get(stakeholder_id)
        champions.append(
            {
                "name": s.label if s else stakeholder_id,
                "representative": (s.representative or "") if s and s.representative != s.name else "",
                "sector": stakeholder_sector(sector_of.get(stakeholder_id)),
                "sector_id": sector_of.get(stakeholder_id) or "other",
                "delivered": n,
                "delivered_text": f"{n} commitment{'s' if n != 1 else ''} delivered",
            }
        )
    champions.sort(key=lambda c: (-c["delivered"], sector_order.get(c["sector_id"], 99), c["name"].casefold()))
    champion_sectors = sorted({c["sector_id"] for c in champions}, key=lambda s: sector_order.get(s, 99))

    indicators = []
    unmeasured = 0
    for plan in sorted(project.plans.values(), key=lambda p: (p.horizon or 0, (p.title or "").casefold())):
        for action in plan.actions:
            for ind in action.indicators:
                if not ind.name:
                    continue
                if ind.current is None:
                    unmeasured += 1
                    continue
                row = indicator_row(ind)
                progress = row["progress"]
                shown = max(0.0, min(1.0, progress)) if progress is not None else None
                unit = f" {ind.unit}" if ind.unit else ""
                row.update(
                    action=action.title or "",
                    plan=plan.label,
                    moved=any(m.date and m.date >= since for m in ind.measurements),
                    reached=progress is not None and progress >= 1,
                    bar=bar(shown),
                    now_text=row["current_text"] + unit,
                    target_with_unit=row["target_text"] + unit if ind.target is not None else "",
                    baseline_with_unit=row["baseline_text"] + unit if ind.baseline is not None else "",
                )
                if row["moved"]:
                    indicators.append(row)
                else:
                    unmeasured += 1
    indicators.sort(key=lambda r: (r["progress"] is None, -(r["progress"] or 0), r["name"].casefold()))

    live = [c for c in project.commitments.values() if c.live and c.text]
    overdue = [c for c in live if (d := project.due_date(c)) is not None and d < today]
    soon = sorted(
        (c for c in live if (d := project.due_date(c)) is not None and today <= d <= today + dt.timedelta(days=UPCOMING_DAYS)),
        key=lambda c: (project.due_date(c), (c.text or "").casefold()),
    )
    status_counts = Counter(c.status for c in project.commitments.values() if c.text)
    total = sum(status_counts.values())

    period = f"since {long_date(since)}" if since != dt.date.min else "so far"
    if start and since == start:
        period = f"since the retreat began on {long_date(start)}"
    return {
        "project": header(project, today),
        "since": since if since != dt.date.min else None,
        "since_text": long_date(since) if since != dt.date.min else "",
        "period": period,
        "delivered": delivered,
        "delivered_count": len(delivered),
        "updates": updates[:MAX_UPDATES],
        "updates_count": len(updates),
        "updates_more": max(0, len(updates) - MAX_UPDATES),
        "reporting_count": len(reporting),
        "champions": champions,
        "champion_sectors": [label(s) for s in champion_sectors],
        "champion_sectors_text": _and(label(s) for s in champion_sectors),
        "champion_sector_count": len(champion_sectors),
        "champions_sentence": champions_sentence(
            len(champions), [label(s) for s in champion_sectors], len({s.sector for s in project.stakeholders.values() if s.sector})
        ),
        "team": _and(project.settings.facilitators) or "the Systems Integration Team",
        "indicators": indicators[:MAX_INDICATORS],
        "indicators_more": max(0, len(indicators) - MAX_INDICATORS),
        "indicators_moved": len(indicators),
        "indicators_not_measured": unmeasured,
        "indicators_reached": sum(r["reached"] for r in indicators),
        "total": total,
        "done_count": status_counts["done"],
        "in_progress_count": status_counts["in_progress"],
        "pledged_count": status_counts["pledged"],
        "dropped_count": status_counts["dropped"],
        "done_share": f"{round(100 * status_counts['done'] / total)}%" if total else "",
        "overdue_count": len(overdue),
        "upcoming": [dict(commitment_row(project, c), number=n) for n, c in enumerate(soon[:MAX_UPCOMING], 1)],
        "upcoming_more": max(0, len(soon) - MAX_UPCOMING),
        "upcoming_days": UPCOMING_DAYS,
        **_changes(changes, long_date),
    }


def _changes(changes: Any, long_date) -> dict[str, Any]:
    from scaleplus_cli.history import described

    if not changes:
        return {"changes": [], "changes_period": ""}
    since = changes.since
    return {
        "changes": [{"heading": heading, "lines": lines} for heading, lines in described(changes, ids=False)],
        "changes_period": f"Since {long_date(since.date)} ({since.subject})" if since.subject else f"Since {long_date(since.date)}",
    }


def champions_sentence(champions: int, sectors: list[str], sectors_in_room: int) -> str:
    """Where the champions come from, claiming no more than the numbers show: only champions from
    every sector in the room are proof that the whole system is moving together."""
    if not sectors:
        return ""
    if len(sectors) == 1:
        who = "our champion comes" if champions == 1 else f"{_all(champions)} champions come"
        return (
            f"So far {who} from one sector, {sectors[0]}; deliveries from the other sectors will show"
            " the whole system moving together."
        )
    listed = _and(sectors)
    if len(sectors) < sectors_in_room:
        return (
            f"Champions come from {len(sectors)} of the {sectors_in_room} sectors in the room ({listed}):"
            " the system is starting to move together."
        )
    return (
        f"Champions come from {_all(len(sectors))} sectors in the room ({listed}):"
        " proof that the whole system is moving together."
    )


def _all(n: int) -> str:
    return "both" if n == 2 else f"all {n}"


def _and(items) -> str:
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
