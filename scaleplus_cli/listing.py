"""Rows for `scaleplus list`: filters and the columns of each kind (no printing here)."""

from __future__ import annotations

from operator import attrgetter
from typing import Any, Callable

from scaleplus_cli.errors import UsageError
from scaleplus_cli.models import KINDS, Project
from scaleplus_cli.schema import Field, Invalid, ListOf, Ref
from scaleplus_cli.serialize import plain


def filter_fields() -> dict[str, Field]:
    """Every field a list may be filtered on (`filter=True` in a declaration), by name."""
    found: dict[str, Field] = {}
    for kind in KINDS.values():
        for spec in kind.schema.fields:
            if spec.filter:
                found.setdefault(spec.name, spec)
    return found


def _paths(folder: str, name: str) -> list[tuple[str, ...]]:
    """How a filter reaches a kind: its own field, or the field of an entity it refers to
    (a commitment's stakeholder's sector, its barriers' category)."""
    schema = KINDS[folder].schema
    if name in schema.by_name:
        return [(name,)]
    paths = []
    for spec in schema.fields:
        item = spec.type.item if isinstance(spec.type, ListOf) else spec.type
        target = next((k for k in KINDS.values() if isinstance(item, Ref) and k.singular == item.kind), None)
        if target is not None and name in target.schema.by_name:
            paths.append((spec.name, target.folder, name))
    return paths


def applies(folder: str) -> list[str]:
    return [name for name in filter_fields() if _paths(folder, name)]


def parse_filters(folder: str, given: dict[str, str | None]) -> dict[str, Any]:
    """The filters given, read with their fields' types; a filter that does not apply is a usage error."""
    usable = applies(folder)
    filters: dict[str, Any] = {}
    for name, raw in given.items():
        if raw is None:
            continue
        if name not in usable:
            listed = ", ".join(f"--{f}" for f in sorted(usable))
            raise UsageError(f"--{name} does not apply to {folder} (for {folder}: {listed})")
        try:
            filters[name] = filter_fields()[name].type.coerce(raw)
        except Invalid as e:
            raise UsageError(f"--{name}: {e.message}") from None
    return filters


def resolve_filters(project: Project, filters: dict[str, Any]) -> dict[str, Any]:
    """A filter that names an entity (--circle) as people type it, an id, its beginning or a name,
    turned into its id; one that names nothing or two things is a usage error naming the closest."""
    from scaleplus_cli.refs import Unresolved, resolve

    resolved = dict(filters)
    for name, typed in filters.items():
        item = filter_fields()[name].type
        if isinstance(item, Ref) and isinstance(typed, str):
            try:
                resolved[name] = resolve(project, item.kinds, typed)
            except Unresolved as e:
                raise UsageError(f"--{name}: {e.message}") from None
    return resolved


def selected(project: Project, folder: str, filters: dict[str, Any]) -> list[Any]:
    entities = list(project.entities(folder).values())
    for name, wanted in filters.items():
        entities = [e for e in entities if any(_matches(project, e, path, wanted) for path in _paths(folder, name))]
    return entities


def _matches(project: Project, entity: Any, path: tuple[str, ...], wanted: Any) -> bool:
    value = getattr(entity, path[0])
    if len(path) == 1:
        return value == wanted
    _, folder, name = path
    others = project.entities(folder)
    refs = value if isinstance(value, list) else [value]
    return any(ref in others and getattr(others[ref], name) == wanted for ref in refs)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value)


# Columns of `list` that are not fields but figures about an entity, and the field they follow (None: last).
DERIVED: dict[str, list[tuple[str, str | None, Callable[[Project, Any], Any]]]] = {
    "stakeholders": [("commitments", None, lambda p, s: len(p.commitments_by(s.id)))],
    "barriers": [
        ("raised_by", None, lambda p, b: len(b.raised_by)),
        ("commitments", None, lambda p, b: sum(c.live for c in p.commitments_on(b.id))),
    ],
    "commitments": [("due", "horizon", lambda p, c: p.due_date(c))],
    "plans": [("actions", None, lambda p, plan: len(plan.actions))],
}


