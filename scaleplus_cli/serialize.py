"""Entities to plain data (for JSON and spreadsheets) and new entity files to YAML text, in SPEC key order."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from scaleplus_cli.schema import Schema


def plain(value: Any) -> Any:
    """JSON-ready data: dataclasses to dicts (without their source), dates to ISO text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name != "source"}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def ordered(schema: Schema, values: dict[str, Any]) -> dict[str, Any]:
    """values in the schema's key order, without empty values; nested records likewise."""
    from scaleplus_cli.schema import Record  # here: the merge driver uses this module without the schema

    out: dict[str, Any] = {}
    for spec in schema.fields:
        value = values.get(spec.name)
        if dataclasses.is_dataclass(value):
            value = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        if value is None or (value in ([], {}) and not spec.required):
            continue
        item = getattr(spec.type, "item", None)
        if isinstance(spec.type, Record):
            value = ordered(spec.type.schema, value)
        elif isinstance(item, Record):
            value = [
                ordered(item.schema, v if isinstance(v, dict) else {f.name: getattr(v, f.name) for f in dataclasses.fields(v)})
                for v in value
            ]
        out[spec.name] = value
    return out


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key, multi-line text as `|` blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # the same date twice is written twice, never as &id001 / *id001


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text.strip("\n") else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)


def to_yaml(data: dict[str, Any]) -> str:
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1_000_000
    )
