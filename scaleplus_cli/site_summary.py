"""What a programme needs of one site, taken from its loaded project in one pass: the problems `check`
finds, the figures `rollup` shows, its organisations, coded barriers and coded indicators. Plain
values, small and picklable: the programme keeps these, not the sites' projects, and the parse cache
stores them."""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterator

from scaleplus_cli import analysis
from scaleplus_cli.errors import errors_in
from scaleplus_cli.ids import name_key
from scaleplus_cli.models import SECTORS, STATUSES, Indicator, Project
from scaleplus_cli.schema import Source



def organisation_name(stakeholder) -> str:
    """The organisation a stakeholder stands for: its `organization`, or its own name."""
    return stakeholder.organization or stakeholder.name or stakeholder.id


def organisations(project: Project) -> dict[str, tuple[str, str]]:
    """The distinct organisations of a project by name key: (name as first written, sector). A body's
    offices (stakeholders with a `parent`) count as the body, as in `stakeholders_by_sector`."""
    found: dict[str, tuple[str, str]] = {}
    for s in project.stakeholders.values():
        if project.body(s.id) != s.id:
            continue
        name = organisation_name(s)
        found.setdefault(name_key(name) or name, (name, s.sector))
    return found


def by_sector(keys: dict[str, str]) -> dict[str, int]:
    """Distinct organisations (key -> sector) counted per sector, every sector present."""
    counts = {s: 0 for s in SECTORS}
    for sector in keys.values():
        if sector in counts:
            counts[sector] += 1
    return counts


def site_indicators(project: Project) -> Iterator[tuple[Source, tuple, Indicator]]:
    """Every indicator of a project, with its file and the keys to it: actions' and commitments'."""
    for plan in project.plans.values():
        for a, action in enumerate(plan.actions):
            for n, indicator in enumerate(action.indicators):
                yield plan.source, ("actions", a, "indicators", n), indicator
    for commitment in project.commitments.values():
        for n, indicator in enumerate(commitment.indicators):
            yield commitment.source, ("indicators", n), indicator


def summarise(project: Project, today: dt.date, problems: bool = True) -> dict[str, Any]:
    """Everything the programme needs of the site, with paths relative to the site's folder; its
    problems (what `check` finds, the longest part to work out) only when asked for (else None)."""
    from scaleplus_cli.validation import check

    orgs = organisations(project)
    statuses = analysis.commitments_by_status(project)
    late = analysis.overdue(project, today)
    gaps = analysis.gaps(project)
    gap_ids = {g.barrier.id for g in gaps}
    indicators = []
    for source, keys, indicator in site_indicators(project):
        if not indicator.code:
            continue
        measured = [m.date for m in indicator.measurements if m.date and m.value is not None]
        indicators.append({
            "code": indicator.code,
            "unit": indicator.unit,
            "current": indicator.current,
            "date": max(measured) if measured else None,
            "file": source.path,
            "at_code": source.locate(*keys, "code"),
            "at_unit": source.locate(*keys, "unit"),
        })
    return {
        "problems": check(project, today) if problems else None,
        "errors": len(errors_in(project.problems)),
        "file_count": project.file_count,
        "organisations": orgs,
        "figures": {
            "organisations": by_sector({k: sector for k, (_, sector) in orgs.items()}),
            "organisation_count": len(orgs),
            "commitments": {status: sum(statuses[status].values()) for status in STATUSES},
            "commitment_count": len(project.commitments),
            "overdue": len(late),
            "overdue_commitments": [
                {"commitment": x.commitment.id, "text": x.commitment.text, "due": x.due.isoformat(), "days": x.days_late,
                 "file": x.commitment.source.path}
                for x in late
            ],
            "gaps": len(gaps),
            "gap_barriers": [
                {"barrier": g.barrier.id, "title": g.barrier.title, "code": g.barrier.code, "reason": g.gap_reason,
                 "file": g.barrier.source.path}
                for g in gaps
            ],
        },
        "barriers": [
            {"code": b.code, "title": b.title, "gap": b.id in gap_ids} for b in project.barriers.values() if b.code
        ],
        "indicators": indicators,
    }
