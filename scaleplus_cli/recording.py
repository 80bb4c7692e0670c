"""Recording progress after the retreat: an update on a commitment, a measurement of an indicator.

Each edit adds its lines to the existing file through YamlEdit (the rest stays byte for byte), reads
the new text back to confirm it holds exactly what was meant, checks the project as it would be,
then writes it (writing.py). Anything wrong stops before a byte is written.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

from scaleplus_cli.edit import YamlEdit
from scaleplus_cli.errors import ScaleplusError, UsageError, errors_in
from scaleplus_cli.models import (
    COMMITMENT,
    INDICATOR,
    PLAN,
    STATUSES,
    Action,
    ActionPlan,
    Commitment,
    Indicator,
    Project,
)
from scaleplus_cli.schema import Choice, Invalid, Number, Schema, did_you_mean, short
from scaleplus_cli.serialize import ordered
from scaleplus_cli.refs import Unresolved, resolve
from scaleplus_cli.transaction import file_text
from scaleplus_cli.writing import commit, edit_text


@dataclass(frozen=True)
class Recorded:
    """What an edit added: the file, and the entry (in SPEC key order)."""

    path: Path
    entry: dict[str, Any]
    label: str  # what was recorded on, in words
    status_was: str | None = None  # a commitment's status before the update, when it changed


# -- commitments --------------------------------------------------------------------------------


def parse_status(value: str | None) -> str | None:
    """--status as given on the command line, or a usage error listing the statuses."""
    if value is None:
        return None
    try:
        return Choice("status", STATUSES).coerce(value)
    except Invalid as e:
        raise UsageError(f"--status: {e.message}") from None


def record_update(
    project: Project,
    commitment_id: str,
    status: str | None,
    note: str | None,
    date: dt.date,
    today: dt.date | None = None,
) -> Recorded:
    """Append {date, note, status} to the commitment's updates and set its status."""
    note = note.strip() if note is not None else None
    if status is None and not note:
        raise UsageError("say what happened: give --status, --note or both")
    status = parse_status(status)
    commitment = _commitment(project, commitment_id)
    _refuse_if_broken(project, commitment.source.path, f"recording an update on {commitment.id}")
    _check_date(date, today, (u.date for u in commitment.updates), "update", commitment.id)

    entry = {"date": date, "note": note or None, "status": status}
    entry = {k: v for k, v in entry.items() if v is not None}
    path = project.root / commitment.source.path
    order = [f.name for f in COMMITMENT.fields]
    changed = status is not None and status != commitment.status

    def change(edit: YamlEdit) -> None:
        edit.append(["updates"], entry, order=order)
        if changed:
            edit.set(["status"], status, order=order)

    def expected(values: dict[str, Any]) -> dict[str, Any]:
        values = dict(values)
        values["updates"] = [*values.get("updates", []), entry]
        if changed:
            values["status"] = status
        return values

    _edit_file(project, commitment.source.path, COMMITMENT, change, expected, today)
    return Recorded(path, entry, commitment.id, commitment.status if changed else None)


def _commitment(project: Project, typed: str) -> Commitment:
    """The commitment a person means: its id, a prefix of it, or its text."""
    try:
        return project.commitments[resolve(project, "commitment", typed)]
    except Unresolved as e:
        raise UsageError(e.message) from None


# -- indicators -----------------------------------------------------------------------------------


def parse_value(value: str) -> int | float:
    """VALUE as given on the command line: a number (1,200 and 12.5 are fine), or a usage error."""
    try:
        number = Number().coerce(value)
    except Invalid as e:
        raise UsageError(f"VALUE: {e.message}") from None
    return number


def record_measurement(
    project: Project,
    target: str,
    refs: Sequence[str],
    value: int | float | str,
    date: dt.date,
    note: str | None = None,
    today: dt.date | None = None,
) -> Recorded:
    """Append {date, value, note} to an indicator's measurements. `target` names a plan (then `refs` is
    the action and the indicator, by number or title) or a commitment (then `refs` is the indicator)."""
    if isinstance(value, str):
        value = parse_value(value)
    try:
        target_id = resolve(project, ("plan", "commitment"), target)
    except Unresolved as e:
        raise UsageError(e.message) from None
    if target_id in project.plans:
        plan = project.plans[target_id]
        if len(refs) != 2:
            raise UsageError(f"{plan.id} is a plan: give the action and the indicator (scaleplus measure PLAN ACTION INDICATOR VALUE)")
        a, action = find_action(plan, refs[0])
        i, indicator = find_indicator(action.indicators, refs[1], f"action {a + 1} of {plan.id} ({short(action.title or '', 50)})")
        keys: list[str | int] = ["actions", a, "indicators", i]
        entity, schema, where = plan, PLAN, f"action {a + 1} of {plan.id}"
    else:
        commitment = project.commitments[target_id]
        if len(refs) != 1:
            raise UsageError(f"{commitment.id} is a commitment: give only the indicator (scaleplus measure COMMITMENT INDICATOR VALUE)")
        i, indicator = find_indicator(commitment.indicators, refs[0], f"commitment {commitment.id}")
        keys = ["indicators", i]
        entity, schema, where = commitment, COMMITMENT, f"commitment {commitment.id}"
    _refuse_if_broken(project, entity.source.path, f"recording a measurement in {entity.id}")
    _check_date(date, today, (m.date for m in indicator.measurements), "measurement", f"{indicator.name!r}")

    note = note.strip() if note else None
    entry = {k: v for k, v in {"date": date, "value": value, "note": note}.items() if v is not None}

    def change(edit: YamlEdit) -> None:
        edit.append([*keys, "measurements"], entry, order=[f.name for f in INDICATOR.fields])

    def expected(values: dict[str, Any]) -> dict[str, Any]:
        values = ordered(schema, values)  # plain dicts all the way down, safe to change
        held = values
        for key in keys:
            held = held[key]
        held["measurements"] = [*held.get("measurements", []), entry]
        return values

    _edit_file(project, entity.source.path, schema, change, expected, today)
    unit = indicator.unit_one if indicator.unit_one and indicator.target == 1 else indicator.unit
    aim = f", target {indicator.target:g}{' ' + unit if unit else ''}" if indicator.target is not None else ""
    return Recorded(project.root / entity.source.path, entry, f"{indicator.name!r} ({where}{aim})")


