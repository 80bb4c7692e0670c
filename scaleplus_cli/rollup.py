"""The programme view: per site, per level and in total, who is in the room, where the commitments
stand, what is late and where the gaps are; the barriers the sites share; each shared indicator rolled
up from the sites' current values. Plain figures (JSON-ready), for the screen, JSON and the documents."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from scaleplus_cli import analysis
from scaleplus_cli.errors import errors_in
from scaleplus_cli.ids import name_key
from scaleplus_cli.models import LEVELS, SECTORS, STATUSES, Project
from scaleplus_cli.programme import Programme, Shared, site_indicators

NO_LEVEL = "unset"  # the level of a site whose scaleplus.yaml gives none


def organisation_name(stakeholder) -> str:
    """The organisation a stakeholder stands for: its `organization`, or its own name."""
    return stakeholder.organization or stakeholder.name or stakeholder.id


def organisations(project: Project) -> dict[str, tuple[str, str]]:
    """The distinct organisations of a project by name key: (name as first written, sector). A body's
    offices (stakeholders with a `parent`) count as the body, as in `stakeholders_by_sector`."""
    found: dict[str, tuple[str, str]] = {}
    for s in project.stakeholders.values():
        if project.body(s.id) != s.id:
            continue
        name = organisation_name(s)
        found.setdefault(name_key(name) or name, (name, s.sector))
    return found


def _by_sector(keys: dict[str, str]) -> dict[str, int]:
    """Distinct organisations (key -> sector) counted per sector, every sector present."""
    found = Counter(keys.values())
    return {s: found[s] for s in SECTORS}


def _site_figures(path: str, project: Project, today: dt.date) -> dict[str, Any]:
    orgs = organisations(project)
    statuses = analysis.commitments_by_status(project)
    by_status = {status: sum(statuses[status].values()) for status in STATUSES}
    late = analysis.overdue(project, today)
    gaps = analysis.gaps(project)
    return {
        "organisations": _by_sector({k: sector for k, (_, sector) in orgs.items()}),
        "organisation_count": len(orgs),
        "commitments": by_status,
        "commitment_count": len(project.commitments),
        "overdue": len(late),
        "overdue_commitments": [
            {"commitment": x.commitment.id, "text": x.commitment.text, "due": x.due.isoformat(), "days": x.days_late}
            for x in late
        ],
        "gaps": len(gaps),
        "gap_barriers": [
            {"barrier": g.barrier.id, "title": g.barrier.title, "code": g.barrier.code, "reason": g.gap_reason} for g in gaps
        ],
    }


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
        "organisations": _by_sector(keys),
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
        if site.project is None:
            not_read.append(site.path)
            continue
        values, dates, measuring = [], [], False
        for _source, _keys, indicator in site_indicators(site.project):
            if indicator.code != code:
                continue
            measuring = True
            if indicator.unit and declared.unit and indicator.unit != declared.unit:
                continue  # another unit cannot be added up: `check` says so
            current = indicator.current
            if current is None:
                continue
            values.append(current)
            measured = [m.date for m in indicator.measurements if m.date and m.value is not None]
            if measured:
                dates.append(max(measured))
        if values:
            reported.append({
                "site": site.path,
                "value": AGGREGATE[rule](values),
                "date": max(dates).isoformat() if dates else None,
                "indicators": len(values),
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
            "level": site.level or (NO_LEVEL if site.project else None),
            "parent": site.parent,
            "read": site.project is not None,
        }
        if site.project is None:
            entry["unread"] = site.unread
        else:
            entry["errors"] = len(errors_in(site.project.problems))
            orgs[site.path] = organisations(site.project)
            figures[site.path] = _site_figures(site.path, site.project, today)
            entry.update(figures[site.path])
        sites.append(entry)
    read = [s["path"] for s in sites if s["read"]]
    levels = []
    for level in (*reversed(LEVELS), NO_LEVEL):
        paths = [s["path"] for s in sites if s["read"] and s["level"] == level]
        if paths:
            levels.append(_group(level, paths, figures, orgs))

    # The same organisation in several sites, counted once.
    seen: dict[str, dict[str, Any]] = {}
    for path in read:
        for key, (name, sector) in orgs[path].items():
            seen.setdefault(key, {"name": name, "sector": sector, "sites": []})["sites"].append(path)
    shared_orgs = sorted(seen.values(), key=lambda o: (-len(o["sites"]), name_key(o["name"])))

    # Barriers that carry the same code across sites.
    codes: dict[str, dict[str, Any]] = {}
    for site in programme.read:
        gap_ids = {g["barrier"] for g in figures[site.path]["gap_barriers"]}
        for barrier in site.project.barriers.values():
            if not barrier.code:
                continue
            entry = codes.setdefault(barrier.code, {"code": barrier.code, "titles": [], "sites": [], "gap_sites": []})
            if barrier.title and barrier.title not in entry["titles"]:
                entry["titles"].append(barrier.title)
            if site.path not in entry["sites"]:
                entry["sites"].append(site.path)
            if barrier.id in gap_ids and site.path not in entry["gap_sites"]:
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
        "unread": [{"path": s["path"], "reason": s["unread"]} for s in sites if not s["read"]],
    }
