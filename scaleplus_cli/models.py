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

from scaleplus_cli.schema import (
    Bool,
    Choice,
    Code,
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
    record,
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
STATUSES = ("pledged", "in_progress", "on_hold", "done", "dropped")
LIVE_STATUSES = ("pledged", "in_progress")
HORIZONS = (100, 1000)
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
CIRCLE_KINDS = ("task_force", "action_circle", "advisory", "backbone", "working_group")
PERIODS = ("month", "quarter", "year")
FREQUENCIES = ("week", "month", "quarter", "year")
SITE_LEVELS = ("community", "district", "province", "national")  # lowest first: a site is never above its parent
AGGREGATES = ("sum", "mean", "min", "max")

# How documents name the choices (the sectors as groups: "Donors").
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
STATUS_LABELS = {"pledged": "Pledged", "in_progress": "In progress", "on_hold": "On hold", "done": "Done", "dropped": "Dropped"}
CATEGORY_LABELS = {"organizational": "Organisational"}
FUNDING_LABELS = {
    "donor": "Donor",
    "government": "Government",
    "private": "Private sector",
    "community": "Community",
    "in_kind": "In kind",
    "other": "Other",
}
CIRCLE_KIND_LABELS = {
    "task_force": "Task force",
    "action_circle": "Collaborative action circle",
    "advisory": "Cross-Sector Advisory Committee",
    "backbone": "Systems Integration Team (backbone)",
    "working_group": "Working group",
}
SITE_LEVEL_LABELS = {"community": "Community", "district": "District", "province": "Province", "national": "National"}
AGGREGATE_LABELS = {"sum": "Sum", "mean": "Mean", "min": "Lowest", "max": "Highest"}
PHASES = ("initiate", "organise", "sustain")
PHASE_LABELS = {"initiate": "Initiate action", "organise": "Organise for impact", "sustain": "Sustain action and impact"}
NETWORK_PHASES = ("catalyzing", "launching", "expanding", "transforming")
NETWORK_PHASE_LABELS = {"catalyzing": "Catalysing", "launching": "Launching", "expanding": "Expanding and enhancing",
                        "transforming": "Transforming"}
LEVELS = ("early", "intermediate", "long_term")
LEVEL_LABELS = {"early": "Early", "intermediate": "Intermediate", "long_term": "Long-term"}
LANGUAGES = ("en", "fr", "es", "pt")
LANGUAGE_LABELS = {"en": "English", "fr": "Français", "es": "Español", "pt": "Português"}

SECTOR = Choice("sector", SECTORS, SECTOR_LABELS)
CATEGORY = Choice("category", CATEGORIES, CATEGORY_LABELS)
STATUS = Choice("status", STATUSES, STATUS_LABELS)
INSTRUMENT = Choice("instrument", INSTRUMENTS)
FUNDING_SOURCE = Choice("funding source", FUNDING, FUNDING_LABELS)
HORIZON = Integer(100, allowed=HORIZONS)
LEVEL = Choice("level", LEVELS, LEVEL_LABELS)
SITE_LEVEL = Choice("site level", SITE_LEVELS, SITE_LEVEL_LABELS)
AGGREGATE = Choice("aggregate", AGGREGATES, AGGREGATE_LABELS)
PHASE = Choice("phase", PHASES, PHASE_LABELS)
NETWORK_PHASE = Choice("network phase", NETWORK_PHASES, NETWORK_PHASE_LABELS)
CURRENCY = Code(r"[A-Z]{3}", "an ISO 4217 currency code in capitals, like USD, GHS or XOF")


# -- scaleplus.yaml ---------------------------------------------------------------------------

GOAL = Schema("a goal", [
    Field("id", Text(), True, help="like G1, or a slug; unique"),
    Field("text", Text(), True, help="the common goal, in the room's words"),
])
CONTACT = Schema("contact", [
    Field("name", Text(), help="who answers for the backbone team"),
    Field("email", Text()),
    Field("phone", Text()),
])
RETREAT = Schema("retreat", [
    Field("venue", Text()),
    Field("start", Date(), help="first day of the retreat (needed for the timed agenda and due dates)"),
    Field("days", Integer(1, 60), help="how many days"),
])
SHARED_INDICATOR = Schema("a shared indicator", [
    Field("code", Text(), True, help="unique in the programme; a site's indicator with this code reports into it"),
    Field("name", Text(), True, help="what is counted"),
    Field("unit", Text(), help="what it is counted in; every site's indicator of this code uses it"),
    Field("unit_one", Text(), help="the unit after a number counted as one, where it differs: boat (unit: boats)"),
    Field("aggregate", AGGREGATE, default="sum", help="how the sites' values roll up"),
    Field("target", Number(), help="the programme's value aimed for"),
])
SETTINGS = Schema("scaleplus.yaml", [
    Field("name", Text(), True, help="project name"),
    Field("challenge", Text(), True, help="the development challenge the system addresses"),
    Field("location", Text()),
    Field("language", Choice("language", LANGUAGES, LANGUAGE_LABELS), default="en", help="language of the documents"),
    Field("currency", CURRENCY, help="the currency of budgets; documents print it with every amount"),
    Field("retreat", Record(RETREAT)),
    Field("facilitators", ListOf(Text())),
    Field("donor", Text()),
    Field("contact", Record(CONTACT), help="the backbone team: where replies to reminders go"),
    Field("goals", ListOf(Record(GOAL)), help="the common goals"),
    Field("level", SITE_LEVEL, help="this site's level in a scale-up programme"),
    Field("sites", ListOf(Text()), help="child project folders (relative paths) that roll up into this one"),
    Field("indicators", ListOf(Record(SHARED_INDICATOR)), help="the programme's shared measurement"),
    Field("phase", PHASE, help="the Collective Impact phase the effort is in"),
    Field("network_phase", NETWORK_PHASE, help="the action network's life-cycle phase"),
])


@record(GOAL)
class Goal:
    pass


@record(RETREAT)
class Retreat:
    pass


@record(CONTACT)
class Contact:
    pass


@record(SHARED_INDICATOR)
class SharedIndicator:
    pass


@record(SETTINGS, source="scaleplus.yaml")
class Settings:
    pass


# -- agenda.yaml --------------------------------------------------------------------------------

SESSION_KINDS = ("session", "break", "meal")
SESSION = Schema("a session", [
    Field("title", Text(), True),
    Field("minutes", Integer(1, 24 * 60), True, help="how long it lasts"),
    Field("start", Time(), help="a start later than the previous session's end leaves a gap"),
    Field("lead", Text(), help="who leads it"),
    Field("method", Text(), help="how it is run"),
    Field("notes", Text(), multiline=True, help="for the facilitators: on the run sheet"),
    Field("materials", Text(), multiline=True, help="what the session needs: flip charts, cards, a projector"),
    Field("kind", Choice("session kind", SESSION_KINDS), default="session", help="break and meal print as breaks"),
])
DAY = Schema("a day", [
    Field("date", Date(), help="default: retreat start + the day's index"),
    Field("theme", Text(), help="what the day is about, printed under its title"),
    Field("objective", Text(), multiline=True, help="what the room should have by the day's end"),
    Field("start", Time(), default=9 * 60, help="when the first session starts (default 09:00)"),
    Field("sessions", ListOf(Record(SESSION))),
])
AGENDA = Schema("agenda.yaml", [Field("days", ListOf(Record(DAY)), True)])


@record(SESSION)
class Session:
    pass


@record(DAY)
class Day:
    pass


@record(AGENDA, source="agenda.yaml")
class Agenda:
    pass


# -- entities -----------------------------------------------------------------------------------

STAKEHOLDER = Schema("a stakeholder", [
    Field("name", Text(), True, help="person or organisation as shown on documents", listed=True),
    Field("sector", SECTOR, True, listed=True, filter=True),
    Field("organization", Text(), listed=True, ask=True),
    Field("representative", Text(), help="the person in the room", ask=True),
    Field("role", Text()),
    Field("group", Text(), help="stakeholder group at the retreat"),
    Field("email", Text()),
    Field("phone", Text()),
    Field("influence", Integer(1, 5), help="power to move the barriers", listed=True, ask=True),
    Field("interest", Integer(1, 5), help="stake in the outcome", listed=True, ask=True),
    Field("parent", Ref("stakeholder"), help="the body this one belongs to (a ministry's regional office)"),
    Field("champion", Bool(), help="an influential champion of the effort"),
    Field("notes", Text(), multiline=True),
    Field("language", Choice("language", LANGUAGES, LANGUAGE_LABELS), help="language of their commitment sheet and letters"),
])
BARRIER = Schema("a barrier", [
    Field("title", Text(), True, help="what blocks the goals, in a few words", listed=True),
    Field("category", CATEGORY, True, listed=True, filter=True),
    Field("description", Text(), multiline=True),
    Field("severity", Integer(1, 5), default=3, help="how hard it blocks the goals", listed=True, ask=True),
    Field("raised_by", ListOf(Ref("stakeholder")), help="who raised it", ask=True),
    Field("goals", ListOf(Ref("goal")), help="the common goals it blocks", option="--goal"),
    Field("code", Text(), help="the same barrier across the sites of a programme carries the same code"),
])
MEASUREMENT = Schema("a measurement", [
    Field("date", Date(), True),
    Field("value", Number(), True),
    Field("note", Text()),
])
INDICATOR = Schema("an indicator", [
    Field("name", Text(), True, help="what is counted"),
    Field("code", Text(), help="the programme's shared indicator it reports into"),
    Field("unit", Text(), help="what it is counted in: people, boats, %", ask=True),
    Field("unit_one", Text(), help="the unit after a number counted as one, where it differs: boat (unit: boats)"),
    Field("baseline", Number(), help="the value before", ask=True),
    Field("target", Number(), help="the value aimed for", ask=True),
    Field("actual", Number(), help="the value now, when no measurement is recorded"),
    Field("source", Text(), help="where the number comes from"),
    Field("frequency", Choice("frequency", FREQUENCIES), help="how often it is measured"),
    Field("responsible", Ref("stakeholder"), help="who measures it"),
    Field("measurements", ListOf(Record(MEASUREMENT)), log=True),
])
UPDATE = Schema("an update", [
    Field("date", Date(), True),
    Field("note", Text(), multiline=True),
    Field("status", STATUS),
])
COMMITMENT = Schema("a commitment", [
    Field("stakeholder", Ref("stakeholder"), True, help="who commits (the lead of a joint commitment)", listed=True),
    Field("partners", ListOf(Ref("stakeholder")), help="co-owners of a joint commitment", option="--partner", ask=True),
    Field("circle", Ref("circle"), help="the task force or action circle it is made in", filter=True),
    Field("text", Text(), True, help="what they commit to", listed=True, multiline=True),
    Field("barriers", ListOf(Ref("barrier")), help="the barriers it works on", listed=True, option="--barrier", ask=True),
    Field("horizon", HORIZON, True, help="days it has to be done in", listed=True, filter=True),
    Field("due", Date(), help="when it is due; default: retreat start + horizon days"),
    Field("every", Choice("period", PERIODS), help="a recurring commitment: an update is due each period"),
    Field("resources", Text(), help="what they put in", multiline=True),
    Field("status", STATUS, default="pledged", listed=True, filter=True),
    Field("indicators", ListOf(Record(INDICATOR)), help="how its progress is measured"),
    Field("updates", ListOf(Record(UPDATE)), help="progress log, oldest first", log=True),
])
ACTION = Schema("an action", [
    Field("title", Text(), True, help="what is done"),
    Field("lead", Ref("stakeholder"), help="who leads it", ask=True),
    Field("partners", ListOf(Ref("stakeholder")), help="who else takes part", option="--partner"),
    Field("instrument", INSTRUMENT, help="how it moves the barrier"),
    Field("barriers", ListOf(Ref("barrier")), help="the barriers it works on", option="--barrier", ask=True),
    Field("commitments", ListOf(Ref("commitment")), help="the commitments it carries", option="--commitment"),
    Field("outcomes", ListOf(Ref("outcome")), help="the theory-of-change outcomes it serves", option="--outcome"),
    Field("start", Date(), help="when it starts", ask=True),
    Field("end", Date(), help="when it ends (not before it starts)", ask=True),
    Field("budget", Number(0), help="in the project's currency"),
    Field("funding", FUNDING_SOURCE, help="who pays"),
    Field("location", Text(), help="where it happens"),
    Field("notes", Text(), multiline=True),
    Field("indicators", ListOf(Record(INDICATOR))),
])
PLAN = Schema("an action plan", [
    Field("title", Text(), True, help="title of the action plan", listed=True),
    Field("horizon", HORIZON, True, help="days the plan runs for", listed=True, filter=True),
    Field("owner", Ref("circle", "stakeholder", strict=False), help="the circle or stakeholder that owns it", listed=True, ask=True),
    Field("start", Date(), listed=True),
    Field("goals", ListOf(Ref("goal")), help="the common goals it serves", option="--goal"),
    Field("actions", ListOf(Record(ACTION)), True, help="title of an action to start with", option="--action"),
])


CIRCLE = Schema("a circle", [
    Field("name", Text(), True, help="as shown on documents", listed=True),
    Field("kind", Choice("kind of circle", CIRCLE_KINDS, CIRCLE_KIND_LABELS), True, listed=True, filter=True),
    Field("lead", Ref("stakeholder"), help="who convenes it", listed=True, ask=True),
    Field("members", ListOf(Ref("stakeholder")), help="who is in it", option="--member", ask=True),
    Field("barriers", ListOf(Ref("barrier")), help="the barriers it works on", option="--barrier"),
    Field("goals", ListOf(Ref("goal")), help="the common goals it serves", option="--goal"),
    Field("meets", Text(), help='its rhythm, e.g. "monthly, first Tuesday"', listed=True),
    Field("notes", Text(), multiline=True),
])


@record(STAKEHOLDER, keyed=True)
class Stakeholder:
    @property
    def label(self) -> str:
        return self.name or self.id


@record(BARRIER, keyed=True)
class Barrier:
    @property
    def label(self) -> str:
        return self.title or self.id


@record(UPDATE)
class Update:
    pass


@record(COMMITMENT, keyed=True)
class Commitment:
    @property
    def label(self) -> str:
        return self.text or self.id

    @property
    def live(self) -> bool:
        return self.status in LIVE_STATUSES

    @property
    def last_update(self) -> Update | None:
        return self.updates[-1] if self.updates else None


@record(MEASUREMENT)
class Measurement:
    pass


@record(INDICATOR)
class Indicator:
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


@record(ACTION)
class Action:
    pass


@record(PLAN, keyed=True)
class ActionPlan:
    @property
    def label(self) -> str:
        return self.title or self.id


@record(CIRCLE, keyed=True)
class Circle:
    @property
    def label(self) -> str:
        return self.name or self.id


# -- theory.yaml and assessment.yaml -------------------------------------------------------------

OUTCOME = Schema("an outcome", [
    Field("id", Text(), True, help="a short id (lower-case letters, digits, hyphens); made from the text unless given"),
    Field("text", Text(), True, help="the change, in the room's words"),
    Field("level", LEVEL, True, help="early, intermediate or long-term"),
    Field("leads_to", ListOf(Ref("outcome", "goal")), True, help="the outcomes or common goals it leads to",
          option="--leads-to"),
    Field("barriers", ListOf(Ref("barrier")), help="the barriers it removes", option="--barrier"),
    Field("indicators", ListOf(Record(INDICATOR)), help="how it is known to have happened"),
    Field("assumptions", ListOf(Text()), help="what must hold for it to lead where it leads", option="--assumption"),
    Field("rationale", Text(), help="why it leads there", multiline=True),
])
THEORY = Schema("theory.yaml", [
    Field("outcomes", ListOf(Record(OUTCOME)), True, help="the outcomes pathway, worked backwards from the goals"),
])
ENTRY = Schema("an assessment entry", [
    Field("item", Text(), True, help="an item id that `scaleplus assess` lists (urgency, trust, ...)"),
    Field("score", Integer(0, 3), True, help="0 absent, 1 emerging, 2 developing, 3 strong"),
    Field("date", Date(), True, help="when the people judged it"),
    Field("note", Text(), help="who judged it, and why", multiline=True),
])
ASSESSMENT = Schema("assessment.yaml", [
    Field("entries", ListOf(Record(ENTRY)), True, help="what people judged, newest last", log=True),
])


@record(OUTCOME)
class Outcome:
    @property
    def label(self) -> str:
        return self.text or self.id or ""


@record(THEORY, source="theory.yaml")
class Theory:
    @property
    def by_id(self) -> dict[str, Outcome]:
        return {o.id: o for o in self.outcomes if o.id}


@record(ENTRY)
class Entry:
    pass


@record(ASSESSMENT, source="assessment.yaml")
class Assessment:
    def latest(self) -> dict[str, Entry]:
        """The newest entry for each item (entries are newest last)."""
        return {e.item: e for e in self.entries if e.item and e.score is not None}


@dataclass(frozen=True)
class Kind:
    """One entity folder: its file schema and the field that names an entity (unique in the folder)."""

    folder: str  # "stakeholders"
    singular: str  # "stakeholder"
    schema: Schema
    name_field: str
    help: str = ""


KINDS: dict[str, Kind] = {
    k.folder: k
    for k in (
        Kind("stakeholders", "stakeholder", STAKEHOLDER, "name", "someone in the room, from any sector"),
        Kind("barriers", "barrier", BARRIER, "title", "a barrier the room named"),
        Kind("commitments", "commitment", COMMITMENT, "text", "a commitment a stakeholder made"),
        Kind("plans", "plan", PLAN, "title", "an action plan (100-day or 1000-day)"),
        Kind("circles", "circle", CIRCLE, "name", "a task force, action circle, advisory committee or backbone team"),
    )
}
# The files that are not entities, for the JSON Schemas and the README's tables.
FILES: dict[str, Schema] = {
    "scaleplus.yaml": SETTINGS, "agenda.yaml": AGENDA, "theory.yaml": THEORY, "assessment.yaml": ASSESSMENT,
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
    circles: dict[str, Circle] = field(default_factory=dict)
    theory: Theory | None = None
    assessment: Assessment | None = None
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

    @property
    def outcomes(self) -> dict[str, Outcome]:
        """The theory of change's outcomes by id (none without theory.yaml)."""
        return self.theory.by_id if self.theory else {}

    def actions_serving(self, outcome_id: str) -> list[tuple[ActionPlan, int, Action]]:
        return [(p, n, a) for p in self.plans.values() for n, a in enumerate(p.actions) if outcome_id in a.outcomes]

    @cached_property
    def _index(self) -> dict[tuple[str, str], list]:
        index: dict[tuple[str, str], list] = defaultdict(list)
        for c in self.commitments.values():
            for s in self.committers(c):  # a joint commitment belongs to every co-owner
                index["commitment-by", s].append(c)
            for b in c.barriers:
                index["commitment-on", b].append(c)
        for b in self.barriers.values():
            for s in b.raised_by:
                index["raised-by", s].append(b)
        for p in self.plans.values():
            for n, a in enumerate(p.actions):
                for ref in {a.lead, *a.partners, *a.barriers, *a.commitments} - {None}:
                    index["action", ref].append((p, n, a))
        for s in self.stakeholders.values():
            if s.parent:
                index["child-of", s.parent].append(s)
        for circle in self.circles.values():
            for ref in {circle.lead, *circle.members} - {None}:
                index["circle-of", ref].append(circle)
        for c in self.commitments.values():
            if c.circle:
                index["made-in", c.circle].append(c)
        for p in self.plans.values():
            if p.owner:
                index["owned-by", p.owner].append(p)
        return index

    def children(self, stakeholder_id: str) -> list[Stakeholder]:
        """The stakeholders whose `parent` is this one (a ministry's regional offices)."""
        return self._index.get(("child-of", stakeholder_id), [])

    def circles_of(self, stakeholder_id: str) -> list[Circle]:
        """The circles a stakeholder leads or is a member of."""
        return self._index.get(("circle-of", stakeholder_id), [])

    def commitments_in(self, circle_id: str) -> list[Commitment]:
        return self._index.get(("made-in", circle_id), [])

    def plans_owned_by(self, owner_id: str) -> list[ActionPlan]:
        return self._index.get(("owned-by", owner_id), [])

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
        """The commitment's due date: its own, or retreat start + horizon days. A recurring commitment
        is due for its next report one period after its last update (or after the retreat began)."""
        start = self.settings.retreat.start
        if commitment.every:
            dates = [u.date for u in commitment.updates if u.date]
            since = max(dates) if dates else start
            return add_period(since, commitment.every) if since else None
        if commitment.due:
            return commitment.due
        if start and commitment.horizon:
            return start + dt.timedelta(days=commitment.horizon)
        return None

    def committers(self, commitment: Commitment) -> list[str]:
        """Who a commitment binds: its lead, then its partners (each once)."""
        return list(dict.fromkeys(s for s in (commitment.stakeholder, *commitment.partners) if s))

    def body(self, stakeholder_id: str) -> str:
        """The top of a stakeholder's `parent` chain (a ministry for its regional office); itself when none."""
        seen = {stakeholder_id}
        current = stakeholder_id
        while True:
            parent = getattr(self.stakeholders.get(current), "parent", None)
            if parent is None or parent not in self.stakeholders or parent in seen:
                return current
            seen.add(parent)
            current = parent


PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}


def add_period(day: dt.date, every: str) -> dt.date:
    """The same day one period later (the last day of the month when that month is shorter)."""
    import calendar

    months = day.year * 12 + day.month - 1 + PERIOD_MONTHS[every]
    year, month = divmod(months, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
