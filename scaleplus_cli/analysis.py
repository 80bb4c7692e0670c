"""Leverage points, gaps, sector coverage, funding and overdue commitments: pure functions over a
loaded Project, used by `plan`, `status` and the work plan report. Nothing here prints.

The leverage score of a barrier, from parts shown beside it so anyone can recompute it by hand:

    score = severity x (raised_by + sectors + commitments) + influence

    severity     the barrier's severity, 1-5 (3 when not given)
    raised_by    stakeholders who raised it
    sectors      sectors those stakeholders come from
    commitments  live commitments on it (pledged or in progress; done and dropped ones count for nothing)
    influence    sum of the influence (1-5) of the stakeholders making those commitments, each counted
                 once; a stakeholder whose influence is not recorded counts 1

Severity multiplies how widely the barrier is felt and how much energy the room has put on it; the
power of those committing is added on top. Ties rank by severity, then by id.

A gap is a barrier of severity >= 3 with no live commitment, or whose live commitments all come from
one sector: the place for technical assistance. With a horizon, only the live commitments of that
horizon count, for the score and for gaps alike.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from scaleplus_cli.models import (
    ACTION,
    FUNDING,
    HORIZONS,
    KINDS,
    NAMED_SECTORS,
    SECTOR_LABELS,
    SECTORS,
    STATUSES,
    Action,
    ActionPlan,
    Barrier,
    Commitment,
    Indicator,
    Project,
    Stakeholder,
    Update,
)
from scaleplus_cli.serialize import ordered

# Which instruments suit a barrier of each category, best first (the first one is what `plan --write`
# suggests). SPEC instruments: advocacy, policy_reform, social_marketing, mass_media, training,
# capacity_building, conflict_mediation, education, coordination, research, other.
INSTRUMENTS_BY_CATEGORY: dict[str, tuple[str, ...]] = {
    "governance": ("policy_reform", "advocacy"),
    # Missing means, bodies or mandates: get the agencies to pool and organise what exists, then build it up.
    "structural": ("coordination", "capacity_building", "advocacy"),
    # Livelihoods, prices, finance: build enterprises and groups, link buyers and funders, know the market.
    "economic": ("capacity_building", "coordination", "research"),
    "social": ("conflict_mediation", "social_marketing", "education"),
    "awareness": ("mass_media", "social_marketing"),
    # Missing data or equipment: find out what works, then the skills to run and repair it.
    "technology": ("research", "capacity_building", "training"),
    "training": ("training",),
    "organizational": ("capacity_building",),
}

GAP_SEVERITY = 3  # a barrier this severe or worse needs commitments from more than one sector
UNKNOWN_INFLUENCE = 1  # a committing stakeholder whose influence is not recorded
SCORE_PARTS = ("severity", "raised_by", "sectors", "commitments", "influence")
NO_FUNDING = "unstated"  # actions with a budget but no funding source


def instruments_for(category: str | None) -> tuple[str, ...]:
    """The instruments that suit a barrier category, best first (none for an unknown category)."""
    return INSTRUMENTS_BY_CATEGORY.get(category or "", ())


def leverage_score(parts: dict[str, int]) -> int:
    """severity x (raised_by + sectors + commitments) + influence."""
    return parts["severity"] * (parts["raised_by"] + parts["sectors"] + parts["commitments"]) + parts["influence"]


@dataclass(frozen=True)
class BarrierLeverage:
    """One barrier's leverage: its score, the parts the score is made of, and whether it is a gap."""

    barrier: Barrier
    score: int
    parts: dict[str, int]  # severity, raised_by, sectors, commitments, influence
    gap: bool
    gap_reason: str | None
    instruments: tuple[str, ...]
    commitments: tuple[Commitment, ...]  # the live commitments counted
    committing_sectors: tuple[str, ...]  # sectors of those commitments, in SECTORS order
    raising_sectors: tuple[str, ...]  # sectors of those who raised it, in SECTORS order
    done: tuple[Commitment, ...] = ()  # commitments on it already done (shown, not scored)

    @property
    def id(self) -> str:
        return self.barrier.id

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `plan --format json` for one barrier."""
        return {
            "id": self.barrier.id,
            "title": self.barrier.title,
            "category": self.barrier.category,
            "score": self.score,
            "parts": dict(self.parts),
            "gap": self.gap,
            "gap_reason": self.gap_reason,
            "commitments": [c.id for c in self.commitments],
            "done": [c.id for c in self.done],
            "committing_sectors": list(self.committing_sectors),
            "raising_sectors": list(self.raising_sectors),
            "instruments": list(self.instruments),
        }


def _in_order(sectors: set[str | None]) -> tuple[str, ...]:
    return tuple(s for s in SECTORS if s in sectors)


def counted_commitments(project: Project, barrier_id: str, horizon: int | None = None) -> list[Commitment]:
    """The live commitments on a barrier (of one horizon, when given), in id order."""
    found = {c.id: c for c in project.commitments_on(barrier_id) if c.live and (horizon is None or c.horizon == horizon)}
    return [found[k] for k in sorted(found)]


def _severity(barrier: Barrier) -> int:
    """A barrier's severity; one not given counts as 3, the middle of the scale."""
    return barrier.severity if barrier.severity is not None else 3