def find_action(plan: ActionPlan, ref: str) -> tuple[int, Action]:
    """The action named by its 1-based number or by (part of) its title."""
    titles = [a.title or "" for a in plan.actions]
    n = _find(ref, titles, "action", f"plan {plan.id}")
    return n, plan.actions[n]


def find_indicator(indicators: list[Indicator], ref: str, where: str) -> tuple[int, Indicator]:
    names = [ind.name or "" for ind in indicators]
    n = _find(ref, names, "indicator", where)
    return n, indicators[n]


def _find(ref: str, names: list[str], what: str, where: str) -> int:
    """Index of the item named by a 1-based number, its whole name, or a part of it found in one name only."""
    ref = ref.strip()
    if not names:
        raise UsageError(f"{where} has no {what}s yet")
    if re.fullmatch(r"[0-9]+", ref):
        n = int(ref) if len(ref) <= 18 else len(names) + 1  # beyond any list, and too long to read as a number
        if 1 <= n <= len(names):
            return n - 1
        count = f"{len(names)} {what}" + ("s" if len(names) != 1 else "")
        raise UsageError(f"{what} {ref if len(ref) <= 18 else ref[:18] + '…'} does not exist: {where} has {count}, numbered 1 to {len(names)}")
    key = " ".join(ref.casefold().split())
    folded = [" ".join(name.casefold().split()) for name in names]
    exact = [n for n, name in enumerate(folded) if name == key]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [n for n, name in enumerate(folded) if key and key in name]
    if len(partial) == 1:
        return partial[0]
    listing = "; ".join(f"{n + 1}. {names[n]}" for n in range(len(names)))
    if partial:
        matches = ", ".join(f"{n + 1} ({short(names[n], 50)})" for n in partial)
        raise UsageError(f"{short(ref)} matches {len(partial)} {what}s of {where}: {matches}; give the number instead")
    hint = did_you_mean(ref, names)
    raise UsageError(f"no {what} of {where} is called {short(ref)}{hint}; its {what}s are: {listing}")


# -- shared ---------------------------------------------------------------------------------------


def _refuse_if_broken(project: Project, rel: str, doing: str) -> None:
    """A file that has errors is not edited: its problems are shown instead."""
    from scaleplus_cli.validation import check

    problems = [p for p in errors_in(check(project, today=dt.date.min)) if p.path == rel]
    if problems:
        n = len(problems)
        raise ScaleplusError(
            f"{rel} has {n} error{'s' if n != 1 else ''}; fix {'them' if n != 1 else 'it'} before {doing}",
            problems=problems,
            root=project.root,
        )


def _check_date(
    date: dt.date, today: dt.date | None, earlier: Any, what: str, of: str
) -> None:
    if today is not None and date > today:
        raise UsageError(f"--date: {date.isoformat()} is in the future (today is {today.isoformat()}); record progress once it has happened")
    last = max((d for d in earlier if d is not None), default=None)
    if last is not None and date < last:
        raise ScaleplusError(
            f"the last {what} of {of} is dated {last.isoformat()}; a new one cannot be dated earlier"
            f" ({date.isoformat()}): {what}s are kept oldest first"
        )


def _edit_file(
    project: Project,
    rel: str,
    schema: Schema,
    change: Callable[[YamlEdit], None],
    expected: Callable[[dict[str, Any]], dict[str, Any]],
    today: dt.date | None,
) -> None:
    """Make the change in the file's text, check the project as it would be, write it."""
    text = file_text(project.root / rel)
    if text is None:
        raise ScaleplusError(f"{rel} is gone; nothing was changed")
    new_text = edit_text(text, rel, schema, change, expected)
    commit(project, {rel: new_text}, doing=f"changing {rel}", today=today or dt.date.today())
