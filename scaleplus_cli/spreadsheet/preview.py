"""Working out an import before anything is written: every row checked, the new text of every file built."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from scaleplus_cli.adding import render
from scaleplus_cli.edit import YamlEdit
from scaleplus_cli.errors import ScaleplusError, errors_in
from scaleplus_cli.ids import name_key
from scaleplus_cli.models import KINDS, Kind, Project
from scaleplus_cli.schema import Field, Text, did_you_mean, short
from scaleplus_cli.spreadsheet import IMPORTABLE, SHEET_NAMES, columns, left_out
from scaleplus_cli.spreadsheet.headings import field_of
from scaleplus_cli.spreadsheet.rows import ReadSheet, Row, new_ids, pools_after, read_rows, resolve_references
from scaleplus_cli.spreadsheet.sheets import Sheet, SheetProblem, blank, read_sheets
from scaleplus_cli.store import parse_mapping
from scaleplus_cli.transaction import file_text
from scaleplus_cli.validation import check
from scaleplus_cli.writing import CannotEdit, edit_text, key_at, problems_after

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
    moves: list[tuple[str, str]] = field(default_factory=list)  # (field, a rename or change of owner, said out loud)

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


def _header_key(value: Any) -> str:
    return re.sub(r"[\s\-]+", "_", str(value).strip().lower())


def _map_columns(sheet: Sheet, report: Any) -> dict[str, int] | None:
    """Field name -> column number, from the header; None when the sheet cannot be imported."""
    known = columns(sheet.folder)
    leftover = left_out(sheet.folder)
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
        key = field_of(sheet.folder, raw) or key  # the header in French, Spanish or Portuguese
        if key in leftover:
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


def _same(spec: Field, new: Any, old: Any) -> bool:
    if isinstance(spec.type, Text) and isinstance(new, str) and isinstance(old, str):
        return new.strip() == old.replace("\r\n", "\n").strip()
    return new == old


def plan_import(
    project: Project,
    path: Path,
    kinds: list[str] | None,
    clear_empty: bool = False,
    *,
    today: dt.date,
    allow_renames: bool = False,
) -> ImportPlan:
    """Read and check every row; the plan holds the new text of every file it would write, or problems."""
    sheets, skipped = read_sheets(path, kinds)
    plan = ImportPlan(str(path), [s.folder for s in sheets])
    plan.warnings = [
        f"sheet {name!r} was not imported: name a sheet {SHEET_NAMES}, or use --kind"
        for name in skipped
    ]
    if not sheets:
        plan.problems.append(
            ("", SheetProblem(0, 0, f"no sheet is named {SHEET_NAMES}; nothing to import"))
        )
    several = len(sheets) > 1
    columns_of: dict[str, tuple[Sheet, dict[str, int]]] = {}
    read: list[ReadSheet] = []
    for sheet in sorted(sheets, key=lambda s: IMPORTABLE.index(s.folder)):
        one = ReadSheet(sheet, list(sheet.problems))
        if sheet.readable:
            one.mapping = _map_columns(sheet, one.report)
            if one.mapping is not None:
                columns_of[sheet.folder] = (sheet, one.mapping)
                one.rows = read_rows(project, sheet, one.mapping, one.report)
        read.append(one)
    # A row may refer to what another row of the import creates, so ids come first: a new row's id
    # is made from its name, a new commitment's from its owner, once that reference is resolved.
    readable = [one for one in read if one.mapping is not None]
    for one in readable:
        if one.sheet.folder != "commitments":
            new_ids(project, one)
    pools = pools_after(project, readable)
    for one in readable:
        resolve_references(pools, one)
    for one in readable:
        if one.sheet.folder == "commitments":
            new_ids(project, one)
    for one in readable:
        kind = KINDS[one.sheet.folder]
        changes = [_row_change(project, one.sheet, kind, row, one.mapping, clear_empty, one.report) for row in one.rows if row.ok]
        plan.changes.extend(c for c in changes if c is not None)
    for one in read:
        prefix = f"{one.sheet.name}: " if several else ""
        plan.problems.extend((prefix, p) for p in sorted(set(one.found)))
    if not plan.problems and plan.writes:
        _check_as_it_would_be(project, plan, columns_of, several, today)
    if not allow_renames:
        for change in plan.writes:
            sheet, mapping = columns_of[change.folder]
            for name, move in change.moves:
                message = (f"{name}: this row {move}; if that is meant, import again with --allow-renames"
                           " (else give the row an id of its own)")
                plan.problems.append((f"{sheet.name}: " if several else "", sheet.problem(change.row, mapping.get(name, 0), message)))
    if plan.problems:
        plan.changes = []
    return plan


def _check_as_it_would_be(
    project: Project, plan: ImportPlan, columns_of: dict[str, tuple[Sheet, dict[str, int]]], several: bool, today: dt.date
) -> None:
    """Every rule of `check` on the project with the import's files written, each new error said at the
    row and cell it comes from (a file the import makes is named by its row)."""
    changes = {c.rel: c for c in plan.writes}
    texts = {rel: c.new_text for rel, c in changes.items()}
    before = set(errors_in(check(project, today)))
    found: list[tuple[str, SheetProblem]] = []
    for problem in errors_in(problems_after(project, texts, today)):
        if problem in before:
            continue
        change = changes.get(problem.path)
        message = problem.message
        for rel, other in changes.items():  # "(stakeholders/x.yaml)" -> "(row 3)" for a file the import makes
            row = f"row {other.row}" if other.action == "create" else f"{rel}, row {other.row}"
            message = message.replace(f"({rel})", f"({row})")
        if change is None:  # an error in a file the import does not write, caused by one it does
            found.append(("", SheetProblem(0, 0, f"{problem.path}:{problem.line}:{problem.column}: {message}")))
            continue
        sheet, mapping = columns_of[change.folder]
        key = key_at(change.new_text or "", problem.line)
        column = mapping.get(key or "", 0)
        found.append((f"{sheet.name}: " if several else "", sheet.problem(change.row, column, message)))
    plan.problems.extend(sorted(set(found), key=lambda item: (item[0], item[1])))


def _row_change(
    project: Project,
    sheet: Sheet,
    kind: Kind,
    row: Row,
    mapping: dict[str, int],
    clear_empty: bool,
    report: Any,
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
        if name in left_out(folder):
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
    moves = _moves(kind, entity, to_set)
    old_text = file_text(path) or ""
    old, _, problems = parse_mapping(old_text, rel, kind.schema)
    if problems:  # pragma: no cover - the project was checked sound before planning
        report(sheet.problem(row.number, 0, f"{rel} has errors; run scaleplus check"))
        return None
    to_remove = [name for name in to_clear if name in old]  # a default (severity 3) may not be in the file
    if not to_set and not to_remove:
        return Change(folder, row.entity_id, path, "unchanged", row.number)
    order = [f.name for f in kind.schema.fields]

    def change(edit: YamlEdit) -> None:
        for name, value in to_set.items():
            edit.set([name], value, order=order)
        for name in to_remove:
            edit.remove([name])

    def expected(values: dict[str, Any]) -> dict[str, Any]:
        return {**{k: v for k, v in values.items() if k not in to_remove}, **to_set}

    try:
        new_text = edit_text(old_text, rel, kind.schema, change, expected)
    except CannotEdit as e:
        col = mapping.get(next(iter(to_set), to_remove[0] if to_remove else ""), 0)
        report(sheet.problem(row.number, col, f"{e.message.removesuffix('; nothing was changed')}; edit it by hand"))
        return None
    return Change(folder, row.entity_id, path, "update", row.number, [*to_set, *to_remove], old_text, new_text, moves)


def _moves(kind: Kind, entity: Any, to_set: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, what the row does) for a change that is more than an edit: a stakeholder, barrier or circle
    renamed (not just its case or accents), a commitment moved to another owner, or a new commitment
    typed over an old one (owner and text both changed). A row typed over in a sheet must not silently
    move a promise to another organisation."""
    if kind.folder == "commitments":
        if "stakeholder" not in to_set:
            return []
        owners = f"from {entity.stakeholder!r} to {to_set['stakeholder']!r}"
        if "text" in to_set and name_key(to_set["text"]) != name_key(entity.text or ""):
            return [("stakeholder", f"types a new commitment over {short(entity.text or '')} (text and owner both change, {owners})")]
        return [("stakeholder", f"moves the commitment {owners}")]
    name = kind.name_field
    if name in to_set and name_key(to_set[name]) != name_key(getattr(entity, name) or ""):
        return [(name, f"renames the {kind.singular} {getattr(entity, name)!r} to {to_set[name]!r}")]
    return []


def summary(plan: ImportPlan) -> Iterable[str]:
    for folder in plan.folders:
        yield (
            f"{folder}: {plan.count(folder, 'create')} created, {plan.count(folder, 'update')} updated,"
            f" {plan.count(folder, 'unchanged')} unchanged"
        )
