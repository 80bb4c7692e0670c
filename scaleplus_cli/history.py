"""The project as it stood at a moment of its git history, and what changed in the system between
two moments: for the 100-day review, "what changed since the retreat". Read straight from git:
the working tree is never touched."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from scaleplus_cli.analysis import gaps, leverage
from scaleplus_cli.models import Project
from scaleplus_cli.repository import WORKING_TREE, Repository


@dataclass(frozen=True)
class Moment:
    """A point of the project's history: a commit, or the working tree (sha None)."""

    sha: str | None
    date: dt.date | None
    subject: str = ""

    def day(self, revision: str) -> dt.date | None:
        """The day documents of this moment are dated: the date asked for, or the commit's."""
        from scaleplus_cli.repository import as_date

        return as_date(revision) or self.date

    @property
    def label(self) -> str:
        if self.sha is None:
            return "now (the files as they are)"
        return f"{self.date.isoformat()} ({self.sha[:7]}, {self.subject!r})"

    def as_dict(self) -> dict[str, Any]:
        return {"commit": self.sha, "date": self.date.isoformat() if self.date else None, "subject": self.subject}


@contextlib.contextmanager
def project_at(root: Path, revision: str) -> Iterator[tuple[Project, Moment]]:
    """The project as it stood at a revision or date, loaded from a temporary copy read out of git;
    the copy is removed afterwards (the project stays in memory)."""
    from scaleplus_cli.store import PROJECT_FILE, load_project

    repo = Repository(root)
    sha = repo.resolve(revision)
    commit = repo.commit(sha)
    moment = Moment(sha, commit.date, commit.subject)
    files = repo.project_files(sha)
    with _copy_of(files) as copy:
        if not (copy / PROJECT_FILE).is_file():
            from scaleplus_cli.errors import ScaleplusError

            raise ScaleplusError(f"the project had no {PROJECT_FILE} at {moment.label}: it did not exist yet")
        yield load_project(copy), moment


MEMORY_FOLDER = Path("/dev/shm")  # where the system keeps files in memory (Linux): a copy is written there 10x faster


@contextlib.contextmanager
def _copy_of(files: dict[str, bytes]) -> Iterator[Path]:
    """The files in a temporary folder, in memory where the system offers it (else the usual one)."""
    places = [MEMORY_FOLDER] if MEMORY_FOLDER.is_dir() and os.access(MEMORY_FOLDER, os.W_OK) else []
    for place in [*places, None]:
        with tempfile.TemporaryDirectory(prefix="scaleplus-as-of-", dir=place) as folder:
            try:
                _write_files(Path(folder), files)
            except OSError:
                if place is None:
                    raise
                continue  # full: the usual temporary folder then
            yield Path(folder)
            return


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    made = set()
    for rel, content in files.items():
        path = folder / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(content)


@dataclass
class Changes:
    """What changed between two moments, in the order a review reads it."""

    since: Moment
    until: Moment
    stakeholders_added: list[dict[str, Any]] = field(default_factory=list)
    stakeholders_removed: list[dict[str, Any]] = field(default_factory=list)
    barriers_added: list[dict[str, Any]] = field(default_factory=list)
    barriers_removed: list[dict[str, Any]] = field(default_factory=list)
    commitments_made: list[dict[str, Any]] = field(default_factory=list)
    status_changes: list[dict[str, Any]] = field(default_factory=list)
    measurements: list[dict[str, Any]] = field(default_factory=list)
    gaps_opened: list[dict[str, Any]] = field(default_factory=list)
    gaps_closed: list[dict[str, Any]] = field(default_factory=list)
    leverage_moved: list[dict[str, Any]] = field(default_factory=list)

    SECTIONS = (
        ("stakeholders_added", "Stakeholders added"),
        ("stakeholders_removed", "Stakeholders removed"),
        ("barriers_added", "Barriers added"),
        ("barriers_removed", "Barriers removed"),
        ("commitments_made", "Commitments made"),
        ("status_changes", "Status changes"),
        ("measurements", "Measurements recorded"),
        ("gaps_opened", "Gaps opened"),
        ("gaps_closed", "Gaps closed"),
        ("leverage_moved", "Leverage ranks moved"),
    )

    def __bool__(self) -> bool:
        return any(getattr(self, name) for name, _ in self.SECTIONS)

    def as_dict(self) -> dict[str, Any]:
        return {
            "since": self.since.as_dict(),
            "until": self.until.as_dict(),
            **{name: getattr(self, name) for name, _ in self.SECTIONS},
        }


