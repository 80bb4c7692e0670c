"""The Collective Impact health check (`scaleplus assess`): the three preconditions and the five
conditions, each scored 0-3 from the project's own data by a rule stated in words (the README's
table is the same rules), and from assessment.yaml for what only people can judge; then the
checklist of the project's phase and network phase.

Every score comes with the evidence lines that produced it, so a facilitator can trace it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from scaleplus_cli.documents.formatting import N_
from scaleplus_cli.models import LIVE_STATUSES, NAMED_SECTORS, Indicator, Project

SCORES = ("absent", "emerging", "developing", "strong")
SCORE_LABELS = (N_("Absent"), N_("Emerging"), N_("Developing"), N_("Strong"))
RECENT_DAYS = 30  # continuous communication: updates and measurements this recent
MEASURED_DAYS = 90  # shared measurement: a measurement this recent
TICK = 2  # a judged checklist item is done at this score or above


@dataclass
class Score:
    item: str
    title: str
    group: str  # "precondition" or "condition"
    score: int | None  # None: only people can judge it and nobody has yet
    rule: str
    evidence: list[str] = field(default_factory=list)

    @property
    def label(self) -> str:
        return "not judged" if self.score is None else SCORES[self.score]


@dataclass
class Step:
    item: str
    phase: str
    text: str
    done: bool
    evidence: str
    missing: str


# -- what the project holds --------------------------------------------------------------------------


def indicators(project: Project) -> list[tuple[str, Indicator]]:
    """Every indicator, with where it is: on commitments, on actions of plans, on outcomes."""
    found = [(f"commitment {c.id}", i) for c in project.commitments.values() for i in c.indicators]
    found += [(f"plan {p.id}, action {n + 1}", i) for p in project.plans.values() for n, a in enumerate(p.actions) for i in a.indicators]
    found += [(f"outcome {o.id}", i) for o in (project.theory.outcomes if project.theory else []) for i in o.indicators]
    return found


def _recent(day: dt.date | None, today: dt.date, days: int) -> bool:
    return day is not None and today - dt.timedelta(days=days) <= day <= today


def _judged(project: Project, item: str):
    return project.assessment.latest().get(item) if project.assessment else None


def _judgement(entry) -> str:
    note = f": {entry.note}" if entry.note else ""
    return f"judged {entry.score} ({SCORES[entry.score]}) on {entry.date}{note}"


def _sectors(project: Project, ids) -> set[str]:
    return {project.stakeholders[s].sector for s in ids if s in project.stakeholders and project.stakeholders[s].sector in NAMED_SECTORS}


# -- the preconditions ----------------------------------------------------------------------------


def champion(project: Project, today: dt.date) -> Score:
    rule = ("0 no stakeholder is a champion; 1 a champion, none of influence 4 or more; 2 a champion of"
            " influence 4 or more; 3 two or more such champions, from at least two sectors")
    champions = [s for s in project.stakeholders.values() if s.champion]
    strong = [s for s in champions if (s.influence or 0) >= 4]
    evidence = [f"champion: {s.label} ({s.sector}, influence {s.influence or '?'})" for s in champions]
    if not champions:
        evidence.append("no stakeholder has champion: true")
    score = 0 if not champions else 1 if not strong else 3 if len(strong) >= 2 and len({s.sector for s in strong}) >= 2 else 2
    return Score("champion", N_("An influential champion"), "precondition", score, rule, evidence)


def resources(project: Project, today: dt.date) -> Score:
    rule = ("0 no action has a budget and a funding source; 1 funded actions, running less than a year"
            " (first start to last end) or undated; 2 running a year or more; 3 running two years or more")
    funded = [(p, a) for p in project.plans.values() for a in p.actions if (a.budget or 0) > 0 and a.funding]
    evidence: list[str] = []
    totals: dict[str, float] = {}
    for _, a in funded:
        totals[a.funding] = totals.get(a.funding, 0) + a.budget
    currency = f" {project.settings.currency}" if project.settings.currency else ""
    for source, total in sorted(totals.items()):
        evidence.append(f"funded by {source}: {total:,.0f}{currency}")
    starts = [a.start for _, a in funded if a.start]
    ends = [a.end for _, a in funded if a.end]
    days = (max(ends) - min(starts)).days if starts and ends and max(ends) > min(starts) else 0
    if funded:
        evidence.append(f"{len(funded)} funded action{'s' if len(funded) != 1 else ''}"
                        + (f", from {min(starts)} to {max(ends)} ({days} days)" if days else ", without a span of dates"))
    else:
        evidence.append("no action has both a budget and a funding source")
    score = 0 if not funded else 3 if days >= 730 else 2 if days >= 365 else 1
    return Score("resources", N_("Adequate financial resources"), "precondition", score, rule, evidence)


def urgency(project: Project, today: dt.date) -> Score:
    rule = "judged by people only: the latest 'urgency' entry of assessment.yaml"
    entry = _judged(project, "urgency")
    severe = [b for b in project.barriers.values() if (b.severity or 0) >= 4]
    evidence = [f"{len(severe)} barrier{'s' if len(severe) != 1 else ''} of severity 4 or 5 (for the people judging it)"]
    if entry is None:
        evidence.insert(0, "not judged yet: add an entry with item: urgency to assessment.yaml")
        return Score("urgency", N_("A sense of urgency for change"), "precondition", None, rule, evidence)
    return Score("urgency", N_("A sense of urgency for change"), "precondition", entry.score, rule, [_judgement(entry), *evidence])


# -- the conditions -------------------------------------------------------------------------------


def common_agenda(project: Project, today: dt.date) -> Score:
    rule = ("0 no common goal; otherwise 1, plus 1 when at least half the barriers name a goal, plus 1 when"
            " there is a plan and every plan names a goal")
    goals = project.goal_ids
    barriers = list(project.barriers.values())
    linked = [b for b in barriers if b.goals]
    plans = list(project.plans.values())
    planned = [p for p in plans if p.goals]
    evidence = [f"{len(goals)} common goal{'s' if len(goals) != 1 else ''}",
                f"{len(linked)} of {len(barriers)} barriers name a goal",
                f"{len(planned)} of {len(plans)} plans name a goal"]
    if not goals:
        return Score("common_agenda", N_("A common agenda"), "condition", 0, rule, evidence)
    score = 1 + (bool(barriers) and 2 * len(linked) >= len(barriers)) + (bool(plans) and len(planned) == len(plans))
    return Score("common_agenda", N_("A common agenda"), "condition", score, rule, evidence)


def shared_measurement(project: Project, today: dt.date) -> Score:
    rule = (f"0 no indicator; 1 indicators; 2 at least half of them have a baseline and a target; 3 and at"
            f" least half have a measurement in the last {MEASURED_DAYS} days")
    found = [i for _, i in indicators(project)]
    framed = [i for i in found if i.baseline is not None and i.target is not None]
    measured = [i for i in found if any(_recent(m.date, today, MEASURED_DAYS) for m in i.measurements)]
    coded = [i for i in found if i.code]
    evidence = [f"{len(found)} indicator{'s' if len(found) != 1 else ''}",
                f"{len(framed)} with a baseline and a target",
                f"{len(measured)} measured in the last {MEASURED_DAYS} days",
                f"{len(coded)} reporting into a shared code"]
    if not found:
        score = 0
    elif 2 * len(framed) < len(found):
        score = 1
    else:
        score = 3 if 2 * len(measured) >= len(found) else 2
    return Score("shared_measurement", N_("Shared measurement"), "condition", score, rule, evidence)


def reinforcing_activities(project: Project, today: dt.date) -> Score:
    rule = ("0 no live commitment or action; 1 their owners come from one or two sectors; 2 from three or"
            " more; 3 and a joint effort (a live commitment or an action with partners) and a plan")
    live = [c for c in project.commitments.values() if c.status in LIVE_STATUSES]
    actions = [a for p in project.plans.values() for a in p.actions]
    owners = {s for c in live for s in project.committers(c)} | {s for a in actions for s in (a.lead, *a.partners) if s}
    sectors = _sectors(project, owners)
    joint = [c.id for c in live if c.partners] + [a.title for a in actions if a.partners]
    evidence = [f"{len(live)} live commitment{'s' if len(live) != 1 else ''}, {len(actions)} action{'s' if len(actions) != 1 else ''}",
                f"owners from {len(sectors)} sector{'s' if len(sectors) != 1 else ''}" + (f": {', '.join(sorted(sectors))}" if sectors else ""),
                f"{len(joint)} joint effort{'s' if len(joint) != 1 else ''}",
                f"{len(project.plans)} plan{'s' if len(project.plans) != 1 else ''}"]
    if not live and not actions:
        score = 0
    elif len(sectors) < 3:
        score = 1
    else:
        score = 3 if joint and project.plans else 2
    return Score("reinforcing_activities", N_("Mutually reinforcing activities"), "condition", score, rule, evidence)


def communication(project: Project, today: dt.date) -> Score:
    rule = (f"one point each: an update or measurement in the last {RECENT_DAYS} days; a circle with a rhythm"
            f" (meets); at least a quarter of the live commitments updated in the last {RECENT_DAYS} days."
            " Trust, when people judged it, caps the score")
    updates = [u for c in project.commitments.values() for u in c.updates if _recent(u.date, today, RECENT_DAYS)]
    measurements = [m for _, i in indicators(project) for m in i.measurements if _recent(m.date, today, RECENT_DAYS)]
    rhythm = [c for c in project.circles.values() if c.meets]
    live = [c for c in project.commitments.values() if c.status in LIVE_STATUSES]
    fresh = [c for c in live if any(_recent(u.date, today, RECENT_DAYS) for u in c.updates)]
    evidence = [f"{len(updates)} update{'s' if len(updates) != 1 else ''} and {len(measurements)} measurement"
                f"{'s' if len(measurements) != 1 else ''} in the last {RECENT_DAYS} days",
                f"{len(rhythm)} circle{'s' if len(rhythm) != 1 else ''} with a rhythm"
                + (f": {', '.join(f'{c.label} ({c.meets})' for c in rhythm)}" if rhythm else ""),
                f"{len(fresh)} of {len(live)} live commitments updated in the last {RECENT_DAYS} days"]
    score = bool(updates or measurements) + bool(rhythm) + bool(live and 4 * len(fresh) >= len(live))
    trust = _judged(project, "trust")
    if trust is not None:
        evidence.append(f"trust {_judgement(trust)}")
        score = min(score, trust.score)
    else:
        evidence.append("trust not judged yet (item: trust in assessment.yaml)")
    return Score("communication", N_("Continuous communication"), "condition", int(score), rule, evidence)


def backbone(project: Project, today: dt.date) -> Score:
    rule = ("0 no backbone circle; 1 a backbone circle; 2 with two or more people (lead and members);"
            " 3 and it meets to a rhythm and scaleplus.yaml has a contact with an email or a phone")
    circles = [c for c in project.circles.values() if c.kind == "backbone"]
    contact = project.settings.contact
    reachable = bool(contact.name and (contact.email or contact.phone))
    evidence = []
    best = 0
    for c in circles:
        people = {s for s in (c.lead, *c.members) if s}
        evidence.append(f"backbone circle {c.label}: {len(people)} people" + (f", meets {c.meets}" if c.meets else ", no rhythm"))
        best = max(best, 1 if len(people) < 2 else 3 if c.meets and reachable else 2)
    if not circles:
        evidence.append("no circle of kind backbone")
    evidence.append(f"contact: {contact.name}" + (f" ({contact.email or contact.phone})" if reachable else "") if contact.name
                    else "no contact in scaleplus.yaml")
    return Score("backbone", N_("A backbone organisation"), "condition", best, rule, evidence)


PRECONDITIONS: list[Callable[[Project, dt.date], Score]] = [champion, resources, urgency]
CONDITIONS: list[Callable[[Project, dt.date], Score]] = [
    common_agenda, shared_measurement, reinforcing_activities, communication, backbone,
]


# -- the phase checklists ---------------------------------------------------------------------------
# (item, phase, the activity in the method's words, evidence test or None when only people can judge it,
#  what the evidence test looks for)


def _champion_group(p: Project, today: dt.date) -> bool:
    return any(s.champion for s in p.stakeholders.values()) and len(_sectors(p, p.stakeholders)) >= 3


def _mapped(p: Project, today: dt.date) -> bool:
    return len([b for b in p.barriers.values() if b.raised_by]) >= 3


def _community(p: Project, today: dt.date) -> bool:
    return any(s.sector == "community" for s in p.stakeholders.values())


def _baselines(p: Project, today: dt.date) -> bool:
    return any(i.baseline is not None for _, i in indicators(p))


def _backbone(p: Project, today: dt.date) -> bool:
    return backbone(p, today).score >= 2


def _agenda(p: Project, today: dt.date) -> bool:
    return bool(p.goal_ids) and any(plan.goals for plan in p.plans.values())


def _community_commits(p: Project, today: dt.date) -> bool:
    return any(s in p.stakeholders and p.stakeholders[s].sector == "community"
               for c in p.commitments.values() if c.status in LIVE_STATUSES for s in p.committers(c))


def _metrics(p: Project, today: dt.date) -> bool:
    return shared_measurement(p, today).score >= 2


def _backbone_refined(p: Project, today: dt.date) -> bool:
    return backbone(p, today).score >= 3


def _aligned(p: Project, today: dt.date) -> bool:
    return bool(p.plans) and all(plan.goals for plan in p.plans.values()) and any(a.outcomes for plan in p.plans.values() for a in plan.actions)


def _advocacy(p: Project, today: dt.date) -> bool:
    return any(a.instrument in ("advocacy", "policy_reform") for plan in p.plans.values() for a in plan.actions)


def _tracked(p: Project, today: dt.date) -> bool:
    return any(_recent(m.date, today, MEASURED_DAYS) for _, i in indicators(p) for m in i.measurements)


def _leadership(p: Project, today: dt.date) -> bool:
    return bool(p.goal_ids) and any(c.kind in ("advisory", "backbone") and c.members for c in p.circles.values())


def _theory(p: Project, today: dt.date) -> bool:
    return bool(p.outcomes)


def _theories_of_action(p: Project, today: dt.date) -> bool:
    return any(a.outcomes for plan in p.plans.values() for a in plan.actions)


def _structures(p: Project, today: dt.date) -> bool:
    return any(c.lead and c.meets for c in p.circles.values())


def _monitoring(p: Project, today: dt.date) -> bool:
    return any(i.frequency and i.responsible for _, i in indicators(p)) and _tracked(p, today)


def _diversified(p: Project, today: dt.date) -> bool:
    instruments = {a.instrument for plan in p.plans.values() for a in plan.actions if a.instrument}
    return len(_sectors(p, p.stakeholders)) >= 6 and len(instruments) >= 3


def _assessed(p: Project, today: dt.date) -> bool:
    return bool(p.assessment) and any(_recent(e.date, today, 365) for e in p.assessment.entries)


CHECKLIST = [
    ("initiate-champions", "initiate", N_("Identify champions and form a cross-sector group"), _champion_group,
     "a champion and stakeholders from three or more sectors"),
    ("initiate-landscape", "initiate", N_("Map the landscape and use data to make the case"), _mapped,
     "three or more barriers, each raised by someone"),
    ("initiate-outreach", "initiate", N_("Facilitate community outreach"), _community, "a stakeholder from the community sector"),
    ("initiate-baseline", "initiate", N_("Analyse baseline data to identify key issues and gaps"), _baselines,
     "an indicator with a baseline"),
    ("organise-backbone", "organise", N_("Create infrastructure: backbone organisation and processes"), _backbone,
     "a backbone circle of two or more people"),
    ("organise-agenda", "organise", N_("Create a common agenda: goals and strategy"), _agenda, "common goals and a plan that names one"),
    ("organise-engagement", "organise", N_("Engage the community and build public will"), _community_commits,
     "a live commitment from a community stakeholder"),
    ("organise-metrics", "organise", N_("Establish shared metrics: indicators, measurement, approach"), _metrics,
     "at least half the indicators with a baseline and a target"),
    ("sustain-backbone", "sustain", N_("Facilitate and refine the backbone organisation and processes"), _backbone_refined,
     "a backbone circle that meets to a rhythm, and a contact"),
    ("sustain-implementation", "sustain", N_("Support implementation: alignment to goals and strategies"), _aligned,
     "every plan names a goal and actions name the outcomes they serve"),
    ("sustain-advocacy", "sustain", N_("Continue engagement and conduct advocacy"), _advocacy,
     "an action of instrument advocacy or policy_reform"),
    ("sustain-tracking", "sustain", N_("Collect, track and report progress: a process to learn and improve"), _tracked,
     f"a measurement in the last {MEASURED_DAYS} days"),
    ("catalyzing-mapping", "catalyzing", N_("Initial mapping of the issues and key stakeholders"), _mapped,
     "three or more barriers, each raised by someone"),
    ("catalyzing-leadership", "catalyzing", N_("Leadership group convened to define the network's vision, purpose and value"),
     _leadership, "common goals and an advisory or backbone circle with members"),
    ("catalyzing-theory", "catalyzing", N_("Initial network theory of change developed"), _theory, "outcomes in theory.yaml"),
    ("launching-theory", "launching", N_("Network theory of change revised"), None, ""),
    ("launching-members", "launching", N_("Initial member theories of action developed"), _theories_of_action,
     "actions that name the outcomes they serve"),
    ("launching-structures", "launching", N_("Initial network structures, norms and processes developed and implemented"),
     _structures, "a circle with a lead that meets to a rhythm"),
    ("expanding-structures", "expanding", N_("Network structures expanded and enhanced"), None, ""),
    ("expanding-monitoring", "expanding", N_("Monitoring and evaluation framework and communication platform implemented"),
     _monitoring, f"an indicator with a frequency and someone responsible, and a measurement in the last {MEASURED_DAYS} days"),
    ("expanding-diversified", "expanding", N_("Membership, participation, strategy and tactics diversified"), _diversified,
     "stakeholders from six or more sectors and actions using three or more instruments"),
    ("transforming-assessment", "transforming", N_("Formal network assessment conducted"), _assessed,
     "an assessment.yaml entry in the last 365 days"),
    ("transforming-vision", "transforming", N_("Network vision, purpose and value refined or revised"), None, ""),
    ("transforming-decision", "transforming", N_("The network decides whether it transforms itself or transitions"), None, ""),
    ("transforming-structure", "transforming", N_("Structure reviewed against the network's function; governance changes decided"),
     None, ""),
]

# What people judge in assessment.yaml: urgency and trust, and any checklist item.
JUDGED_ITEMS = {"urgency": "a sense of urgency for change", "trust": "trust among the participants"} | {
    item: text for item, _, text, _, _ in CHECKLIST
}


def checklist(project: Project, phase: str, today: dt.date) -> list[Step]:
    steps = []
    for item, of, text, test, looks_for in CHECKLIST:
        if of != phase:
            continue
        entry = _judged(project, item)
        shown = test is not None and test(project, today)
        if entry is not None and entry.score >= TICK:
            done, evidence = True, _judgement(entry)
        elif shown:
            done, evidence = True, f"from the project: {looks_for}"
        elif entry is not None:
            done, evidence = False, _judgement(entry)
        else:
            done, evidence = False, ""
        if done:
            missing = ""
        elif test is None:
            missing = f"judged by people: add an entry with item: {item} and a score of {TICK} or more to assessment.yaml"
        else:
            missing = f"the project has not yet: {looks_for} (or judge it: item {item} in assessment.yaml)"
        steps.append(Step(item, phase, text, done, evidence, missing))
    return steps


@dataclass
class Health:
    preconditions: list[Score]
    conditions: list[Score]
    phase: str | None
    phase_steps: list[Step]
    network_phase: str | None
    network_steps: list[Step]


def assess(project: Project, today: dt.date) -> Health:
    settings = project.settings
    return Health(
        [rule(project, today) for rule in PRECONDITIONS],
        [rule(project, today) for rule in CONDITIONS],
        settings.phase,
        checklist(project, settings.phase, today) if settings.phase else [],
        settings.network_phase,
        checklist(project, settings.network_phase, today) if settings.network_phase else [],
    )


def as_json(health: Health) -> dict:
    def score(s: Score) -> dict:
        return {"item": s.item, "title": s.title, "score": s.score, "label": s.label, "rule": s.rule, "evidence": s.evidence}

    def step(s: Step) -> dict:
        return {"item": s.item, "text": s.text, "done": s.done, "evidence": s.evidence, "missing": s.missing}

    return {
        "preconditions": [score(s) for s in health.preconditions],
        "conditions": [score(s) for s in health.conditions],
        "phase": {"phase": health.phase, "checklist": [step(s) for s in health.phase_steps]},
        "network_phase": {"phase": health.network_phase, "checklist": [step(s) for s in health.network_steps]},
    }
