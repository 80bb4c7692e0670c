"""The work plan's pictures as native Excel charts, on a sheet "Charts" beside the small tables they
are drawn from (so that a facilitator can restyle or re-plot them in Excel): sector coverage,
leverage scores with gaps, indicator progress and the influence/interest grid (a scatter chart, one
series per sector). The Gantt chart is the Actions sheet's own timeline."""

from __future__ import annotations

from typing import Any

from scaleplus_cli.render.figures import sector_counts

CHART_WIDTH_CM = 18
ROW_CM = 0.53
COLOURS = ("1F77B4", "FF7F0E", "2CA02C", "D62728", "9467BD", "8C564B", "E377C2", "555555", "17BECF")  # height of a row of 11-point text
TOP_LEVERAGE = 15


def add_charts(book, context: dict[str, Any], lang) -> None:
    from openpyxl.chart import BarChart, Reference, ScatterChart, Series
    from openpyxl.chart.marker import Marker
    from openpyxl.chart.shapes import GraphicalProperties
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from scaleplus_cli.render.widths import header_width

    ws = book.create_sheet(lang._("Charts"))
    ws.column_dimensions["A"].width = 40
    bold = Font(bold=True)
    row = 1

    def table(title: str, headers: list[str], rows: list[list[Any]]) -> tuple[int, int]:
        """Writes a titled table at the current row; returns its first and last data rows."""
        nonlocal row
        ws.cell(row=row, column=1, value=title).font = Font(bold=True, size=12)
        row += 1
        for n, h in enumerate(headers, 1):
            ws.cell(row=row, column=n, value=h).font = bold
            letter = get_column_letter(n)  # wide enough for the header, never cut inside a word
            ws.column_dimensions[letter].width = max(ws.column_dimensions[letter].width or 8.43, header_width(h, lines=1))
        first = row + 1
        for values in rows:
            row += 1
            for n, v in enumerate(values, 1):
                cell = ws.cell(row=row, column=n, value=v)
                if isinstance(v, str):
                    cell.data_type = "s"
        last = row
        row += 2
        return first, last

    def place(chart, first: int) -> None:
        """The chart beside its table (from its title row); the next table starts below both."""
        nonlocal row
        top = first - 2
        ws.add_chart(chart, f"E{top}")
        row = max(row, top + int(chart.height / ROW_CM) + 3)

    def bar(title: str, first: int, last: int, x_title: str, *, columns: tuple[int, ...] = (2,), stacked: bool = False):
        chart = BarChart()
        chart.type = "bar"
        chart.title = title
        chart.style = 10
        chart.legend = None if len(columns) == 1 else chart.legend
        chart.y_axis.title = x_title
        for column in columns:
            chart.add_data(Reference(ws, min_col=column, min_row=first - 1, max_row=last), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=first, max_row=last))
        chart.x_axis.scaling.orientation = "maxMin"  # first row on top, as in the table
        chart.x_axis.tickLblSkip = 1  # every category named
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        chart.width, chart.height = CHART_WIDTH_CM, max(6, 1.5 + 0.6 * (last - first + 1))
        if stacked:
            chart.grouping = "stacked"
            chart.overlap = 100
        return chart

    stakeholders = context["stakeholders"]
    if stakeholders:
        first, last = table(lang._("Stakeholders by sector"), [lang._("Sector"), lang._("Stakeholders")], [list(p) for p in sector_counts(context)])
        place(bar(lang._("Who was in the room"), first, last, lang._("Stakeholders")), first)
    leverage = context["leverage"][:TOP_LEVERAGE]
    if leverage:
        first, last = table(
            lang._("Leverage scores (the highest)"), [lang._("Barrier"), lang._("Score"), lang._("Gap")],
            [[f"{r['rank']}. {r['title']}", r["score"], lang._("GAP") if r.get("gap") else ""] for r in leverage],
        )
        place(bar(lang._("Leverage scores (gaps: GAP in the table)"), first, last, lang._("Score")), first)
    indicators = context["indicators"]
    if indicators:
        first, last = table(
            lang._("Indicator progress"), [lang._("Indicator"), lang._("Progress")],
            [[f"{i['ref']} {i['name']}", i["progress"]] for i in indicators],
        )
        for r in range(first, last + 1):
            ws.cell(row=r, column=2).number_format = "0%"
        place(bar(lang._("Progress towards the target (100%)"), first, last, lang._("Share of the way from baseline to target")), first)
    placed = [s for s in stakeholders if s.get("influence") and s.get("interest")]
    if placed:
        first, last = table(
            lang._("Influence and interest"), [lang._("Stakeholder"), lang._("Interest"), lang._("Influence"), lang._("Sector")],
            [[s["name"], s["interest"], s["influence"], s["sector"]] for s in placed],
        )
        chart = ScatterChart()
        chart.title = lang._("Influence and interest (manage closely: both 3 or more)")
        chart.style = 13
        chart.x_axis.title = lang._("Interest (1-5)")
        chart.y_axis.title = lang._("Influence (1-5)")
        for axis in (chart.x_axis, chart.y_axis):
            axis.scaling.min, axis.scaling.max, axis.majorUnit = 0, 6, 1
        symbols = ("square", "triangle", "circle", "diamond", "x", "plus", "star", "dash", "dot")
        by_sector: dict[str, list[int]] = {}
        for n, s in enumerate(placed):
            by_sector.setdefault(s["sector"], []).append(first + n)
        for k, (sector, rows_) in enumerate(by_sector.items()):
            # one series per sector, over the rows of that sector (they are contiguous once sorted)
            rows_ = sorted(rows_)
            if rows_ != list(range(rows_[0], rows_[-1] + 1)):
                continue
            series = Series(
                Reference(ws, min_col=3, min_row=rows_[0], max_row=rows_[-1]),
                Reference(ws, min_col=2, min_row=rows_[0], max_row=rows_[-1]),
                title=sector,
            )
            series.marker = Marker(symbol=symbols[k % len(symbols)], size=8)
            series.marker.graphicalProperties = GraphicalProperties(solidFill=COLOURS[k % len(COLOURS)])
            series.marker.graphicalProperties.line.solidFill = "263238"
            series.graphicalProperties.line.noFill = True
            chart.series.append(series)
        chart.width, chart.height = CHART_WIDTH_CM, 12
        chart.scatterStyle = "lineMarker"
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        place(chart, first)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def sort_for_charts(context: dict[str, Any]) -> dict[str, Any]:
    """The stakeholders in sector order, so each sector's rows are one range for its chart series."""
    from scaleplus_cli.models import SECTORS

    order = {k: n for n, k in enumerate(SECTORS)}
    people = sorted(context["stakeholders"], key=lambda s: (order.get(s.get("sector_id"), 99), s["name"].casefold()))
    return dict(context, stakeholders=people)
