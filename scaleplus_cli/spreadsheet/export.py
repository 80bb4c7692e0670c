"""Writing the workbook: a sheet per kind, with drop-downs, ranges, a frozen header and real dates."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from scaleplus_cli import store
from scaleplus_cli.errors import Problem, ScaleplusError
from scaleplus_cli.models import KINDS, Project
from scaleplus_cli.reference import describe
from scaleplus_cli.schema import (
    Choice,
    Date,
    Field,
    Integer,
    ListOf,
    Ref,
    Text,
)
from scaleplus_cli.spreadsheet import (
    ABOUT_SHEET,
    EXCEL_TEXT_LIMIT,
    IMPORTABLE,
    LIST_SEPARATOR,
    column_letter,
    columns,
    left_out,
    multiline,
)

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
        wide = multiline(folder, name)
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
            if not multiline(folder, name):
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
    lines = [*ABOUT, "", *column_help()]
    for row, line in enumerate(lines, start=2):
        cell = sheet.cell(row=row, column=1, value=line)
        cell.data_type = "s"
        if line.endswith(" sheet:"):
            cell.font = Font(bold=True)


def column_help() -> list[str]:
    """What every column of every sheet holds, from the kinds' declarations."""
    lines: list[str] = []
    for folder in IMPORTABLE:
        kind = KINDS[folder]
        lines.append(f"The {folder} sheet:")
        for spec in kind.schema.fields:
            if spec.name in left_out(folder):
                continue
            what = describe(spec.type).replace("`", "")
            need = "required" if spec.required else (f"default {spec.default}" if spec.default is not None else "")
            about = "; ".join(part for part in (spec.help, what, need) if part)
            lines.append(f"  {spec.name}: {about}")
    return lines
