"""`plan --write`: the work plans of each horizon, started or extended from the live commitments no
plan carries yet and the gaps no plan covers, written together (all or none) through `check`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from scaleplus_cli import analysis
from scaleplus_cli.analysis import WorkPlanAdditions
from scaleplus_cli.documents.formatting import N_, project_language
from scaleplus_cli.ids import name_key
from scaleplus_cli.models import PLAN, Project
from scaleplus_cli.serialize import ordered, to_yaml
from scaleplus_cli.transaction import file_text
from scaleplus_cli.writing import commit, edit_text

HEADER = """\
# The {horizon}-day work plan, started by `scaleplus plan --write` from the retreat's live
# commitments (one action each) and its gaps (one technical-assistance action each).
# Edit it freely: running `scaleplus plan --write` again only adds actions for new commitments
# and gaps, and leaves everything already here as it is.
"""


# What plan --write names in the plans it writes, in the documents' language.
ASSISTANCE = N_("Technical assistance: %(barrier)s")
NAMED_TITLE = N_("%(project)s %(horizon)s-day work plan")
TITLE = N_("%(horizon)s-day work plan")


@dataclass(frozen=True)
class Outcome:
    """What `plan --write` did for one horizon: `verb` is created, extended, up_to_date, covered, empty
    or closed (the horizon's window ended before today; `closed_on` says when)."""

    horizon: int
    rel: str
    verb: str
    commitments: int = 0
    gaps: int = 0
    closed_on: dt.date | None = None


def write_work_plans(project: Project, horizons: list[int], *, today: dt.date, force: bool = False) -> list[Outcome]:
    """Create or extend the work plan of each horizon; every file written at once, or none. A horizon
    whose window has closed (retreat start + horizon before today) is left alone unless `force`."""
    texts: dict[str, str] = {}
    outcomes: list[Outcome] = []
    words = project_language(project)  # the titles it writes are printed on the documents
    for horizon in horizons:
        plan_id = analysis.work_plan_id(horizon)
        rel = f"plans/{plan_id}.yaml"
        end = analysis.horizon_end(project, horizon)
        if end is not None and end < today and not force:
            outcomes.append(Outcome(horizon, rel, "closed", closed_on=end))
            continue
        existing = project.plans.get(plan_id)
        additions = analysis.work_plan_additions(project, horizon, words._(ASSISTANCE))
        if not additions:
            if existing:
                verb = "up_to_date"
            elif analysis.gaps(project, horizon) or any(c.live and c.horizon == horizon for c in project.commitments.values()):
                verb = "covered"
            else:
                verb = "empty"
            outcomes.append(Outcome(horizon, rel, verb))
            continue
        if existing:
            texts[rel] = _extended(project, rel, additions)
        else:
            texts[rel] = _created(project, additions)
        verb = "extended" if existing else "created"
        outcomes.append(Outcome(horizon, rel, verb, len(additions.commitments), len(additions.gaps)))
    if texts:
        commit(project, texts, doing="writing the work plans", today=today)
    return outcomes


def _title(project: Project, horizon: int) -> str:
    """A title no other plan has, by the rule `check` applies (titles must tell plans apart on
    documents), in the documents' language."""
    words = project_language(project)
    name = project.settings.name
    base = words._(NAMED_TITLE, project=name, horizon=horizon) if name else words._(TITLE, horizon=horizon)
    taken = {name_key(p.title) for p in project.plans.values() if p.title}
    title, n = base, 2
    while name_key(title) in taken:
        title, n = f"{base} ({n})", n + 1
    return title


def _created(project: Project, additions: WorkPlanAdditions) -> str:
    values = {
        "title": _title(project, additions.horizon),
        "horizon": additions.horizon,
        "start": _copy(project.settings.retreat.start),
        "actions": additions.actions,
    }
    return HEADER.format(horizon=additions.horizon) + to_yaml(ordered(PLAN, values))


def _copy(day: dt.date | None) -> dt.date | None:
    """A date not shared with the actions, so YAML writes no anchor and alias."""
    return dt.date.fromordinal(day.toordinal()) if day else None


def _extended(project: Project, rel: str, additions: WorkPlanAdditions) -> str:
    order = [f.name for f in PLAN.fields]

    def change(edit: Any) -> None:
        for action in additions.actions:
            edit.append(["actions"], action, order=order)

    def expected(values: dict[str, Any]) -> dict[str, Any]:
        values = ordered(PLAN, values)
        values["actions"] = [*values.get("actions", []), *(ordered(_ACTION, a) for a in additions.actions)]
        return values

    return edit_text(file_text(project.root / rel) or "", rel, PLAN, change, expected)


_ACTION = PLAN.by_name["actions"].type.item.schema
