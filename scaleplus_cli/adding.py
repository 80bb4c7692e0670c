"""Adding one thing the room named: a new entity file (a stakeholder, barrier, commitment, plan or
circle), or a record inside a file (a goal in scaleplus.yaml, an action in a plan, an indicator on an
action or a commitment). Option values are read with the loader's field types, references as people
type them are resolved to ids, and the project as it would be is checked with `check`'s rules before
anything is written."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scaleplus_cli.edit import YamlEdit
from scaleplus_cli.errors import Problem, ScaleplusError, UsageError
from scaleplus_cli.ids import slugify, unique_id
from scaleplus_cli.models import COMMITMENT, KINDS, PLAN, SETTINGS, THEORY, Kind, Project
from scaleplus_cli.refs import Unresolved, resolve, resolve_values
from scaleplus_cli.schema import Choice, Invalid, ListOf, Record, Ref, Schema, is_valid_id
from scaleplus_cli.serialize import ordered, to_yaml
from scaleplus_cli.store import PROJECT_FILE, THEORY_FILE, parse_mapping
from scaleplus_cli.transaction import file_text
from scaleplus_cli.writing import commit, edit_text, key_at


def option_name(field: str, schema: Schema) -> str:
    """The `add` option of a field, as its declaration names it (repeated options are singular: --goal)."""
    spec = schema.by_name.get(field)
    return spec.option_name if spec is not None else "--" + field.replace("_", "-")


def missing_required(schema: Schema, given: dict[str, Any], optional: tuple[str, ...] = ()) -> list[str]:
    """Required fields not given (`optional`: required in the file, but `add` fills them in)."""
    return [f.name for f in schema.fields if f.required and _blank(given.get(f.name)) and f.name not in optional]


def _blank(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def coerce(schema: Schema, given: dict[str, Any]) -> dict[str, Any]:
    """Option values (text, or lists of text) to field values, or a UsageError naming the option."""
    values: dict[str, Any] = {}
    for name, raw in given.items():
        if isinstance(raw, list):
            raw = [item for item in raw if not _blank(item)]
        if _blank(raw):
            continue
        spec = schema.by_name[name]
        if isinstance(spec.type, ListOf) and isinstance(spec.type.item, Record):  # --action TITLE: a record by its first field
            first = spec.type.item.schema.fields[0].name
            values[name] = [{first: title} for title in raw if title.strip()]
            continue
        if isinstance(raw, list):
            raw = "; ".join(raw)
        try:
            value = spec.type.coerce(raw)
        except Invalid as e:
            raise UsageError(f"{option_name(name, schema)}: {e.message}") from None
        if value not in (None, "", []):
            values[name] = value
    for spec in schema.fields:  # a choice's default is written out, to be seen and changed in the file
        if spec.name not in values and spec.default is not None and isinstance(spec.type, Choice):
            values[spec.name] = spec.default
    return values


def _resolved(project: Project, schema: Schema, values: dict[str, Any]) -> dict[str, Any]:
    """References as people type them turned into ids, or a UsageError naming every one that is not clear."""
    values, unresolved = resolve_values(project, schema, values)
    if unresolved:
        raise UsageError(
            f"nothing was written: {len(unresolved)} reference{'s' if len(unresolved) != 1 else ''} could not be resolved",
            located=[(option_name(name, schema), message) for name, message in unresolved],
        )
    return values


_TRAILING = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}


def base_id(kind: Kind, values: dict[str, Any]) -> str:
    if kind.folder == "commitments":
        words = " ".join(values["text"].split()[:6])
        base = slugify(f"{values['stakeholder']} {words}", 48)
        while "-" in base and base.rsplit("-", 1)[1] in _TRAILING:  # not "...-boats-on"
            base = base.rsplit("-", 1)[0]
    else:
        base = slugify(values[kind.name_field])
    return base or kind.singular


def render(kind: Kind, values: dict[str, Any]) -> str:
    """The file's text, checked to read back as exactly the same values."""
    data = ordered(kind.schema, values)
    text = to_yaml(data)
    read_back, _, problems = parse_mapping(text, kind.singular, kind.schema)
    if problems or ordered(kind.schema, read_back) != data:  # pragma: no cover - a bug, not bad input
        raise ScaleplusError(f"could not write the {kind.singular} so that it reads back exactly; nothing was written")
    return text


def create(
    project: Project, folder: str, values: dict[str, Any], entity_id: str | None = None, *, today: dt.date
) -> tuple[Path, list[Problem]]:
    """Write a new entity file and return its path, after checking the project as it would be with it
    (references, names, every rule of `check`), with the warnings `check` will give about what was typed
    (a plan's owner that is no circle or stakeholder). Never overwrites a file. The caller holds the
    project lock."""
    kind = KINDS[folder]
    missing = missing_required(kind.schema, values, ("actions",))
    if missing:
        raise UsageError(f"{option_name(missing[0], kind.schema)} is required")
    if folder == "plans":
        values.setdefault("actions", [])
    values = _resolved(project, kind.schema, values)
    taken = set(project.entities(folder))
    if entity_id is not None:
        if not is_valid_id(entity_id):
            raise UsageError(f"--id: {entity_id!r} is not a valid id (lower-case letters, digits and single hyphens)")
        if entity_id in taken:
            raise UsageError(f"--id: a {kind.singular} with the id {entity_id!r} already exists")
    text = render(kind, values)
    rel = f"{folder}/{entity_id or unique_id(base_id(kind, values), taken)}.yaml"

    def locate(problem: Problem) -> str | None:
        key = key_at(text, problem.line) if problem.path == rel else None
        return option_name(key, kind.schema) if key else None

    warnings: list[Problem] = []
    [path] = commit(project, {rel: text}, doing=f"adding the {kind.singular}", today=today, locate=locate, exit_code=2,
                    warnings=warnings)
    typed_references = {
        f.name for f in kind.schema.fields if isinstance(f.type.item if isinstance(f.type, ListOf) else f.type, Ref)
    }
    return path, [p for p in warnings if key_at(text, p.line) in typed_references]


