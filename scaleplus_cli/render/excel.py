"""The work plan as an Excel workbook: Actions (with a month-by-month timeline, each bar coloured and
patterned by the action's status as the Gantt chart is, with its key), Commitments, Indicators,
Stakeholders, Barriers, Leverage. Every text cell is stored as text, never a formula; every column is
wide enough for its header's longest word, in every language."""

from __future__ import annotations

import datetime as dt
import io
from copy import copy
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from scaleplus_cli.documents.formatting import N_, Language, language, month_index
from scaleplus_cli.render.widths import header_width
from scaleplus_cli.errors import ScaleplusError
from scaleplus_cli.spreadsheet import EXCEL_TEXT_LIMIT
from scaleplus_cli.store import write_atomic

HEAD_FILL, HEAD_FONT, BAR_FILL = "1F4E4C", "FFFFFF", "2E7D7A"
DATE_FORMAT = "d mmm yyyy"
# The locale a date format names, so that Excel and LibreOffice write the months in the document's
# language whatever the computer's own ("[$-40C]d mmm yyyy": 20 sept. 2026).
DATE_LOCALES = {"en": "809", "fr": "40C", "es": "C0A", "pt": "816"}
MONEY_FORMAT = "#,##0.##"
PERCENT_FORMAT = "0%"
SOFT_HYPHEN = "\u00ad"
LINE_HEIGHT = 15  # points per line of 11-point text
FIT_WIDTH = 90  # the widest a fit_lines column grows


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[dict[str, Any]], Any]
    width: float = 14
    number_format: str | None = None
    wrap: bool = False
    # Wider, up to FIT_WIDTH, for text typed in lines (a YAML | block): each typed line on one line of
    # the cell, rather than every line wrapped short and ragged.
    fit_lines: bool = False


class TooLong(ScaleplusError):
    """A text longer than an Excel cell holds: Excel and LibreOffice would cut it on opening."""

    def __init__(self, sheet: str, row: dict[str, Any], header: str, length: int) -> None:
        who = row.get("id") or row.get("number") or row.get("title") or row.get("name") or ""
        super().__init__(
            f"workplan.xlsx: sheet {sheet}, {who} ({header}): the text is {length:,} characters long, more than"
            f" the {EXCEL_TEXT_LIMIT:,} an Excel cell can hold; shorten it (nothing was written)"
        )


def text(key: str) -> Callable[[dict[str, Any]], Any]:
    return lambda row: row.get(key)


def write(document: str, context: dict[str, Any], path: Path, root: Path) -> None:
    write_atomic(path, content(document, context, root))


def content(document: str, context: dict[str, Any], root: Path) -> bytes:
    if document != "workplan":
        raise ValueError(f"no Excel form of the {document}")
    return workbook_bytes(context)


def workbook_bytes(context: dict[str, Any]) -> bytes:
    from openpyxl import Workbook

    lang = language(context.get("language"))
    book = Workbook()
    book.remove(book.active)
    actions = book.create_sheet(lang._("Actions"))
    fixed = sheet(actions, ACTIONS, context["actions"], lang)
    timeline(actions, context["months"], context["actions"], fixed + 1, lang)
    actions.freeze_panes = "F2"  # plan, horizon, number, action and status stay in view
    print_actions(actions, fixed, len(context["months"]))
    if context["months"]:  # the timeline's key on every printed page, where the key under the table may not be
        actions.oddFooter.center.text = lang._("Timeline: ✓ done, » in progress, ! overdue, pale: planned")
        actions.oddFooter.center.size = 8
    for title, columns, rows in (
        (N_("Commitments"), COMMITMENTS, context["commitments"]),
        (N_("Indicators"), INDICATORS, context["indicators"]),
        (N_("Stakeholders"), STAKEHOLDERS, context["stakeholders"]),
        (N_("Barriers"), BARRIERS, context["barriers"]),
        (N_("Leverage"), leverage_columns(context["leverage"]), context["leverage"]),
    ):
        sheet(book.create_sheet(lang._(title)), columns, rows, lang)
    from scaleplus_cli.render.excel_charts import add_charts, sort_for_charts

    add_charts(book, sort_for_charts(context), lang)
    title = cell_value(f"{context['project']['name']}: {lang._('work plan')}")
    book.properties.title = title
    print_setup(book, title, context["project"]["prepared"], lang)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FONT = "Arial"  # named, so that LibreOffice does not fall back on a serif font for Calibri


