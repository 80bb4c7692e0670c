"""Pictures for the documents, drawn with matplotlib from the documents' own context dicts: the Gantt
chart of a plan, the stakeholders' influence/interest grid, sector coverage, leverage scores and
indicator progress. Each is PNG (Word) or SVG (HTML). Every mark that carries meaning carries it
twice, by colour and by pattern, shape or label, so that a black-and-white photocopy still reads.
matplotlib is imported only inside the functions that draw."""

from __future__ import annotations

import datetime as dt
import io
import textwrap
from typing import Any

from scaleplus_cli.documents.formatting import N_, NC_

# Status of an action, in the order of the legend: (fill, hatch, edge, word on the bar)
ACTION_STATUSES = {
    "done": ("#1F4E4C", "", "#1F4E4C"),
    "in_progress": ("#7FB8B4", "////", "#1F4E4C"),
    "overdue": ("#C0392B", "xxxx", "#7B241C"),
    "planned": ("#FFFFFF", "", "#1F4E4C"),
}
# The words of the pictures, in the document's language (the catalogs; N_ marks them for tools/catalogs.py).
# An action's status: "action" as context, since French, Spanish and Portuguese agree it with "action".
STATUS_WORDS = {"done": NC_("action", "Done"), "in_progress": NC_("action", "In progress"),
                "overdue": NC_("action", "Overdue"), "planned": NC_("action", "Planned")}
# A sector's colour and marker (matplotlib marker codes): nine pairs that differ in shape as well.
SECTOR_STYLES = {
    "government": ("#1F77B4", "s"),
    "private_sector": ("#FF7F0E", "^"),
    "civil_society": ("#2CA02C", "o"),
    "community": ("#D62728", "D"),
    "academia": ("#9467BD", "v"),
    "media": ("#8C564B", "P"),
    "faith_traditional": ("#E377C2", "X"),
    "donor": ("#555555", "*"),
    "other": ("#17BECF", "h"),
}
INK, MUTED, ACCENT, LIGHT = "#263238", "#6B777D", "#1F4E4C", "#EEF3F3"
GANTT_ROWS = 28
# Up to this many actions, every bar has its status in words; past it only overdue ones (each word is
# a millisecond or two to draw, and a big plan's patterns and legend say the rest).
WORDED_ROWS = 12
# A cell of the grid with more stakeholders than this lists their names in one block beside their marks.
CROWDED = 6  # actions on one Gantt page; more are drawn as further pictures
MAX_LABEL = 48  # characters of an action or a name shown beside its mark
DPI = 130


def warm() -> None:
    """Import what drawing needs (in the drawing process, while the documents' text renders)."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.dates  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import babel.dates  # noqa: F401 - the pictures' dates and numbers in the document's language
    import babel.numbers  # noqa: F401


def action_status(action: dict[str, Any], today: dt.date) -> str:
    """done when its commitments are all done (without commitments: its indicators all reached);
    overdue when its end has passed otherwise; in progress when a commitment is under way or an
    indicator has moved; planned otherwise."""
    statuses = [s for s in action.get("commitment_statuses", []) if s != "dropped"]
    progress = [p for p in action.get("indicator_progress", []) if p is not None]
    if (statuses and all(s == "done" for s in statuses)) or (not statuses and progress and all(p >= 1 for p in progress)):
        return "done"
    if action.get("end") and action["end"] < today:
        return "overdue"
    if any(s in ("in_progress", "done") for s in statuses) or any(p > 0 for p in progress):
        return "in_progress"
    return "planned"


def _speaking(code: str | None):
    """The Language the words, dates and numbers of a picture are written in."""
    from scaleplus_cli.documents.formatting import language

    return language(code)


def _short(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _figure(width_cm: float, height_cm: float, margins: tuple[float, float, float, float]):
    """A figure of this size whose axes leave margins (left, right, top, bottom) in cm for labels,
    laid out by hand: matplotlib's tight layout draws everything twice, and pictures are drawn on
    every report run."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=DPI)
    figure.patch.set_facecolor("white")
    left, right, top, bottom = margins
    figure.subplots_adjust(left=left / width_cm, right=1 - right / width_cm, top=1 - top / height_cm,
                           bottom=bottom / height_cm)
    return figure


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(MUTED)
    ax.tick_params(colors=INK, labelsize=7)


