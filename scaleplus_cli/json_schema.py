"""JSON Schemas (draft 2020-12) of every file kind, generated from the kinds' declarations, so that an
editor (VS Code's YAML extension, any JSON Schema tool) offers completion, choices and hover help."""

from __future__ import annotations

import json
from typing import Any

from scaleplus_cli.models import FILES, KINDS
from scaleplus_cli.schema import (
    Bool,
    Code,
    Choice,
    Date,
    Field,
    FieldType,
    Integer,
    ListOf,
    Number,
    Record,
    Ref,
    Schema,
    Text,
    Time,
)

DRAFT = "https://json-schema.org/draft/2020-12/schema"
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def file_name(target: str) -> str:
    """The schema file of a kind: scaleplus.schema.json, stakeholder.schema.json, ..."""
    return f"{target.removesuffix('.yaml')}.schema.json"


def schemas() -> dict[str, dict[str, Any]]:
    """Every file kind's schema, by the file name it is written to."""
    out = {file_name(name): document(schema, f"{name}: {schema.name}") for name, schema in FILES.items()}
    for kind in KINDS.values():
        out[file_name(kind.singular)] = document(kind.schema, f"{kind.folder}/<id>.yaml: {kind.help}")
    return out


def globs() -> dict[str, str]:
    """Which project files each schema describes (for the editor's settings)."""
    out = {file_name(name): name for name in FILES}
    out.update({file_name(kind.singular): f"{kind.folder}/*.yaml" for kind in KINDS.values()})
    return out


def document(schema: Schema, title: str) -> dict[str, Any]:
    return {"$schema": DRAFT, "title": title, **_object(schema)}


def text(value: dict[str, Any]) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _object(schema: Schema) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {f.name: _property(f) for f in schema.fields},
        "required": [f.name for f in schema.fields if f.required],
        "additionalProperties": False,
    }


def _property(spec: Field) -> dict[str, Any]:
    out = _type(spec.type)
    if spec.help:
        out["description"] = spec.help
    if spec.default is not None:
        out["default"] = spec.default
    return out


def _type(kind: FieldType) -> dict[str, Any]:
    if isinstance(kind, Ref):
        return {"type": "string", "description": kind.label}
    if isinstance(kind, Choice):
        return {"enum": list(kind.choices), "markdownEnumDescriptions": [kind.labels[c] for c in kind.choices]}
    if isinstance(kind, Code):
        return {"type": "string", "pattern": kind.pattern.pattern, "description": kind.label}
    if isinstance(kind, Text):
        return {"type": ["string", "number", "boolean"]}  # `name: 2024` is the text "2024"
    if isinstance(kind, Bool):
        return {"type": "boolean"}
    if isinstance(kind, Integer):
        if kind.allowed:
            return {"enum": list(kind.allowed)}
        out: dict[str, Any] = {"type": "integer", "minimum": kind.low}
        if kind.high is not None:
            out["maximum"] = kind.high
        return out
    if isinstance(kind, Number):
        out = {"type": "number", "maximum": kind.LIMIT, "minimum": -kind.LIMIT}
        if kind.minimum is not None:
            out["minimum"] = kind.minimum
        return out
    if isinstance(kind, Date):
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if isinstance(kind, Time):
        # "09:30" quoted, or 09:30 unquoted (YAML 1.1 reads it as the number 570)
        return {"anyOf": [{"type": "string", "pattern": r"^\d{1,2}:\d{2}$"}, {"type": "integer", "minimum": 0, "maximum": 1439}]}
    if isinstance(kind, ListOf):
        return {"type": "array", "items": _type(kind.item)}
    if isinstance(kind, Record):
        return _object(kind.schema)
    raise TypeError(f"no JSON Schema for {type(kind).__name__}")  # pragma: no cover - a new field type needs one


SCHEMA_FOLDER = ".scaleplus/schemas"


def editor_files(folder: str = SCHEMA_FOLDER) -> dict[str, str]:
    """The files that give VS Code (with its YAML extension) completion, choices and hover help in a
    project: the schemas, the settings that map them onto the project's files, and the extension to use."""
    files = {f"{folder}/{name}": text(schema) for name, schema in schemas().items()}
    settings = {"yaml.schemas": {f"./{folder}/{name}": pattern for name, pattern in globs().items()}}
    files[".vscode/settings.json"] = text(settings)
    files[".vscode/extensions.json"] = text({"recommendations": ["redhat.vscode-yaml"]})
    return files
