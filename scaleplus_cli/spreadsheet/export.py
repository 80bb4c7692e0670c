"""Writing the workbook: a sheet per kind, with drop-downs, ranges, a frozen header and real dates."""

from __future__ import annotations

import datetime as dt
import io
import math
import re
from copy import copy
from functools import lru_cache
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
# What XML cannot hold at all (YAML's "\uffff" in double quotes can make one).
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")
# Any of the above, or a control character: one search finds the text that needs a closer look.
_SUSPECT = re.compile(f"{CONTROL.pattern}|{_CHANGES_IN_A_CELL.pattern}|{_NOT_XML.pattern}")


def export(project: Project, path: Path) -> None:
    """Write the workbook to path (atomically), or raise with every value a workbook cannot hold exactly.

    Every value is checked first. openpyxl writes the workbook (in its write-only mode) and each
    sheet's settings, drop-downs and print setup; the rows of the data sheets, most of the work, are
    written as XML text here (see `_sheet_rows`): openpyxl makes an object of every cell, which took
    twice as long as reading the whole project."""
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
                if value.__class__ is str and len(value) <= EXCEL_TEXT_LIMIT and _SUSPECT.search(value) is None:
                    pass  # most values: text that a cell holds as it is (what _unholdable finds first)
                elif value is not None:
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
        if _SUSPECT.search(value) is None:
            return None
        if CONTROL.search(value):
            return "it holds a control character"
        if _CHANGES_IN_A_CELL.search(value):
            return "the value would change in the workbook (a carriage return, or text like _x000D_)"
        found = _NOT_XML.search(value)
        if found:
            return f"it holds a character a workbook cannot hold (U+{ord(found.group()):04X})"
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

    def id(self, style: Any) -> int:
        """The style's number in the workbook's table of cell styles (the `s` of a cell), as openpyxl
        gives a cell of that style."""
        return self.workbook._cell_styles.add(style)

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
    choices; then the rows."""
    names = columns(folder)
    schema = KINDS[folder].schema
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
    sheet.close()  # openpyxl writes all of the sheet but its rows: settings before them, drop-downs after
    _put_rows(sheet._writer.out, "".join(_sheet_rows(heads, rows, wide, styles)))


def _sheet_rows(heads: list[str], rows: list[list[Any]], wide: list[bool], styles: _Styles) -> Iterator[str]:
    """The <row> elements of a data sheet, as openpyxl writes them: inline text, numbers, dates as
    Excel's day numbers, each cell's style by its number (a date is formatted as one, long text
    wraps, the cells of a tall row start at the top, the header is white on blue)."""
    from openpyxl.utils.datetime import to_excel

    letters = [column_letter(n + 1) for n in range(len(heads))]
    s = _StyleNumbers(styles)
    yield '<row r="1">' + "".join(_text_cell(f"{letter}1", s["head"], text) for letter, text in zip(letters, heads)) + "</row>"
    for number, row in enumerate(rows, start=2):
        lines = 1
        for col, value in enumerate(row):
            if wide[col] and value is not None:
                lines = max(lines, sum(len(part) // 55 + 1 for part in str(value).strip("\n").split("\n")))
        tall = lines > 1
        # not every program sizes wrapped rows itself
        cells = [f'<row r="{number}" ht="{15 * min(lines, 8)}" customHeight="1">' if tall else f'<row r="{number}">']
        for letter, is_wide, value in zip(letters, wide, row):
            if value is None:
                continue
            ref = f"{letter}{number}"
            if is_wide:
                style = s["wrapped"]
            elif isinstance(value, dt.date):
                style = s["date_top"] if tall else s["date"]
            else:
                style = s["top"] if tall else 0  # in a tall row, every value starts at the top
            if isinstance(value, str):
                cells.append(_text_cell(ref, style, value))
            elif isinstance(value, bool):
                cells.append(f'<c r="{ref}"{_style(style)} t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, (int, float)):
                cells.append(f'<c r="{ref}"{_style(style)} t="n"><v>{"%.16g" % value}</v></c>')
            elif isinstance(value, dt.date):
                cells.append(f'<c r="{ref}"{_style(style)} t="n"><v>{"%.16g" % to_excel(value)}</v></c>')
            else:  # pragma: no cover - every field type of a sheet is one of the above
                raise TypeError(f"a {type(value).__name__} cannot go into a cell")
        cells.append("</row>")
        yield "".join(cells)


class _StyleNumbers(dict):
    """A style's number by its name in _Styles, given to it when first used (so a workbook holds
    the styles its cells use, numbered in the order they are first used, as openpyxl does)."""

    def __init__(self, styles: _Styles) -> None:
        super().__init__()
        self.styles = styles

    def __missing__(self, name: str) -> int:
        number = self[name] = self.styles.id(getattr(self.styles, name))
        return number


def _style(number: int) -> str:
    return f' s="{number}"' if number else ""


def _text_cell(ref: str, style: int, text: str) -> str:
    """A cell of text, as text even when it looks like a formula ("=SUM(A1)"); spaces at either end kept."""
    if not text:
        return f'<c r="{ref}"{_style(style)} t="inlineStr"></c>'
    space = ' xml:space="preserve"' if text != text.strip() else ""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return f'<c r="{ref}"{_style(style)} t="inlineStr"><is><t{space}>{text}</t></is></c>'


_EMPTY_ROWS = (b"<sheetData></sheetData>", b"<sheetData/>")


def _put_rows(path: str, rows: str) -> None:
    """Put the rows into the sheet openpyxl wrote (to path) without any."""
    with open(path, "rb") as f:
        written = f.read()
    for empty in _EMPTY_ROWS:
        before, found, after = written.partition(empty)
        if found:
            break
    else:  # pragma: no cover - an openpyxl that writes sheets otherwise
        raise RuntimeError("openpyxl wrote a sheet without its sheetData element")
    with open(path, "wb") as f:
        f.write(before)
        f.write(b"<sheetData>")
        f.write(rows.encode("ascii", "xmlcharrefreplace"))  # as openpyxl writes the rest: &#233; for é
        f.write(b"</sheetData>")
        f.write(after)


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