def _save(figure, fmt: str) -> bytes:
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "scaleplus", "hatch.linewidth": 0.8}):
        figure.savefig(buffer, format=fmt, dpi=DPI, metadata=_metadata(fmt),
                       **({"pil_kwargs": {"compress_level": 1}} if fmt == "png" else {}))
    return buffer.getvalue()


def _metadata(fmt: str) -> dict[str, Any]:
    if fmt == "svg":
        return {"Date": None, "Creator": None, "Format": None, "Type": None}
    if fmt == "png":
        return {"Software": None}
    return {}


def _fonts() -> dict[str, Any]:
    # no hinting: glyphs drawn as designed, and text (most of the cost of a picture) a third faster
    return {"font.family": "sans-serif", "font.sans-serif": ["Arial", "Liberation Sans", "DejaVu Sans"], "font.size": 8,
            "text.hinting": "no_hinting"}


def _row_labels(ax, labels: list[str], fontsize: float = 7) -> None:
    """Labels left of the rows, top row first, as plain texts (tick objects cost ten times as much to draw)."""
    from matplotlib.transforms import blended_transform_factory

    ax.set_yticks([])
    where = blended_transform_factory(ax.transAxes, ax.transData)
    for row, text in enumerate(labels):
        ax.text(-0.008, len(labels) - 1 - row, text, transform=where, ha="right", va="center", fontsize=fontsize,
                color=INK, clip_on=False)


# -- the Gantt chart ---------------------------------------------------------------------------


def gantt(actions: list[dict[str, Any]], today: dt.date, horizon: int | None, fmt: str = "png",
          width_cm: float = 25.0, lang: str = "en") -> bytes:
    """Bars from each action's start to its end, drawn to dates; a weekly scale for a 100-day plan,
    monthly for a longer one; a today line; each bar's status by colour, pattern and word; the end
    (due date) as a diamond milestone."""
    import matplotlib
    import matplotlib.dates as mdates
    from matplotlib.patches import Patch

    words = _speaking(lang)
    day_month = lambda d: words.date(d, "d MMM")  # noqa: E731 - 1 Nov, 1er nov., 1 nov
    dated = [a for a in actions if a.get("start") and a.get("end")]
    with matplotlib.rc_context(_fonts()):
        figure = _figure(width_cm, 2.4 + 0.62 * max(1, len(actions)), (8.0, 0.2, 0.9, 1.0))
        ax = figure.add_subplot()
        _style(ax)
        ax.spines["left"].set_visible(False)
        first = min((a["start"] for a in dated), default=today)
        last = max((a["end"] for a in dated), default=today)
        span = max(1, (last - first).days)
        long = (horizon or 0) > 100 or span > 200  # a scale of months: due dates with their year
        for row, action in enumerate(actions):
            y = len(actions) - 1 - row
            if not (action.get("start") and action.get("end")):
                ax.text(mdates.date2num(first), y, "  " + words._("no dates"), va="center", fontsize=7, color=MUTED, style="italic")
                continue
            status = action_status(action, today)
            fill, hatch, edge = ACTION_STATUSES[status]
            start, end = mdates.date2num(action["start"]), mdates.date2num(action["end"])
            ax.barh(y, max(end - start, 0.8), left=start, height=0.56, color=fill, hatch=hatch,
                    edgecolor=edge, linewidth=0.9)
            ax.plot(end, y, marker="D", markersize=6, color=INK, markeredgecolor="white", markeredgewidth=0.6, zorder=4)
            if status == "overdue" or len(actions) <= WORDED_ROWS:
                # the status in words beside the bar (besides its pattern): always for an overdue one
                word = words.pgettext("action", STATUS_WORDS[status])
                due = words.date(action["end"], "d MMM y") if long else day_month(action["end"])
                ax.annotate(f"{word} · {due}", (end, y), xytext=(7, 0),
                            textcoords="offset points", va="center", fontsize=6.5, color=INK,
                            fontweight="bold" if status == "overdue" else "normal")
        _row_labels(ax, [_short(f"{a['ref']}  {a['title']}", 60) for a in actions])
        ax.set_ylim(-0.8, len(actions) - 0.3)
        pad = dt.timedelta(days=max(3, span // 12))
        right = dt.timedelta(days=max(12, span // 5))  # room for the status words after the last bar
        ax.set_xlim(mdates.date2num(first - pad), mdates.date2num(max(last, today) + right))
        from matplotlib.ticker import FuncFormatter

        if (horizon or 0) <= 100 and span <= 200:  # weeks, from Monday
            ax.xaxis.set_major_locator(mdates.WeekdayLocator(byweekday=mdates.MO))
            def week(x: float, position: int | None) -> str:
                """A Monday: its month named on the first week of a month (and the first of the scale),
                the day alone on the others, so that longer month names (sept., janv.) never collide."""
                day = mdates.num2date(x).date()
                if position == 0 or (day - dt.timedelta(days=7)).month != day.month:
                    return day_month(day)
                return words.number(day.day)

            ax.xaxis.set_major_formatter(FuncFormatter(week))
        else:  # months, named every quarter (every half-year past five years)
            ax.xaxis.set_minor_locator(mdates.MonthLocator())
            ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10) if span <= 1900 else (1, 7)))
            ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _: words.date(mdates.num2date(x).date(), "MMM y")))
            ax.grid(axis="x", which="minor", color="#ECF0F1", linewidth=0.4)
        ax.grid(axis="x", color="#D5DDDE", linewidth=0.5)
        ax.set_axisbelow(True)
        low, high = ax.get_xlim()
        if low <= mdates.date2num(today) <= high:
            ax.axvline(mdates.date2num(today), color="#C0392B", linewidth=1.4, linestyle=(0, (4, 2)), zorder=5)
            ax.text(mdates.date2num(today), -0.65, " " + words._("Today %(date)s", date=day_month(today)), color="#C0392B",
                    fontsize=7, fontweight="bold", va="bottom", ha="left", zorder=6,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5})
        ax.xaxis.tick_top()
        ax.xaxis.set_label_position("top")
        handles = [
            Patch(facecolor=ACTION_STATUSES[s][0], hatch=ACTION_STATUSES[s][1], edgecolor=ACTION_STATUSES[s][2], label=words.pgettext("action", STATUS_WORDS[s]))
            for s in ACTION_STATUSES
        ]
        from matplotlib.lines import Line2D

        handles.append(Line2D([], [], marker="D", linestyle="", color=INK, label=words._("Due")))
        figure.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=len(handles), frameon=False, fontsize=7)
        return _save(figure, fmt)