def print_setup(book, title: str, prepared: str, lang: Language) -> None:
    """Every sheet on paper: a named font, the work plan's title and the sheet's name on top, the
    date it was prepared and "Page 2 of 5" at the foot."""
    from openpyxl.styles import Font

    normal = next(s for s in book._named_styles if s.name == "Normal")
    normal.font = Font(name=FONT, size=10)
    for font in book._fonts:  # every font the cells use (openpyxl keeps each once)
        font.name = FONT
    # & starts a code in an Excel header: a title holding one must show it
    shown = title.replace("&", "&&")
    for ws in book.worksheets:
        ws.oddHeader.left.text = shown
        ws.oddHeader.left.font = f"{FONT},Bold"
        ws.oddHeader.right.text = ws.title
        ws.oddFooter.left.text = lang._("Prepared %(date)s", date=prepared).replace("&", "&&")
        ws.oddFooter.right.text = f"{lang._('Page')} &P {lang._('of')} &N"
        for part in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.left, ws.oddFooter.right):
            part.size = 8
        ws.page_margins.top = ws.page_margins.bottom = 0.75
        ws.page_margins.header = ws.page_margins.footer = 0.3


def cell_value(value: Any) -> Any:
    """A value Excel can hold: lists joined, control characters dropped, datetimes kept as dates."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    if isinstance(value, str):
        # soft hyphens let Word break a long word in a narrow column; a sheet would show them
        return ILLEGAL_CHARACTERS_RE.sub("", value.replace("\r\n", "\n").replace(SOFT_HYPHEN, "")).rstrip("\n")
    return value


CHARACTERS_PER_WIDTH = 1.15  # characters of prose per unit of column width


def wrapped_lines(value: str, width: float) -> int:
    """About how many lines a wrapped cell of this column width shows."""
    per_line = max(1, int(width * CHARACTERS_PER_WIDTH))
    return sum(max(1, -(-len(line) // per_line)) for line in value.split("\n"))


def line_width(column: Column, rows: list[dict[str, Any]]) -> float:
    """A fit_lines column's width: enough for its longest typed line, between its own width and FIT_WIDTH."""
    longest = 0
    for row in rows:
        value = cell_value(column.value(row))
        if isinstance(value, str) and "\n" in value:
            longest = max(longest, *(len(line) for line in value.split("\n")))
    return max(column.width, min(FIT_WIDTH, round(longest / CHARACTERS_PER_WIDTH + 1)))


def sheet(ws, columns: list[Column], rows: list[dict[str, Any]], lang: Language) -> int:
    """Header row (styled, frozen, filtered) and one row per item; returns the number of columns."""
    from dataclasses import replace

    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    columns = [replace(c, width=line_width(c, rows)) if c.fit_lines else c for c in columns]
    columns = [replace(c, width=max(c.width, header_width(lang._(c.header)))) for c in columns]

    head_font = Font(bold=True, color=HEAD_FONT)
    head_fill = PatternFill("solid", fgColor=HEAD_FILL)
    head_align = Alignment(vertical="center", wrap_text=True)
    styles = []  # per column, the style of its data cells, made once and copied (openpyxl styles are slow to set)
    for n, column in enumerate(columns, 1):
        cell = ws.cell(row=1, column=n, value=cell_value(lang._(column.header)))
        cell.data_type = "s"
        cell.font, cell.fill, cell.alignment = head_font, head_fill, head_align
        ws.column_dimensions[get_column_letter(n)].width = column.width
        if rows:
            model = ws.cell(row=2, column=n)
            model.alignment = Alignment(vertical="top", wrap_text=column.wrap)
            if column.number_format == DATE_FORMAT:
                model.number_format = f"[$-{DATE_LOCALES.get(lang.code, '809')}]{DATE_FORMAT}"
            elif column.number_format:
                model.number_format = column.number_format
            styles.append(copy(model._style))
    for r, row in enumerate(rows, 2):
        lines = 1
        for n, column in enumerate(columns, 1):
            value = cell_value(column.value(row))
            if value is None or value == "":
                continue
            if isinstance(value, str) and len(value) > EXCEL_TEXT_LIMIT:
                raise TooLong(ws.title, row, column.header, len(value))
            if column.wrap and isinstance(value, str):
                lines = max(lines, wrapped_lines(value, column.width))
            cell = ws.cell(row=r, column=n, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # "=1+1" or "@name" stays text, never a formula
            cell._style = copy(styles[n - 1])
        if lines > 1:  # neither Excel nor LibreOffice grows a row for wrapped text on opening
            ws.row_dimensions[r].height = min(LINE_HEIGHT * lines + 3, 400)
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(rows) + 1)}"
    return len(columns)


def print_actions(ws, fixed: int, months: int) -> None:
    """The Actions sheet on paper: two pages wide, the #, Action and Status columns repeated on each
    (one page wide with the timeline was too small to read)."""
    if months:
        ws.print_title_cols = "C:E"
        ws.page_setup.fitToWidth = 2


