"""The Collective Impact health check on one page: each precondition and condition with its score,
a picture of the five conditions, and the checklists of the project's phases. The evidence behind
each score is `scaleplus assess`'s, line by line; the page names the command."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scaleplus_cli.assessing import SCORE_LABELS, Score, Step, assess
from scaleplus_cli.documents.formatting import N_, project_language
from scaleplus_cli.documents.parts import header
from scaleplus_cli.models import NETWORK_PHASE, PHASE, Project

NOT_JUDGED = N_("Not judged")


def _score(s: Score, lang) -> dict[str, Any]:
    return {
        "item": s.item,
        "title": lang._(s.title),
        "score": s.score,
        "score_text": "–" if s.score is None else f"{s.score}/3",
        "label": lang._(NOT_JUDGED if s.score is None else SCORE_LABELS[s.score]),
    }


def _step(s: Step, lang) -> dict[str, Any]:
    return {"item": s.item, "text": lang._(s.text), "done": s.done, "mark": "✓" if s.done else "☐"}


def build(project: Project, today: dt.date) -> dict[str, Any]:
    lang = project_language(project)
    health = assess(project, today)
    phases = []
    for kind, phase, steps in ((PHASE, health.phase, health.phase_steps), (NETWORK_PHASE, health.network_phase, health.network_steps)):
        if phase:
            done = sum(s.done for s in steps)
            phases.append({
                "title": lang.choice(kind, phase),
                "progress": lang._("%(done)s of %(total)s done", done=done, total=len(steps)),
                "steps": [_step(s, lang) for s in steps],
            })
    conditions = [_score(s, lang) for s in health.conditions]
    return {
        "project": header(project, today, lang),
        "language": lang.code,
        "preconditions": [_score(s, lang) for s in health.preconditions],
        "conditions": conditions,
        "conditions_chart": {
            "labels": [c["title"] for c in conditions],
            "scores": [c["score"] for c in conditions],
            "ticks": [lang._(label) for label in SCORE_LABELS],
        },
        "phases": phases,
    }