def gantt_pages(actions: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The actions in pieces of at most GANTT_ROWS, one picture (and page) each."""
    return [actions[i:i + GANTT_ROWS] for i in range(0, len(actions), GANTT_ROWS)] or [[]]


# -- stakeholders ------------------------------------------------------------------------------

QUADRANTS = (  # (x from, y from, name): interest across, influence up; a score of 3 or more is high
    (3, 3, N_("Manage closely")),
    (0, 3, N_("Keep satisfied")),
    (3, 0, N_("Keep informed")),
    (0, 0, N_("Monitor")),
)


def quadrant(influence: int, interest: int) -> str:
    high_influence, high_interest = influence >= 3, interest >= 3
    if high_influence and high_interest:
        return "Manage closely"
    if high_influence:
        return "Keep satisfied"
    if high_interest:
        return "Keep informed"
    return "Monitor"


def influence_grid(stakeholders: list[dict[str, Any]], sector_labels: dict[str, str], fmt: str = "png",
                   width_cm: float = 17.0, lang: str = "en") -> bytes:
    """Every stakeholder with an influence and an interest placed on the grid and named; the four
    quadrants named as facilitators name them; sector by colour and marker. Those without both
    scores are named under the grid."""
    import matplotlib
    from matplotlib.lines import Line2D

    words = _speaking(lang)
    placed = [s for s in stakeholders if s.get("influence") and s.get("interest")]
    unplaced = [s["name"] for s in stakeholders if not (s.get("influence") and s.get("interest"))]
    cells: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for s in placed:
        cells.setdefault((s["interest"], s["influence"]), []).append(s)
    crowd = max((len(v) for v in cells.values()), default=1)
    size = 6.5 if crowd <= 4 else 5.5 if crowd <= 8 else 4.5
    with matplotlib.rc_context(_fonts()):
        figure = _figure(width_cm, width_cm * 0.9, (1.3, 0.2, 0.2, 3.0))
        ax = figure.add_subplot()
        ax.set_xlim(0.5, 6.2)  # room on the right for the names of column 5
        ax.set_ylim(0.1, 5.9)  # room above and below for the names of the quadrants
        # quadrants: high is 3 and above, so the lines run between 2 and 3
        ax.fill_between([2.5, 6.2], 2.5, 5.9, color=LIGHT, zorder=0)
        ax.fill_between([0.5, 2.5], 0.1, 2.5, color=LIGHT, zorder=0)
        for x0, y0, name in QUADRANTS:
            ax.text(6.15 if x0 else 0.55, 5.85 if y0 else 0.15, words._(name).upper(), fontsize=8, fontweight="bold",
                    color=ACCENT, ha="right" if x0 else "left", va="top" if y0 else "bottom", zorder=1)
        ax.axvline(2.5, color=ACCENT, linewidth=1)
        ax.axhline(2.5, color=ACCENT, linewidth=1)
        marks: dict[str, list[tuple[float, float, float]]] = {}  # sector -> (x, y, size): one scatter per sector
        for (x, y), group in cells.items():
            group = sorted(group, key=lambda s: (list(SECTOR_STYLES).index(s.get("sector_id") or "other")
                                                  if s.get("sector_id") in SECTOR_STYLES else 99, s["name"].casefold()))
            n = len(group)
            for k, s in enumerate(group):
                sector = s.get("sector_id") if s.get("sector_id") in SECTOR_STYLES else "other"
                if n <= CROWDED:  # a mark and its name on one line, spread top to bottom
                    dy = (0.5 - (k + 0.5) / n) * 0.8 if n > 1 else 0.0
                    marks.setdefault(sector, []).append((x - 0.38, y + dy, 36))
                    ax.text(x - 0.31, y + dy, _short(s["name"], 26), fontsize=size, va="center", color=INK, zorder=3)
                else:  # marks in a small block, the names beside them in the same order
                    column, row = divmod(k, 8)
                    marks.setdefault(sector, []).append((x - 0.42 + 0.06 * column, y + 0.36 - 0.1 * row, 12))
            if n > CROWDED:
                # no-break spaces inside a name: lines break between names, never inside one
                names = "; ".join(_short(s["name"], 20).replace(" ", "\u00a0") for s in group)
                ax.text(x - 0.40 + 0.06 * (1 + (n - 1) // 8), y + 0.42, textwrap.fill(names, 44), fontsize=4,
                        va="top", ha="left", color=INK, zorder=3, linespacing=1.1)
        for sector, points in marks.items():
            colour, marker = SECTOR_STYLES[sector]
            ax.scatter([p[0] for p in points], [p[1] for p in points], s=[p[2] for p in points], marker=marker,
                       c=colour, edgecolors=INK, linewidths=0.4, zorder=3)
        ax.set_xticks(range(1, 6))
        ax.set_yticks(range(1, 6))
        ax.set_xlabel(words._("Interest: stake in the outcome (1–5)"), color=INK)
        ax.set_ylabel(words._("Influence: power to move the barriers (1–5)"), color=INK)
        _style(ax)
        present = [k for k in SECTOR_STYLES if any((s.get("sector_id") or "other") == k for s in placed)]
        handles = [
            Line2D([], [], marker=SECTOR_STYLES[k][1], color=SECTOR_STYLES[k][0], markeredgecolor=INK, markeredgewidth=0.4,
                   linestyle="", label=sector_labels.get(k, k))
            for k in present
        ]
        if handles:
            figure.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.06), ncol=min(5, len(handles)),
                          frameon=False, fontsize=7)
        if unplaced:
            shown = ", ".join(_short(n, 30) for n in unplaced[:12])
            if len(unplaced) > 12:
                shown = words.ngettext("%(names)s and %(n)s more", "%(names)s and %(n)s more", len(unplaced) - 12, names=shown)
            figure.text(0.01, 0.01, words._("Not placed (no influence or interest recorded): %(names)s", names=shown), fontsize=6.5,
                        color=MUTED, ha="left", va="bottom", wrap=True)
        return _save(figure, fmt)


def sector_coverage(sectors: list[tuple[str, int]], fmt: str = "png", width_cm: float = 16.0, lang: str = "en") -> bytes:
    """Stakeholders per sector as bars; a sector with nobody is marked "none", the gap in the room."""
    import matplotlib

    words = _speaking(lang)
    with matplotlib.rc_context(_fonts()):
        figure = _figure(width_cm, 1.4 + 0.55 * max(1, len(sectors)), (4.0, 0.4, 0.2, 1.1))
        ax = figure.add_subplot()
        _style(ax)
        labels = [name for name, _ in sectors]
        counts = [n for _, n in sectors]
        ys = list(range(len(sectors)))[::-1]
        ax.barh(ys, counts, color="#2E7D7A", edgecolor=ACCENT, height=0.6)
        top = max(counts, default=1) or 1
        for y, n in zip(ys, counts):
            ax.text(n + top * 0.01, y, " " + (words.number(n) if n else words._("none")), va="center", fontsize=7,
                    color="#C0392B" if not n else INK, fontweight="bold" if not n else "normal")
        _row_labels(ax, labels)
        ax.set_xlim(0, top * 1.15)
        ax.xaxis.get_major_locator().set_params(integer=True)
        ax.set_xlabel(words._("Stakeholders"), color=INK)
        return _save(figure, fmt)


def leverage_scores(rows: list[dict[str, Any]], fmt: str = "png", width_cm: float = 16.0, top: int = 15,
                    lang: str = "en") -> bytes:
    """The highest leverage scores as bars, highest on top; a gap is hatched and labelled GAP."""
    import matplotlib
    from matplotlib.patches import Patch

    words = _speaking(lang)
    rows = rows[:top]
    with matplotlib.rc_context(_fonts()):
        figure = _figure(width_cm, 2.0 + 0.55 * max(1, len(rows)), (6.2, 0.4, 0.2, 1.8))
        ax = figure.add_subplot()
        _style(ax)
        ys = list(range(len(rows)))[::-1]
        scores = [r["score"] for r in rows]
        highest = max(scores, default=1) or 1
        for y, r in zip(ys, rows):
            gap = bool(r.get("gap"))
            ax.barh(y, r["score"], height=0.6, color="#F5B7B1" if gap else "#2E7D7A", hatch="xxx" if gap else "",
                    edgecolor="#7B241C" if gap else ACCENT, linewidth=0.8)
            ax.text(r["score"] + highest * 0.01, y, f" {r['score_text']}" + ("  " + words._("GAP") if gap else ""), va="center",
                    fontsize=7, color=INK, fontweight="bold" if gap else "normal")
        _row_labels(ax, [_short(f"{r['rank']}. {r['title']}", 40) for r in rows])
        ax.set_xlim(0, highest * 1.2)
        ax.set_xlabel(words._("Leverage score"), color=INK)
        if any(r.get("gap") for r in rows):
            ax.legend(handles=[Patch(facecolor="#2E7D7A", edgecolor=ACCENT, label=words._("Live commitments from several sectors")),
                               Patch(facecolor="#F5B7B1", hatch="xxx", edgecolor="#7B241C", label=words._("Gap: where technical assistance should go"))],
                      loc="lower center", bbox_to_anchor=(0.5, 0.0), ncol=2, frameon=False, fontsize=7,
                      bbox_transform=figure.transFigure)
        return _save(figure, fmt)


def indicator_progress(rows: list[dict[str, Any]], fmt: str = "png", width_cm: float = 16.0, top: int = 20,
                       row_cm: float = 0.5, lang: str = "en") -> bytes:
    """Each indicator's way from baseline (0%) to target (100%): a bar to where it stands, its share
    written beside it; an indicator that cannot be placed (no target, not measured) is named 'no value'."""
    import matplotlib

    words = _speaking(lang)
    rows = rows[:top]
    with matplotlib.rc_context(_fonts()):
        figure = _figure(width_cm, 1.2 + row_cm * max(1, len(rows)), (6.6, 3.0, 0.2, 0.9))
        ax = figure.add_subplot()
        _style(ax)
        ys = list(range(len(rows)))[::-1]
        for y, r in zip(ys, rows):
            p = r.get("progress")
            ax.barh(y, 1.0, height=0.56, color="white", edgecolor="#B8C4C6", linewidth=0.8)
            if p is None:
                ax.text(0.02, y, words._("no value"), va="center", fontsize=7, color=MUTED, style="italic")
                continue
            shown = max(0.0, min(1.0, p))
            reached = p >= 1
            ax.barh(y, shown, height=0.56, color=ACCENT if reached else "#7FB8B4", hatch="" if reached else "////",
                    edgecolor=ACCENT, linewidth=0.8)
            ax.text(1.02, y, words._("%(percent)s reached", percent=words.percent(p)) if reached else words.percent(p), va="center", fontsize=7, color=INK,
                    fontweight="bold" if reached else "normal")
        _row_labels(ax, [_short(r["name"], 44) for r in rows])
        ax.set_xlim(0, 1.0)
        ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
        ax.set_xticklabels([words._("baseline"), words.percent(0.25), words.percent(0.5), words.percent(0.75), words._("target")])
        ax.axvline(1.0, color=ACCENT, linewidth=1, linestyle=(0, (3, 2)))
        return _save(figure, fmt)
