"""Writing the workbook: a sheet per kind, with drop-downs, ranges, a frozen header and real dates."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from copy import copy
from functools import lru_cache
from types import MethodType
from pathlib import Path
from typing import Any, Iterator

from scaleplus_cli import store
from scaleplus_cli.errors import Problem, ScaleplusError
from scaleplus_cli.models import KINDS, Project
from scaleplus_cli.schema import (
    CONTROL,
    Choice,
    Date,
    Field,
    Integer,
    ListOf,
    Ref,
)
from scaleplus_cli.spreadsheet import (
    ABOUT_SHEET,
    EXCEL_TEXT_LIMIT,
    IMPORTABLE,
    LIST_SEPARATOR,
    column_letter,
    columns,
    multiline,
)
from scaleplus_cli.spreadsheet.about import lines, rule_message
from scaleplus_cli.spreadsheet.headings import header, sheet_title

# -- export -------------------------------------------------------------------------------------


def _cell_value(spec: Field, value: Any) -> Any:
    """A field's value as it goes into a cell: lists joined, text as text, numbers and dates as such."""
    if value is None or value == []:
        return None
    if isinstance(spec.type, ListOf):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return value


# What a cell cannot give back as it was given: a carriage return (XML reads it as a line feed) and
# text shaped like Excel's escapes for characters (_x000D_), which a spreadsheet program unescapes.
_CHANGES_IN_A_CELL = re.compile(r"\r|_x[0-9A-Fa-f]{4}_")


def export(project: Project, path: Path) -> None:
    """Write the workbook to path (atomically), or raise with every value a workbook cannot hold exactly.

    Every value is checked first, then the sheets are streamed in openpyxl's write-only mode, each
    cell's style copied from one model cell per style (setting a style on each cell costs more than
    all the rest)."""
    problems: list[Problem] = []
    tables: dict[str, list[list[Any]]] = {}
    for folder in IMPORTABLE:
        kind = KINDS[folder]
        names = columns(folder)
        specs = [None if name == "id" else kind.schema.by_name[name] for name in names]
        rows = []
        for entity in project.entities(folder).values():
            row: list[Any] = []
            for name, spec in zip(names, specs):
                value = entity.id if spec is None else _cell_value(spec, getattr(entity, name))
                if value is not None:
                    trouble = _unholdable(value)
                    if trouble:
                        line, column = entity.source.locate(name) if spec is not None else (1, 1)
                        problems.append(Problem(entity.source.path, line, column, "error", f"{name}: {trouble}"))
                        value = None
                row.append(value)
            rows.append(row)
        tables[folder] = rows
    if problems:
        raise ScaleplusError(
            f"{len(problems)} value{'s' if len(problems) != 1 else ''} cannot be held exactly in an Excel cell;"
            " nothing was written",
            problems=sorted(problems),
            root=project.root,
        )
    from openpyxl import Workbook

    code = project.settings.language  # sheet names and headers in the project's language
    titles = {folder: sheet_title(folder, code) for folder in IMPORTABLE}
    workbook = Workbook(write_only=True)
    styles = _Styles(workbook)
    for folder in IMPORTABLE:
        _write_sheet(workbook.create_sheet(titles[folder]), folder, tables[folder], styles, titles, code)
    _about(workbook, styles, sheet_title(ABOUT_SHEET, code), code)
    data = io.BytesIO()
    workbook.save(data)
    store.write_atomic(path, data.getvalue())  # errors name path, not the temporary file


def _unholdable(value: Any) -> str | None:
    if isinstance(value, str):
        if len(value) > EXCEL_TEXT_LIMIT:
            return f"it is {len(value):,} characters long; an Excel cell holds at most {EXCEL_TEXT_LIMIT:,}"
        if CONTROL.search(value):
            return "it holds a control character"
        if _CHANGES_IN_A_CELL.search(value):
            return "the value would change in the workbook (a carriage return, or text like _x000D_)"
    if isinstance(value, float) and not math.isfinite(value):
        return "the value would change in the workbook"
    if isinstance(value, dt.date) and value.year < 1900:
        return "Excel cannot hold dates before 1900"
    return None


@lru_cache(maxsize=None)
def _style_class():
    from openpyxl.styles.cell_style import StyleArray

    class Style(StyleArray):
        """A cell style whose hash is worked out once: openpyxl looks every cell's style up in the
        workbook's table by hash, and StyleArray hashes its nine numbers afresh each time."""

        def __new__(cls, values):  # noqa: ANN001, ANN204
            made = super().__new__(cls, list(values))
            made.key = hash(tuple(values))
            return made

        def __hash__(self) -> int:
            return self.key

        def __eq__(self, other: object) -> bool:
            return tuple(self) == tuple(other)  # type: ignore[arg-type]

    return Style


