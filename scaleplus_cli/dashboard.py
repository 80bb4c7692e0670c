"""The status dashboard: its figures as JSON-ready data (what `status` shows on the screen and
`status --format json` prints), and the same as one self-contained HTML page (`report dashboard`,
`status --format html`) with its pictures inline as SVG: no script, no file or address outside the
page, text from the YAML files escaped."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from scaleplus_cli import analysis
from scaleplus_cli.models import SECTOR_LABELS, Project

TOP = 5  # leverage points on the dashboard


def dashboard(project: Project, today: dt.date) -> dict[str, Any]:
    """Every figure of the dashboard as JSON-ready data (what `--format json` prints)."""
    ranked = analysis.leverage(project)
    start = project.settings.retreat.start
    return {
        "project": project.settings.name,
        "currency": project.settings.currency,
        "today": today.isoformat(),
        "days_since_retreat": (today - start).days if start else None,
        "counts": analysis.counts(project),
        "sectors": [
            {"sector": s, "label": SECTOR_LABELS[s], "stakeholders": n}
            for s, n in analysis.stakeholders_by_sector(project).items()
        ],
        "missing_sectors": analysis.missing_sectors(project),
        "commitments": {
            status: {str(h): n for h, n in by_horizon.items()}
            for status, by_horizon in analysis.commitments_by_status(project).items()
        },
        "overdue": [x.as_dict() for x in analysis.overdue(project, today)],
        "due_soon": [x.as_dict() for x in analysis.due_soon(project, today, analysis.CHASE_DAYS)],
        "leverage": [bl.as_dict() for bl in ranked[:TOP]],
        "gaps": [bl.as_dict() for bl in ranked if bl.gap],
        "indicators": [row.as_dict() for row in analysis.indicator_progress(project)],
        "funding": analysis.funding(project).as_dict(),
        "chase": analysis.to_chase(project, today),
    }


# -- the page ----------------------------------------------------------------------------------

SVG_START = re.compile(r"^.*?(?=<svg\b)", re.S)
METADATA = re.compile(r"<metadata>.*?</metadata>", re.S)
XMLNS = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
IDS = re.compile(r'\bid="([^"]+)"')
REFERENCES = re.compile(r'(url\(#|href="#)([^")]+)')


def inline_svg(svg: bytes, prefix: str) -> str:
    """An SVG file as an element of the page: no XML header or metadata, its ids made its own (two
    pictures on one page must not share an id) and its size left to the page's CSS."""
    text = METADATA.sub("", SVG_START.sub("", svg.decode("utf-8"), count=1))
    text = XMLNS.sub("", text)  # an SVG inside HTML needs no namespace declaration
    text = IDS.sub(lambda m: f'id="{prefix}-{m.group(1)}"', text)
    text = REFERENCES.sub(lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", text)
    return re.sub(r'<svg\b([^>]*?)\swidth="[^"]*"\s+height="[^"]*"', r'<svg\1 role="img"', text, count=1)


def chase(project: Project, today: dt.date, lang) -> list[str]:
    """analysis.to_chase (this week's to-do list, most pressing first) in the page's language."""
    from scaleplus_cli.documents.workplan import gap_reason

    todo: list[str] = []
    for late in analysis.overdue(project, today):
        owner = late.stakeholder.label if late.stakeholder else late.commitment.stakeholder
        u = late.last_update
        last = lang._("last update %(date)s", date=lang.short_date(u.date)) if u and u.date else lang._("no update recorded")
        todo.append(lang._("Call %(owner)s: “%(text)s” is %(days)s late (%(last)s).", owner=owner,
                           text=analysis.clip(late.commitment.text), days=lang.days(late.days_late), last=last))
    for soon in analysis.due_soon(project, today, analysis.CHASE_DAYS):
        owner = soon.stakeholder.label if soon.stakeholder else soon.commitment.stakeholder
        text = analysis.clip(soon.commitment.text)
        if soon.days_left == 0:
            todo.append(lang._("Remind %(owner)s: “%(text)s” is due today.", owner=owner, text=text))
        else:
            todo.append(lang._("Remind %(owner)s: “%(text)s” is due in %(days)s (%(date)s).", owner=owner, text=text,
                               days=lang.days(soon.days_left), date=lang.short_date(soon.due)))
    planned = analysis.planned_barriers(project)
    for gap in analysis.gaps(project):
        if gap.barrier.id not in planned:
            todo.append(lang._("Find technical assistance for “%(barrier)s”: %(reason)s; no plan has an action on it yet"
                               " (scaleplus plan --write).", barrier=gap.barrier.label, reason=gap_reason(gap, lang)))
    missing = analysis.missing_sectors(project)
    if missing:
        names = ", ".join(lang.label(s).lower() for s in missing)  # inside a sentence
        todo.append(lang.ngettext("Bring in the missing sector: %(names)s.", "Bring in the missing sectors: %(names)s.",
                                  len(missing), names=names))
    unmeasured = [row for row in analysis.indicator_progress(project) if row.current is None]
    if unmeasured:
        todo.append(lang.ngettext("%(n)s indicator has no value yet: ask the action leads to measure (scaleplus measure).",
                                  "%(n)s indicators have no value yet: ask the action leads to measure (scaleplus measure).",
                                  len(unmeasured)))
    return todo


def page_context(project: Project, today: dt.date) -> dict[str, Any]:
    """What the dashboard page shows: the status figures, the work plan's rows and the pictures."""
    from markupsafe import Markup

    from scaleplus_cli import pictures
    from scaleplus_cli.documents import workplan as workplan_document
    from scaleplus_cli.documents.formatting import project_language

    lang = project_language(project)
    label, long_date, money, number = lang.label, lang.long_date, lang.money, lang.number
    workplan = workplan_document.build
    from scaleplus_cli.models import SECTORS, STATUSES

    f = dashboard(project, today)
    plan = workplan(project, today)
    drawn: dict[str, Any] = dict.fromkeys(("sectors", "grid", "leverage", "indicators"), "")

    def draw(name: str, svg: bytes) -> Markup:
        return Markup(inline_svg(svg, name))  # noqa: S704 - matplotlib's SVG; every text in it is escaped by matplotlib

    if plan["stakeholders"]:
        # the dashboard's own figures, as the terminal shows them (a body and its offices count once)
        counts = [(label(row["sector"]), row["stakeholders"]) for row in f["sectors"]
                  if row["sector"] != "other" or row["stakeholders"]]
        drawn["sectors"] = draw("sectors", pictures.sector_coverage(counts, "svg", lang=lang.code))
    if any(s.get("influence") and s.get("interest") for s in plan["stakeholders"]):
        sector_names = {k: label(k) for k in SECTORS}
        drawn["grid"] = draw("grid", pictures.influence_grid(plan["stakeholders"], sector_names, "svg", lang=lang.code))
    if plan["leverage"]:
        drawn["leverage"] = draw("leverage", pictures.leverage_scores(plan["leverage"], "svg", lang=lang.code))
    if plan["indicators"]:
        drawn["indicators"] = draw("indicators", pictures.indicator_progress(plan["indicators"], "svg", lang=lang.code))
    gantts = [
        {"title": p["title"], "svg": draw(f"gantt{n}-{k}", pictures.gantt(chunk, today, p["horizon"], "svg", lang=lang.code))}
        for n, p in enumerate(plan["plans"]) if p["actions"]
        for k, chunk in enumerate(pictures.gantt_pages(p["actions"]))
    ]
    statuses = [s for s in STATUSES if s in f["commitments"]] + [s for s in f["commitments"] if s not in STATUSES]
    commitment_rows = [
        {"status": label(s), "100": f["commitments"][s].get("100", 0), "1000": f["commitments"][s].get("1000", 0),
         "all": sum(f["commitments"][s].values())}
        for s in statuses
    ]
    funding = f["funding"]
    return {
        "project": plan["project"],
        "language": lang.code,
        "today_text": long_date(today),
        "days_since_retreat": f["days_since_retreat"],
        "counts": f["counts"],
        "missing_sectors": [label(s) for s in f["missing_sectors"]],
        "commitments": commitment_rows,
        "horizons": {"100": lang.horizon(100), "1000": lang.horizon(1000)},
        "commitment_totals": {k: sum(r[k] for r in commitment_rows) for k in ("100", "1000", "all")},
        "overdue": [dict(x, due_text=long_date(dt.date.fromisoformat(x["due"]))) for x in f["overdue"]],
        "due_soon": [dict(x, due_text=long_date(dt.date.fromisoformat(x["due"]))) for x in f["due_soon"]],
        "gaps": plan["gaps"],
        "leverage": plan["leverage"][:TOP],
        "indicators": plan["indicators"],
        "funding": [{"source": lang.funding(k), "amount": money(v)} for k, v in funding["by_source"].items()],
        "funding_total": money(funding["total"]),
        "leverage_ratio": number(round(funding["leverage_ratio"], 2)) if funding.get("leverage_ratio") is not None else "",
        "days_since_retreat_text": number(f["days_since_retreat"]) if f["days_since_retreat"] is not None else "",
        "chase": chase(project, today, lang),
        "pictures": drawn,
        "gantts": gantts,
    }
