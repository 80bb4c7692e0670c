"""Creating one new entity file: option values read with the loader's field types, the id made from
the name, the project as it would be checked by `check`'s rules, the file created exclusively."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any


from scaleplus_cli.errors import Problem, ScaleplusError, UsageError
from scaleplus_cli.ids import slugify, unique_id
from scaleplus_cli.refs import resolve_values
from scaleplus_cli.models import KINDS, Kind, Project
from scaleplus_cli.schema import Choice, Invalid, ListOf, Record, is_valid_id
from scaleplus_cli.serialize import ordered, to_yaml
from scaleplus_cli.store import parse_mapping
from scaleplus_cli.writing import commit, key_at


def option_name(field: str, folder: str | None = None) -> str:
    """The `add` option of a field, as its kind declares it (repeated options are singular: --goal)."""
    for kind in ([KINDS[folder]] if folder else KINDS.values()):
        spec = kind.schema.by_name.get(field)
        if spec is not None:
            return spec.option_name
    return "--" + field.replace("_", "-")


def missing_required(folder: str, given: dict[str, Any]) -> list[str]:
    """Required fields not given (a plan's actions may start empty)."""
    schema = KINDS[folder].schema
    return [f.name for f in schema.fields if f.required and _blank(given.get(f.name)) and f.name != "actions"]


def _blank(value: Any) -> bool:
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


def coerce(folder: str, given: dict[str, Any]) -> dict[str, Any]:
    """Option values (text, or lists of text) to field values, or a UsageError naming the option."""
    schema = KINDS[folder].schema
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
            raise UsageError(f"{option_name(name)}: {e.message}") from None
        if value not in (None, "", []):
            values[name] = value
    for spec in schema.fields:  # a choice's default is written out, to be seen and changed in the file
        if spec.name not in values and spec.default is not None and isinstance(spec.type, Choice):
            values[spec.name] = spec.default
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
) -> Path:
    """Write a new entity file and return its path, after checking the project as it would be with it
    (references, names, every rule of `check`). Never overwrites a file. The caller holds the project lock."""
    kind = KINDS[folder]
    missing = missing_required(folder, values)
    if missing:
        raise UsageError(f"{option_name(missing[0])} is required")
    if folder == "plans":
        values.setdefault("actions", [])
    values, unresolved = resolve_values(project, kind.schema, values)
    if unresolved:
        raise UsageError(
            f"nothing was written: {len(unresolved)} reference{'s' if len(unresolved) != 1 else ''} could not be resolved",
            located=[(option_name(name, folder), message) for name, message in unresolved],
        )
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
        return option_name(key) if key else None

    [path] = commit(project, {rel: text}, doing=f"adding the {kind.singular}", today=today, locate=locate, exit_code=2)
    return path