def barrier_leverage(project: Project, barrier: Barrier, horizon: int | None = None) -> BarrierLeverage:
    """The score, parts and gap flag of one barrier."""
    stakeholders = project.stakeholders
    raisers = [stakeholders[s] for s in dict.fromkeys(barrier.raised_by) if s in stakeholders]
    commitments = counted_commitments(project, barrier.id, horizon)
    # A joint commitment's partners count as committing: their influence and their sectors.
    committers: dict[str, Stakeholder] = {
        s: stakeholders[s] for c in commitments for s in project.committers(c) if s in stakeholders
    }
    raising_sectors = _in_order({s.sector for s in raisers})
    committing_sectors = _in_order({s.sector for s in committers.values()})
    severity = _severity(barrier)
    parts = {
        "severity": severity,
        "raised_by": len(raisers),
        "sectors": len(raising_sectors),
        "commitments": len(commitments),
        "influence": sum(s.influence if s.influence is not None else UNKNOWN_INFLUENCE for s in committers.values()),
    }
    reason = None
    if severity >= GAP_SEVERITY:
        if not commitments:
            reason = "no live commitment"
        elif len(committing_sectors) == 1:
            reason = f"only the {SECTOR_LABELS[committing_sectors[0]].lower()} sector committed"
    done = sorted(
        (c for c in project.commitments_on(barrier.id) if c.status == "done" and (horizon is None or c.horizon == horizon)),
        key=lambda c: c.id,
    )
    return BarrierLeverage(
        barrier=barrier,
        score=leverage_score(parts),
        parts=parts,
        gap=reason is not None,
        gap_reason=reason,
        instruments=instruments_for(barrier.category),
        commitments=tuple(commitments),
        committing_sectors=committing_sectors,
        raising_sectors=raising_sectors,
        done=tuple(done),
    )


def _leverage_order(bl: BarrierLeverage) -> tuple:
    return -bl.score, -bl.parts["severity"], bl.barrier.id


def leverage(project: Project, horizon: int | None = None) -> list[BarrierLeverage]:
    """Every barrier with its leverage, highest score first (ties: higher severity, then id)."""
    ranked = [barrier_leverage(project, b, horizon) for b in project.barriers.values()]
    return sorted(ranked, key=_leverage_order)


def gaps(project: Project, horizon: int | None = None) -> list[BarrierLeverage]:
    """The barriers that are gaps, in leverage order. Only a barrier of GAP_SEVERITY or worse can be
    one: the others are not scored (a programme asks this of a thousand sites)."""
    severe = (b for b in project.barriers.values() if _severity(b) >= GAP_SEVERITY)
    return sorted((bl for bl in (barrier_leverage(project, b, horizon) for b in severe) if bl.gap), key=_leverage_order)


# -- who is in the room ------------------------------------------------------------------------


@dataclass(frozen=True)
class SectorCoverage:
    """For one barrier: per sector, the stakeholders who raised it and the live commitments on it."""

    barrier: Barrier
    raised: dict[str, int]  # sector -> stakeholders of that sector who raised it
    committed: dict[str, int]  # sector -> live commitments from that sector

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.barrier.id, "raised": dict(self.raised), "committed": dict(self.committed)}


