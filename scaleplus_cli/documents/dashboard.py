"""The dashboard page: the status figures with their pictures (scaleplus_cli.dashboard)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scaleplus_cli.models import Project


def build(project: Project, today: dt.date) -> dict[str, Any]:
    from scaleplus_cli.dashboard import page_context

    return page_context(project, today)
