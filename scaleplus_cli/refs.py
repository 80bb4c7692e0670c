"""References as people type them: an id, a unique prefix of an id, or the entity's name or title
(case, accents and separators aside). An exact id or name wins over a prefix; an ambiguous or unknown
reference is an error listing the closest candidates. Files always store ids."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any, Mapping

from scaleplus_cli.ids import name_key
from scaleplus_cli.models import KINDS, Project
from scaleplus_cli.schema import ListOf, Ref, Schema

CANDIDATES = 5  # at most this many candidates named in an error


class Unresolved(Exception):
    """The typed reference names no entity, or more than one (`ambiguous`); `message` says which it could be."""

    def __init__(self, message: str, ambiguous: bool = False) -> None:
        super().__init__(message)
        self.message = message
        self.ambiguous = ambiguous


@dataclass(frozen=True)
class Candidate:
    id: str
    name: str


def candidates(project: Project, kind: str) -> list[Candidate]:
    """Everything a reference to `kind` (stakeholder, barrier, commitment, plan, circle, goal, outcome) may name."""
    if kind == "goal":
        return [Candidate(g.id, g.text or "") for g in project.settings.goals if g.id]
    if kind == "outcome":
        return [Candidate(o.id, o.text or "") for o in project.outcomes.values()]
    folder = next(k.folder for k in KINDS.values() if k.singular == kind)
    name_field = KINDS[folder].name_field
    return [Candidate(e.id, getattr(e, name_field) or "") for e in project.entities(folder).values()]


def resolve(project: Project, kinds: tuple[str, ...] | str, typed: str) -> str:
    """The id a person means by `typed` among the entities of `kinds`, or Unresolved."""
    kinds = (kinds,) if isinstance(kinds, str) else kinds
    return resolve_among({kind: candidates(project, kind) for kind in kinds}, kinds, typed)


def resolve_among(pools: Mapping[str, list[Candidate]], kinds: tuple[str, ...], typed: str) -> str:
    """As `resolve`, among given candidates of each kind: the project as a change would leave it
    (an import's new rows, with their names and ids, and the new names of renamed ones)."""
    pool = [c for kind in kinds for c in pools.get(kind, [])]
    return resolve_in(pool, typed, " or ".join(kinds))


def resolve_in(pool: list[Candidate], typed: str, what: str) -> str:
    text = typed.strip()
    ids = {c.id for c in pool}
    if text in ids:
        return text
    key = name_key(text)
    by_name = [c for c in pool if key and name_key(c.name) == key]
    if len(by_name) == 1:
        return by_name[0].id
    by_id_case = [c for c in pool if c.id.casefold() == text.casefold()]  # g1 for the goal G1
    if len(by_id_case) == 1:
        return by_id_case[0].id
    prefix = [c for c in pool if text and c.id.startswith(text.casefold())]
    prefix += [c for c in pool if key and name_key(c.name).startswith(key) and c not in prefix]
    if len(prefix) == 1:
        return prefix[0].id
    # "action-plan-100" is a prefix of ...-100-day and ...-1000-day: the one it ends a word of wins.
    whole = [c for c in prefix if _ends_a_word(c.id, text.casefold()) or _ends_a_word(name_key(c.name), key)]
    if len(whole) == 1:
        return whole[0].id
    if by_name or prefix:
        listed = _listing(by_name or prefix)
        raise Unresolved(f"{typed!r} could be more than one {what}: {listed}; type more of its id or name", ambiguous=True)
    raise Unresolved(f"no {what} with the id or name {typed!r}{_closest(pool, text)}")


def _ends_a_word(full: str, start: str) -> bool:
    return bool(start) and full.startswith(start) and (len(full) == len(start) or not full[len(start)].isalnum())


def _listing(found: list[Candidate]) -> str:
    shown = ", ".join(
        f"{c.id!r} ({_clipped(c.name)})" if c.name and name_key(c.name) != name_key(c.id) else repr(c.id)
        for c in found[:CANDIDATES]
    )
    more = len(found) - CANDIDATES
    return shown + (f" and {more} more" if more > 0 else "")


def _clipped(name: str, limit: int = 50) -> str:
    """A commitment's text as a candidate's name: its first words, on one line."""
    name = " ".join(name.split())
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _closest(pool: list[Candidate], text: str) -> str:
    typed = name_key(text) or text.casefold()
    scored = []
    for c in pool:
        likeness = max((_likeness(typed, key) for key in {name_key(c.id), name_key(c.name)} if key), default=0.0)
        if likeness >= LIKE:
            scored.append((-likeness, len(scored), c))
    found = [c for _, _, c in sorted(scored)[:3]]
    return f" (did you mean {_listing(found)}?)" if found else ""


LIKE = 0.6  # difflib's own cutoff for a close match


def _likeness(typed: str, key: str) -> float:
    """How like `key` the typed text is, whole or as its beginning (people type the start of an id:
    "minsitry" for "ministry-of-blue-economy-..."); anything under LIKE means: not like it."""
    matcher = difflib.SequenceMatcher(None, "", typed)
    best = 0.0
    starts = range(len(typed) - 1, len(typed) + 2) if len(typed) >= 4 else ()  # "ab" is like too many beginnings
    for other in {key, *(key[:n] for n in starts)}:
        matcher.set_seq1(other)
        floor = max(best, LIKE)
        if matcher.real_quick_ratio() >= floor and matcher.quick_ratio() >= floor:
            best = max(best, matcher.ratio())
    return best


def resolve_values(project: Project, schema: Schema, values: dict[str, Any]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The values with every reference typed by a person turned into its id; (field, message) for
    each that names nothing or more than one thing. A reference that may also be free text (a
    plan's owner) is kept as typed when it names nothing (it still may not name two things)."""
    resolved = dict(values)
    problems: list[tuple[str, str]] = []
    for spec in schema.fields:
        value = values.get(spec.name)
        item = spec.type.item if isinstance(spec.type, ListOf) else spec.type
        if value is None or not isinstance(item, Ref):
            continue
        out = []
        for typed in value if isinstance(spec.type, ListOf) else [value]:
            try:
                out.append(resolve(project, item.kinds, typed))
            except Unresolved as e:
                if not item.strict and not e.ambiguous:  # free text, which check warns of
                    out.append(typed)
                else:
                    problems.append((spec.name, e.message))
        resolved[spec.name] = out if isinstance(spec.type, ListOf) else out[0] if out else value
    return resolved, problems