def sector_coverage(project: Project, horizon: int | None = None) -> list[SectorCoverage]:
    """Per barrier (in leverage order), which sectors raised it and which committed to it."""
    stakeholders = project.stakeholders
    rows = []
    for bl in leverage(project, horizon):
        raised = Counter(stakeholders[s].sector for s in dict.fromkeys(bl.barrier.raised_by) if s in stakeholders)
        committed = Counter(
            sector
            for c in bl.commitments
            for sector in {stakeholders[s].sector for s in project.committers(c) if s in stakeholders}
        )
        rows.append(
            SectorCoverage(
                bl.barrier,
                {s: raised[s] for s in SECTORS if raised[s]},
                {s: committed[s] for s in SECTORS if committed[s]},
            )
        )
    return rows


def stakeholders_by_sector(project: Project) -> dict[str, int]:
    """Stakeholders per sector, every sector of SECTORS present (0 when none). A body with offices of
    its own (stakeholders whose `parent` it is) counts once: the offices are not counted again."""
    found = Counter(s.sector for s in project.stakeholders.values() if project.body(s.id) == s.id)
    return {s: found[s] for s in SECTORS}


def missing_sectors(project: Project) -> list[str]:
    """The named sectors (all but `other`) with no stakeholder in the room."""
    present = stakeholders_by_sector(project)
    return [s for s in NAMED_SECTORS if not present[s]]


# -- commitments over time ----------------------------------------------------------------------


def commitments_by_status(project: Project) -> dict[str, dict[int, int]]:
    """Commitments counted by status (SPEC order) and horizon (100, 1000)."""
    table = {status: {h: 0 for h in HORIZONS} for status in STATUSES}
    for c in project.commitments.values():
        if c.status in table and c.horizon in HORIZONS:
            table[c.status][c.horizon] += 1
    return table


@dataclass(frozen=True)
class LateCommitment:
    """A live commitment past its due date (or due soon), with its owner and last recorded update."""

    commitment: Commitment
    stakeholder: Stakeholder | None
    due: dt.date
    days_late: int  # days from the due date to today: > 0 overdue, 0 due today, < 0 due in that many days
    last_update: Update | None

    @property
    def days_left(self) -> int:
        """Days from today to the due date (negative once overdue)."""
        return -self.days_late

    def as_dict(self) -> dict[str, Any]:
        u = self.last_update
        return {
            "commitment": self.commitment.id,
            "stakeholder": self.commitment.stakeholder,
            "owner": self.stakeholder.label if self.stakeholder else self.commitment.stakeholder,
            "text": self.commitment.text,
            "status": self.commitment.status,
            "due": self.due.isoformat(),
            # In `overdue` the days late, in `due_soon` the days left: never negative in either list.
            "days": abs(self.days_late),
            "last_update": (
                {"date": u.date.isoformat() if u.date else None, "status": u.status, "note": u.note} if u else None
            ),
        }


def _late(project: Project, c: Commitment, due: dt.date, today: dt.date) -> LateCommitment:
    return LateCommitment(c, project.stakeholders.get(c.stakeholder), due, (today - due).days, c.last_update)


def overdue(project: Project, today: dt.date) -> list[LateCommitment]:
    """Live commitments due before today, most overdue first (`days_late` > 0)."""
    found = []
    for c in project.commitments.values():
        due = project.due_date(c)
        if c.live and due is not None and due < today:
            found.append(_late(project, c, due, today))
    return sorted(found, key=lambda x: (-x.days_late, x.commitment.id))


def due_soon(project: Project, today: dt.date, within: int = 7) -> list[LateCommitment]:
    """Live commitments due from today to `within` days on, soonest first (`days_left` 0 to `within`)."""
    found = []
    for c in project.commitments.values():
        due = project.due_date(c)
        if c.live and due is not None and 0 <= (due - today).days <= within:
            found.append(_late(project, c, due, today))
    return sorted(found, key=lambda x: (x.days_left, x.commitment.id))