def _name(project: Project, stakeholder_id: str | None) -> str | None:
    s = project.stakeholders.get(stakeholder_id) if stakeholder_id else None
    return s.label if s else stakeholder_id


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _indicators(project: Project) -> Iterator[tuple[str, Any]]:
    """(where, indicator) for every indicator of the plans' actions and of the commitments."""
    for plan in project.plans.values():
        for n, action in enumerate(plan.actions, 1):
            for indicator in action.indicators:
                yield f"{plan.id}, action {n} ({action.title})", indicator
    for c in project.commitments.values():
        for indicator in getattr(c, "indicators", None) or []:
            yield f"commitment {c.id}", indicator


def compare(old: Project, new: Project, since: Moment, until: Moment) -> Changes:
    changes = Changes(since, until)
    for kind, label, attr in (("stakeholders", "name", "sector"), ("barriers", "title", "category")):
        before, after = old.entities(kind), new.entities(kind)
        for entity_id in sorted(after.keys() - before.keys()):
            e = after[entity_id]
            getattr(changes, f"{kind}_added").append({"id": entity_id, label: getattr(e, label), attr: getattr(e, attr)})
        for entity_id in sorted(before.keys() - after.keys()):
            e = before[entity_id]
            getattr(changes, f"{kind}_removed").append({"id": entity_id, label: getattr(e, label), attr: getattr(e, attr)})

    for cid in sorted(new.commitments.keys() - old.commitments.keys()):
        c = new.commitments[cid]
        changes.commitments_made.append(
            {"id": cid, "stakeholder": c.stakeholder, "stakeholder_name": _name(new, c.stakeholder), "text": c.text,
             "horizon": c.horizon, "status": c.status}
        )
    for cid in sorted(new.commitments.keys() & old.commitments.keys()):
        was, now = old.commitments[cid], new.commitments[cid]
        if was.status != now.status:
            when = next((u.date for u in reversed(now.updates) if u.status == now.status), None)
            changes.status_changes.append(
                {"id": cid, "stakeholder": now.stakeholder, "stakeholder_name": _name(new, now.stakeholder),
                 "text": now.text, "from": was.status, "to": now.status, "date": _iso(when)}
            )

    seen = {(where, ind.name): {(m.date, m.value) for m in ind.measurements} for where, ind in _indicators(old)}
    for where, ind in _indicators(new):
        known = seen.get((where, ind.name), set())
        for m in ind.measurements:
            if (m.date, m.value) not in known:
                changes.measurements.append(
                    {"where": where, "indicator": ind.name, "date": _iso(m.date), "value": m.value, "unit": ind.unit,
                     "unit_one": ind.unit_one, "note": m.note}
                )
    changes.measurements.sort(key=lambda m: (m["date"] or "", m["where"], m["indicator"] or ""))

    old_gaps = {g.id: g for g in gaps(old)}
    new_gaps = {g.id: g for g in gaps(new)}
    for bid in sorted(new_gaps.keys() - old_gaps.keys()):
        g = new_gaps[bid]
        changes.gaps_opened.append({"id": bid, "title": g.barrier.title, "reason": g.gap_reason})
    for bid in sorted(old_gaps.keys() - new_gaps.keys()):
        g = old_gaps[bid]
        now = "the barrier was removed" if bid not in new.barriers else _closed_because(new, bid)
        changes.gaps_closed.append({"id": bid, "title": g.barrier.title, "reason": now})

    old_rank = {bl.id: (n, bl.score) for n, bl in enumerate(leverage(old), 1)}
    for n, bl in enumerate(leverage(new), 1):
        if bl.id in old_rank and old_rank[bl.id][0] != n:
            rank, score = old_rank[bl.id]
            changes.leverage_moved.append(
                {"id": bl.id, "title": bl.barrier.title, "from": rank, "to": n, "score_from": score, "score_to": bl.score}
            )
    return changes


