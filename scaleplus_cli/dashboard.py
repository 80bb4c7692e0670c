"""The figures of the status dashboard, as JSON-ready data: what `status` shows on the screen and
`status --format json` prints."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scaleplus_cli import analysis
from scaleplus_cli.models import SECTOR_LABELS, Project

TOP = 5  # leverage points on the dashboard


def dashboard(project: Project, today: dt.date) -> dict[str, Any]:
    """Every figure of the dashboard as JSON-ready data (what `--format json` prints)."""
    ranked = analysis.leverage(project)
    start = project.settings.retreat.start
    return {
        "project": project.settings.name,
        "currency": project.settings.currency,
        "today": today.isoformat(),
        "days_since_retreat": (today - start).days if start else None,
        "counts": analysis.counts(project),
        "sectors": [
            {"sector": s, "label": SECTOR_LABELS[s], "stakeholders": n}
            for s, n in analysis.stakeholders_by_sector(project).items()
        ],
        "missing_sectors": analysis.missing_sectors(project),
        "commitments": {
            status: {str(h): n for h, n in by_horizon.items()}
            for status, by_horizon in analysis.commitments_by_status(project).items()
        },
        "overdue": [x.as_dict() for x in analysis.overdue(project, today)],
        "due_soon": [x.as_dict() for x in analysis.due_soon(project, today, analysis.CHASE_DAYS)],
        "leverage": [bl.as_dict() for bl in ranked[:TOP]],
        "gaps": [bl.as_dict() for bl in ranked if bl.gap],
        "indicators": [row.as_dict() for row in analysis.indicator_progress(project)],
        "funding": analysis.funding(project).as_dict(),
        "chase": analysis.to_chase(project, today),
    }
