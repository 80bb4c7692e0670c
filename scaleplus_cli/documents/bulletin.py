"""The progress bulletin: what the system delivered since a date, who delivered it, how the shared
indicators moved and what is still open, as plain values for the bulletin templates. Pure."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from scaleplus_cli import analysis
from scaleplus_cli.documents.formatting import N_, Language, bar, project_language
from scaleplus_cli.documents.parts import backbone_name, commitment_label, commitment_row, header, indicator_row
from scaleplus_cli.models import SECTORS, Commitment, Project

# The sections of "what changed in the system" (history.Changes.SECTIONS), as the bulletin heads them.
CHANGE_HEADINGS = {
    "stakeholders_added": N_("Stakeholders added"),
    "stakeholders_removed": N_("Stakeholders removed"),
    "barriers_added": N_("Barriers added"),
    "barriers_removed": N_("Barriers removed"),
    "commitments_made": N_("Commitments made"),
    "status_changes": N_("Status changes"),
    "measurements": N_("Measurements recorded"),
    "gaps_opened": N_("Gaps opened"),
    "gaps_closed": N_("Gaps closed"),
    "leverage_moved": N_("Leverage ranks moved"),
}
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


def build(project: Project, today: dt.date, since: dt.date | None = None, changes: Any = None) -> dict[str, Any]:
    """The bulletin's values; `changes` (history.Changes, from git) adds "what changed in the system"."""
    lang = project_language(project)
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
        row = commitment_row(project, c, lang)
        row.update(done=when, done_text=lang.long_date(when), done_short=lang.short_date(when),
                   sector=lang.sector(sector_of.get(c.stakeholder)),
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
                        "date_text": lang.long_date(u.date),
                        "date_short": lang.short_date(u.date),
                        "stakeholder": commitment_row(project, c, lang)["stakeholder"],
                        "commitment": c.text or c.id,
                        "note": u.note or "",
                        "status": lang.label(u.status) if u.status else "",
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
                "sector": lang.sector(sector_of.get(stakeholder_id)),
                "sector_id": sector_of.get(stakeholder_id) or "other",
                "delivered": n,
                "delivered_text": lang.ngettext("%(n)s commitment delivered", "%(n)s commitments delivered", n),
            }
        )
    champions.sort(key=lambda c: (-c["delivered"], sector_order.get(c["sector_id"], 99), c["name"].casefold()))
    champion_sectors = sorted({c["sector_id"] for c in champions}, key=lambda s: sector_order.get(s, 99))

    indicators = []
    unmeasured = 0
    measured = [  # (indicator, what it measures, where that is): the plans' actions', then the commitments' own
        (ind, action.title or "", plan.label)
        for plan in sorted(project.plans.values(), key=lambda p: (p.horizon or 0, (p.title or "").casefold()))
        for action in plan.actions for ind in action.indicators
    ] + [
        (ind, commitment_label(project, c, lang), lang._("Commitments")) for c, ind in analysis.commitment_indicators(project)
    ]
    for ind, what, where in measured:
        if not ind.name:
            continue
        if ind.current is None:
            unmeasured += 1
            continue
        row = indicator_row(ind, lang)
        progress = row["progress"]
        shown = max(0.0, min(1.0, progress)) if progress is not None else None
        row.update(
            action=what,
            plan=where,
            moved=any(m.date and m.date >= since for m in ind.measurements),
            reached=progress is not None and progress >= 1,
            bar=bar(shown),
            now_text=lang.quantity(ind.current, ind.unit, ind.unit_one),
            target_with_unit=lang.quantity(ind.target, ind.unit, ind.unit_one),
            baseline_with_unit=lang.quantity(ind.baseline, ind.unit, ind.unit_one),
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

    if start and since == start:
        period = lang._("since the retreat began on %(date)s", date=lang.long_date(start))
    elif since != dt.date.min:
        period = lang._("since %(date)s", date=lang.long_date(since))
    else:
        period = lang._("so far")
    sectors = [lang.label(s) for s in champion_sectors]
    counts = {
        "delivered": len(delivered),
        "champions": len(champions),
        "champion_sectors": len(champion_sectors),
        "updates": len(updates),
        "indicators": len(indicators),
    }
    upcoming_rows = [dict(commitment_row(project, c, lang), number=n) for n, c in enumerate(soon[:MAX_UPCOMING], 1)]
    return {
        "project": header(project, today, lang),
        "language": lang.code,
        "since": since if since != dt.date.min else None,
        "since_text": lang.long_date(since) if since != dt.date.min else "",
        "period": period,
        "news_for_everyone": lang._("News for everyone in the system, %(period)s", period=period),
        "headline": headline(counts, lang),
        "delivered": delivered,
        "delivered_count": len(delivered),
        "updates": updates[:MAX_UPDATES],
        "updates_count": len(updates),
        "updates_more": max(0, len(updates) - MAX_UPDATES),
        "updates_more_text": lang.ngettext(
            "… and %(n)s more update.", "… and %(n)s more updates.", max(0, len(updates) - MAX_UPDATES)
        ),
        "reporting_count": len(reporting),
        "champions": champions,
        "champion_sectors": sectors,
        "champion_sectors_text": lang.and_list(sectors),
        "champion_sector_count": len(champion_sectors),
        "champions_sentence": champions_sentence(
            len(champions), sectors, len({s.sector for s in project.stakeholders.values() if s.sector}), lang
        ),
        "team": lang.and_list(project.settings.facilitators) or backbone_name(project) or lang._("the Systems Integration Team"),
        "indicators": indicators[:MAX_INDICATORS],
        "indicators_more": max(0, len(indicators) - MAX_INDICATORS),
        "indicators_moved": len(indicators),
        "indicators_not_measured": unmeasured,
        "indicators_note": indicators_note(max(0, len(indicators) - MAX_INDICATORS), unmeasured, lang),
        "indicators_reached": sum(r["reached"] for r in indicators),
        "total": total,
        "done_count": status_counts["done"],
        "in_progress_count": status_counts["in_progress"],
        "pledged_count": status_counts["pledged"],
        "dropped_count": status_counts["dropped"],
        "done_share": lang.percent(status_counts["done"] / total) if total else "",
        "overdue_count": len(overdue),
        "still_open": still_open(status_counts, total, len(overdue), lang),
        "upcoming": upcoming_rows,
        "upcoming_more": max(0, len(soon) - MAX_UPCOMING),
        "upcoming_more_text": lang._("… and %(n)s more.", n=max(0, len(soon) - MAX_UPCOMING)),
        "upcoming_days": UPCOMING_DAYS,
        "upcoming_title": lang._("Coming up in the next %(days)s", days=lang.days(UPCOMING_DAYS)),
        **changes_section(project, changes, lang),
    }


def headline(counts: dict[str, int], lang: Language) -> str:
    """The bulletin's first sentence: what was delivered, by how many champions from how many sectors."""
    updates = lang.ngettext("%(n)s progress update recorded", "%(n)s progress updates recorded", counts["updates"])
    measured = lang.ngettext(
        "%(n)s shared indicator measured again", "%(n)s shared indicators measured again", counts["indicators"]
    )
    if not counts["delivered"]:
        if counts["indicators"]:
            return lang._("%(updates)s and %(measured)s. The first deliveries are on their way.", updates=updates, measured=measured)
        return lang._("%(updates)s. The first deliveries are on their way.", updates=updates)
    delivered = lang.ngettext("%(n)s commitment delivered", "%(n)s commitments delivered", counts["delivered"])
    if counts["champions"]:
        by = lang.ngettext("by %(n)s champion", "by %(n)s champions", counts["champions"])
        if counts["champion_sectors"] > 1:
            by = lang._("%(by)s from %(sectors)s sectors", by=by, sectors=counts["champion_sectors"])
        delivered = f"{delivered} {by}"
    if counts["indicators"]:
        return lang._(
            "%(delivered)s, %(updates)s, and %(measured)s. Thank you to everyone who made it happen.",
            delivered=delivered, updates=updates, measured=measured,
        )
    return lang._(
        "%(delivered)s, %(updates)s. Thank you to everyone who made it happen.", delivered=delivered, updates=updates
    )


def indicators_note(more: int, unmeasured: int, lang: Language) -> str:
    """What the indicator table leaves out."""
    said = []
    if more:
        said.append(lang.ngettext(
            "%(n)s more indicator was measured in this period (the work plan lists them all).",
            "%(n)s more indicators were measured in this period (the work plan lists them all).",
            more,
        ))
    if unmeasured:
        said.append(lang.ngettext(
            "%(n)s other indicator has not been measured in this period yet.",
            "%(n)s other indicators have not been measured in this period yet.",
            unmeasured,
        ))
    return " ".join(said)


def still_open(counts: Counter, total: int, overdue: int, lang: Language) -> str:
    """Of 12 commitments, 3 are done (25%), 6 in progress and 3 pledged; ... past their date."""
    text = lang.ngettext(
        "Of %(n)s commitment, %(done)s (%(share)s), %(in_progress)s and %(pledged)s",
        "Of %(n)s commitments, %(done)s (%(share)s), %(in_progress)s and %(pledged)s",
        total,
        done=lang.ngettext("%(n)s is done", "%(n)s are done", counts["done"]),
        share=lang.percent(counts["done"] / total) if total else "",
        in_progress=lang.ngettext("%(n)s in progress", "%(n)s in progress", counts["in_progress"]),
        pledged=lang.ngettext("%(n)s pledged", "%(n)s pledged", counts["pledged"]),
    )
    if counts["dropped"]:
        text += lang.ngettext("; %(n)s was set aside", "; %(n)s were set aside", counts["dropped"])
    text += "."
    if overdue:
        text += " " + lang.ngettext(
            "%(n)s is past its date: the team is following up, and help is welcome.",
            "%(n)s are past their date: the team is following up, and help is welcome.",
            overdue,
        )
    return text


def champions_sentence(champions: int, sectors: list[str], sectors_in_room: int, lang: Language) -> str:
    """Where the champions come from, claiming no more than the numbers show: only champions from
    every sector in the room are proof that the whole system is moving together."""
    if not sectors:
        return ""
    if len(sectors) == 1:
        if champions == 1:
            return lang._(
                "So far our champion comes from one sector, %(sector)s; deliveries from the other sectors will"
                " show the whole system moving together.",
                sector=sectors[0],
            )
        if champions == 2:
            return lang._(
                "So far both champions come from one sector, %(sector)s; deliveries from the other sectors will"
                " show the whole system moving together.",
                sector=sectors[0],
            )
        return lang._(
            "So far all %(count)s champions come from one sector, %(sector)s; deliveries from the other sectors"
            " will show the whole system moving together.",
            count=champions,
            sector=sectors[0],
        )
    listed = lang.and_list(sectors)
    if len(sectors) < sectors_in_room:
        return lang._(
            "Champions come from %(count)s of the %(room)s sectors in the room (%(sectors)s):"
            " the system is starting to move together.",
            count=len(sectors), room=sectors_in_room, sectors=listed,
        )
    if len(sectors) == 2:
        return lang._(
            "Champions come from both sectors in the room (%(sectors)s): proof that the whole system is moving"
            " together.",
            sectors=listed,
        )
    return lang._(
        "Champions come from all %(count)s sectors in the room (%(sectors)s): proof that the whole system is"
        " moving together.",
        count=len(sectors), sectors=listed,
    )


def changes_section(project: Project, changes: Any, lang: Language) -> dict[str, Any]:
    """What changed in the system since the bulletin's date, in the document's language and without ids
    (the `diff` command says the same to the backbone team, in English and with the ids)."""
    if not changes:
        return {"changes": [], "changes_period": ""}
    since = changes.since
    if since.subject:
        period = lang._("Since %(date)s (%(subject)s)", date=lang.long_date(since.date), subject=since.subject)
    else:
        period = lang._("Since %(date)s", date=lang.long_date(since.date))
    sections = []
    for name, heading in CHANGE_HEADINGS.items():
        found = getattr(changes, name, None)
        if found:
            sections.append({"heading": lang._(heading), "lines": [change_line(project, name, c, lang) for c in found]})
    return {"changes": sections, "changes_period": period}


def change_line(project: Project, section: str, c: dict[str, Any], lang: Language) -> str:
    from scaleplus_cli.analysis import barrier_leverage, clip
    from scaleplus_cli.documents.workplan import gap_reason

    def said(label: str) -> str:  # "label:", with the language's colon
        return lang._("%(label)s:", label=label)

    def day(iso: str | None) -> str:
        return lang.long_date(dt.date.fromisoformat(iso)) if iso else ""

    if section in ("stakeholders_added", "stakeholders_removed"):
        return f"{c['name'] or c['id']} ({lang.sector(c['sector'])})"
    if section in ("barriers_added", "barriers_removed"):
        return f"{c['title'] or c['id']} ({lang.label(c['category'])})"
    if section == "commitments_made":
        return f"{said(c['stakeholder_name'])} {clip(c['text'])} ({lang.horizon(c['horizon'])})"
    if section == "status_changes":
        values = dict(who=c["stakeholder_name"], what=clip(c["text"]), old=lang.label(c["from"]), new=lang.label(c["to"]))
        if c["date"]:
            return lang._("%(who)s: %(what)s: %(old)s → %(new)s, %(date)s", date=day(c["date"]), **values)
        return lang._("%(who)s: %(what)s: %(old)s → %(new)s", **values)
    if section == "measurements":
        return f"{said(day(c['date']))} {c['indicator']} = {lang.quantity(c['value'], c['unit'], c.get('unit_one'))}"
    if section in ("gaps_opened", "gaps_closed"):
        barrier = project.barriers.get(c["id"])
        if barrier is None:
            return lang._("%(title)s: the barrier was removed", title=c["title"] or c["id"])
        bl = barrier_leverage(project, barrier)
        if bl.gap:
            reason = gap_reason(bl, lang)
        elif barrier.severity is not None and barrier.severity < 3:
            reason = lang._("severity now %(severity)s", severity=barrier.severity)
        else:
            reason = lang._(
                "%(commitments)s from %(sectors)s",
                commitments=lang.ngettext("%(n)s live commitment", "%(n)s live commitments", len(bl.commitments)),
                sectors=lang.ngettext("%(n)s sector", "%(n)s sectors", len(bl.committing_sectors)),
            )
        return f"{said(c['title'] or c['id'])} {reason}"
    return lang._(
        "%(title)s: rank %(old)s → %(new)s (score %(old_score)s → %(new_score)s)",
        title=c["title"] or c["id"], old=c["from"], new=c["to"], old_score=c["score_from"], new_score=c["score_to"],
    )