class _Styles:
    """One model cell per style; a cell takes a copy of its model's style (an index into the
    workbook's style tables), which is how openpyxl stores styles anyway."""

    def __init__(self, workbook: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font, PatternFill

        sheet = workbook.create_sheet("styles")  # a scratch sheet for the model cells, removed below
        self.workbook = workbook

        def model(**style: Any) -> Any:
            cell = WriteOnlyCell(sheet)
            for key, value in style.items():
                setattr(cell, key, value)
            return _style_class()(cell._style)

        top = Alignment(vertical="top")
        self.head = model(font=Font(name="Calibri", bold=True, color="FFFFFF"),
                          fill=PatternFill("solid", fgColor="1F4E78"), alignment=Alignment(vertical="center"))
        self.wrapped = model(alignment=Alignment(wrap_text=True, vertical="top"))
        self.top = model(alignment=top)
        self.date = model(number_format="yyyy-mm-dd")
        self.date_top = model(number_format="yyyy-mm-dd", alignment=top)
        self.bold = model(font=Font(bold=True))
        workbook._sheets.remove(sheet)

    def cell(self, sheet: Any, value: Any, style: Any = None) -> Any:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(sheet, value)
        if isinstance(value, str):
            cell.data_type = "s"  # text stays text, even "=SUM(A1)"
        if style is not None:
            cell._style = style  # shared: a written cell's style never changes
        return cell


def _write_sheet(
    sheet: Any, folder: str, rows: list[list[Any]], styles: _Styles, titles: dict[str, str], code: str
) -> None:
    """Header styled and frozen, widths, filters, and drop-downs so people typing offline get the
    choices; then the rows, streamed."""
    names = columns(folder)
    schema = KINDS[folder].schema
    if hasattr(sheet, "_values_to_row"):
        sheet._values_to_row = MethodType(_values_to_row, sheet)
    last = max(len(rows) + 1, 2)
    reach = max(1000, last + 500)  # rows people may add below the data
    sheet.freeze_panes = "B2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.auto_filter.ref = f"A1:{column_letter(len(names))}{last}"
    wide = [multiline(folder, name) for name in names]
    heads = [header(name, code) for name in names]
    for col, name in enumerate(names):
        longest = max((len(str(row[col]).split("\n")[0]) for row in rows if row[col] is not None), default=8)
        width = 60 if wide[col] else min(max(longest, len(heads[col])) + 3, 50)
        dimension = sheet.column_dimensions[column_letter(col + 1)]
        dimension.width = width
        if wide[col]:  # what people type into the column's empty cells wraps too
            dimension._style = copy(styles.wrapped)
        if name != "id":
            rule = _rule(name, schema.by_name[name].type, reach, titles, code)
            if rule is not None:
                rule.add(f"{column_letter(col + 1)}2:{column_letter(col + 1)}{reach}")
                sheet.data_validations.append(rule)
    sheet.append([styles.cell(sheet, head, styles.head) for head in heads])
    for number, row in enumerate(rows, start=2):
        lines = 1
        for col, value in enumerate(row):
            if wide[col] and value is not None:
                lines = max(lines, sum(len(part) // 55 + 1 for part in str(value).strip("\n").split("\n")))
        tall = lines > 1
        if tall:  # not every program sizes wrapped rows itself
            sheet.row_dimensions[number].height = 15 * min(lines, 8)
        cells = []
        for col, value in enumerate(row):
            if value is None:
                cells.append(None)
                continue
            if wide[col]:
                style = styles.wrapped
            elif isinstance(value, dt.date):
                style = styles.date_top if tall else styles.date
            else:
                style = styles.top if tall else None  # in a tall row, every value starts at the top
            if style is None and (not isinstance(value, str) or value[:1] != "="):
                cells.append(value)  # a plain value: no cell object needed
            else:
                cells.append(styles.cell(sheet, value, style))
        sheet.append(cells)


def _values_to_row(sheet: Any, values: list[Any], row: int) -> Iterator[Any]:
    """openpyxl's own, less the cost of finding out by a failed assignment that a value is already
    a styled cell and of making a fresh cell after each one (a fifth of the export's time)."""
    from openpyxl.cell import Cell, WriteOnlyCell

    reused = WriteOnlyCell(sheet)
    for column, value in enumerate(values, 1):
        if value is None:
            continue
        cell = value if isinstance(value, Cell) else reused
        if cell is reused:
            reused.value = value
        cell.column, cell.row = column, row
        yield cell


def _rule(name: str, kind: Any, reach: int, titles: dict[str, str], code: str) -> Any:
    """The drop-down or range check of a column, if it has one, with its message in the workbook's language."""
    from openpyxl.worksheet.datavalidation import DataValidation

    rule = None
    if isinstance(kind, Choice):
        rule = DataValidation(type="list", formula1='"' + ",".join(kind.choices) + '"', allow_blank=True)
    elif isinstance(kind, Integer) and kind.allowed:
        rule = DataValidation(type="list", formula1='"' + ",".join(map(str, kind.allowed)) + '"', allow_blank=True)
    elif isinstance(kind, Integer) and kind.high is not None:
        rule = DataValidation(type="whole", operator="between", formula1=str(kind.low), formula2=str(kind.high), allow_blank=True)
    elif isinstance(kind, Date):
        rule = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    elif isinstance(kind, Ref) and kind.kind == "stakeholder":
        # Suggest the ids on the stakeholders sheet, but let people type one they add there too.
        stakeholders = titles["stakeholders"].replace("'", "''")
        rule = DataValidation(type="list", formula1=f"'{stakeholders}'!$A$2:$A${reach}", allow_blank=True)
        rule.errorStyle = "warning"
    if rule is not None:
        rule.error = rule_message(kind, code, titles["stakeholders"])
        rule.showErrorMessage = True
        rule.errorTitle = header(name, code)
    return rule


def _about(workbook: Any, styles: _Styles, title: str, code: str) -> None:
    sheet = workbook.create_sheet(title)
    sheet.column_dimensions["A"].width = 110
    for text, bold in lines(code):
        sheet.append([styles.cell(sheet, text, styles.bold if bold else None)])
