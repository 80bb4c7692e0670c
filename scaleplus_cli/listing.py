"""Rows for `scaleplus list`: filters and the columns of each kind (no printing here)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from scaleplus_cli.errors import UsageError
from scaleplus_cli.models import CATEGORIES, HORIZONS, KINDS, SECTORS, STATUSES, Project
from scaleplus_cli.schema import Choice, Invalid
from scaleplus_cli.serialize import plain


@dataclass
class Filters:
    status: str | None = None
    sector: str | None = None
    category: str | None = None
    horizon: int | None = None


# Which filters apply to which kind.
APPLIES = {
    "stakeholders": {"sector"},
    "barriers": {"category"},
    "commitments": {"status", "sector", "category", "horizon"},
    "plans": {"horizon"},
}


def validate(folder: str, filters: Filters) -> None:
    for name in ("status", "sector", "category", "horizon"):
        if getattr(filters, name) is not None and name not in APPLIES[folder]:
            usable = ", ".join(f"--{f}" for f in sorted(APPLIES[folder]))
            raise UsageError(f"--{name} does not apply to {folder} (for {folder}: {usable})")
    checks = {"status": Choice("status", STATUSES), "sector": Choice("sector", SECTORS), "category": Choice("category", CATEGORIES)}
    for name, choice in checks.items():
        value = getattr(filters, name)
        if value is not None:
            try:
                choice.coerce(value)
            except Invalid as e:
                raise UsageError(f"--{name}: {e.message}") from None
    if filters.horizon is not None and filters.horizon not in HORIZONS:
        raise UsageError(f"--horizon: expected 100 or 1000, got {filters.horizon}")


def selected(project: Project, folder: str, filters: Filters) -> list[Any]:
    validate(folder, filters)
    entities = list(project.entities(folder).values())
    f = filters
    if folder == "stakeholders" and f.sector:
        entities = [s for s in entities if s.sector == f.sector]
    if folder == "barriers" and f.category:
        entities = [b for b in entities if b.category == f.category]
    if folder == "commitments":
        sector_of = {s.id: s.sector for s in project.stakeholders.values()}
        category_of = {b.id: b.category for b in project.barriers.values()}
        entities = [
            c
            for c in entities
            if (f.status is None or c.status == f.status)
            and (f.horizon is None or c.horizon == f.horizon)
            and (f.sector is None or sector_of.get(c.stakeholder) == f.sector)
            and (f.category is None or any(category_of.get(b) == f.category for b in c.barriers))
        ]
    if folder == "plans" and f.horizon:
        entities = [p for p in entities if p.horizon == f.horizon]
    return entities


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_text(v) for v in value)
    return str(value)


def columns(project: Project, folder: str) -> list[tuple[str, Callable[[Any], Any]]]:
    if folder == "stakeholders":
        return [
            ("id", lambda s: s.id),
            ("name", lambda s: s.name),
            ("sector", lambda s: s.sector),
            ("organization", lambda s: s.organization),
            ("influence", lambda s: s.influence),
            ("interest", lambda s: s.interest),
            ("commitments", lambda s: len(project.commitments_by(s.id))),
        ]
    if folder == "barriers":
        return [
            ("id", lambda b: b.id),
            ("title", lambda b: b.title),
            ("category", lambda b: b.category),
            ("severity", lambda b: b.severity),
            ("raised_by", lambda b: len(b.raised_by)),
            ("commitments", lambda b: sum(c.live for c in project.commitments_on(b.id))),
        ]
    if folder == "commitments":
        return [
            ("id", lambda c: c.id),
            ("stakeholder", lambda c: c.stakeholder),
            ("horizon", lambda c: c.horizon),
            ("due", lambda c: project.due_date(c)),
            ("status", lambda c: c.status),
            ("text", lambda c: c.text),
            ("barriers", lambda c: c.barriers),
        ]
    return [
        ("id", lambda p: p.id),
        ("title", lambda p: p.title),
        ("horizon", lambda p: p.horizon),
        ("owner", lambda p: p.owner),
        ("start", lambda p: p.start),
        ("actions", lambda p: len(p.actions)),
    ]


def table(project: Project, folder: str, filters: Filters) -> tuple[list[str], list[list[str]]]:
    """Header and text rows, as the table and CSV show them."""
    cols = columns(project, folder)
    rows = [[_text(get(e)) for _, get in cols] for e in selected(project, folder, filters)]
    return [name for name, _ in cols], rows


def records(project: Project, folder: str, filters: Filters) -> list[dict[str, Any]]:
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
        elif folder == "barriers":
            refs["commitments"] = [c.id for c in project.commitments_on(entity_id)]
            refs["actions"] = _action_refs(project, entity_id)
        elif folder == "commitments":
            item["due"] = plain(project.due_date(entity))
            refs["actions"] = _action_refs(project, entity_id)
        item["referenced_by"] = refs
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
                    },
                }
            )
    return found
