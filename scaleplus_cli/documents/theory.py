"""The theory of change: the outcomes pathway as a picture (actions, early, intermediate and
long-term outcomes, goals) and, outcome by outcome, what it leads to, the barriers it removes, its
assumptions, rationale and indicators, with what has been measured so far."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scaleplus_cli.documents.formatting import N_, project_language
from scaleplus_cli.documents.parts import header, indicator_row
from scaleplus_cli.models import LEVEL, LEVELS, Project

COLUMN_TITLES = {
    "action": N_("Actions"),
    "early": N_("Early outcomes"),
    "intermediate": N_("Intermediate outcomes"),
    "long_term": N_("Long-term outcomes"),
    "goal": N_("Common goals"),
}


def pathway(project: Project, lang) -> dict[str, Any]:
    """The columns of the picture (boxes in the file's order) and its links, (kind, id) to (kind, id)."""
    outcomes = project.outcomes
    goals = {g.id: g for g in project.settings.goals if g.id}
    actions = [(f"{p.id}#{n + 1}", a) for p in project.plans.values() for n, a in enumerate(p.actions)
               if any(o in outcomes for o in a.outcomes)]
    links = [(("action", key), (outcomes[o].level, o)) for key, a in actions for o in a.outcomes if o in outcomes]
    for o in outcomes.values():
        for target in o.leads_to:
            if target in outcomes:
                links.append(((o.level, o.id), (outcomes[target].level, target)))
            elif target in goals:
                links.append(((o.level, o.id), ("goal", target)))
    titles = {kind: lang._(title) for kind, title in COLUMN_TITLES.items()}  # (a subscript inside _() reads as a message to old Babel)
    columns = [{"kind": "action", "title": titles["action"],
                "boxes": [{"id": key, "label": a.title or key} for key, a in actions]}]
    for level in LEVELS:
        columns.append({"kind": level, "title": titles[level],
                        "boxes": [{"id": o.id, "label": o.text or o.id} for o in outcomes.values() if o.level == level]})
    columns.append({"kind": "goal", "title": titles["goal"],
                    "boxes": [{"id": g.id, "label": f"{g.id}. {g.text or ''}"} for g in goals.values()]})
    return {"columns": columns, "links": links}


def _indicator_line(row: dict[str, Any], lang) -> str:
    """Catch per trip: baseline 6.5 kg, target 10 kg; latest 7 kg on 1 Nov 2026 (each unit agreeing
    with its number: 1 patrol, 2 patrols)."""
    def amount(value: float | None) -> str:
        return lang.quantity(value, row["unit"], row["unit_one"]) or "–"

    frame = lang._("baseline %(baseline)s, target %(target)s", baseline=amount(row["baseline"]), target=amount(row["target"]))
    if row["current"] is None:
        now = lang._("not measured yet")
    elif row["measured_text"]:
        now = lang._("latest %(value)s on %(date)s", value=amount(row["current"]), date=row["measured_text"])
    else:
        now = lang._("now %(value)s", value=amount(row["current"]))
    return f"{row['name']}: {frame}; {now}"


def build(project: Project, today: dt.date) -> dict[str, Any]:
    lang = project_language(project)
    outcomes = project.outcomes
    goals = {g.id: g.text or g.id for g in project.settings.goals if g.id}
    levels = []
    measured = []
    for level in LEVELS:
        steps = []
        for o in outcomes.values():
            if o.level != level:
                continue
            indicators = [indicator_row(i, lang) for i in o.indicators]
            measured += [dict(row, outcome=o.text or o.id) for row in indicators if row["current"] is not None]
            leads_to = [outcomes[t].text or t if t in outcomes else f"{t}. {goals.get(t, '')}" for t in o.leads_to]
            barriers = [project.barriers[b].label if b in project.barriers else b for b in o.barriers]
            served_by = [a.title or "" for _, _, a in project.actions_serving(o.id)]
            steps.append({
                "id": o.id,
                "text": o.text or o.id,
                "leads_to": leads_to,
                "leads_to_text": "; ".join(leads_to),
                "barriers": barriers,
                "barriers_text": "; ".join(barriers),
                "assumptions": list(o.assumptions),
                "assumptions_text": "\n".join(f"• {a}" for a in o.assumptions),
                "rationale": o.rationale or "",
                "served_by": served_by,
                "served_by_text": "; ".join(served_by),
                "indicators": indicators,
                "indicators_text": "\n".join(_indicator_line(row, lang) for row in indicators),
            })
        levels.append({"level": level, "title": lang.choice(LEVEL, level), "outcomes": steps})
    picture = pathway(project, lang)
    return {
        "project": header(project, today, lang),
        "language": lang.code,
        "goals": [{"id": k, "text": v} for k, v in goals.items()],
        "levels": levels,
        "measured": measured,
        "pathway": picture,
        "has_outcomes": bool(outcomes),
    }
