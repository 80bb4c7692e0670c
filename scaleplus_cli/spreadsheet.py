"""Spreadsheet round trip: `export` writes a workbook with a sheet per kind; `import` reads one back
(.xlsx or .csv), checks every row before anything is written, and changes existing files line by line.

The importer works in two steps: `plan_import` reads and validates everything and builds the new
text of every file it would write (an ImportPlan); `apply` writes them. A plan with problems is
never applied, so an import writes all of its rows or none.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable


from scaleplus_cli import store
from scaleplus_cli.adding import base_id  # the id `add` would make: one rule for both
from scaleplus_cli.adding import render
from scaleplus_cli.edit import EditError, YamlEdit
from scaleplus_cli.errors import Problem, ScaleplusError, UsageError
from scaleplus_cli.ids import name_key, slugify, unique_id
from scaleplus_cli.models import KINDS, Kind, Project
from scaleplus_cli.schema import (
    Choice,
    Date,
    Field,
    Integer,
    Invalid,
    ListOf,
    Ref,
    Text,
    did_you_mean,
    is_valid_id,
    short,
)
from scaleplus_cli.store import parse_mapping, read_mapping

# Kinds a sheet can hold, in the order an import handles them: later kinds refer to earlier ones.
IMPORTABLE = ("stakeholders", "barriers", "commitments")
# Fields that are not one value per row: the commitment's progress log stays in its file.
LEFT_OUT = {"commitments": ("updates",)}
LIST_SEPARATOR = "; "
ABOUT_SHEET = "about"
EXCEL_TEXT_LIMIT = 32_767
MULTILINE_FIELDS = {"notes", "description", "text", "resources"}


def file_text(path: Path) -> str:
    """A project file's text exactly as it is on disk: CRLF stays CRLF, so an edit changes only its own lines."""
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def columns(folder: str) -> list[str]:
    """The sheet's columns: `id`, then one per field in SPEC order (without the left-out ones)."""
    left_out = LEFT_OUT.get(folder, ())
    return ["id", *(f.name for f in KINDS[folder].schema.fields if f.name not in left_out)]


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# -- export -------------------------------------------------------------------------------------


def _cell_value(spec: Field, value: Any) -> Any:
    """A field's value as it goes into a cell: lists joined, text as text, numbers and dates as such."""
    if value is None or value == []:
        return None
    if isinstance(spec.type, ListOf):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


def _same_in_cell(written: Any, read: Any) -> bool:
    if isinstance(written, dt.date) and isinstance(read, dt.datetime):
        return read.time() == dt.time(0) and read.date() == written
    return type(written) is type(read) and written == read


def export(project: Project, path: Path) -> None:
    """Write the workbook to path (atomically), or raise with every value a workbook cannot hold exactly."""
    from openpyxl import Workbook, load_workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    workbook = Workbook()
    workbook.remove(workbook.active)
    problems: list[Problem] = []
    written: dict[tuple[str, int, int], tuple[Any, Any, str]] = {}
    for folder in IMPORTABLE:
        kind = KINDS[folder]
        sheet = workbook.create_sheet(folder)
        names = columns(folder)
        sheet.append(names)
        for row, entity in enumerate(project.entities(folder).values(), start=2):
            for col, name in enumerate(names, start=1):
                if name == "id":
                    value = entity.id
                    spec = Field("id", Text())
                else:
                    spec = kind.schema.by_name[name]
                    value = _cell_value(spec, getattr(entity, name))
                if value is None:
                    continue
                cell = sheet.cell(row=row, column=col)
                trouble = _unholdable(value)
                if trouble is None:
                    try:
                        cell.value = value
                    except IllegalCharacterError:
                        trouble = "it holds a control character"
                if trouble:
                    line, column = entity.source.locate(name) if name != "id" else (1, 1)
                    problems.append(Problem(entity.source.path, line, column, "error", f"{name}: {trouble}"))
                    continue
                if isinstance(value, str):
                    cell.data_type = "s"  # text stays text, even "=SUM(A1)"
                elif isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                written[folder, row, col] = (value, entity, name)
        _dress(sheet, folder, project)
    _about(workbook)
    if problems:
        raise ScaleplusError(
            f"{len(problems)} value{'s' if len(problems) != 1 else ''} cannot be held exactly in an Excel cell;"
            " nothing was written",
            problems=sorted(problems),
            root=project.root,
        )
    data = io.BytesIO()
    workbook.save(data)
    # Read the workbook back: what cannot be held exactly is reported, never silently lost.
    check = load_workbook(io.BytesIO(data.getvalue()), read_only=True)
    cells = {
        (folder, row, col): read
        for folder in IMPORTABLE
        for row, values in enumerate(check[folder].iter_rows(values_only=True), start=1)
        for col, read in enumerate(values, start=1)
    }
    check.close()
    for place, (value, entity, name) in written.items():
        if not _same_in_cell(value, cells.get(place)):
            line, column = entity.source.locate(name) if name != "id" else (1, 1)
            problems.append(
                Problem(entity.source.path, line, column, "error", f"{name}: the value would change in the workbook")
            )
    if problems:
        raise ScaleplusError(
            "some values cannot be held exactly in an Excel cell; nothing was written",
            problems=sorted(problems),
            root=project.root,
        )
    store.write_atomic(path, data.getvalue())  # errors name path, not the temporary file


