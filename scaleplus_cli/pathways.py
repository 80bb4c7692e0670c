"""The theory of change read as a pathway: what leads into an outcome, what it leads to, and the
chains from it down to the common goals."""

from __future__ import annotations

from typing import Any

from scaleplus_cli.models import Project

MAX_CHAINS = 20  # a dense theory has many chains; show at most this many


def leading_into(project: Project, outcome_id: str) -> list[str]:
    """The outcomes whose leads_to names this one, in the file's order."""
    return [o.id for o in project.outcomes.values() if outcome_id in o.leads_to]


def chains_to_goals(project: Project, outcome_id: str) -> list[list[str]]:
    """Every chain of leads_to from the outcome to a common goal (none through a cycle)."""
    outcomes, goals = project.outcomes, set(project.goal_ids)
    found: list[list[str]] = []

    def walk(path: list[str]) -> None:
        if len(found) >= MAX_CHAINS:
            return
        for target in outcomes[path[-1]].leads_to:
            if target in goals:
                found.append([*path, target])
            elif target in outcomes and target not in path:
                walk([*path, target])

    if outcome_id in outcomes:
        walk([outcome_id])
    return found


def pathway(project: Project, outcome_id: str) -> dict[str, Any]:
    """What `show` tells of an outcome: what leads into it (outcomes and the actions serving it), and
    where it leads, down to the goals."""
    return {
        "leads_from": leading_into(project, outcome_id),
        "served_by": [{"plan": p.id, "action": n + 1, "title": a.title} for p, n, a in project.actions_serving(outcome_id)],
        "to_goals": [" -> ".join(chain) for chain in chains_to_goals(project, outcome_id)],
    }