# -- plans: money and measurement ---------------------------------------------------------------


@dataclass(frozen=True)
class Funding:
    """Budgets of every action in every plan, summed by funding source."""

    by_source: dict[str, float]  # FUNDING order, then "unstated"; only sources with a budget
    total: float
    donor: float
    non_donor: float  # every stated source but donor (government, private, community, in_kind, other)

    @property
    def ratio(self) -> float | None:
        """Leverage ratio: non-donor money per unit of donor money (None without donor money)."""
        return self.non_donor / self.donor if self.donor else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "by_source": dict(self.by_source),
            "total": self.total,
            "donor": self.donor,
            "non_donor": self.non_donor,
            "leverage_ratio": None if self.ratio is None else round(self.ratio, 2),
        }


def funding(project: Project) -> Funding:
    """Budgets by funding source across all plans, and the leverage ratio of non-donor to donor money."""
    sums: dict[str, float] = {}
    for plan in project.plans.values():
        for action in plan.actions:
            if action.budget is None:
                continue
            source = action.funding or NO_FUNDING
            sums[source] = sums.get(source, 0) + action.budget
    by_source = {s: sums[s] for s in (*FUNDING, NO_FUNDING) if s in sums}
    donor = by_source.get("donor", 0)
    non_donor = sum(v for s, v in by_source.items() if s not in ("donor", NO_FUNDING))
    return Funding(by_source, sum(by_source.values()), donor, non_donor)


@dataclass(frozen=True)
class IndicatorProgress:
    """One indicator of one action of a plan, or of one commitment, with its current value (latest
    measurement, else `actual`)."""

    plan: ActionPlan | None
    number: int | None  # the action's 1-based number in its plan
    action: Action | None
    indicator: Indicator
    last_measured: dt.date | None = field(default=None)
    commitment: Commitment | None = field(default=None)

    @property
    def current(self) -> float | None:
        return self.indicator.current

    @property
    def progress(self) -> float | None:
        return self.indicator.progress

    def as_dict(self) -> dict[str, Any]:
        i = self.indicator
        return {
            "plan": self.plan.id if self.plan else None,
            "horizon": self.plan.horizon if self.plan else self.commitment.horizon if self.commitment else None,
            "action": self.number,
            "action_title": self.action.title if self.action else None,
            "commitment": self.commitment.id if self.commitment else None,
            "indicator": i.name,
            "unit": i.unit,
            "unit_one": i.unit_one,
            "baseline": i.baseline,
            "target": i.target,
            "current": self.current,
            "progress": None if self.progress is None else round(self.progress, 3),
            "last_measured": self.last_measured.isoformat() if self.last_measured else None,
        }


def _last_measured(indicator: Indicator) -> dt.date | None:
    dates = [m.date for m in indicator.measurements if m.date and m.value is not None]
    return dates[-1] if dates else None


def indicator_progress(project: Project) -> list[IndicatorProgress]:
    """Every indicator of every plan (plans by horizon then id, actions and indicators in file order),
    then those of the commitments (by id)."""
    rows = []
    plans = sorted(project.plans.values(), key=lambda p: (p.horizon or 0, p.id))
    for plan in plans:
        for n, action in enumerate(plan.actions, 1):
            for indicator in action.indicators:
                rows.append(IndicatorProgress(plan, n, action, indicator, _last_measured(indicator)))
    for commitment, indicator in commitment_indicators(project):
        rows.append(IndicatorProgress(None, None, None, indicator, _last_measured(indicator), commitment))
    return rows


def commitment_indicators(project: Project) -> list[tuple[Commitment, Indicator]]:
    """The commitments' own indicators, commitments by id: every view lists them after the plans'."""
    return [(c, i) for c in sorted(project.commitments.values(), key=lambda c: c.id) for i in c.indicators]


# -- the whole picture --------------------------------------------------------------------------


def counts(project: Project) -> dict[str, int]:
    """Entities per kind, and the actions and indicators inside the plans."""
    result = {folder: len(project.entities(folder)) for folder in KINDS}
    result["actions"] = sum(len(p.actions) for p in project.plans.values())
    result["indicators"] = sum(len(a.indicators) for p in project.plans.values() for a in p.actions) + sum(
        len(c.indicators) for c in project.commitments.values()
    )
    return result