def _closed_because(project: Project, barrier_id: str) -> str:
    from scaleplus_cli.analysis import barrier_leverage

    bl = barrier_leverage(project, project.barriers[barrier_id])
    if bl.barrier.severity is not None and bl.barrier.severity < 3:
        return f"severity now {bl.barrier.severity}"
    sectors = len(bl.committing_sectors)
    n = len(bl.commitments)
    return f"{n} live commitment{'s' if n != 1 else ''} from {sectors} sector{'s' if sectors != 1 else ''}"


def changes_between(root: Path, since: str | None = None, until: str | None = None) -> Changes:
    """What changed from `since` (default: the first commit) to `until` (default: the files as they are)."""
    from scaleplus_cli.store import load_project

    repo = Repository(root)
    since = since or repo.first_commit()
    with project_at(root, since) as (old, start):
        if until is None or until == WORKING_TREE:
            return compare(old, load_project(root), start, Moment(None, None))
        with project_at(root, until) as (new, end):
            return compare(old, new, start, end)


def _value(number: Any) -> str:
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    return f"{number}"


def described(changes: Changes) -> list[tuple[str, list[str]]]:
    """Each non-empty section as a heading and one line per change, in plain words, with the ids
    the backbone team types (the bulletin tells the same changes in its own words)."""
    from scaleplus_cli.analysis import clip

    def line(section: str, c: dict[str, Any]) -> str:
        also = f"; {c['id']}" if "id" in c else ""
        if section in ("stakeholders_added", "stakeholders_removed"):
            return f"{c['name'] or c['id']} ({(c['sector'] or '').replace('_', ' ')}{also})"
        if section in ("barriers_added", "barriers_removed"):
            return f"{c['title'] or c['id']} ({c['category'] or ''}{also})"
        if section == "commitments_made":
            return f"{c['stakeholder_name']}: {clip(c['text'])} ({c['horizon']} days{also})"
        if section == "status_changes":
            when = f" on {c['date']}" if c["date"] else ""
            change = f"{c['from'].replace('_', ' ')} -> {c['to'].replace('_', ' ')}"
            return f"{c['stakeholder_name']}: {clip(c['text'])}: {change}{when} ({c['id']})"
        if section == "measurements":
            unit = c["unit_one"] if c.get("unit_one") and c["value"] == 1 else c["unit"]
            return f"{c['date']}: {c['indicator']} = {_value(c['value'])}{' ' + unit if unit else ''} ({c['where']})"
        if section in ("gaps_opened", "gaps_closed"):
            return f"{c['title'] or c['id']}: {c['reason']}"
        return f"{c['title'] or c['id']}: rank {c['from']} -> {c['to']} (score {c['score_from']} -> {c['score_to']})"

    return [
        (heading, [line(name, c) for c in getattr(changes, name)])
        for name, heading in Changes.SECTIONS
        if getattr(changes, name)
    ]


def changes_since(root: Path, since: dt.date, until: str | None = None) -> Changes | None:
    """What changed from the last commit on or before `since` to `until` (default: the files as they
    are), for the bulletin; None when the project has no git history reaching back that far (or no git)."""
    from scaleplus_cli.errors import ScaleplusError

    try:
        return changes_between(root, since.isoformat(), until)
    except ScaleplusError:
        return None
