"""Creating one new entity file: values checked with the same field types as the loader,
references checked against the project, the id made from the name, the file created exclusively."""

from __future__ import annotations

from pathlib import Path
from typing import Any


from scaleplus_cli.errors import ScaleplusError, UsageError
from scaleplus_cli.ids import name_key, slugify, unique_id
from scaleplus_cli.models import KINDS, Kind, Project
from scaleplus_cli.schema import Invalid, did_you_mean, is_valid_id
from scaleplus_cli.serialize import ordered, to_yaml
from scaleplus_cli.store import create_exclusive, parse_mapping


# Options named in the singular because they are repeated: --goal G1 --goal G2.
_REPEATED = {"goals": "--goal", "barriers": "--barrier", "actions": "--action"}


def option_name(field: str) -> str:
    return _REPEATED.get(field) or "--" + field.replace("_", "-")


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
        if name == "actions":
            values[name] = [{"title": title} for title in raw if title.strip()]
            continue
        spec = schema.by_name[name]
        if isinstance(raw, list):
            raw = "; ".join(raw)
        try:
            value = spec.type.coerce(raw)
        except Invalid as e:
            raise UsageError(f"{option_name(name)}: {e.message}") from None
        if value not in (None, "", []):
            values[name] = value
    return values


def _check_references(project: Project, folder: str, values: dict[str, Any]) -> None:
    known = {
        "stakeholder": project.stakeholders,
        "barrier": project.barriers,
        "goal": set(project.goal_ids),
    }
    for spec in KINDS[folder].schema.fields:
        item = getattr(spec.type, "item", spec.type)
        kind = getattr(item, "kind", None)
        if kind not in known or spec.name not in values:
            continue
        refs = values[spec.name] if isinstance(values[spec.name], list) else [values[spec.name]]
        for ref in refs:
            if ref not in known[kind]:
                raise UsageError(f"{option_name(spec.name)}: no {kind} with id {ref!r}{did_you_mean(ref, known[kind])}")


def _check_name(project: Project, kind: Kind, values: dict[str, Any]) -> None:
    if kind.folder == "commitments":
        return
    name = name_key(values[kind.name_field])
    for entity in project.entities(kind.folder).values():
        other = getattr(entity, kind.name_field)
        if other and name_key(other) == name:
            raise UsageError(f"a {kind.singular} with the {kind.name_field} {other!r} already exists ({entity.id})")


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


def create(project: Project, folder: str, values: dict[str, Any], entity_id: str | None = None) -> Path:
    """Write a new entity file and return its path. Never overwrites a file."""
    kind = KINDS[folder]
    missing = missing_required(folder, values)
    if missing:
        raise UsageError(f"{option_name(missing[0])} is required")
    if folder == "plans":
        values.setdefault("actions", [])
    _check_references(project, folder, values)
    _check_name(project, kind, values)
    taken = set(project.entities(folder))
    if entity_id is not None:
        if not is_valid_id(entity_id):
            raise UsageError(f"--id: {entity_id!r} is not a valid id (lower-case letters, digits and single hyphens)")
        if entity_id in taken:
            raise UsageError(f"--id: a {kind.singular} with the id {entity_id!r} already exists")
    text = render(kind, values)
    directory = project.root / folder
    directory.mkdir(exist_ok=True)
    base = entity_id or base_id(kind, values)
    candidate = entity_id or unique_id(base, taken)
    while True:
        path = directory / f"{candidate}.yaml"
        if create_exclusive(path, text):
            return path
        if entity_id is not None:
            raise UsageError(f"--id: {path.name} already exists")
        taken.add(candidate)
        candidate = unique_id(base, taken)