def _unholdable(value: Any) -> str | None:
    if isinstance(value, str) and len(value) > EXCEL_TEXT_LIMIT:
        return f"it is {len(value):,} characters long; an Excel cell holds at most {EXCEL_TEXT_LIMIT:,}"
    if isinstance(value, dt.date) and value.year < 1900:
        return "Excel cannot hold dates before 1900"
    return None


def _dress(sheet: Any, folder: str, project: Project) -> None:
    """Header styled and frozen, widths, filters, and drop-downs so people typing offline get the choices."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    names = columns(folder)
    schema = KINDS[folder].schema
    last = max(sheet.max_row, 2)
    top, wrapped = Alignment(vertical="top"), Alignment(wrap_text=True, vertical="top")
    tall: set[int] = set()
    reach = max(1000, last + 500)  # rows people may add below the data
    sheet.freeze_panes = "B2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.auto_filter.ref = f"A1:{column_letter(len(names))}{last}"
    for col, name in enumerate(names, start=1):
        letter = column_letter(col)
        head = sheet.cell(row=1, column=col)
        head.font = Font(name="Calibri", bold=True, color="FFFFFF")
        head.fill = PatternFill("solid", fgColor="1F4E78")
        head.alignment = Alignment(vertical="center")
        wide = name in MULTILINE_FIELDS
        longest = max((len(str(c.value or "").split("\n")[0]) for c in sheet[letter]), default=8)
        sheet.column_dimensions[letter].width = 60 if wide else min(max(longest, len(name)) + 3, 50)
        if wide:
            for cell in sheet[letter][1:]:
                cell.alignment = wrapped
                lines = sum(len(part) // 55 + 1 for part in str(cell.value or "").strip("\n").split("\n"))
                height = 15 * min(lines, 8)  # not every program sizes wrapped rows itself
                if height > (sheet.row_dimensions[cell.row].height or 15):
                    sheet.row_dimensions[cell.row].height = height
                    tall.add(cell.row)
        if name == "id":
            continue
        kind = schema.by_name[name].type
        area = f"{letter}2:{letter}{reach}"
        rule = None
        if isinstance(kind, Choice):
            rule = DataValidation(type="list", formula1='"' + ",".join(kind.choices) + '"', allow_blank=True)
            rule.error = f"Choose one of: {', '.join(kind.choices)}"
        elif isinstance(kind, Integer) and kind.allowed:
            rule = DataValidation(type="list", formula1='"' + ",".join(map(str, kind.allowed)) + '"', allow_blank=True)
            rule.error = f"Choose {kind.label}"
        elif isinstance(kind, Integer) and kind.high is not None:
            rule = DataValidation(
                type="whole", operator="between", formula1=str(kind.low), formula2=str(kind.high), allow_blank=True
            )
            rule.error = f"Type {kind.label}"
        elif isinstance(kind, Date):
            rule = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
            rule.error = "Type a date, like 2026-12-15"
        elif isinstance(kind, Ref) and kind.kind == "stakeholder":
            # Suggest the ids on the stakeholders sheet, but let people type one they add there too.
            rule = DataValidation(type="list", formula1=f"stakeholders!$A$2:$A${reach}", allow_blank=True)
            rule.errorStyle = "warning"
            rule.error = "Not an id on the stakeholders sheet"
        if rule is not None:
            rule.showErrorMessage = True
            rule.errorTitle = name.replace("_", " ")
            sheet.add_data_validation(rule)
            rule.add(area)
    for row in tall:  # in a tall row, every value starts at the top, beside the wrapped text
        for col, name in enumerate(names, start=1):
            if name not in MULTILINE_FIELDS:
                sheet.cell(row=row, column=col).alignment = top


ABOUT = [
    "This workbook was written by `scaleplus export`; bring changes back with `scaleplus import FILE`.",
    "One sheet per kind: stakeholders, barriers, commitments. The first column is the id (the file name).",
    "Change a cell to change that value. Add a row to add an entity: leave its id empty to make one from the name.",
    "An empty cell leaves the value as it was (import with --clear-empty to remove it).",
    "Lists (raised_by, goals, barriers) hold ids separated by '; '.",
    "Enum columns offer their choices in a drop-down; influence, interest and severity take 1 to 5.",
    "A commitment's progress log (updates) is not in the sheet and import never changes it: use `scaleplus update`.",
    "Deleting a row does not delete anything: import only creates and updates.",
]


def _about(workbook: Any) -> None:
    from openpyxl.styles import Font

    sheet = workbook.create_sheet(ABOUT_SHEET)
    sheet.column_dimensions["A"].width = 110
    sheet.cell(row=1, column=1, value="About this workbook").font = Font(bold=True)
    for row, line in enumerate(ABOUT, start=2):
        cell = sheet.cell(row=row, column=1, value=line)
        cell.data_type = "s"


# -- reading a sheet ----------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class SheetProblem:
    """One problem in the file being imported; row is the row number the spreadsheet shows."""

    row: int
    column: int  # 1-based; 0 when the problem is the whole row or sheet
    message: str
    label: str = ""  # the column as the user sees it: a letter in a workbook, a number in a CSV

    def where(self, file: str) -> str:
        place = f"{file}:{self.row}" if self.row else file
        return f"{place}:{self.label}" if self.label else place


@dataclass
class Sheet:
    """The cells of one kind's sheet: header, then (row number, values) of every non-blank row."""

    folder: str
    name: str  # the sheet's name in a workbook, or "" for a CSV
    letters: bool  # columns named by letter (workbook) or by number (CSV)
    header: list[Any] = field(default_factory=list)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    header_row: int = 1
    asked: bool = True  # the user named this kind (--kind), rather than importing every sheet
    problems: list[SheetProblem] = field(default_factory=list)
    readable: bool = True  # False when the file itself is broken: its rows are not checked

    def unreadable(self, row: int, column: int, message: str) -> Sheet:
        self.problems.append(self.problem(row, column, message))
        self.readable = False
        return self

    def take(self, rows: list[tuple[int, list[Any]]]) -> None:
        """The first non-blank row is the header; blank rows are skipped but keep their numbers."""
        rows = [(n, r) for n, r in rows if any(v is not None for v in r)]
        if rows:
            (self.header_row, self.header), self.rows = rows[0], rows[1:]

    def label(self, column: int) -> str:
        if not column:
            return ""
        return column_letter(column) if self.letters else str(column)

    def problem(self, row: int, column: int, message: str) -> SheetProblem:
        return SheetProblem(row, column, message, self.label(column))


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_sheets(path: Path, kinds: list[str] | None) -> tuple[list[Sheet], list[str]]:
    """The sheets to import from path and the names of a workbook's sheets left out, or ScaleplusError
    when the file cannot be read at all."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise UsageError(f"{path}: no such file")
    if path.is_dir():
        raise UsageError(f"{path} is a folder; give a .xlsx or .csv file")
    if suffix == ".csv":
        if not kinds or len(kinds) != 1:
            raise UsageError("a CSV file holds one kind: give --kind stakeholders, barriers or commitments")
        return [_read_csv(path, kinds[0])], []
    if suffix in (".xlsx", ".xlsm"):
        return _read_workbook(path, kinds)
    if suffix == ".xls":
        raise ScaleplusError(f"{path}: old Excel 97-2003 workbooks (.xls) cannot be read; save it as .xlsx")
    if suffix in (".ods", ".numbers"):
        raise ScaleplusError(f"{path}: {suffix} files cannot be read; save it as .xlsx or .csv")
    raise ScaleplusError(f"{path}: not a spreadsheet scaleplus can read; give a .xlsx or .csv file")


_NOT_UTF8 = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as decoding with surrogateescape keeps it


def _read_csv(path: Path, folder: str) -> Sheet:
    sheet = Sheet(folder, "", False)
    data = path.read_bytes()
    text = data.decode("utf-8-sig", "surrogateescape")  # bad bytes stay in their cells, to say where they are
    if "\x00" in text:
        raise ScaleplusError(f"{path}: this is not a CSV text file")
    first = text.split("\n", 1)[0]
    delimiter = max((";", ",", "\t"), key=first.count) if any(d in first for d in ";,\t") else ","
    records: list[list[str]] = []
    ends: list[int] = [0]  # the number of lines read after each record
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            records.append(record)
            ends.append(reader.line_num)
    except csv.Error as e:
        return sheet.unreadable(len(records) + 1, 1, f"cannot read the CSV: {e}")
    bad = _NOT_UTF8.search(text)
    if bad:
        byte = ord(bad.group()) - 0xDC00
        row, col = next(
            ((n, c) for n, r in enumerate(records, start=1) for c, v in enumerate(r, start=1) if _NOT_UTF8.search(v)),
            (1, 1),
        )
        return sheet.unreadable(row, col, f"the file is not UTF-8 text (byte 0x{byte:02x}); save it as 'CSV UTF-8'")
    if records and _quote_left_open(text, ends[-2], delimiter):
        return sheet.unreadable(
            len(records),
            len(records[-1]),
            'the quote (") that opens this cell is never closed, so the cell holds the rest of the file;'
            " close the quote or remove it",
        )
    sheet.take([(n, [None if _blank(v) else v for v in r]) for n, r in enumerate(records, start=1)])
    return sheet


def _quote_left_open(text: str, start: int, delimiter: str) -> bool:
    """Whether the last record (from line start on) ends inside a quoted cell: read leniently, such a
    cell silently takes every line after it."""
    tail = "".join(io.StringIO(text, newline="").readlines()[start:])
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as e:
        return "unexpected end of data" in str(e)
    return False


def _read_workbook(path: Path, kinds: list[str] | None) -> tuple[list[Sheet], list[str]]:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(path):
        raise ScaleplusError(f"{path}: not an Excel workbook (an .xlsx file is a zip archive); save it as .xlsx")
    try:
        # Read-only mode streams the cells: several times faster on big sheets than the full model.
        workbook = load_workbook(path, read_only=True, data_only=False)
    except Exception as e:  # openpyxl raises many kinds of errors for damaged or foreign files
        raise ScaleplusError(f"{path}: cannot read the workbook ({e.__class__.__name__}: {e})") from None
    try:
        return _choose_sheets(path, workbook, kinds)
    except (ScaleplusError, OSError):
        raise
    except Exception as e:  # a damaged sheet inside a readable archive
        raise ScaleplusError(f"{path}: cannot read the workbook ({e.__class__.__name__}: {e})") from None
    finally:
        workbook.close()


def _choose_sheets(path: Path, workbook: Any, kinds: list[str] | None) -> tuple[list[Sheet], list[str]]:
    by_name = {ws.title.strip().lower(): ws for ws in workbook.worksheets}
    chosen: list[tuple[str, Any]] = []
    left_out: list[str] = []  # sheets not imported although no --kind chose which
    if kinds:
        for folder in kinds:
            if folder in by_name:
                chosen.append((folder, by_name[folder]))
            elif len(workbook.worksheets) == 1:
                chosen.append((folder, workbook.worksheets[0]))
            else:
                names = ", ".join(repr(ws.title) for ws in workbook.worksheets)
                raise ScaleplusError(
                    f"{path}: no sheet named {folder!r} (the workbook has {names}); rename the sheet to import"
                )
    else:
        chosen = [(folder, by_name[folder]) for folder in IMPORTABLE if folder in by_name]
        taken = {id(ws) for _, ws in chosen}
        left_out = [
            ws.title for ws in workbook.worksheets if id(ws) not in taken and ws.title.strip().lower() != ABOUT_SHEET
        ]
    with zipfile.ZipFile(path) as archive:
        sheets = [_sheet_of(folder, ws, _merged_ranges(archive, ws)) for folder, ws in chosen]
    for sheet in sheets:
        sheet.asked = bool(kinds)
    return sheets, left_out


_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]+)(\d+)(?::([A-Z]+\d+))?"')


def _merged_ranges(archive: zipfile.ZipFile, ws: Any) -> list[tuple[int, int, str]]:
    """(row, column, "A5:B5") of each merged range; read-only sheets do not parse them."""
    try:
        xml = archive.read(ws._worksheet_path)
    except (KeyError, AttributeError):
        return []
    found = []
    for letters, row, end in _MERGE_CELL.findall(xml):
        column = 0
        for letter in letters.decode():
            column = column * 26 + ord(letter) - 64
        found.append((int(row), column, f"{letters.decode()}{row.decode()}" + (f":{end.decode()}" if end else "")))
    return found


def _sheet_of(folder: str, ws: Any, merged: list[tuple[int, int, str]]) -> Sheet:
    sheet = Sheet(folder, ws.title, True)
    for row, column, coord in merged:
        sheet.problems.append(
            sheet.problem(row, column, f"cells {coord} are merged; unmerge them so each value has its own cell")
        )
    rows: list[tuple[int, list[Any]]] = []
    for number, cells in enumerate(ws.iter_rows(min_row=1), start=1):
        values: list[Any] = []
        for column, cell in enumerate(cells, start=1):
            if cell.data_type == "f":
                formula = cell.value if isinstance(cell.value, str) else "=…"
                sheet.problems.append(
                    sheet.problem(
                        number, column, f"the cell holds a formula ({short(formula)}); type the value itself"
                    )
                )
                values.append(None)
            elif cell.data_type == "e":
                sheet.problems.append(sheet.problem(number, column, f"the cell holds the Excel error {cell.value}"))
                values.append(None)
            else:
                values.append(None if _blank(cell.value) else cell.value)
        rows.append((number, values))
    sheet.take(rows)
    return sheet


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
        if _blank(raw):
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


# -- applying -----------------------------------------------------------------------------------


def apply(plan: ImportPlan) -> list[Change]:
    """Write every change of a plan without problems, all or none: the files written, in the plan's order.

    When a write fails part way (a read-only folder, a full disk), the files already written get their
    old text back and the new ones are removed, so the project is as it was before the import.
    """
    if plan.problems:
        raise ScaleplusError("the import has errors; nothing was written")
    writes = plan.writes
    # A file someone changed since the plan was made is not overwritten: check them all first.
    for change in writes:
        now = file_text(change.path) if change.path.exists() else None
        if now != change.old_text:
            raise ScaleplusError(f"{change.rel} changed while importing; nothing was written, run the import again")
    touched: list[tuple[Change, str | None]] = []  # (change, the file's text before it; None: the file is new)
    made: list[Path] = []  # folders the import created
    try:
        for change in sorted(writes, key=lambda c: c.action != "create"):  # new files first: updates may name them
            if change.action == "create":
                if not change.path.parent.is_dir():
                    change.path.parent.mkdir()
                    made.append(change.path.parent)
                touched.append((change, None))
                if not store.create_exclusive(change.path, change.new_text or ""):
                    touched.pop()  # someone else's file: not ours to remove
                    raise ScaleplusError(f"{change.rel} appeared while importing")
            else:
                touched.append((change, change.old_text))
                store.write_atomic(change.path, change.new_text or "")
    except BaseException as e:
        left = _undo(touched, made)
        if not left and not isinstance(e, Exception):
            raise  # interrupted, and every file is as it was
        reason = _reason(e, writes)
        if not left:
            raise ScaleplusError(f"{reason}; nothing was changed") from None
        names = ", ".join(left)
        raise ScaleplusError(
            f"{reason}; putting the files back failed too, so the import is half done: only {names}"
            f" {'was' if len(left) == 1 else 'were'} changed, every other file is as it was"
        ) from None
    return writes


def _undo(touched: list[tuple[Change, str | None]], made: list[Path]) -> list[str]:
    """Give every touched file its old text back (remove the new ones): the files that still differ."""
    left: list[str] = []
    for change, old in reversed(touched):
        try:
            now = file_text(change.path) if change.path.exists() else None
            if now == old:
                continue  # the write never happened
            if old is None:
                change.path.unlink()
            else:
                store.write_atomic(change.path, old)
        except Exception:
            left.append(change.rel + (" (new)" if old is None else ""))
    for folder in reversed(made):
        try:
            folder.rmdir()
        except OSError:
            pass  # not empty: a new file in it could not be removed, and is named above
    return sorted(left)


def _reason(error: BaseException, writes: list[Change]) -> str:
    """Why a write failed, naming files as the project does (stakeholders/x.yaml)."""
    if isinstance(error, ScaleplusError):
        return error.message
    if isinstance(error, OSError):
        names = {str(c.path): c.rel for c in writes} | {str(c.path.parent): c.folder for c in writes}
        where = f"{names.get(str(error.filename), error.filename)}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    if isinstance(error, KeyboardInterrupt):
        return "interrupted"
    return f"{type(error).__name__}: {error}"


def summary(plan: ImportPlan) -> Iterable[str]:
    for folder in plan.folders:
        yield (
            f"{folder}: {plan.count(folder, 'create')} created, {plan.count(folder, 'update')} updated,"
            f" {plan.count(folder, 'unchanged')} unchanged"
        )