# An action's status on the timeline, as on the Gantt chart (pictures.ACTION_STATUSES): fill colour,
# Excel pattern and its colour; done solid dark, in progress hatched, overdue red with a lattice,
# planned dotted, so that each differs in grey as well as in colour. The Status column says it in words.
# Done, in-progress and overdue cells also hold a mark (LibreOffice draws a pattern as its blended
# colour), which the footer of every printed page explains.
TIMELINE_STATUSES = {
    "done": ("1F4E4C", "solid", "1F4E4C", "✓"),
    "in_progress": ("7FB8B4", "darkUp", "1F4E4C", "»"),
    "overdue": ("C0392B", "lightTrellis", "7B241C", "!"),
    "planned": ("F4F7F7", "gray125", "1F4E4C", ""),
}
TIMELINE_KEY = {
    "done": N_("Done: its commitments kept, or its indicators reached"),
    "in_progress": N_("In progress: a commitment under way or an indicator moved"),
    "overdue": N_("Overdue: its end has passed and it is not done"),
    "planned": N_("Planned: not started yet"),
}


def timeline(ws, months: list[dt.date], actions: list[dict[str, Any]], first_column: int, lang: Language) -> None:
    """One narrow column per month; an action's cells are filled across its span."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    head_font = Font(bold=True, color=HEAD_FONT, size=9)
    head_fill = PatternFill("solid", fgColor=HEAD_FILL)
    white = Side(style="thin", color="FFFFFF")
    gaps = Border(top=white, bottom=white)  # a fine line between the bars of two actions
    center = Alignment(horizontal="center", vertical="center", text_rotation=90)
    for n, month in enumerate(months):
        column = first_column + n
        cell = ws.cell(row=1, column=column, value=lang.date(month, "MMM y"))
        cell.data_type = "s"
        cell.font, cell.fill, cell.alignment = head_font, head_fill, center
        ws.column_dimensions[get_column_letter(column)].width = 3.6
    if months:
        ws.row_dimensions[1].height = 54
    if not (months and actions):
        return
    first = month_index(months[0])
    model = ws.cell(row=2, column=first_column)  # styled once per status, copied to every filled cell
    plain = copy(model._style)
    filled = {}
    outline = Side(style="thin", color=HEAD_FILL)
    mark_font = Font(bold=True, color="FFFFFF", size=9)
    middle = Alignment(horizontal="center", vertical="center")
    for status, (colour, pattern, ink, mark) in TIMELINE_STATUSES.items():
        model.fill = (PatternFill("solid", fgColor=colour) if pattern == "solid"
                      else PatternFill(pattern, fgColor=ink, bgColor=colour))
        model.border = Border(top=outline, bottom=outline) if status == "planned" else gaps
        model.font, model.alignment = mark_font, middle
        filled[status] = copy(model._style)
    model._style = plain
    for r, action in enumerate(actions, 2):
        if not (action["start"] and action["end"]):
            continue
        status = action.get("status_id") or "planned"
        style, mark = filled[status], TIMELINE_STATUSES[status][3]
        for i in range(month_index(action["start"]), month_index(action["end"]) + 1):
            cell = ws.cell(row=r, column=first_column + i - first)
            if mark:
                cell.value = mark
                cell.data_type = "s"
            cell._style = copy(style)
    key(ws, len(actions) + 3, filled, lang)


def key(ws, row: int, filled: dict[str, Any], lang: Language) -> None:
    """The timeline's key below the actions: a cell of each status's fill beside its meaning (each
    line says its status, so no title is left alone at the foot of a printed page)."""
    from openpyxl.styles import Alignment

    width = ws.column_dimensions["D"].width or 44
    for n, (status, meaning) in enumerate(TIMELINE_KEY.items(), row):
        sample = ws.cell(row=n, column=3, value=TIMELINE_STATUSES[status][3] or None)
        sample._style = copy(filled[status])
        words = lang._(meaning)
        cell = ws.cell(row=n, column=4, value=words)
        cell.data_type = "s"
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        lines = wrapped_lines(words, width)
        if lines > 1:
            ws.row_dimensions[n].height = LINE_HEIGHT * lines + 3


ACTIONS = [
    Column(N_("Plan"), text("plan"), 26, wrap=True),
    Column(N_("Horizon (days)"), text("horizon"), 10),
    Column("#", text("ref"), 8),
    Column(N_("Action"), text("title"), 44, wrap=True),
    Column(N_("Status"), text("status_text"), 12),
    Column(N_("Lead"), text("lead"), 26, wrap=True),
    Column(N_("Partners"), text("partners"), 34, wrap=True),
    Column(N_("Instrument"), text("instrument"), 16, wrap=True),
    Column(N_("Barriers"), text("barriers"), 34, wrap=True),
    Column(N_("Start"), text("start"), 12, DATE_FORMAT),
    Column(N_("End"), text("end"), 12, DATE_FORMAT),
    Column(N_("Budget"), text("budget"), 12, MONEY_FORMAT),
    Column(N_("Funding"), text("funding"), 14, wrap=True),
]
COMMITMENTS = [
    Column(N_("Stakeholder"), text("stakeholder"), 30, wrap=True),
    Column(N_("Commitment"), text("text"), 60, wrap=True),
    Column(N_("Barriers"), text("barriers"), 34, wrap=True),
    Column(N_("Goals"), text("goals_text"), 10),
    Column(N_("Horizon (days)"), text("horizon"), 10),
    Column(N_("Due"), text("due"), 12, DATE_FORMAT),
    Column(N_("Status"), text("status"), 12),
    Column(N_("Resources"), text("resources"), 34, wrap=True),
    Column(N_("Last update"), text("last_update_date"), 12, DATE_FORMAT),
    Column(N_("Last note"), text("last_note"), 34, wrap=True),
    Column(N_("Id"), text("id"), 30),
]
INDICATORS = [
    Column("#", text("ref"), 8),
    Column(N_("Action"), text("action"), 40, wrap=True),
    Column(N_("Indicator"), text("name"), 44, wrap=True),
    Column(N_("Unit"), text("unit"), 10),
    Column(N_("Baseline"), text("baseline"), 10, MONEY_FORMAT),
    Column(N_("Target"), text("target"), 10, MONEY_FORMAT),
    Column(N_("Current"), text("current"), 10, MONEY_FORMAT),
    Column(N_("Progress"), text("progress"), 10, PERCENT_FORMAT),
    Column(N_("Last measured"), text("measured"), 13, DATE_FORMAT),
    Column(N_("Note"), text("note"), 40, wrap=True),
]
STAKEHOLDERS = [
    Column(N_("Name"), text("name"), 34, wrap=True),
    Column(N_("Sector"), text("sector"), 24),  # "Faith & traditional leader" on one line
    Column(N_("Organisation"), text("organization"), 34, wrap=True),
    Column(N_("Representative"), text("representative"), 24),
    Column(N_("Role"), text("role"), 24, wrap=True),
    Column(N_("Group"), text("group"), 20),
    Column(N_("Email"), text("email"), 26),
    Column(N_("Phone"), text("phone"), 18),
    Column(N_("Influence"), text("influence"), 10),
    Column(N_("Interest"), text("interest"), 10),
    Column(N_("Commitments"), text("commitments"), 12),
    Column(N_("Id"), text("id"), 30),
]
BARRIERS = [
    Column(N_("Barrier"), text("title"), 40, wrap=True),
    Column(N_("Category"), text("category"), 16),
    Column(N_("Severity"), text("severity"), 10),
    Column(N_("Raised by"), text("raised_by"), 40, wrap=True),
    Column(N_("Goals"), text("goals_text"), 10),
    Column(N_("Commitments"), text("commitments"), 12),
    Column(N_("Live commitments"), text("live"), 12),
    Column(N_("Sectors committing"), text("committing_sectors_text"), 30, wrap=True),
    Column(N_("Description"), text("description"), 50, wrap=True, fit_lines=True),
    Column(N_("Id"), text("id"), 30),
]


def leverage_columns(rows: list[dict[str, Any]]) -> list[Column]:
    """The Leverage sheet: rank, score and each part of the score, so anyone can recompute it."""
    parts = [p["name"] for p in rows[0]["parts"]] if rows else []
    return [
        Column(N_("Rank"), text("rank"), 8),
        Column(N_("Barrier"), text("title"), 40, wrap=True),
        Column(N_("Category"), text("category"), 16),
        Column(N_("Score"), text("score"), 10),
        *(Column(name, _part(n), 12) for n, name in enumerate(parts)),  # already in the document's language
        Column(N_("Live commitments"), text("live"), 12),
        Column(N_("Sectors committing"), text("committing_sectors_text"), 30, wrap=True),
        Column(N_("Suggested instruments"), text("instruments"), 30, wrap=True),
        Column(N_("Gap"), text("gap"), 40, wrap=True),
        Column(N_("Id"), text("id"), 30),
    ]


def _part(n: int) -> Callable[[dict[str, Any]], Any]:
    return lambda row: row["parts"][n]["value"] if n < len(row["parts"]) else None
