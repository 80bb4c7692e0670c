"""`scaleplus assess`: every rule of the README's table at each of its thresholds, computed by hand
from small projects; the phase checklists; the JSON a script reads."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from conftest import SAMPLE
from scaleplus_cli import assessing
from scaleplus_cli.store import load_project

TODAY = dt.date(2026, 11, 22)


def person(name: str, sector: str, influence: int = 3, champion: bool = False) -> str:
    return f"name: {name}\nsector: {sector}\ninfluence: {influence}\n" + ("champion: true\n" if champion else "")


def score(make_project, rule, files) -> assessing.Score:
    return rule(load_project(make_project(files)), TODAY)


@pytest.mark.parametrize(("people", "expected"), [
    ({"stakeholders/a.yaml": person("A", "government")}, 0),
    ({"stakeholders/a.yaml": person("A", "government", 3, True)}, 1),
    ({"stakeholders/a.yaml": person("A", "government", 4, True)}, 2),
    ({"stakeholders/a.yaml": person("A", "government", 4, True), "stakeholders/b.yaml": person("B", "government", 5, True)}, 2),
    ({"stakeholders/a.yaml": person("A", "government", 4, True), "stakeholders/b.yaml": person("B", "media", 5, True)}, 3),
])
def test_champion(make_project, people, expected):
    found = score(make_project, assessing.champion, people)
    assert found.score == expected
    if expected:
        assert found.evidence[0] == "champion: A (government, influence " + people["stakeholders/a.yaml"].split("influence: ")[1][0] + ")"


def plan(*actions: str) -> str:
    return "title: Plan\nhorizon: 1000\ngoals: [G1]\nactions:\n" + "".join(actions)


def action(title: str, **fields: str) -> str:
    return f"  - title: {title}\n" + "".join(f"    {k}: {v}\n" for k, v in fields.items())


@pytest.mark.parametrize(("actions", "expected"), [
    ([action("Unfunded", budget="100")], 0),  # a budget without a funding source
    ([action("Undated", budget="100", funding="donor")], 1),
    ([action("A", budget="100", funding="donor", start="2026-01-01", end="2026-12-31")], 1),  # 364 days
    ([action("A", budget="100", funding="donor", start="2026-01-01", end="2027-01-01")], 2),  # 365 days
    ([action("A", budget="100", funding="donor", start="2026-01-01", end="2026-06-30"),
      action("B", budget="50", funding="government", start="2026-06-01", end="2027-12-31")], 2),  # 729 days
    ([action("A", budget="100", funding="donor", start="2026-01-01", end="2027-12-31"),
      action("B", budget="0", funding="government", start="2025-01-01", end="2029-01-01")], 2),  # B has no money: 729 days
    ([action("A", budget="100", funding="donor", start="2026-01-01", end="2028-01-01")], 3),  # 730 days
])
def test_resources(make_project, actions, expected):
    found = score(make_project, assessing.resources, {"plans/p.yaml": plan(*actions)})
    assert found.score == expected


def test_resources_evidence_names_the_money_and_the_span(make_project):
    files = {"plans/p.yaml": plan(action("A", budget="1500", funding="donor", start="2026-01-01", end="2028-01-01"),
                                  action("B", budget="500", funding="donor"))}
    assert score(make_project, assessing.resources, files).evidence == [
        "funded by donor: 2,000", "2 funded actions, from 2026-01-01 to 2028-01-01 (730 days)",
    ]


def test_urgency_is_judged_by_people_and_the_newest_entry_counts(make_project):
    found = score(make_project, assessing.urgency, {})
    assert found.score is None and found.label == "not judged"
    entries = ("entries:\n  - {item: urgency, score: 3, date: 2026-09-01}\n"
               "  - {item: urgency, score: 1, date: 2026-10-01, note: Rains came back}\n")
    found = score(make_project, assessing.urgency, {"assessment.yaml": entries})
    assert found.score == 1
    assert found.evidence[0] == "judged 1 (emerging) on 2026-10-01: Rains came back"


BARRIER = "title: {t}\ncategory: social\n"


@pytest.mark.parametrize(("goals", "barriers", "plans", "expected"), [
    (False, {}, {}, 0),
    (True, {}, {}, 1),
    (True, {"b1": True, "b2": False}, {}, 2),  # half name a goal
    (True, {"b1": True, "b2": False, "b3": False}, {}, 1),  # a third
    (True, {}, {"p1": True}, 2),
    (True, {}, {"p1": True, "p2": False}, 1),  # not every plan
    (True, {"b1": True}, {"p1": True}, 3),
])
def test_common_agenda(make_project, goals, barriers, plans, expected):
    files: dict[str, str | None] = {}
    if not goals:
        files["scaleplus.yaml"] = "name: T\nchallenge: C\n"
    for b, linked in barriers.items():
        files[f"barriers/{b}.yaml"] = BARRIER.format(t=b) + ("goals: [G1]\n" if linked else "")
    for p, linked in plans.items():
        files[f"plans/{p}.yaml"] = f"title: {p}\nhorizon: 100\n" + ("goals: [G1]\n" if linked else "") + "actions: []\n"
    assert score(make_project, assessing.common_agenda, files).score == expected


def indicator(name: str, baseline: bool, target: bool, measured: str | None = None) -> str:
    text = f"      - name: {name}\n"
    text += "        baseline: 0\n" if baseline else ""
    text += "        target: 10\n" if target else ""
    if measured:
        text += f"        measurements:\n          - {{date: {measured}, value: 1}}\n"
    return text


def measured_plan(*indicators: str) -> dict[str, str]:
    return {"plans/p.yaml": "title: P\nhorizon: 100\nactions:\n  - title: A\n    indicators:\n" + "".join(indicators)}


@pytest.mark.parametrize(("indicators", "expected"), [
    ([], 0),
    ([indicator("a", True, False)], 1),  # a baseline without a target
    ([indicator("a", True, True), indicator("b", False, True), indicator("c", False, False)], 1),  # a third framed
    ([indicator("a", True, True), indicator("b", False, True)], 2),  # half framed, none measured
    ([indicator("a", True, True, "2026-08-24"), indicator("b", True, True)], 3),  # 90 days before today
    ([indicator("a", True, True, "2026-08-23"), indicator("b", True, True)], 2),  # 91 days: not recent
    ([indicator("a", True, True, "2026-11-01"), indicator("b", True, True), indicator("c", True, True)], 2),
])
def test_shared_measurement(make_project, indicators, expected):
    files = measured_plan(*indicators) if indicators else {}
    assert score(make_project, assessing.shared_measurement, files).score == expected


def test_shared_measurement_counts_indicators_on_commitments_and_outcomes(make_project):
    files = {
        "stakeholders/a.yaml": person("A", "government"),
        "commitments/c.yaml": "stakeholder: a\ntext: T\nhorizon: 100\nindicators:\n" + indicator("x", True, True).replace("      ", "  ", 1).replace("        ", "    "),
        "theory.yaml": "outcomes:\n  - id: o\n    text: O\n    level: long_term\n    leads_to: [G1]\n    indicators:\n" + indicator("y", False, False),
    }
    found = score(make_project, assessing.shared_measurement, files)
    assert found.evidence[:2] == ["2 indicators", "1 with a baseline and a target"]
    assert found.score == 2


COMMIT = "stakeholder: {s}\ntext: {t}\nhorizon: 100\nstatus: {status}\n"


@pytest.mark.parametrize(("files", "expected"), [
    ({}, 0),
    ({"commitments/c1.yaml": COMMIT.format(s="gov", t="x", status="done")}, 0),  # not live
    ({"commitments/c1.yaml": COMMIT.format(s="gov", t="x", status="pledged"),
      "commitments/c2.yaml": COMMIT.format(s="radio", t="y", status="in_progress")}, 1),  # two sectors
    ({"commitments/c1.yaml": COMMIT.format(s="gov", t="x", status="pledged"),
      "commitments/c2.yaml": COMMIT.format(s="radio", t="y", status="pledged"),
      "commitments/c3.yaml": COMMIT.format(s="fishers", t="z", status="pledged")}, 2),  # three, nothing joint
    ({"commitments/c1.yaml": COMMIT.format(s="gov", t="x", status="pledged") + "partners: [radio, fishers]\n"}, 2),  # joint, no plan
    ({"commitments/c1.yaml": COMMIT.format(s="gov", t="x", status="pledged") + "partners: [radio, fishers]\n",
      "plans/p.yaml": "title: P\nhorizon: 100\nactions: []\n"}, 3),
    ({"plans/p.yaml": "title: P\nhorizon: 100\nactions:\n  - title: A\n    lead: gov\n    partners: [radio, fishers]\n"}, 3),
])
def test_reinforcing_activities(make_project, files, expected):
    people = {"stakeholders/gov.yaml": person("Gov", "government"), "stakeholders/radio.yaml": person("Radio", "media"),
              "stakeholders/fishers.yaml": person("Fishers", "community")}
    assert score(make_project, assessing.reinforcing_activities, {**people, **files}).score == expected


def update(day: str) -> str:
    return f"updates:\n  - {{date: {day}, note: n}}\n"


@pytest.mark.parametrize(("files", "expected"), [
    ({}, 0),
    ({"commitments/c1.yaml": COMMIT.format(s="gov", t="a", status="pledged") + update("2026-10-22")}, 0),  # 31 days ago
    ({"commitments/c1.yaml": COMMIT.format(s="gov", t="a", status="pledged") + update("2026-10-23")}, 2),  # 30 days: recent, 1 of 1 live
    ({"commitments/c1.yaml": COMMIT.format(s="gov", t="a", status="done") + update("2026-11-20")}, 1),  # recent, but nothing live
    ({"commitments/c1.yaml": COMMIT.format(s="gov", t="a", status="pledged") + update("2026-11-20"),
      **{f"commitments/c{n}.yaml": COMMIT.format(s="gov", t=f"t{n}", status="pledged") for n in range(2, 6)}}, 1),  # 1 of 5 < a quarter
    ({"commitments/c1.yaml": COMMIT.format(s="gov", t="a", status="pledged") + update("2026-11-20"),
      **{f"commitments/c{n}.yaml": COMMIT.format(s="gov", t=f"t{n}", status="pledged") for n in range(2, 5)}}, 2),  # 1 of 4
    ({"circles/c.yaml": "name: Task force\nkind: task_force\nmeets: monthly\n"}, 1),
    ({"circles/c.yaml": "name: Task force\nkind: task_force\nmeets: monthly\n",
      "commitments/c1.yaml": COMMIT.format(s="gov", t="a", status="pledged") + update("2026-11-20")}, 3),
    ({"circles/c.yaml": "name: Task force\nkind: task_force\nmeets: monthly\n",
      "commitments/c1.yaml": COMMIT.format(s="gov", t="a", status="pledged") + update("2026-11-20"),
      "assessment.yaml": "entries:\n  - {item: trust, score: 1, date: 2026-11-01}\n"}, 1),  # trust caps it
])
def test_communication(make_project, files, expected):
    found = score(make_project, assessing.communication, {"stakeholders/gov.yaml": person("Gov", "government"), **files})
    assert found.score == expected


@pytest.mark.parametrize(("circle", "contact", "expected"), [
    (None, "", 0),
    ("name: SIT\nkind: task_force\nlead: a\nmembers: [b]\nmeets: weekly\n", "", 0),  # not a backbone
    ("name: SIT\nkind: backbone\nlead: a\n", "", 1),
    ("name: SIT\nkind: backbone\nlead: a\nmembers: [a]\n", "", 1),  # one person
    ("name: SIT\nkind: backbone\nlead: a\nmembers: [b]\n", "", 2),
    ("name: SIT\nkind: backbone\nlead: a\nmembers: [b]\nmeets: weekly\n", "contact:\n  name: Asha\n", 2),  # no email or phone
    ("name: SIT\nkind: backbone\nlead: a\nmembers: [b]\n", "contact:\n  name: Asha\n  phone: '+255 700'\n", 2),  # no rhythm
    ("name: SIT\nkind: backbone\nlead: a\nmembers: [b]\nmeets: weekly\n", "contact:\n  name: Asha\n  phone: '+255 700'\n", 3),
])
def test_backbone(make_project, circle, contact, expected):
    files = {"stakeholders/a.yaml": person("A", "government"), "stakeholders/b.yaml": person("B", "media"),
             "scaleplus.yaml": "name: T\nchallenge: C\ngoals:\n  - {id: G1, text: G}\n" + contact}
    if circle:
        files["circles/sit.yaml"] = circle
    assert score(make_project, assessing.backbone, files).score == expected


def test_checklist_ticks_from_evidence_or_judgement_and_says_what_is_missing(make_project):
    root = make_project({
        "scaleplus.yaml": "name: T\nchallenge: C\nphase: initiate\nnetwork_phase: transforming\ngoals:\n  - {id: G1, text: G}\n",
        "stakeholders/a.yaml": person("A", "community", 4, True),
        "assessment.yaml": "entries:\n  - {item: initiate-landscape, score: 2, date: 2026-01-10}\n"
                           "  - {item: transforming-vision, score: 1, date: 2026-11-01, note: Not yet}\n",
    })
    health = assessing.assess(load_project(root), TODAY)
    steps = {s.item: s for s in health.phase_steps}
    assert list(steps) == ["initiate-champions", "initiate-landscape", "initiate-outreach", "initiate-baseline"]
    assert not steps["initiate-champions"].done  # a champion, but one sector
    assert steps["initiate-champions"].missing.startswith("the project has not yet: a champion and stakeholders from three or more sectors")
    assert steps["initiate-landscape"].done and steps["initiate-landscape"].evidence == "judged 2 (developing) on 2026-01-10"
    assert steps["initiate-outreach"].done and steps["initiate-outreach"].evidence == "from the project: a stakeholder from the community sector"
    network = {s.item: s for s in health.network_steps}
    assert network["transforming-assessment"].done  # an entry in the last 365 days
    assert not network["transforming-vision"].done
    assert network["transforming-vision"].evidence == "judged 1 (emerging) on 2026-11-01: Not yet"
    assert network["transforming-decision"].missing.startswith("judged by people: add an entry with item: transforming-decision")


def test_assess_json_on_the_sample_project(invoke, monkeypatch):
    monkeypatch.setenv("SCALEPLUS_TODAY", "2026-11-25")
    result = invoke("assess", "-p", SAMPLE, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    scores = {s["item"]: s["score"] for s in data["preconditions"] + data["conditions"]}
    assert scores == {"champion": 2, "resources": 3, "urgency": 3, "common_agenda": 3, "shared_measurement": 2,
                      "reinforcing_activities": 3, "communication": 1, "backbone": 0}
    assert data["phase"]["phase"] == "organise"
    assert [s["done"] for s in data["phase"]["checklist"]] == [False, True, True, True]
    assert data["network_phase"]["checklist"][0]["evidence"].startswith("judged 2 (developing) on 2026-11-20")
    text = invoke("assess", "-p", SAMPLE).stdout
    assert " 3/3 A sense of urgency for change  strong" in text
    assert "[ ] Create infrastructure: backbone organisation and processes" in text