# -- records inside a file ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """Where a new record goes: the file, its schema, and the keys of the list it joins."""

    rel: str
    schema: Schema
    keys: tuple[str | int, ...]
    what: str  # in words: "plan action-plan-100-day", "action 2 of plan ..."
    create: bool = False  # the file may not exist yet: the record then starts it (theory.yaml)


def goal_place() -> Place:
    return Place(PROJECT_FILE, SETTINGS, ("goals",), "the project's goals")


def action_place(project: Project, plan: str) -> Place:
    plan_id = _entity(project, "plan", plan, "PLAN")  # the argument, as the usage line names it
    return Place(project.plans[plan_id].source.path, PLAN, ("actions",), f"plan {plan_id}")


def indicator_place(project: Project, plan: str | None, action: str | None, commitment: str | None) -> Place:
    """An indicator goes onto a commitment (--commitment) or onto an action of a plan (--plan, --action)."""
    from scaleplus_cli.recording import find_action

    if commitment and not plan and not action:
        commitment_id = _entity(project, "commitment", commitment, "--commitment")
        return Place(project.commitments[commitment_id].source.path, COMMITMENT, ("indicators",), f"commitment {commitment_id}")
    if plan and action and not commitment:
        plan_id = _entity(project, "plan", plan, "--plan")
        n, _ = find_action(project.plans[plan_id], action)
        return Place(project.plans[plan_id].source.path, PLAN, ("actions", n, "indicators"), f"action {n + 1} of plan {plan_id}")
    raise UsageError("say where the indicator goes: --commitment COMMITMENT, or --plan PLAN and --action ACTION")


def outcome_place() -> Place:
    return Place(THEORY_FILE, THEORY, ("outcomes",), "the theory of change", create=True)


def outcome_id(project: Project, values: dict[str, Any]) -> str:
    """The id of a new outcome: --id when given (valid and free), else made from its text."""
    taken = set(project.outcomes) | {g.casefold() for g in project.goal_ids}
    given = values.get("id")
    if given is not None:
        if not is_valid_id(given):
            raise UsageError(f"--id: {given!r} is not a valid id (lower-case letters, digits and single hyphens)")
        if given in taken:
            raise UsageError(f"--id: an outcome or goal with the id {given!r} already exists")
        return given
    return unique_id(slugify(values.get("text") or "", 48) or "outcome", taken)


def _entity(project: Project, kind: str, typed: str, option: str) -> str:
    try:
        return resolve(project, kind, typed)
    except Unresolved as e:
        raise UsageError(f"{option}: {e.message}") from None


def next_goal_id(project: Project) -> str:
    """G1, G2, ...: one more than the highest number the goals use."""
    numbers = [int(m.group(1)) for g in project.goal_ids if (m := re.fullmatch(r"[Gg](\d+)", g))]
    return f"G{max(numbers, default=0) + 1}"


def append(project: Project, place: Place, record: Schema, values: dict[str, Any], *, today: dt.date) -> Path:
    """Add a record at the end of the list at `place`, editing the file in place (every other line kept),
    after checking the project as it would be. The caller holds the project lock."""
    missing = missing_required(record, values)
    if missing:
        raise UsageError(f"{option_name(missing[0], record)} is required")
    values = ordered(record, _resolved(project, record, values))
    text = file_text(project.root / place.rel)
    if text is None and place.create and len(place.keys) == 1:  # the first record starts the file
        new_text = to_yaml(ordered(place.schema, {place.keys[0]: [values]}))
        return _commit_record(project, place, record, new_text, today)
    if text is None:
        raise ScaleplusError(f"{place.rel} is gone; nothing was written")
    parent = _parent_schema(place)

    def change(edit: YamlEdit) -> None:
        edit.append(list(place.keys), values, order=[f.name for f in parent.fields])

    def expected(old: dict[str, Any]) -> dict[str, Any]:
        new = ordered(place.schema, old)
        held = new
        for key in place.keys[:-1]:
            held = held[key]
        held[place.keys[-1]] = [*held.get(place.keys[-1], []), values]
        return new

    new_text = edit_text(text, place.rel, place.schema, change, expected)
    return _commit_record(project, place, record, new_text, today)


def _commit_record(project: Project, place: Place, record: Schema, new_text: str, today: dt.date) -> Path:
    def locate(problem: Problem) -> str | None:  # "lead: no stakeholder ..." -> --lead
        head = problem.message.partition(": ")[0]
        return option_name(head, record) if problem.path == place.rel and head in record.by_name else None

    [path] = commit(
        project, {place.rel: new_text}, doing=f"adding to {place.what}", today=today, locate=locate, exit_code=2
    )
    return path


def _parent_schema(place: Place) -> Schema:
    """The schema of the mapping that holds the list (a plan, an action, a commitment, scaleplus.yaml)."""
    schema = place.schema
    for key in place.keys[:-1]:
        if isinstance(key, str):
            kind = schema.by_name[key].type
            kind = kind.item if isinstance(kind, ListOf) else kind
            schema = kind.schema if isinstance(kind, Record) else schema
    return schema

