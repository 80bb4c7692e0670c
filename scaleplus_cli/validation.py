"""The rules of a sound project. Each rule is a plain function returning Problem values; check()
runs them all after loading, so one run reports everything."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from typing import Callable, Container, Iterable, Iterator

from scaleplus_cli.errors import Problem, Severity
from scaleplus_cli.models import ASSESSMENT, KINDS, LEVELS, NAMED_SECTORS, SECTOR_LABELS, THEORY, Project
from scaleplus_cli.ids import name_key
from scaleplus_cli.schema import Field, ListOf, Record, Ref, Schema, Source, did_you_mean, is_valid_id, short

GOAL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")

Rule = Callable[[Project, dt.date], Iterable[Problem]]


def at(source: Source, severity: Severity, message: str, *keys: str | int) -> Problem:
    line, column = source.locate(*keys)
    return Problem(source.path, line, column, severity, message)


def fields_of(
    record: object, schema: Schema, keys: tuple = (), wanted: Callable[[Field], bool] | None = None
) -> Iterator[tuple[Field, object, tuple]]:
    """Every field of a record and of the records inside it: (declaration, value, keys to it); only
    those `wanted` says, when given (records holding none of them are not entered)."""
    for spec, take, inner, many in _plan(schema, wanted):
        value = getattr(record, spec.name)
        if take:
            yield spec, value, (*keys, spec.name)
        if inner is not None:
            for n, one in enumerate(value if many else (value,)):
                if one is not None:
                    yield from fields_of(one, inner, (*keys, spec.name, n) if many else (*keys, spec.name), wanted)


_PLANS: dict[tuple[int, object], list] = {}


def _plan(schema: Schema, wanted: Callable[[Field], bool] | None) -> list:
    """(field, yield it, schema of its records to enter, is a list) for each field worth visiting,
    worked out once per schema and question: a national project has a quarter of a million fields."""
    key = (id(schema), wanted)
    plan = _PLANS.get(key)
    if plan is None:
        plan = []
        for spec in schema.fields:
            many = isinstance(spec.type, ListOf)
            item = spec.type.item if many else spec.type
            inner = item.schema if isinstance(item, Record) else None
            if inner is not None and wanted is not None and not _holds(inner, wanted):
                inner = None
            take = wanted is None or wanted(spec)
            if take or inner is not None:
                plan.append((spec, take, inner, many))
        _PLANS[key] = plan
    return plan


def _holds(schema: Schema, wanted: Callable[[Field], bool]) -> bool:
    for spec in schema.fields:
        item = spec.type.item if isinstance(spec.type, ListOf) else spec.type
        if wanted(spec) or (isinstance(item, Record) and _holds(item.schema, wanted)):
            return True
    return False


def _every_field(project: Project, wanted: Callable[[Field], bool] | None = None) -> Iterator[tuple[object, Field, object, tuple]]:
    for folder, kind in KINDS.items():
        for entity in project.entities(folder).values():
            for spec, value, keys in fields_of(entity, kind.schema, (), wanted):
                yield entity, spec, value, keys
    for single, schema in ((project.theory, THEORY), (project.assessment, ASSESSMENT)):
        if single is not None:
            for spec, value, keys in fields_of(single, schema, (), wanted):
                yield single, spec, value, keys


def _is_reference(spec: Field) -> bool:
    return isinstance(spec.type.item if isinstance(spec.type, ListOf) else spec.type, Ref)


def _is_log(spec: Field) -> bool:
    return bool(spec.log)


def settings_unread(project: Project) -> bool:
    """Whether scaleplus.yaml could not be read (a YAML syntax error): its goals and the retreat's start
    are then unknown, and every reference to a goal, every "no due date", would be a false problem on
    top of the one that matters."""
    return project.settings.source.node is None and any(
        p.path == project.settings.source.path and p.severity == "error" for p in project.problems)


def references(project: Project, today: dt.date) -> Iterator[Problem]:
    """Every reference a declaration types as `Ref(kind)`, at any depth (an action's lead), must name
    an entity of that kind (or a goal) that exists."""
    known: dict[str, dict | set] = {kind.singular: project.entities(folder) for folder, kind in KINDS.items()}
    known["goal"] = set(project.goal_ids)
    known["outcome"] = set(project.outcomes)
    pools: dict[tuple[str, ...], Container[str]] = {}  # the ids a reference to these kinds may name

    def pool(kinds: tuple[str, ...]) -> Container[str]:
        found = pools.get(kinds)
        if found is None:
            found = pools[kinds] = known.get(kinds[0], ()) if len(kinds) == 1 else {
                i for kind in kinds for i in known.get(kind, ())}
        return found

    def unknown(record: object, schema: Schema, keys: tuple) -> Iterator[tuple[Field, Ref, str, tuple]]:
        """(field, its Ref, the id, keys to it) of every reference in record naming nothing known: as
        fields_of(record, schema, keys, _is_reference) walks, without a tuple made for each field."""
        for spec, take, inner, many in _plan(schema, _is_reference):
            value = getattr(record, spec.name)
            if value is None:
                continue
            if take:
                item = spec.type.item if many else spec.type
                ids = pool(item.kinds)
                if many:
                    for n, one in enumerate(value):
                        if one not in ids:
                            yield spec, item, one, (*keys, spec.name, n)
                elif value not in ids:
                    yield spec, item, value, (*keys, spec.name)
            if inner is not None:
                for n, one in enumerate(value if many else (value,)):
                    if one is not None:
                        yield from unknown(one, inner, (*keys, spec.name, n) if many else (*keys, spec.name))

    records: list[tuple[object, Schema]] = [
        (entity, kind.schema) for folder, kind in KINDS.items() for entity in project.entities(folder).values()
    ]
    records += [(single, schema) for single, schema in ((project.theory, THEORY), (project.assessment, ASSESSMENT))
                if single is not None]
    unread = settings_unread(project)
    try:
        for record, schema in records:
            for spec, item, one, at_keys in unknown(record, schema, ()):
                if unread and "goal" in item.kinds:
                    continue  # the goals could not be read: scaleplus.yaml's own error says why
                ids = [i for kind in item.kinds for i in known.get(kind, ())]
                what = " or ".join(item.kinds)
                if item.strict:
                    message = f"{spec.name}: no {what} with id {one!r}{did_you_mean(one, ids)}"
                    yield at(record.source, "error", message, *at_keys)
                else:
                    message = f"{spec.name}: {short(one)} is not a {what} id{did_you_mean(one, ids)}; documents show it as written"
                    yield at(record.source, "warning", message, *at_keys)
    finally:
        # `unknown` calls itself, so it holds itself, and through `known` the whole project: a cycle
        # only the garbage collector frees, which a programme pauses while it checks its sites.
        del unknown


def logs_in_order(project: Project, today: dt.date) -> Iterator[Problem]:
    """The logs (updates, measurements) are oldest first: tools append to the end and read the last as latest."""
    for entity, spec, value, keys in _every_field(project, _is_log):
        if not spec.log:
            continue
        last = None
        for n, entry in enumerate(value):
            if entry.date and last and entry.date < last:
                message = f"date: {spec.name} must be oldest first ({entry.date} comes after {last})"
                yield at(entity.source, "error", message, *keys, n, "date")
            last = entry.date or last


def goal_ids(project: Project, today: dt.date) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    source = project.settings.source
    for n, goal in enumerate(project.settings.goals):
        if goal.id is None:
            continue
        if not GOAL_ID.match(goal.id):
            yield at(source, "error", f"goal id {goal.id!r} must be a short code like G1 or a slug", "goals", n, "id")
        key = goal.id.casefold()  # G1 and g1 would be one goal to a reader
        if key in seen:
            yield at(source, "error", f"goal id {goal.id!r} is used twice (first in goal {seen[key] + 1})", "goals", n, "id")
        else:
            seen[key] = n


def unique_names(project: Project, today: dt.date) -> Iterator[Problem]:
    """Names tell entities apart on documents (case, accents and separators aside); a commitment is the
    same as another when the same stakeholder promises the same text."""
    for folder, kind in KINDS.items():
        first: dict[object, object] = {}
        for entity in project.entities(folder).values():
            name = getattr(entity, kind.name_field)
            if not name:
                continue
            key = (entity.stakeholder, name_key(name) or name) if folder == "commitments" else name_key(name)
            other = first.setdefault(key, entity)
            if other is entity:
                continue
            if folder == "commitments":
                message = f"text: the same stakeholder already made this commitment ({other.source.path}); update that one instead"
            else:
                message = (f"{kind.name_field}: another {kind.singular} is named {getattr(other, kind.name_field)!r}"
                           f" ({other.source.path}); names must tell them apart on documents (one {kind.singular}"
                           f" added twice, say on two laptops? keep one of {other.source.path} and {entity.source.path}"
                           " and point references to its id)")
            yield at(entity.source, "error", message, kind.name_field)


def action_dates(project: Project, today: dt.date) -> Iterator[Problem]:
    for p in project.plans.values():
        for n, a in enumerate(p.actions):
            if a.start and a.end and a.end < a.start:
                yield at(p.source, "error", f"end: the action ends ({a.end}) before it starts ({a.start})", "actions", n, "end")


def agenda_times(project: Project, today: dt.date) -> Iterator[Problem]:
    from scaleplus_cli.documents.formatting import clock  # the documents' way of writing a time

    agenda = project.agenda
    if agenda is None:
        return
    days = project.settings.retreat.days
    if days and len(agenda.days) > days:
        yield at(agenda.source, "warning", f"the agenda has {len(agenda.days)} days but retreat.days is {days}", "days")
    for d, day in enumerate(agenda.days):
        end = day.start  # of the sessions so far
        past_midnight = False
        for s, session in enumerate(day.sessions):
            if session.start is not None:
                if session.start < end:
                    yield at(
                        agenda.source,
                        "error",
                        f"start: {session.title or 'this session'!s} starts at {clock(session.start)},"
                        f" before the session before it ends at {clock(end)}",
                        "days", d, "sessions", s, "start",
                    )
                end = session.start
            end += session.minutes or 0
            if end > 24 * 60 and not past_midnight:
                past_midnight = True  # said once a day; the overlaps after it are still checked
                yield at(agenda.source, "error", "minutes: the day's sessions run past midnight", "days", d, "sessions", s, "minutes")


def overdue(project: Project, today: dt.date) -> Iterator[Problem]:
    unread = settings_unread(project)  # then the retreat's start is unknown, not missing
    for c in project.commitments.values():
        if not c.live:
            continue
        due = project.due_date(c)
        if due is None:
            if c.horizon and not unread:
                yield at(c.source, "warning", "no due date: give 'due', or retreat.start in scaleplus.yaml", "horizon")
            continue
        if due < today:
            days = (today - due).days
            ago = f"{days} day{'s' if days != 1 else ''} ago"
            if c.every:
                yield at(c.source, "warning", f"overdue: this {c.every}'s update was due {due.isoformat()} ({ago});"
                         " record one with scaleplus update", "every")
                continue
            where = ("due",) if c.due else ("horizon",)
            yield at(
                c.source,
                "warning",
                f"overdue: due {due.isoformat()} ({ago}) and still {c.status.replace('_', ' ')}",
                *where,
            )


def parents(project: Project, today: dt.date) -> Iterator[Problem]:
    """A stakeholder's `parent` chain ends: no body belongs to itself, directly or through others."""
    for s in project.stakeholders.values():
        chain = [s.id]
        current = s.parent
        while current in project.stakeholders and current not in chain:
            chain.append(current)
            current = project.stakeholders[current].parent
        if current == s.id:
            loop = " -> ".join([*chain, s.id])
            yield at(s.source, "error", f"parent: the parents go round in a circle ({loop})", "parent")


def uncommitted_barriers(project: Project, today: dt.date) -> Iterator[Problem]:
    worked_on = {b for c in project.commitments.values() if c.live for b in c.barriers}
    for b in project.barriers.values():
        if b.id not in worked_on and b.title:
            yield at(b.source, "warning", "no live commitment works on this barrier yet", "title")


def sector_coverage(project: Project, today: dt.date) -> Iterator[Problem]:
    present = Counter(s.sector for s in project.stakeholders.values())
    source = project.settings.source
    for sector in NAMED_SECTORS:
        if not present[sector]:
            yield Problem(
                source.path, 1, 1, "warning",
                f"no stakeholder from {SECTOR_LABELS[sector].lower()} (sector {sector!r}):"
                " is the whole system in the room?",
            )


# -- the theory of change ------------------------------------------------------------------------


def outcome_ids(project: Project, today: dt.date) -> Iterator[Problem]:
    """Outcome ids are ids (they are typed in actions and in leads_to), unique, and not a goal's."""
    if project.theory is None:
        return
    seen: set[str] = set()
    goals = {g.casefold() for g in project.goal_ids}
    for n, outcome in enumerate(project.theory.outcomes):
        if outcome.id is None:
            continue
        if not is_valid_id(outcome.id):
            yield at(project.theory.source, "error", f"id: {outcome.id!r} is not a valid id (lower-case letters,"
                     " digits and single hyphens)", "outcomes", n, "id")
        elif outcome.id in seen:
            yield at(project.theory.source, "error", f"id: outcome id {outcome.id!r} is used twice", "outcomes", n, "id")
        elif outcome.id.casefold() in goals:
            yield at(project.theory.source, "error", f"id: {outcome.id!r} is also a goal's id; leads_to could not"
                     " tell them apart", "outcomes", n, "id")
        seen.add(outcome.id)


def _positions(project: Project) -> dict[str, int]:
    return {o.id: n for n, o in reversed(list(enumerate(project.theory.outcomes))) if o.id} if project.theory else {}


def pathway_cycles(project: Project, today: dt.date) -> Iterator[Problem]:
    """leads_to never comes back to where it started: a pathway runs from actions to goals."""
    outcomes = project.outcomes
    state: dict[str, int] = {}  # 1 on the path being walked, 2 done
    reported: set[frozenset] = set()

    def walk(oid: str, path: list[str]) -> Iterator[list[str]]:
        state[oid] = 1
        for target in outcomes[oid].leads_to:
            if target not in outcomes:
                continue
            if state.get(target) == 1:
                yield [*path[path.index(target):], oid, target] if target in path else [oid, target]
            elif target not in state:
                yield from walk(target, [*path, oid])
        state[oid] = 2

    positions = _positions(project)
    for oid in outcomes:
        if oid in state:
            continue
        for loop in walk(oid, []):
            key = frozenset(loop)
            if key in reported:
                continue
            reported.add(key)
            n = positions[loop[-2]]
            k = outcomes[loop[-2]].leads_to.index(loop[-1])
            message = f"leads_to: the pathway goes round in a circle ({' -> '.join(loop)}); an outcome cannot lead back to itself"
            yield at(project.theory.source, "error", message, "outcomes", n, "leads_to", k)


def reaches_goal(project: Project) -> dict[str, bool]:
    """For each outcome, whether some chain of leads_to from it ends at a common goal."""
    outcomes, goals = project.outcomes, set(project.goal_ids)
    found: dict[str, bool] = {}
    for start in outcomes:
        seen, stack, ok = {start}, [start], False
        while stack and not ok:
            for target in outcomes[stack.pop()].leads_to:
                if target in goals:
                    ok = True
                    break
                if target in outcomes and target not in seen:
                    seen.add(target)
                    stack.append(target)
        found[start] = ok
    return found


def pathway_ends(project: Project, today: dt.date) -> Iterator[Problem]:
    """Every outcome leads, through others or directly, to a common goal (no dead ends)."""
    if settings_unread(project):
        return
    reach = reaches_goal(project)
    known = set(project.outcomes) | set(project.goal_ids)
    for n, outcome in enumerate(project.theory.outcomes if project.theory else []):
        if any(target not in known for target in outcome.leads_to):
            continue  # the unknown reference is the error to fix first
        source = project.theory.source
        if source.locate("outcomes", n, "leads_to") == source.locate("outcomes", n):
            continue  # no leads_to at all: the missing key is the error to fix
        if outcome.id and not reach.get(outcome.id, True):
            yield at(project.theory.source, "error", f"leads_to: no common goal can be reached from outcome"
                     f" {outcome.id!r}; lead it to a goal or to an outcome that reaches one", "outcomes", n, "leads_to")


def pathway_levels(project: Project, today: dt.date) -> Iterator[Problem]:
    """An outcome leads to a later one: early to intermediate to long-term."""
    outcomes = project.outcomes
    for n, outcome in enumerate(project.theory.outcomes if project.theory else []):
        if outcome.level not in LEVELS:
            continue
        for k, target in enumerate(outcome.leads_to):
            other = outcomes.get(target)
            if other is not None and other.level in LEVELS and LEVELS.index(other.level) <= LEVELS.index(outcome.level):
                message = (f"leads_to: {outcome.id!r} ({outcome.level.replace('_', '-')}) leads to {target!r}"
                           f" ({other.level.replace('_', '-')}), a level that is not later")
                yield at(project.theory.source, "warning", message, "outcomes", n, "leads_to", k)


def pathway_gaps(project: Project, today: dt.date) -> Iterator[Problem]:
    """What a theory of change leaves open: long-term outcomes nobody measures, severe barriers no
    outcome removes, outcomes no action serves."""
    theory = project.theory
    if theory is None:
        return
    served = {o for p in project.plans.values() for a in p.actions for o in a.outcomes}
    for n, outcome in enumerate(theory.outcomes):
        if not outcome.id:
            continue
        if outcome.level == "long_term" and not outcome.indicators:
            yield at(theory.source, "warning", f"indicators: long-term outcome {outcome.id!r} has no indicator;"
                     " how will anyone know it happened?", "outcomes", n, "id")
        if outcome.id not in served:
            yield at(theory.source, "warning", f"no action serves outcome {outcome.id!r}; name it under an"
                     " action's outcomes", "outcomes", n, "id")
    removed = {b for o in theory.outcomes for b in o.barriers}
    for b in project.barriers.values():
        if (b.severity or 0) >= 4 and b.id not in removed:
            yield at(b.source, "warning", f"severity: no outcome of the theory of change removes this barrier"
                     f" (severity {b.severity})", "severity")


def assessment_items(project: Project, today: dt.date) -> Iterator[Problem]:
    """An assessment entry judges an item `assess` lists."""
    from scaleplus_cli.assessing import JUDGED_ITEMS

    if project.assessment is None:
        return
    for n, entry in enumerate(project.assessment.entries):
        if entry.item is not None and entry.item not in JUDGED_ITEMS:
            message = f"item: {entry.item!r} is not an item people judge in assess{did_you_mean(entry.item, list(JUDGED_ITEMS))}"
            yield at(project.assessment.source, "error", message, "entries", n, "item")


def units_in_pairs(project: Project, today: dt.date) -> Iterator[Problem]:
    """An indicator's `unit_one` (the unit after one) goes with its `unit`: without it, every other
    number would print with no unit at all."""
    message = "unit_one: given without unit, so a number other than one prints with no unit; give unit too"
    for n, shared in enumerate(project.settings.indicators):
        if shared.unit_one and not shared.unit:
            yield at(project.settings.source, "warning", message, "indicators", n, "unit_one")
    for plan in project.plans.values():
        for a, action in enumerate(plan.actions):
            for i, indicator in enumerate(action.indicators):
                if indicator.unit_one and not indicator.unit:
                    yield at(plan.source, "warning", message, "actions", a, "indicators", i, "unit_one")
    for commitment in project.commitments.values():
        for i, indicator in enumerate(commitment.indicators):
            if indicator.unit_one and not indicator.unit:
                yield at(commitment.source, "warning", message, "indicators", i, "unit_one")


RULES: list[Rule] = [
    references,
    goal_ids,
    unique_names,
    action_dates,
    logs_in_order,
    agenda_times,
    parents,
    overdue,
    uncommitted_barriers,
    sector_coverage,
    outcome_ids,
    pathway_cycles,
    pathway_ends,
    pathway_levels,
    pathway_gaps,
    assessment_items,
    units_in_pairs,
]


def check(project: Project, today: dt.date) -> list[Problem]:
    """Everything wrong with the project, sorted by path, line and column."""
    problems = list(project.problems)
    for rule in RULES:
        problems.extend(rule(project, today))
    return sorted(set(problems))