def planned_barriers(project: Project) -> set[str]:
    """Barriers that some action of some plan names."""
    return {b for p in project.plans.values() for a in p.actions for b in a.barriers}


def planned_commitments(project: Project) -> set[str]:
    """Commitments that some action of some plan lists under `commitments`."""
    return {c for p in project.plans.values() for a in p.actions for c in a.commitments}


def assisted_barriers(project: Project) -> set[str]:
    """Barriers that some action of some plan names while linking no commitment: their technical assistance."""
    return {b for p in project.plans.values() for a in p.actions if not a.commitments for b in a.barriers}


# -- work plans from commitments and gaps ---------------------------------------------------------
#
# `plan --write` keeps plans/work-plan-<horizon>-day.yaml. On every run it adds what no plan has yet,
# looking at every plan of the project (a hand-written one as much as the work plan itself):
#   - one action per live commitment of the horizon that no action of any plan lists in `commitments`;
#   - one technical-assistance action per gap of the horizon, unless an action of some plan names the
#     barrier in `barriers` and links no commitment (so a person may retitle it, or write their own).
# Nothing already in a file is changed, reordered or removed.

# A gap's action title, in English; `plan --write` gives its own in the project's language.
TECHNICAL_ASSISTANCE = "Technical assistance: %(barrier)s"
TITLE_LIMIT = 90


def work_plan_id(horizon: int) -> str:
    return f"work-plan-{horizon}-day"


# Where a long commitment may be cut into a title: the end of a sentence or a clause (not a comma in a list).
_CLAUSE_END = re.compile(r"[.;] |, (?=(?:and|so|with|until|while|including|in|by|paid|but|then|which|where|who) )")


def action_title(text: str, limit: int = TITLE_LIMIT) -> str:
    """A commitment's text as an action title: whole when short; else its longest opening clause
    that fits in `limit` (outside brackets); else cut at a word, with "…"."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    ends = [
        m.start()
        for m in _CLAUSE_END.finditer(line[: limit + 2])
        if m.start() >= limit // 3 and line.count("(", 0, m.start()) == line.count(")", 0, m.start())
    ]
    if ends:
        return line[: ends[-1]]
    return line[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-") + "…"


def horizon_end(project: Project, horizon: int) -> dt.date | None:
    start = project.settings.retreat.start
    return start + dt.timedelta(days=horizon) if start else None


def _dated(project: Project, values: dict[str, Any], end: dt.date | None) -> dict[str, Any]:
    start = project.settings.retreat.start
    # Fresh date objects: YAML would write one object used twice as an anchor and an alias.
    if start and (end is None or start <= end):
        values["start"] = dt.date.fromordinal(start.toordinal())
    if end:
        values["end"] = dt.date.fromordinal(end.toordinal())
    return values


def commitment_action(project: Project, commitment: Commitment) -> dict[str, Any]:
    """The action that carries a commitment into a work plan (keys in SPEC order, empty ones left out)."""
    first = project.barriers.get(commitment.barriers[0]) if commitment.barriers else None
    instruments = instruments_for(first.category) if first else ()
    values: dict[str, Any] = {
        "title": action_title(commitment.text or commitment.id),
        "lead": commitment.stakeholder,
        "partners": list(commitment.partners),
        "instrument": instruments[0] if instruments else None,
        "barriers": list(commitment.barriers),
        "commitments": [commitment.id],
    }
    return _ordered_action(_dated(project, values, project.due_date(commitment)))


def gap_action(project: Project, gap: BarrierLeverage, horizon: int, assistance: str = TECHNICAL_ASSISTANCE) -> dict[str, Any]:
    """A technical-assistance action for a gap, with those already committing on it as partners;
    `assistance` is its title, with %(barrier)s for the barrier's."""
    partners = list(dict.fromkeys(s for c in gap.commitments for s in project.committers(c)))
    values: dict[str, Any] = {
        "title": assistance % {"barrier": gap.barrier.title or gap.barrier.id},
        "partners": partners,
        "instrument": gap.instruments[0] if gap.instruments else None,
        "barriers": [gap.barrier.id],
    }
    return _ordered_action(_dated(project, values, horizon_end(project, horizon)))


