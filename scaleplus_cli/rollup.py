"""The programme view: per site, per level and in total, who is in the room, where the commitments
stand, what is late and where the gaps are; the barriers the sites share; each shared indicator rolled
up from the sites' current values. Plain figures (JSON-ready), for the screen, JSON and the documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scaleplus_cli.models import SITE_LEVELS, STATUSES
from scaleplus_cli.programme import Programme, Shared
from scaleplus_cli.site_summary import by_sector

NO_LEVEL = "unset"  # the level of a site whose scaleplus.yaml gives none


def _in(site_path: str, rel: str) -> str:
    """A file of a site, from the programme's root: where a figure comes from."""
    return rel if site_path == "." else f"{site_path}/{rel}"


def _site_figures(path: str, summary: dict[str, Any]) -> dict[str, Any]:
    """The site's figures, with every file named from the programme's root."""
    figures = dict(summary["figures"])
    for key in ("overdue_commitments", "gap_barriers"):
        figures[key] = [dict(item, file=_in(path, item["file"])) for item in figures[key]]
    return figures


def _group(name: str, paths: list[str], figures: dict[str, dict], orgs: dict[str, dict[str, tuple[str, str]]]) -> dict[str, Any]:
    """A level's (or the whole programme's) figures: organisations counted once across its sites."""
    keys: dict[str, str] = {}
    for path in paths:
        for key, (_, sector) in orgs[path].items():
            keys.setdefault(key, sector)
    commitments = {status: sum(figures[p]["commitments"][status] for p in paths) for status in STATUSES}
    return {
        "level": name,
        "sites": paths,
        "organisations": by_sector(keys),
        "organisation_count": len(keys),
        "commitments": commitments,
        "commitment_count": sum(commitments.values()),
        "overdue": sum(figures[p]["overdue"] for p in paths),
        "gaps": sum(figures[p]["gaps"] for p in paths),
    }


AGGREGATE = {
    "sum": sum,
    "mean": lambda values: sum(values) / len(values),
    "min": min,
    "max": max,
}


def _indicator(programme: Programme, code: str, shared: Shared) -> dict[str, Any]:
    """The shared indicator rolled up over the sites below the one that declares it."""
    declared = shared.indicator
    rule = declared.aggregate or "sum"
    reported, not_reporting, not_measuring, not_read = [], [], [], []
    for site in programme.below(shared.declared_in):
        if not site.is_read:
            not_read.append(site.path)
            continue
        values, dates, files, measuring = [], [], [], False
        for indicator in site.summary["indicators"]:
            if indicator["code"] != code:
                continue
            measuring = True
            if indicator["unit"] and declared.unit and indicator["unit"] != declared.unit:
                continue  # another unit cannot be added up: `check` says so
            if indicator["current"] is None:
                continue
            values.append(indicator["current"])
            files.append(_in(site.path, indicator["file"]))
            if indicator["date"]:
                dates.append(indicator["date"])
        if values:
            reported.append({
                "site": site.path,
                "value": AGGREGATE[rule](values),
                "date": max(dates).isoformat() if dates else None,
                "indicators": len(values),
                "files": sorted(set(files)),
            })
        elif measuring:
            not_reporting.append(site.path)
        else:
            not_measuring.append(site.path)
    value = AGGREGATE[rule]([r["value"] for r in reported]) if reported else None
    return {
        "code": code,
        "name": declared.name,
        "unit": declared.unit,
        "unit_one": declared.unit_one,
        "aggregate": rule,
        "target": declared.target,
        "declared_in": shared.declared_in,
        "value": value,
        "reported": reported,
        "not_reporting": not_reporting,
        "not_measuring": not_measuring,
        "not_read": not_read,
    }


def rollup(programme: Programme, today: dt.date) -> dict[str, Any]:
    """Every figure of the programme view, with the sites each comes from."""
    sites, figures, orgs = [], {}, {}
    for site in programme.sites.values():
        entry: dict[str, Any] = {
            "path": site.path,
            "name": site.name,
            "level": site.level or (NO_LEVEL if site.is_read else None),
            "parent": site.parent,
            "read": site.is_read,
        }
        if not site.is_read:
            entry["unread"] = site.unread
            entry["why"] = [site.why[0], site.why[1]]
        else:
            entry["errors"] = site.summary["errors"]
            orgs[site.path] = site.summary["organisations"]
            figures[site.path] = _site_figures(site.path, site.summary)
            entry.update(figures[site.path])
        sites.append(entry)
    read = [s["path"] for s in sites if s["read"]]
    levels = []
    for level in (*reversed(SITE_LEVELS), NO_LEVEL):
        paths = [s["path"] for s in sites if s["read"] and s["level"] == level]
        if paths:
            levels.append(_group(level, paths, figures, orgs))

    # The same organisation in several sites, counted once.
    seen: dict[str, dict[str, Any]] = {}
    for path in read:
        for key, (name, sector) in orgs[path].items():
            seen.setdefault(key, {"name": name, "sector": sector, "sites": []})["sites"].append(path)
    # By the name rule's key, which each organisation is kept under (name_key of its name).
    shared_orgs = [seen[key] for key in sorted(seen, key=lambda key: (-len(seen[key]["sites"]), key))]

    # Barriers that carry the same code across sites.
    codes: dict[str, dict[str, Any]] = {}
    for site in programme.read:
        for barrier in site.summary["barriers"]:
            entry = codes.setdefault(barrier["code"], {"code": barrier["code"], "titles": [], "sites": [], "gap_sites": []})
            if barrier["title"] and barrier["title"] not in entry["titles"]:
                entry["titles"].append(barrier["title"])
            if site.path not in entry["sites"]:
                entry["sites"].append(site.path)
            if barrier["gap"] and site.path not in entry["gap_sites"]:
                entry["gap_sites"].append(site.path)
    barriers = sorted(codes.values(), key=lambda b: (-len(b["gap_sites"]), -len(b["sites"]), b["code"]))

    root = programme.sites["."]
    return {
        "programme": root.name,
        "today": today.isoformat(),
        "sites": sites,
        "levels": levels,
        "total": _group("total", read, figures, orgs),
        "organisations": shared_orgs,
        "barriers": barriers,
        "indicators": [_indicator(programme, code, shared) for code, shared in programme.shared.items()],
        "unread": [{"path": s["path"], "reason": s["unread"], "why": s["why"]} for s in sites if not s["read"]],
    }
