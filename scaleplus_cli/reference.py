"""The field reference: a Markdown table of every file kind's fields, made from the declarations.
The README carries these tables; a test fails when they disagree (tools/update_readme_fields.py
writes them anew)."""

from __future__ import annotations

from scaleplus_cli.models import FILES, KINDS
from scaleplus_cli.schema import Bool, Choice, Code, Date, FieldType, Integer, ListOf, Number, Record, Ref, Schema, Text, Time


def tables() -> dict[str, str]:
    """The table of each file kind (and of the records inside them), by a name for its README marker."""
    out: dict[str, str] = {}
    for name, schema in FILES.items():
        _add(out, name.removesuffix(".yaml"), schema)
    for kind in KINDS.values():
        _add(out, kind.singular, kind.schema)
    return out


def _add(out: dict[str, str], name: str, schema: Schema) -> None:
    out[name] = table(schema)
    for spec in schema.fields:
        item = spec.type.item if isinstance(spec.type, ListOf) else spec.type
        if isinstance(item, Record):
            _add(out, item.schema.name.split(" ", 1)[-1].replace(" ", "-"), item.schema)


def table(schema: Schema) -> str:
    rows = ["| key | type | | what it is |", "|---|---|---|---|"]
    for spec in schema.fields:
        default = f"{spec.default // 60:02d}:{spec.default % 60:02d}" if isinstance(spec.type, Time) and spec.default else spec.default
        need = "required" if spec.required else (f"default `{default}`" if default is not None else "")
        rows.append(f"| `{spec.name}` | {describe(spec.type)} | {need} | {spec.help} |")
    return "\n".join(rows) + "\n"


def describe(kind: FieldType) -> str:
    if isinstance(kind, Ref):
        return f"{' or '.join(kind.kinds)} id"
    if isinstance(kind, Code):
        return kind.label
    if isinstance(kind, Bool):
        return "`true` or `false`"
    if isinstance(kind, Choice):
        return ", ".join(f"`{c}`" for c in kind.choices)
    if isinstance(kind, Integer):
        if kind.allowed:
            return " or ".join(f"`{a}`" for a in kind.allowed)
        return f"whole number {kind.low}–{kind.high}" if kind.high is not None else f"whole number ≥ {kind.low}"
    if isinstance(kind, Number):
        return "number" if kind.minimum is None else f"number ≥ {kind.minimum:g}"
    if isinstance(kind, Date):
        return "date (YYYY-MM-DD)"
    if isinstance(kind, Time):
        return "time (HH:MM)"
    if isinstance(kind, ListOf):
        inner = describe(kind.item)
        return f"list of {inner}s" if isinstance(kind.item, (Ref, Text)) and not isinstance(kind.item, Choice) else f"list of: {inner}"
    if isinstance(kind, Record):
        return kind.schema.name
    return "text"


def marker(name: str) -> tuple[str, str]:
    """The README comments around a table, so that it can be found and written anew."""
    return f"<!-- fields: {name} -->\n", f"<!-- end of fields: {name} -->"