def _ordered_action(values: dict[str, Any]) -> dict[str, Any]:
    return ordered(ACTION, values)


@dataclass(frozen=True)
class WorkPlanAdditions:
    """What `plan --write` would add to one horizon's work plan."""

    horizon: int
    commitments: list[Commitment]  # live commitments of the horizon that no plan carries
    gaps: list[BarrierLeverage]  # gaps of the horizon without a technical-assistance action in any plan
    actions: list[dict[str, Any]]  # the new actions, commitments first (by due date), then gaps

    def __bool__(self) -> bool:
        return bool(self.actions)


def work_plan_additions(project: Project, horizon: int, assistance: str = TECHNICAL_ASSISTANCE) -> WorkPlanAdditions:
    """The actions a horizon's work plan must gain: for the live commitments and the gaps of the
    horizon that no plan of the project (the work plan included, as loaded) has an action for yet
    (`assistance`: the title of a gap's action, as gap_action takes it)."""
    carried = planned_commitments(project)
    assisted = assisted_barriers(project)
    far = dt.date.max
    commitments = sorted(
        (c for c in project.commitments.values() if c.live and c.horizon == horizon and c.id not in carried),
        key=lambda c: (project.due_date(c) or far, c.id),
    )
    open_gaps = [g for g in gaps(project, horizon) if g.barrier.id not in assisted]
    new = [commitment_action(project, c) for c in commitments]
    new += [gap_action(project, g, horizon, assistance) for g in open_gaps]
    return WorkPlanAdditions(horizon, commitments, open_gaps, new)


# -- what the backbone team should chase this week -------------------------------------------------

CHASE_DAYS = 7  # "due soon" on the dashboard: within a week
CHASE_MAX = 8  # lines on the dashboard's chase list


def clip(text: str | None, limit: int = 60) -> str:
    """text on one line, cut at a word and marked with … when longer than limit."""
    line = " ".join((text or "").split())
    return line if len(line) <= limit else line[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:.-") + "…"


def days(n: int) -> str:
    """1 day, 2 days."""
    return f"{n} day{'s' if n != 1 else ''}"


def to_chase(project: Project, today: dt.date) -> list[str]:
    """This week's to-do list for the backbone team, most pressing first: overdue commitments, those
    due within a week, gaps no plan has an action on, missing sectors, indicators without a value."""
    todo: list[str] = []
    for late in overdue(project, today):
        owner = late.stakeholder.label if late.stakeholder else late.commitment.stakeholder
        u = late.last_update
        last = f"last update {u.date.isoformat()}" if u and u.date else "no update recorded"
        todo.append(f"Call {owner}: \u201c{clip(late.commitment.text)}\u201d is {days(late.days_late)} late ({last}).")
    for soon in due_soon(project, today, CHASE_DAYS):
        owner = soon.stakeholder.label if soon.stakeholder else soon.commitment.stakeholder
        when = "today" if soon.days_left == 0 else f"in {days(soon.days_left)}"
        todo.append(f"Remind {owner}: \u201c{clip(soon.commitment.text)}\u201d is due {when} ({soon.due.isoformat()}).")
    planned = planned_barriers(project)
    for gap in gaps(project):
        if gap.barrier.id not in planned:
            todo.append(
                f"Find technical assistance for \u201c{gap.barrier.label}\u201d ({gap.gap_reason});"
                " no plan has an action on it yet (scaleplus plan --write)."
            )
    missing = missing_sectors(project)
    if missing:
        names = ", ".join(SECTOR_LABELS[s].lower() for s in missing)
        todo.append(f"Bring in the missing sector{'s' if len(missing) > 1 else ''}: {names}.")
    unmeasured = [row for row in indicator_progress(project) if row.current is None]
    if unmeasured:
        n = len(unmeasured)
        todo.append(f"{n} indicator{'s have' if n != 1 else ' has'} no value yet: ask the action leads and the committed to measure (scaleplus measure).")
    return todo
