"""The programme report as Word (python-docx, landscape tables) and Excel (openpyxl: a sheet per level
with a row per site, and the files every figure comes from). Every fixed word is the language's."""

from __future__ import annotations

import io
from typing import Any, Iterable

from scaleplus_cli.documents.formatting import language

HEAD_FILL, HEAD_FONT = "1F4E4C", "FFFFFF"


# -- Word ---------------------------------------------------------------------------------------


def docx(context: dict[str, Any]) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    lang = language(context["language"])
    _ = lang._
    number = lang.number
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.6))
    doc.styles["Normal"].font.size = Pt(10)

    doc.add_heading(f"{context['programme']}: {context['title']}", level=0)
    doc.add_paragraph(context["prepared"])

    def table(heads: list[str], rows: Iterable[list[Any]], bold_last: bool = False, widths: list[float] = ()) -> None:
        """A table, each cell's width set as its row is made (a national programme's has a
        thousand rows: going over the table column by column afterwards cost seconds)."""
        rows = list(rows)
        t = doc.add_table(rows=1, cols=len(heads))
        t.style = "Table Grid"
        sizes: list = []
        if widths:  # in cm; the rest of the page's width is shared by the other columns
            rest = max(1.2, (26.5 - sum(widths)) / max(1, len(heads) - len(widths)))
            sizes = [Cm(width) for width in [*widths, *[rest] * (len(heads) - len(widths))]]
            t.autofit = False
            for column, size in zip(t.columns, sizes):
                column.width = size  # the grid, which LibreOffice reads

        def fill(cells, texts: Iterable[str], bold: bool) -> None:
            for n, (cell, text) in enumerate(zip(cells, texts)):
                run = cell.paragraphs[0].add_run(text)  # a new cell holds one empty paragraph
                if bold:
                    run.bold = True
                run.font.size = Pt(9)
                if sizes:
                    cell.width = sizes[n]  # each cell, which Word reads

        fill(t.rows[0].cells, heads, True)
        for n, values in enumerate(rows):
            texts = [
                number(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else str(value or "")
                for value in values
            ]
            fill(t.add_row().cells, [text if text or value != 0 else "0" for text, value in zip(texts, values)],
                 bold_last and n == len(rows) - 1)
        doc.add_paragraph()

    statuses = context["status_heads"]
    doc.add_heading(_("Sites"), level=1)
    table(
        [_("Level"), _("Site"), _("Folder"), _("Organisations"), _("Commitments"), *statuses, _("Overdue"), _("Gaps")],
        (
            [s["level"], s["name"], s["folder"], s["organisations"], s["commitments"], *s["statuses"], s["overdue"], s["gaps"]]
            if s["read"] else [s["level"], s["name"], s["folder"], _("Not read: %(why)s", why=s["unread"])]
            for s in context["sites"]
        ),
        widths=[2.6, 4.2, 4.2, 2.7, 2.7],
    )
    incomplete = [s for s in context["sites"] if s["read"] and s["incomplete"]]
    for s in incomplete:
        doc.add_paragraph(f"{s['folder']}: {s['incomplete']}", style="List Bullet")

    doc.add_heading(_("Levels"), level=1)
    groups = [*context["levels"], context["total"]]
    table(
        [_("Level"), _("Sites"), _("Organisations"), *statuses, _("Overdue"), _("Gaps")],
        ([g["label"], g["sites"], g["organisations"], *g["statuses"], g["overdue"], g["gaps"]] for g in groups),
        bold_last=True,
    )

    doc.add_heading(_("Organisations by sector"), level=1)
    doc.add_paragraph(_("Each organisation is counted once, however many sites it takes part in."))
    table(
        [_("Sector"), *[g["label"] for g in context["levels"]], _("Total")],
        ([s["label"], *s["by_level"], s["total"]] for s in context["sectors"]),
        widths=[6],
    )
    several = [o for o in context["organisations"] if o["count"] > 1]
    if several:
        doc.add_paragraph(_("Organisations taking part in several sites:"))
        for o in several:
            doc.add_paragraph(f"{o['name']} ({o['sector']}): {o['sites']}", style="List Bullet")

    if context["barriers"]:
        doc.add_heading(_("Barriers shared across sites"), level=1)
        doc.add_paragraph(_("A barrier that is a gap in many sites is where programme-level technical assistance goes."))
        table(
            [_("Code"), _("Barrier"), _("Sites"), _("Gap in"), _("Where it is a gap")],
            ([b["code"], b["titles"], b["sites"], b["gaps"], b["gap_sites"] or "—"] for b in context["barriers"]),
            widths=[3.5, 10, 2, 2],
        )

    if context["indicators"]:
        doc.add_heading(_("Shared indicators"), level=1)
        table(
            [_("Code"), _("Indicator"), _("Rule"), _("Value"), _("Target"), _("Reported")],
            ([i["code"], i["name"], i["rule"], i["value_text"], i["target_text"] or "—", i["reported_text"]] for i in context["indicators"]),
            widths=[3.5, 9],
        )
        for i in context["indicators"]:
            doc.add_heading(f"{i['code']}: {i['name']}", level=2)
            table(
                [_("Site"), _("State"), _("Value"), _("Date")],
                ([r["site"], r["state"], number(r["value"]) if r["value"] is not None else "—", r["date"] or "—"] for r in i["rows"]),
            )

    if context["unread"]:
        doc.add_heading(_("Sites not read"), level=1)
        for s in context["unread"]:
            doc.add_paragraph(f"{s['folder']}: {s['unread']}", style="List Bullet")

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# -- Excel --------------------------------------------------------------------------------------


def xlsx(context: dict[str, Any]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    lang = language(context["language"])
    _ = lang._
    book = Workbook()
    book.remove(book.active)
    statuses = context["status_heads"]

    # One of each style, given to every cell that has it: made per cell, they cost seconds.
    wrapped, unwrapped = Alignment(wrap_text=True, vertical="top"), Alignment(wrap_text=False, vertical="top")
    head_font, head_fill = Font(bold=True, color=HEAD_FONT), PatternFill("solid", fgColor=HEAD_FILL)

    def sheet(title: str, heads: list[str], rows: Iterable[list[Any]], widths: list[float]) -> None:
        ws = book.create_sheet(_sheet_title(title, book.sheetnames))
        ws.append([None] * len(heads))
        for column, head in enumerate(heads, 1):
            cell = ws.cell(row=1, column=column)
            _put(cell, head)
            cell.font = head_font
            cell.fill = head_fill
            cell.alignment = wrapped
        for r, values in enumerate(rows, 2):
            for column, value in enumerate(values, 1):
                cell = ws.cell(row=r, column=column)
                _put(cell, value)
                cell.alignment = wrapped if isinstance(value, str) else unwrapped
        for column, width in enumerate(widths, 1):
            ws.column_dimensions[ws.cell(row=1, column=column).column_letter].width = width
        ws.freeze_panes = "A2"

    groups = [*context["levels"], context["total"]]
    sheet(
        _("Programme"),
        [_("Level"), _("Sites"), _("Organisations"), *statuses, _("Overdue"), _("Gaps"), _("Site folders")],
        ([g["label"], g["sites"], g["organisations"], *g["statuses"], g["overdue"], g["gaps"], g["folders"]] for g in groups),
        [16, 8, 14, *[11] * len(statuses), 10, 8, 50],
    )
    site_heads = [_("Site"), _("Folder"), _("Parent"), _("Organisations"), *statuses, _("Overdue"), _("Gaps"),
                  _("Overdue commitments (files)"), _("Gap barriers (files)"), _("Notes")]
    for level in [*context["level_codes"], None]:
        rows = [s for s in context["sites"] if (s["level_code"] == level if level else not s["read"])]
        if not rows:
            continue
        title = rows[0]["level"] if level else _("Not read")
        sheet(
            title,
            site_heads,
            ([s["name"], s["folder"], s["parent"], s["organisations"], *s["statuses"], s["overdue"], s["gaps"],
              s["overdue_files"], s["gap_files"], s["incomplete"]] if s["read"] else
             [s["name"], s["folder"], s["parent"], *[None] * (len(statuses) + 3), "", "", s["unread"]] for s in rows),
            [28, 26, 20, 14, *[11] * len(statuses), 10, 8, 50, 50, 30],
        )
    sheet(
        _("Organisations"),
        [_("Organisation"), _("Sector"), _("Sites"), _("Site folders")],
        ([o["name"], o["sector"], o["count"], o["sites"]] for o in context["organisations"]),
        [40, 24, 8, 70],
    )
    if context["barriers"]:
        sheet(
            _("Shared barriers"),
            [_("Code"), _("Barrier"), _("Sites"), _("Gap in"), _("Where it is a gap"), _("Site folders")],
            ([b["code"], b["titles"], b["sites"], b["gaps"], b["gap_sites"], b["all_sites"]] for b in context["barriers"]),
            [16, 50, 8, 8, 40, 60],
        )
    if context["indicators"]:
        rows = []
        for i in context["indicators"]:
            rows.append([i["code"], i["name"], i["unit"], i["rule"], _("Programme"), i["reported_text"], i["value"], i["target"], "", ""])
            for r in i["rows"]:
                rows.append([i["code"], i["name"], i["unit"], i["rule"], r["site"], r["state"], r["value"], None, r["date"], r["files"]])
        sheet(
            _("Shared indicators"),
            [_("Code"), _("Indicator"), _("Unit"), _("Rule"), _("Site"), _("State"), _("Value"), _("Target"), _("Date"), _("Files")],
            rows,
            [14, 40, 8, 10, 28, 16, 10, 10, 14, 60],
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _put(cell, value: Any) -> None:
    """A value into a cell; text is stored as text, never read as a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def _sheet_title(title: str, taken: list[str]) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\, unique in the book."""
    clean = "".join(c for c in title if c not in "[]:*?/\\")[:31] or "-"
    name, n = clean, 2
    while name.casefold() in (t.casefold() for t in taken):
        name = f"{clean[:28]} {n}"
        n += 1
    return name

