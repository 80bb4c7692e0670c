"""The programme report: the rollup's figures (rollup.py) as rows and words in the programme's
language, for the Word report and the workbook (render/rollup.py). Every figure keeps the files it
comes from."""

from __future__ import annotations

from typing import Any

from scaleplus_cli.documents.formatting import N_, Language
from scaleplus_cli.models import AGGREGATE, SECTORS, SITE_LEVEL, STATUS, STATUSES

NO_LEVEL = "unset"


def level_label(lang: Language, level: str | None) -> str:
    if level in SITE_LEVEL.choices:
        return lang.choice(SITE_LEVEL, level)
    return lang._(N_("No level"))


def site_label(lang: Language, path: str) -> str:
    """A site's folder from the programme's root; the root itself in words."""
    return lang._(N_("the programme's own folder")) if path == "." else path


def build(figures: dict[str, Any], lang: Language) -> dict[str, Any]:
    _ = lang._
    number = lang.number
    levels = [g for g in figures["levels"]]
    total = figures["total"]

    def group_row(g: dict[str, Any], label: str) -> dict[str, Any]:
        return {
            "label": label,
            "sites": len(g["sites"]),
            "organisations": g["organisation_count"],
            "statuses": [g["commitments"][s] for s in STATUSES],
            "commitments": g["commitment_count"],
            "overdue": g["overdue"],
            "gaps": g["gaps"],
            "folders": ", ".join(site_label(lang, p) for p in g["sites"]),
        }

    sites = []
    for s in figures["sites"]:
        row = {"path": s["path"], "folder": site_label(lang, s["path"]), "name": s["name"], "level": level_label(lang, s["level"]),
               "level_code": s["level"], "parent": site_label(lang, s["parent"]) if s["parent"] else "", "read": s["read"]}
        if s["read"]:
            row.update(
                organisations=s["organisation_count"],
                statuses=[s["commitments"][k] for k in STATUSES],
                commitments=s["commitment_count"],
                overdue=s["overdue"],
                gaps=s["gaps"],
                overdue_files="\n".join(x["file"] for x in s["overdue_commitments"]),
                gap_files="\n".join(x["file"] for x in s["gap_barriers"]),
                incomplete=lang.ngettext("%(n)s error in its files: its figures may be incomplete",
                                         "%(n)s errors in its files: its figures may be incomplete", s["errors"]) if s["errors"] else "",
            )
        else:
            message, values = s["why"]
            values = {k: level_label(lang, v) if k in ("level", "parent") else v for k, v in values.items()}
            row["unread"] = _(message, **values) if message else s["unread"]
        sites.append(row)

    indicators = []
    for i in figures["indicators"]:
        rows = []
        for r in i["reported"]:
            rows.append({"site": site_label(lang, r["site"]), "state": _("Reported"), "value": r["value"],
                         "date": lang.short_date(_date(r["date"])) if r["date"] else _("no date"), "files": "\n".join(r["files"])})
        for key, state in (("not_reporting", N_("No value yet")), ("not_measuring", N_("Not measured")), ("not_read", N_("Not read"))):
            for path in i[key]:
                rows.append({"site": site_label(lang, path), "state": _(state), "value": None, "date": "", "files": ""})
        in_scope = len(rows)
        indicators.append({
            "code": i["code"],
            "name": i["name"],
            "unit": i["unit"] or "",
            "rule": lang.choice(AGGREGATE, i["aggregate"]),
            "value": i["value"],
            "value_text": lang.quantity(i["value"], i["unit"], i.get("unit_one")) if i["value"] is not None
            else _("no site has reported"),
            "target": i["target"],
            "target_text": lang.quantity(i["target"], i["unit"], i.get("unit_one")),
            "reported_text": _("%(reported)s of %(sites)s sites", reported=number(len(i["reported"])), sites=number(in_scope)),
            "rows": rows,
        })

    return {
        "language": lang.code,
        "title": _("Programme rollup"),
        "programme": figures["programme"],
        "prepared": _("As of %(date)s", date=lang.long_date(_date(figures["today"]))),
        "status_heads": [lang.choice(STATUS, s) for s in STATUSES],
        "sites": sites,
        "levels": [group_row(g, level_label(lang, g["level"])) for g in levels],
        "total": group_row(total, _("Total")),
        "level_codes": [g["level"] for g in levels],
        "sectors": [
            {"label": lang.label(sector), "by_level": [g["organisations"][sector] for g in levels], "total": total["organisations"][sector]}
            for sector in SECTORS
            if sector != "other" or total["organisations"][sector]
        ],
        "organisations": [
            {"name": o["name"], "sector": lang.label(o["sector"]), "count": len(o["sites"]),
             "sites": ", ".join(site_label(lang, p) for p in o["sites"])}
            for o in figures["organisations"]
        ],
        "barriers": [
            {"code": b["code"], "titles": "; ".join(b["titles"]), "sites": len(b["sites"]), "gaps": len(b["gap_sites"]),
             "gap_sites": ", ".join(site_label(lang, p) for p in b["gap_sites"]),
             "all_sites": ", ".join(site_label(lang, p) for p in b["sites"])}
            for b in figures["barriers"]
        ],
        "indicators": indicators,
        "unread": [row for row in sites if not row["read"]],
    }


def _date(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)
