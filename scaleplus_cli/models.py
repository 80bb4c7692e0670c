"""The entities of a SCALE+ project and the schema of each file, in the key order of SPEC.md.

A required field is None only when the project has errors (check reports them); a project that
checks clean has every required field set.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Iterator

from yaml.nodes import MappingNode, SequenceNode

from scaleplus_cli.schema import (
    Choice,
    Currency,
    Date,
    Field,
    Integer,
    ListOf,
    Number,
    Record,
    Ref,
    Schema,
    Text,
    Time,
)

SECTORS = (
    "government",
    "private_sector",
    "civil_society",
    "community",
    "academia",
    "media",
    "faith_traditional",
    "donor",
    "other",
)
NAMED_SECTORS = SECTORS[:-1]
CATEGORIES = (
    "governance",
    "structural",
    "economic",
    "social",
    "awareness",
    "technology",
    "training",
    "organizational",
)
STATUSES = ("pledged", "in_progress", "done", "dropped")
LIVE_STATUSES = ("pledged", "in_progress")
HORIZONS = (100, 1000)
LANGUAGES = ("en", "fr", "es", "pt")  # the languages documents are written in
INSTRUMENTS = (
    "advocacy",
    "policy_reform",
    "social_marketing",
    "mass_media",
    "training",
    "capacity_building",
    "conflict_mediation",
    "education",
    "coordination",
    "research",
    "other",
)
FUNDING = ("donor", "government", "private", "community", "in_kind", "other")

SECTOR_LABELS = {
    "government": "Government",
    "private_sector": "Private sector",
    "civil_society": "Civil society",
    "community": "Community",
    "academia": "Academia",
    "media": "Media",
    "faith_traditional": "Faith & traditional leaders",
    "donor": "Donors",
    "other": "Other",
}


@dataclass(slots=True)
class Source:
    """Where an entity was read from: its path (relative to the project root) and its YAML node."""

    path: str
    node: Any = field(default=None, repr=False, compare=False)

    def locate(self, *keys: str | int) -> tuple[int, int]:
        """Line and column (1-based) of the value at keys, or of the nearest parent that exists."""
        node = self.node
        if node is None:
            return 1, 1
        for key in keys:
            child = None
            if isinstance(node, SequenceNode) and isinstance(key, int):
                if 0 <= key < len(node.value):
                    child = node.value[key]
            elif isinstance(node, MappingNode):
                child = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1, node.start_mark.column + 1


# -- scaleplus.yaml ---------------------------------------------------------------------------


@dataclass(slots=True)
class Goal:
    id: str = None  # type: ignore[assignment]
    text: str = None  # type: ignore[assignment]


@dataclass(slots=True)
class Retreat:
    venue: str | None = None
    start: dt.date | None = None
    days: int | None = None


@dataclass(slots=True)
class Settings:
    name: str = None  # type: ignore[assignment]
    challenge: str = None  # type: ignore[assignment]
    location: str | None = None
    language: str = "en"
    currency: str | None = None
    retreat: Retreat = field(default_factory=Retreat)
    facilitators: list[str] = field(default_factory=list)
    donor: str | None = None
    goals: list[Goal] = field(default_factory=list)
    source: Source = field(default_factory=lambda: Source("scaleplus.yaml"))


GOAL = Schema("a goal", [Field("id", Text(), True), Field("text", Text(), True)], build=Goal)
RETREAT = Schema(
    "retreat",
    [
        Field("venue", Text()),
        Field("start", Date(), help="first day of the retreat"),
        Field("days", Integer(1, 60)),
    ],
    build=Retreat,
)
SETTINGS = Schema(
    "scaleplus.yaml",
    [
        Field("name", Text(), True, help="project name"),
        Field("challenge", Text(), True, help="the development challenge the system addresses"),
        Field("location", Text()),
        Field("language", Choice("language", LANGUAGES), default="en"),
        Field("currency", Currency(), help="ISO 4217 code of the currency budgets are in"),
        Field("retreat", Record(RETREAT)),
        Field("facilitators", ListOf(Text())),
        Field("donor", Text()),
        Field("goals", ListOf(Record(GOAL))),
    ],
)


# -- agenda.yaml --------------------------------------------------------------------------------


@dataclass(slots=True)
class Session:
    title: str = None  # type: ignore[assignment]
    minutes: int = None  # type: ignore[assignment]
    start: int | None = None
    lead: str | None = None
    method: str | None = None
    notes: str | None = None


@dataclass(slots=True)
class Day:
    date: dt.date | None = None
    start: int = 9 * 60
    sessions: list[Session] = field(default_factory=list)


@dataclass(slots=True)
class Agenda:
    days: list[Day] = field(default_factory=list)
    source: Source = field(default_factory=lambda: Source("agenda.yaml"))


SESSION = Schema(
    "a session",
    [
        Field("title", Text(), True),
        Field("minutes", Integer(1, 24 * 60), True),
        Field("start", Time()),
        Field("lead", Text()),
        Field("method", Text()),
        Field("notes", Text()),
    ],
    build=Session,
)
DAY = Schema(
    "a day",
    [Field("date", Date()), Field("start", Time(), default=9 * 60), Field("sessions", ListOf(Record(SESSION)))],
    build=Day,
)
AGENDA = Schema("agenda.yaml", [Field("days", ListOf(Record(DAY)), True)])


# -- entities -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Stakeholder:
    id: str
    name: str = None  # type: ignore[assignment]
    sector: str = None  # type: ignore[assignment]
    organization: str | None = None
    representative: str | None = None
    role: str | None = None
    group: str | None = None
    email: str | None = None
    phone: str | None = None
    influence: int | None = None
    interest: int | None = None
    notes: str | None = None
    language: str | None = None
    source: Source = None  # type: ignore[assignment]

    @property
    def label(self) -> str:
        return self.name or self.id


@dataclass(slots=True)
class Barrier:
    id: str
    title: str = None  # type: ignore[assignment]
    category: str = None  # type: ignore[assignment]
    description: str | None = None
    severity: int = 3
    raised_by: list[str] = field(default_factory=list)
    goals: list[str] = field(default_factory=list)
    source: Source = None  # type: ignore[assignment]

    @property
    def label(self) -> str:
        return self.title or self.id


@dataclass(slots=True)
class Update:
    date: dt.date | None = None
    note: str | None = None
    status: str | None = None


@dataclass(slots=True)
class Commitment:
    id: str
    stakeholder: str = None  # type: ignore[assignment]
    text: str = None  # type: ignore[assignment]
    barriers: list[str] = field(default_factory=list)
    horizon: int = None  # type: ignore[assignment]
    due: dt.date | None = None
    resources: str | None = None
    status: str = "pledged"
    updates: list[Update] = field(default_factory=list)
    source: Source = None  # type: ignore[assignment]

    @property
    def label(self) -> str:
        return self.text or self.id

    @property
    def live(self) -> bool:
        return self.status in LIVE_STATUSES

    @property
    def last_update(self) -> Update | None:
        return self.updates[-1] if self.updates else None


@dataclass(slots=True)
class Measurement:
    date: dt.date | None = None
    value: float | None = None
    note: str | None = None


@dataclass(slots=True)
class Indicator:
    name: str = None  # type: ignore[assignment]
    unit: str | None = None
    baseline: float | None = None
    target: float | None = None
    actual: float | None = None
    measurements: list[Measurement] = field(default_factory=list)

    @property
    def current(self) -> float | None:
        """The latest measurement, or `actual` when there is none."""
        for m in reversed(self.measurements):
            if m.value is not None:
                return m.value
        return self.actual

    @property
    def progress(self) -> float | None:
        """Share of the way from baseline to target (0.0 to 1.0 and beyond), when computable: None
        without a current value or a target, when the target is the baseline (no way to go), or when
        the values are so extreme that the share overflows a float."""
        import math

        current, target = self.current, self.target
        baseline = self.baseline or 0
        if current is None or target is None or target == baseline:
            return None
        share = (current - baseline) / (target - baseline)
        return share if math.isfinite(share) else None


@dataclass(slots=True)
class Action:
    title: str = None  # type: ignore[assignment]
    lead: str | None = None
    partners: list[str] = field(default_factory=list)
    instrument: str | None = None
    barriers: list[str] = field(default_factory=list)
    commitments: list[str] = field(default_factory=list)
    start: dt.date | None = None
    end: dt.date | None = None
    budget: float | None = None
    funding: str | None = None
    indicators: list[Indicator] = field(default_factory=list)


@dataclass(slots=True)
class ActionPlan:
    id: str
    title: str = None  # type: ignore[assignment]
    horizon: int = None  # type: ignore[assignment]
    owner: str | None = None
    start: dt.date | None = None
    goals: list[str] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    source: Source = None  # type: ignore[assignment]

    @property
    def label(self) -> str:
        return self.title or self.id


STAKEHOLDER = Schema(
    "a stakeholder",
    [
        Field("name", Text(), True, help="person or organisation as shown on documents"),
        Field("sector", Choice("sector", SECTORS), True),
        Field("organization", Text()),
        Field("representative", Text(), help="the person in the room"),
        Field("role", Text()),
        Field("group", Text(), help="stakeholder group at the retreat"),
        Field("email", Text()),
        Field("phone", Text()),
        Field("influence", Integer(1, 5), help="power to move the barriers, 1-5"),
        Field("interest", Integer(1, 5), help="stake in the outcome, 1-5"),
        Field("notes", Text()),
        Field("language", Choice("language", LANGUAGES), help="language of their commitment sheet and letters"),
    ],
    build=Stakeholder,
)
BARRIER = Schema(
    "a barrier",
    [
        Field("title", Text(), True),
        Field("category", Choice("category", CATEGORIES), True),
        Field("description", Text()),
        Field("severity", Integer(1, 5), default=3, help="1-5, default 3"),
        Field("raised_by", ListOf(Ref("stakeholder")), help="stakeholder ids"),
        Field("goals", ListOf(Ref("goal")), help="goal ids"),
    ],
    build=Barrier,
)
UPDATE = Schema(
    "an update",
    [Field("date", Date(), True), Field("note", Text()), Field("status", Choice("status", STATUSES))],
    build=Update,
)
COMMITMENT = Schema(
    "a commitment",
    [
        Field("stakeholder", Ref("stakeholder"), True, help="id of who commits"),
        Field("text", Text(), True, help="what they commit to"),
        Field("barriers", ListOf(Ref("barrier")), help="barrier ids it works on"),
        Field("horizon", Integer(100, allowed=HORIZONS), True, help="100 or 1000 (days)"),
        Field("due", Date(), help="default: retreat start + horizon days"),
        Field("resources", Text(), help="what they put in"),
        Field("status", Choice("status", STATUSES), default="pledged"),
        Field("updates", ListOf(Record(UPDATE)), help="progress log, oldest first"),
    ],
    build=Commitment,
)
MEASUREMENT = Schema(
    "a measurement",
    [Field("date", Date(), True), Field("value", Number(), True), Field("note", Text())],
    build=Measurement,
)
INDICATOR = Schema(
    "an indicator",
    [
        Field("name", Text(), True),
        Field("unit", Text()),
        Field("baseline", Number()),
        Field("target", Number()),
        Field("actual", Number()),
        Field("measurements", ListOf(Record(MEASUREMENT))),
    ],
    build=Indicator,
)
ACTION = Schema(
    "an action",
    [
        Field("title", Text(), True),
        Field("lead", Ref("stakeholder")),
        Field("partners", ListOf(Ref("stakeholder"))),
        Field("instrument", Choice("instrument", INSTRUMENTS)),
        Field("barriers", ListOf(Ref("barrier"))),
        Field("commitments", ListOf(Ref("commitment"))),
        Field("start", Date()),
        Field("end", Date()),
        Field("budget", Number(0)),
        Field("funding", Choice("funding source", FUNDING)),
        Field("indicators", ListOf(Record(INDICATOR))),
    ],
    build=Action,
)
PLAN = Schema(
    "an action plan",
    [
        Field("title", Text(), True),
        Field("horizon", Integer(100, allowed=HORIZONS), True, help="100 or 1000 (days)"),
        Field("owner", Text(), help="task force, action circle or stakeholder group"),
        Field("start", Date()),
        Field("goals", ListOf(Ref("goal")), help="goal ids"),
        Field("actions", ListOf(Record(ACTION)), True),
    ],
    build=ActionPlan,
)


@dataclass(frozen=True)
class Kind:
    """One of the four entity folders."""

    folder: str  # "stakeholders"
    singular: str  # "stakeholder"
    schema: Schema
    name_field: str


KINDS: dict[str, Kind] = {
    k.folder: k
    for k in (
        Kind("stakeholders", "stakeholder", STAKEHOLDER, "name"),
        Kind("barriers", "barrier", BARRIER, "title"),
        Kind("commitments", "commitment", COMMITMENT, "text"),
        Kind("plans", "plan", PLAN, "title"),
    )
}


@dataclass
class Project:
    """Everything in a project folder, as read; `problems` are what reading it found."""

    root: Any  # pathlib.Path
    settings: Settings
    agenda: Agenda | None
    stakeholders: dict[str, Stakeholder] = field(default_factory=dict)
    barriers: dict[str, Barrier] = field(default_factory=dict)
    commitments: dict[str, Commitment] = field(default_factory=dict)
    plans: dict[str, ActionPlan] = field(default_factory=dict)
    problems: list = field(default_factory=list)
    file_count: int = 0

    def entities(self, folder: str) -> dict[str, Any]:
        return getattr(self, folder)

    def all_entities(self) -> Iterator[tuple[str, Any]]:
        for folder in KINDS:
            for entity in self.entities(folder).values():
                yield folder, entity

    @property
    def goal_ids(self) -> list[str]:
        return [g.id for g in self.settings.goals if g.id]

    @cached_property
    def _index(self) -> dict[tuple[str, str], list]:
        index: dict[tuple[str, str], list] = defaultdict(list)
        for c in self.commitments.values():
            index["commitment-by", c.stakeholder].append(c)
            for b in c.barriers:
                index["commitment-on", b].append(c)
        for b in self.barriers.values():
            for s in b.raised_by:
                index["raised-by", s].append(b)
        for p in self.plans.values():
            for n, a in enumerate(p.actions):
                for ref in {a.lead, *a.partners, *a.barriers, *a.commitments} - {None}:
                    index["action", ref].append((p, n, a))
        return index

    def commitments_by(self, stakeholder_id: str) -> list[Commitment]:
        return self._index.get(("commitment-by", stakeholder_id), [])

    def commitments_on(self, barrier_id: str) -> list[Commitment]:
        return self._index.get(("commitment-on", barrier_id), [])

    def barriers_raised_by(self, stakeholder_id: str) -> list[Barrier]:
        return self._index.get(("raised-by", stakeholder_id), [])

    def actions_naming(self, entity_id: str) -> list[tuple[ActionPlan, int, Action]]:
        """(plan, index, action) for every action whose lead, partners, barriers or commitments name the id."""
        return self._index.get(("action", entity_id), [])

    def due_date(self, commitment: Commitment) -> dt.date | None:
        """The commitment's due date: its own, or retreat start + horizon days."""
        if commitment.due:
            return commitment.due
        start = self.settings.retreat.start
        if start and commitment.horizon:
            return start + dt.timedelta(days=commitment.horizon)
        return None
