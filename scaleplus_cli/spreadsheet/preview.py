"""Working out an import before anything is written: every row checked, the new text of every file built."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from scaleplus_cli.adding import (
    base_id,  # the id `add` would make: one rule for both
    render,
)
from scaleplus_cli.edit import EditError, YamlEdit
from scaleplus_cli.errors import ScaleplusError
from scaleplus_cli.ids import name_key, slugify, unique_id
from scaleplus_cli.models import KINDS, Kind, Project
from scaleplus_cli.schema import (
    Date,
    Field,
    Invalid,
    ListOf,
    Text,
    did_you_mean,
    is_valid_id,
    short,
)
from scaleplus_cli.spreadsheet import IMPORTABLE, LEFT_OUT, columns
from scaleplus_cli.spreadsheet.sheets import Sheet, SheetProblem, blank, read_sheets
from scaleplus_cli.store import parse_mapping, read_mapping
from scaleplus_cli.transaction import file_text

# -- planning an import -------------------------------------------------------------------------


@dataclass
class Change:
    """What one row does to one file."""

    folder: str
    entity_id: str
    path: Path
    action: str  # "create", "update" or "unchanged"
    row: int
    fields: list[str] = field(default_factory=list)
    old_text: str | None = None
    new_text: str | None = None

    @property
    def rel(self) -> str:
        """The file as the project names it: stakeholders/x.yaml."""
        return f"{self.folder}/{self.path.name}"


@dataclass
class ImportPlan:
    file: str  # the file as the user named it, for messages
    folders: list[str]
    changes: list[Change] = field(default_factory=list)
    problems: list[tuple[str, SheetProblem]] = field(default_factory=list)  # (sheet prefix, problem)
    warnings: list[str] = field(default_factory=list)  # what the import leaves out, said before anything else

    def count(self, folder: str, action: str) -> int:
        return sum(1 for c in self.changes if c.folder == folder and c.action == action)

    @property
    def writes(self) -> list[Change]:
        return [c for c in self.changes if c.action != "unchanged"]

    def messages(self) -> list[tuple[str, str]]:
        """(FILE:ROW:COLUMN, message) of every problem, in sheet and row order."""
        return [(p.where(self.file), f"{prefix}{p.message}") for prefix, p in self.problems]


@dataclass
class Row:
    number: int
    entity_id: str | None  # as given in the id column
    values: dict[str, Any]  # parsed non-empty cells
    empty: set[str]  # fields whose cell is empty
    ok: bool = True
    existing: bool = False


def _header_key(value: Any) -> str:
    return re.sub(r"[\s\-]+", "_", str(value).strip().lower())


def _map_columns(sheet: Sheet, report: Any) -> dict[str, int] | None:
    """Field name -> column number, from the header; None when the sheet cannot be imported."""
    known = columns(sheet.folder)
    left_out = LEFT_OUT.get(sheet.folder, ())
    kind = KINDS[sheet.folder]
    mapping: dict[str, int] = {}
    if not sheet.header:
        report(sheet.problem(1, 1, "the sheet is empty: it needs a header row of field names and rows below it"))
        return None
    width = max([len(sheet.header)] + [len(r) for _, r in sheet.rows])
    for col in range(1, width + 1):
        raw = sheet.header[col - 1] if col <= len(sheet.header) else None
        if blank(raw):
            if any(col <= len(r) and r[col - 1] is not None for _, r in sheet.rows):
                report(sheet.problem(sheet.header_row, col, "the column has values but no header; name it after a field"))
            continue
        key = _header_key(raw)
        key = next((k for k in known if k.replace("_", "") == key.replace("_", "")), key)  # E-mail, raisedby
        if key in left_out:
            report(sheet.problem(sheet.header_row, col, f"{key!r} cannot be imported from a sheet; use scaleplus update"))
        elif key not in known:
            report(sheet.problem(sheet.header_row, col, f"unknown column {str(raw)!r} for {kind.folder}{did_you_mean(key, known)}"))
        elif key in mapping:
            report(sheet.problem(sheet.header_row, col, f"column {key!r} is given twice (first in column {sheet.label(mapping[key])})"))
        else:
            mapping[key] = col
    if "id" not in mapping and kind.name_field not in mapping:
        report(
            sheet.problem(
                sheet.header_row, 0, f"the sheet needs an 'id' column (to update) or a {kind.name_field!r} column (to add)"
            )
        )
        return None
    if not sheet.rows:
        if sheet.asked:  # a whole exported workbook may well have a kind with no rows yet
            report(sheet.problem(sheet.header_row + 1, 1, "the sheet has a header but no rows to import"))
        return None
    return mapping


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


def _same(spec: Field, new: Any, old: Any) -> bool:
    if isinstance(spec.type, Text) and isinstance(new, str) and isinstance(old, str):
        return new.strip() == old.replace("\r\n", "\n").strip()
    return new == old


def _known_ids(project: Project, arriving: dict[str, set[str]]) -> dict[str, set[str]]:
    return {
        "stakeholder": set(project.stakeholders) | arriving.get("stakeholders", set()),
        "barrier": set(project.barriers) | arriving.get("barriers", set()),
        "goal": set(project.goal_ids),
    }


def plan_import(project: Project, path: Path, kinds: list[str] | None, clear_empty: bool = False) -> ImportPlan:
    """Read and check every row; the plan holds the new text of every file it would write, or problems."""
    sheets, left_out = read_sheets(path, kinds)
    plan = ImportPlan(str(path), [s.folder for s in sheets])
    plan.warnings = [
        f"sheet {name!r} was not imported: name a sheet stakeholders, barriers or commitments, or use --kind"
        for name in left_out
    ]
    if not sheets:
        plan.problems.append(
            ("", SheetProblem(0, 0, "no sheet is named stakeholders, barriers or commitments; nothing to import"))
        )
    arriving: dict[str, set[str]] = {}
    several = len(sheets) > 1
    for sheet in sorted(sheets, key=lambda s: IMPORTABLE.index(s.folder)):
        prefix = f"{sheet.name}: " if several else ""
        found: list[SheetProblem] = list(sheet.problems)
        if sheet.readable:
            _plan_sheet(project, sheet, clear_empty, arriving, plan, found.append)
        plan.problems.extend((prefix, p) for p in sorted(set(found)))
    if plan.problems:
        plan.changes = []
    return plan


def _plan_sheet(
    project: Project,
    sheet: Sheet,
    clear_empty: bool,
    arriving: dict[str, set[str]],
    plan: ImportPlan,
    report: Any,
) -> None:
    kind = KINDS[sheet.folder]
    schema = kind.schema
    mapping = _map_columns(sheet, report)
    if mapping is None:
        return
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
                continue
            if value in (None, "", []):
                row.empty.add(name)
            else:
                row.values[name] = value
        row.empty |= {f.name for f in schema.fields if f.name not in mapping}
        row.existing = row.entity_id in existing
        rows.append(row)

    # Ids: given ones are unique in the sheet; new rows without one get the id `add` would make.
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
    taken = set(existing) | set(first_row)
    for row in rows:
        if row.existing:
            continue
        missing = [
            f.name for f in schema.fields if f.required and f.name not in row.values and f.name not in LEFT_OUT.get(sheet.folder, ())
        ]
        for name in missing:
            col = mapping.get(name, 0)
            where = "" if col else f" (the sheet has no {name!r} column)"
            report(sheet.problem(row.number, col, f"{name}: a value is required for a new {kind.singular}{where}"))
            row.ok = False
        if row.ok and row.entity_id is None:
            row.entity_id = unique_id(base_id(kind, row.values), taken)
            taken.add(row.entity_id)
    arriving[sheet.folder] = {r.entity_id for r in rows if not r.existing and r.entity_id}

    known = _known_ids(project, arriving)
    for row in rows:
        for name, value in row.values.items():
            spec = schema.by_name[name]
            ref = getattr(getattr(spec.type, "item", spec.type), "kind", None)
            if ref not in known:
                continue
            for item in value if isinstance(value, list) else [value]:
                if item not in known[ref]:
                    report(
                        sheet.problem(
                            row.number, mapping[name], f"{name}: no {ref} with id {item!r}{did_you_mean(item, known[ref])}"
                        )
                    )
                    row.ok = False

    changes = [_row_change(project, sheet, kind, row, mapping, clear_empty, report) for row in rows if row.ok]
    _check_names(project, sheet, kind, rows, changes, mapping, report)
    plan.changes.extend(c for c in changes if c is not None)


def _row_change(
    project: Project, sheet: Sheet, kind: Kind, row: Row, mapping: dict[str, int], clear_empty: bool, report: Any
) -> Change | None:
    folder = kind.folder
    path = project.root / folder / f"{row.entity_id}.yaml"
    if not row.existing:
        values = dict(row.values)
        if folder == "commitments":
            values.setdefault("status", "pledged")  # as `add` writes it
        try:
            text = render(kind, values)
        except ScaleplusError as e:
            report(sheet.problem(row.number, 0, e.message))
            return None
        return Change(folder, row.entity_id, path, "create", row.number, list(values), None, text)

    rel = f"{folder}/{row.entity_id}.yaml"
    # The loaded entity holds the file's values (or the field defaults where a key is absent):
    # compare with those first, and read the file only when a row changes something.
    entity = project.entities(folder)[row.entity_id]
    to_set: dict[str, Any] = {}
    to_clear: list[str] = []
    for spec in kind.schema.fields:
        name = spec.name
        if name in LEFT_OUT.get(folder, ()):
            continue
        before = getattr(entity, name)
        if name in row.values:
            new = row.values[name]
            if not _same(spec, new, before):
                if isinstance(new, str) and isinstance(before, str) and "\n" in new and before.endswith("\n"):
                    new += "\n"  # keep the block's `|` as it was: only the changed lines differ
                to_set[name] = new
        elif clear_empty and name in row.empty and name in mapping and before not in (None, []):
            if spec.required:
                report(sheet.problem(row.number, mapping[name], f"{name}: a value is required; it cannot be cleared"))
                return None
            to_clear.append(name)
    if not to_set and not to_clear:
        return Change(folder, row.entity_id, path, "unchanged", row.number)
    old_text = file_text(path)
    old, _, problems = read_mapping(path, rel, kind.schema)
    if problems:  # pragma: no cover - the project was checked sound before planning
        report(sheet.problem(row.number, 0, f"{rel} has errors; run scaleplus check"))
        return None
    to_remove = [name for name in to_clear if name in old]  # a default (severity 3) may not be in the file
    if not to_set and not to_remove:
        return Change(folder, row.entity_id, path, "unchanged", row.number)
    order = [f.name for f in kind.schema.fields]
    try:
        edit = YamlEdit(old_text)
        for name, value in to_set.items():
            edit.set([name], value, order=order)
        for name in to_remove:
            edit.remove([name])
    except EditError as e:
        col = mapping.get(next(iter(to_set), to_remove[0] if to_remove else ""), 0)
        report(sheet.problem(row.number, col, f"cannot change {rel} without rewriting other lines: {e}; edit it by hand"))
        return None
    expected = {k: v for k, v in old.items() if k not in to_remove}
    expected.update(to_set)
    read_back, _, problems = parse_mapping(edit.result, rel, kind.schema)
    if problems or read_back != expected:  # pragma: no cover - a bug in the edit, not bad input
        report(sheet.problem(row.number, 0, f"could not change {rel} so that it reads back exactly; edit it by hand"))
        return None
    return Change(folder, row.entity_id, path, "update", row.number, [*to_set, *to_remove], old_text, edit.result)


def _check_names(
    project: Project,
    sheet: Sheet,
    kind: Kind,
    rows: list[Row],
    changes: list[Change | None],
    mapping: dict[str, int],
    report: Any,
) -> None:
    """Names stay unique in a kind (as `check` wants); a new commitment may not repeat an existing one."""
    folder = kind.folder
    existing = project.entities(folder)
    by_id = {r.entity_id: r for r in rows if r.ok}
    final: dict[str, tuple[Any, int | None]] = {}  # entity id -> (name key, sheet row or None)
    for entity in project.entities(folder).values():
        if folder == "commitments":
            key = _commitment_key(entity.stakeholder, entity.text)
        else:
            key = name_key(getattr(entity, kind.name_field) or "") or None
        if key:
            final[entity.id] = (key, None)
    for entity_id, row in by_id.items():
        if folder == "commitments":
            if row.existing:
                continue  # an existing commitment may say what another says; only new rows are checked
            key = _commitment_key(row.values.get("stakeholder"), row.values.get("text"))
        elif row.values.get(kind.name_field):
            key = name_key(row.values[kind.name_field])
        else:
            key = final.get(entity_id, (None, None))[0]  # the name the file already has
        if key:
            final[entity_id] = (key, row.number)
    first: dict[Any, str] = {}
    for entity_id, (key, number) in sorted(final.items(), key=lambda item: (item[1][1] or 0, item[0])):
        if key not in first:
            first[key] = entity_id
            continue
        if number is None:
            continue
        other = first[key]
        where = f"{folder}/{other}.yaml" if other in existing else ""
        if final[other][1]:
            where = f"{where}, row {final[other][1]}" if where else f"row {final[other][1]}"
        if folder == "commitments":
            message = f"text: the same commitment is already in {where}; give its id in the id column to update it"
            col = mapping.get("text", 0)
        else:
            message = f"{kind.name_field}: another {kind.singular} has the same {kind.name_field} ({where})"
            col = mapping.get(kind.name_field, 0)
        report(sheet.problem(number, col, message))
        for i, change in enumerate(changes):
            if change is not None and change.entity_id == entity_id:
                changes[i] = None


def _commitment_key(stakeholder: str | None, text: str | None) -> tuple[str, str] | None:
    """Two commitments are the same when one stakeholder says the same thing, by the rule names follow."""
    return (stakeholder, name_key(text) or text) if stakeholder and text else None


def summary(plan: ImportPlan) -> Iterable[str]:
    for folder in plan.folders:
        yield (
            f"{folder}: {plan.count(folder, 'create')} created, {plan.count(folder, 'update')} updated,"
            f" {plan.count(folder, 'unchanged')} unchanged"
        )
