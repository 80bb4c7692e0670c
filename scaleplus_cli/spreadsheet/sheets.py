"""Reading sheets back: a workbook's sheets or a CSV file as rows of cells, each kept with its row and column."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaleplus_cli.errors import ScaleplusError, UsageError
from scaleplus_cli.schema import (
    MAX_DIGITS,
    short,
)
from scaleplus_cli.spreadsheet import (
    ABOUT_SHEET,
    IMPORTABLE,
    SHEET_NAMES,
    column_letter,
)

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


def blank(value: Any) -> bool:
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
            raise UsageError(f"a CSV file holds one kind: give --kind {SHEET_NAMES}")
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
    sheet.take([(n, [None if blank(v) else v for v in r]) for n, r in enumerate(records, start=1)])
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


# What an import reads at most: far beyond a national retreat, well short of what would exhaust a laptop.
MAX_UNPACKED = 256 * 1024 * 1024  # bytes of XML inside the workbook
MAX_RATIO = 200  # unpacked : packed, for any part of more than a megabyte (a zip bomb packs 1000:1)
MAX_ROWS = 100_000  # rows with values, per sheet
MAX_COLUMNS = 256  # a sheet's columns that may hold values


def _check_archive(path: Path) -> None:
    """Refuse, before anything is unpacked, a workbook that would unpack to more than we read: its
    archive lists each part's size (and zipfile never reads past what is listed)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError) as e:
        raise ScaleplusError(f"{path}: cannot read the workbook ({e})") from None
    total = sum(p.file_size for p in parts)
    if total > MAX_UNPACKED:
        raise ScaleplusError(
            f"{path}: the workbook unpacks to {total / 2**20:,.0f} MB, more than the {MAX_UNPACKED / 2**20:,.0f} MB"
            " an import reads; split it into smaller files"
        )
    for part in parts:
        if part.file_size > 2**20 and part.file_size > MAX_RATIO * max(part.compress_size, 1):
            raise ScaleplusError(
                f"{path}: {part.filename} unpacks {part.file_size // max(part.compress_size, 1):,} times its packed"
                " size, which no real sheet does (a zip bomb?); refusing to read it"
            )


def _read_workbook(path: Path, kinds: list[str] | None) -> tuple[list[Sheet], list[str]]:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(path):
        raise ScaleplusError(f"{path}: not an Excel workbook (an .xlsx file is a zip archive); save it as .xlsx")
    _check_archive(path)
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
    from scaleplus_cli.spreadsheet.headings import folder_of

    # a sheet is known by its name in any of the languages (parties prenantes, actores, ...)
    by_name = {folder_of(ws.title) or ws.title.strip().lower(): ws for ws in workbook.worksheets}
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
            ws.title for ws in workbook.worksheets if id(ws) not in taken and folder_of(ws.title) != ABOUT_SHEET
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
    # The size a sheet declares (<dimension ref="A1:XFD1048576">) is not believed: only the cells it
    # holds are read, so one blank cell far away costs nothing.
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    number = 0
    try:
        for number, cells in enumerate(ws.iter_rows(min_row=1), start=1):
            if _take_row(sheet, rows, number, cells):
                return sheet
    except ValueError as e:  # openpyxl reads a number cell with int(): a 5,000-digit one fails there
        if "digits" not in str(e):
            raise
        return sheet.unreadable(number + 1, 0, f"a number more than {MAX_DIGITS} digits long: no quantity is"
                                " that long; type the value itself")
    sheet.take(rows)
    return sheet


def _take_row(sheet: Sheet, rows: list[tuple[int, list[Any]]], number: int, cells: Any) -> bool:
    """Keep one row's values (and its problems); True when the sheet is too long to read on."""
    if not cells:
        return False
    values: list[Any] = []
    if len(cells) > MAX_COLUMNS:
        far = next((c for c in reversed(cells[MAX_COLUMNS:]) if not blank(c.value)), None)
        if far is not None:
            column = MAX_COLUMNS + 1 + cells[MAX_COLUMNS:].index(far)
            sheet.problems.append(sheet.problem(
                number, column, f"a value beyond column {column_letter(MAX_COLUMNS)}: an import reads at most"
                f" {MAX_COLUMNS} columns"
            ))
        cells = cells[:MAX_COLUMNS]
    if len(rows) > MAX_ROWS:  # the header, then at most MAX_ROWS rows
        if any(not blank(c.value) for c in cells):
            sheet.unreadable(number, 0, f"more than {MAX_ROWS:,} rows: an import reads at most {MAX_ROWS:,}"
                             " rows a sheet; split it into several files")
            return True
        return False
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
            values.append(None if blank(cell.value) else cell.value)
    if any(v is not None for v in values):
        rows.append((number, values))
    return False