def columns(project: Project, folder: str) -> list[tuple[str, Callable[[Any], Any]]]:
    """The id, the fields declared `listed`, and the figures of DERIVED, in that order."""
    cols: list[tuple[str, Callable[[Any], Any]]] = [("id", lambda e: e.id)]
    derived = DERIVED.get(folder, [])

    def figure(get: Callable[[Project, Any], Any]) -> Callable[[Any], Any]:
        return lambda e: get(project, e)

    for spec in KINDS[folder].schema.fields:
        if spec.listed:
            cols.append((spec.name, attrgetter(spec.name)))
        cols += [(name, figure(get)) for name, after, get in derived if after == spec.name]
    cols += [(name, figure(get)) for name, after, get in derived if after is None]
    return cols


def table(project: Project, folder: str, filters: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    """Header and text rows, as the table and CSV show them."""
    cols = columns(project, folder)
    rows = [[_text(get(e)) for _, get in cols] for e in selected(project, folder, filters)]
    return [name for name, _ in cols], rows


def records(project: Project, folder: str, filters: dict[str, Any]) -> list[dict[str, Any]]:
    """Every field of each entity, id first, for JSON."""
    return [{"id": e.id, **{k: v for k, v in plain(e).items() if k != "id"}} for e in selected(project, folder, filters)]


def _action_refs(project: Project, entity_id: str) -> list[dict[str, Any]]:
    return [
        {"plan": p.id, "action": n + 1, "title": a.title, "as": _role(a, entity_id)}
        for p, n, a in project.actions_naming(entity_id)
    ]


def _role(action: Any, entity_id: str) -> str:
    for role in ("lead", "partners", "barriers", "commitments"):
        value = getattr(action, role)
        if value == entity_id or (isinstance(value, list) and entity_id in value):
            return role
    return ""


def shown(project: Project, entity_id: str) -> list[dict[str, Any]]:
    """Every entity (or goal) with this id, with its fields and what refers to it."""
    found: list[dict[str, Any]] = []
    for folder, kind in KINDS.items():
        entity = project.entities(folder).get(entity_id)
        if entity is None:
            continue
        item: dict[str, Any] = {"kind": kind.singular, "id": entity_id, "path": entity.source.path}
        item.update({k: v for k, v in plain(entity).items() if k != "id"})
        refs: dict[str, Any] = {}
        if folder == "stakeholders":
            refs["commitments"] = [c.id for c in project.commitments_by(entity_id)]
            refs["barriers_raised"] = [b.id for b in project.barriers_raised_by(entity_id)]
            refs["actions"] = _action_refs(project, entity_id)
            refs["offices"] = [s.id for s in project.children(entity_id)]
            refs["circles"] = [c.id for c in project.circles_of(entity_id)]
            refs["plans_owned"] = [p.id for p in project.plans_owned_by(entity_id)]
        elif folder == "circles":
            refs["commitments"] = [c.id for c in project.commitments_in(entity_id)]
            refs["plans_owned"] = [p.id for p in project.plans_owned_by(entity_id)]
        elif folder == "barriers":
            refs["commitments"] = [c.id for c in project.commitments_on(entity_id)]
            refs["actions"] = _action_refs(project, entity_id)
        elif folder == "commitments":
            item["due"] = plain(project.due_date(entity))
            refs["actions"] = _action_refs(project, entity_id)
        item["referenced_by"] = refs
        found.append(item)
    outcome = project.outcomes.get(entity_id)
    if outcome is not None:
        from scaleplus_cli.pathways import leading_into, pathway

        item = {"kind": "outcome", "id": entity_id, "path": project.theory.source.path}
        item.update({k: v for k, v in plain(outcome).items() if k != "id"})
        item["pathway"] = pathway(project, entity_id)
        item["referenced_by"] = {"outcomes": leading_into(project, entity_id),
                                 "actions": [{"plan": p.id, "action": n + 1, "title": a.title, "as": "outcomes"}
                                             for p, n, a in project.actions_serving(entity_id)]}
        found.append(item)
    for goal in project.settings.goals:
        if goal.id == entity_id:
            found.append(
                {
                    "kind": "goal",
                    "id": goal.id,
                    "path": project.settings.source.path,
                    "text": goal.text,
                    "referenced_by": {
                        "barriers": [b.id for b in project.barriers.values() if entity_id in b.goals],
                        "plans": [p.id for p in project.plans.values() if entity_id in p.goals],
                        "outcomes": [o.id for o in project.outcomes.values() if entity_id in o.leads_to],
                    },
                }
            )
    return found


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A cell of `list --format csv` that a spreadsheet opens as text, never as a formula: text that
    starts like one (=HYPERLINK(...), +1, @name) gets a leading apostrophe, as OWASP advises;
    a number (-5, +1.5) stays a number."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_START):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text
