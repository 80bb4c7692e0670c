"""An import's rows read as values: each cell parsed with the loader's own types, the ids of new rows
made as `add` makes them, and references typed in cells resolved against the project as the import
will leave it (a row may name what another row creates or renames)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from scaleplus_cli.adding import base_id  # the id `add` would make: one rule for both
from scaleplus_cli.ids import slugify, unique_id
from scaleplus_cli.models import KINDS, Project
from scaleplus_cli.refs import Candidate, Unresolved, candidates, resolve_among
from scaleplus_cli.schema import Date, Field, Invalid, ListOf, Ref, Text, is_valid_id, short
from scaleplus_cli.spreadsheet import left_out
from scaleplus_cli.spreadsheet.sheets import Sheet, SheetProblem


@dataclass
class Row:
    number: int
    entity_id: str | None  # as given in the id column
    values: dict[str, Any]  # parsed non-empty cells
    empty: set[str]  # fields whose cell is empty
    ok: bool = True
    existing: bool = False
    refused: set[str] = field(default_factory=set)  # fields whose cell holds what they cannot take (said once)


def _parse(spec: Field, value: Any) -> Any:
    """A cell's value as the field's value, with the loader's own types and messages."""
    if isinstance(value, dt.datetime) and value.time() == dt.time(0) and not isinstance(spec.type, Date):
        value = value.date()
    if isinstance(spec.type, Text):
        text = spec.type.coerce(value)
        return text.replace("\r\n", "\n").strip() if text is not None else None
    if isinstance(spec.type, ListOf) and isinstance(value, str):
        value = value.replace("\n", ";")
    return spec.type.coerce(value)


@dataclass
class ReadSheet:
    """One sheet on its way to changes: its columns (field -> column number), its rows, its problems."""

    sheet: Sheet
    found: list[SheetProblem]
    mapping: dict[str, int] | None = None
    rows: list[Row] = field(default_factory=list)

    def report(self, problem: SheetProblem) -> None:
        self.found.append(problem)


def read_rows(project: Project, sheet: Sheet, mapping: dict[str, int], report: Any) -> list[Row]:
    """Every row's cells as field values; ids given unique in the sheet; a new row's required fields there."""
    kind = KINDS[sheet.folder]
    schema = kind.schema
    existing = project.entities(sheet.folder)
    rows: list[Row] = []
    for number, cells in sheet.rows:
        row = Row(number, None, {}, set())
        for name, col in mapping.items():
            raw = cells[col - 1] if col <= len(cells) else None
            if name == "id":
                if raw is None:
                    continue
                text = str(raw).strip()
                if not is_valid_id(text):
                    hint = slugify(text)
                    report(
                        sheet.problem(
                            number, col, f"id: {short(text)} is not a valid id: lower-case letters, digits and single"
                            " hyphens" + (f" (did you mean {hint!r}?)" if hint and hint != text else "")
                        )
                    )
                    row.ok = False
                row.entity_id = text
                continue
            spec = schema.by_name[name]
            if raw is None:
                row.empty.add(name)
                continue
            try:
                value = _parse(spec, raw)
            except Invalid as e:
                report(sheet.problem(number, col, f"{name}: {e.message}"))
                row.ok = False
                row.refused.add(name)
                continue
            if value in (None, "", []):
                row.empty.add(name)
            else:
                row.values[name] = value
        row.empty |= {f.name for f in schema.fields if f.name not in mapping}
        row.existing = row.entity_id in existing
        rows.append(row)

    first_row: dict[str, int] = {}
    for row in rows:
        if row.entity_id is None or not row.ok and not is_valid_id(row.entity_id):
            continue
        if row.entity_id in first_row:
            report(
                sheet.problem(row.number, mapping["id"], f"id: {row.entity_id!r} is also on row {first_row[row.entity_id]}")
            )
            row.ok = False
        else:
            first_row[row.entity_id] = row.number
    for row in rows:
        if row.existing:
            continue
        missing = [
            f.name for f in schema.fields
            if f.required and f.name not in row.values and f.name not in row.refused and f.name not in left_out(sheet.folder)
        ]
        for name in missing:
            col = mapping.get(name, 0)
            where = "" if col else f" (the sheet has no {name!r} column)"
            report(sheet.problem(row.number, col, f"{name}: a value is required for a new {kind.singular}{where}"))
            row.ok = False
    return rows


def new_ids(project: Project, one: ReadSheet) -> None:
    """New rows without an id get the one `add` would make, unique among the project's and the sheet's."""
    kind = KINDS[one.sheet.folder]
    taken = set(project.entities(kind.folder)) | {row.entity_id for row in one.rows if row.entity_id is not None}
    for row in one.rows:
        if row.ok and row.entity_id is None:
            row.entity_id = unique_id(base_id(kind, row.values), taken)
            taken.add(row.entity_id)


def pools_after(project: Project, read: list[ReadSheet]) -> dict[str, list[Candidate]]:
    """What a reference may name once the import is written, per kind: the project's entities under
    the names the sheets give them, and the new rows with their ids and names."""
    imported = {one.sheet.folder: one for one in read}
    pools: dict[str, list[Candidate]] = {}
    for kind in ("stakeholder", "barrier", "commitment", "circle", "plan", "goal", "outcome"):
        folder = next((k.folder for k in KINDS.values() if k.singular == kind), None)
        one = imported.get(folder or "")
        if one is None:
            pools[kind] = candidates(project, kind)
            continue
        name_field = KINDS[one.sheet.folder].name_field
        named = {row.entity_id: row.values.get(name_field) for row in one.rows if row.ok and row.entity_id is not None}
        pool = [Candidate(c.id, named.pop(c.id, None) or c.name) for c in candidates(project, kind)]
        pool += [Candidate(entity_id, name or "") for entity_id, name in named.items()]
        pools[kind] = pool
    return pools


def resolve_references(pools: dict[str, list[Candidate]], one: ReadSheet) -> None:
    """References as people type them, an id, a prefix of one, or a name, resolved against the project as
    the import leaves it. What names nothing is kept as typed: check names it at its cell."""
    schema = KINDS[one.sheet.folder].schema
    assert one.mapping is not None
    ids_of: dict[tuple[str, ...], set[str]] = {}  # most cells hold ids, as export wrote them: known at once
    for row in one.rows:
        for name, value in list(row.values.items()):
            item = schema.by_name[name].type
            item = item.item if isinstance(item, ListOf) else item
            if not isinstance(item, Ref):
                continue
            if item.kinds not in ids_of:
                ids_of[item.kinds] = {c.id for kind in item.kinds for c in pools.get(kind, [])}
            typed = value if isinstance(value, list) else [value]
            ids = []
            for text in typed:
                if text.strip() in ids_of[item.kinds]:
                    ids.append(text.strip())
                    continue
                try:
                    ids.append(resolve_among(pools, item.kinds, text))
                except Unresolved as e:
                    if e.ambiguous:
                        one.report(one.sheet.problem(row.number, one.mapping[name], f"{name}: {e.message}"))
                        row.ok = False
                    ids.append(text)
            row.values[name] = ids if isinstance(value, list) else ids[0]
