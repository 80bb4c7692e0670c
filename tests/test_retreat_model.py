"""What happens in the room, in the model: circles, joint commitments, bodies and their offices,
promises postponed or kept each period. Figures worked out by hand in the comments."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import docx_text
from scaleplus_cli import analysis
from scaleplus_cli.store import load_project
from scaleplus_cli.validation import check

TODAY = dt.date(2026, 11, 22)

ROOM = {
    "stakeholders/telecom.yaml": "name: Coast Telecom\nsector: private_sector\ninfluence: 4\n",
    "stakeholders/commission.yaml": "name: Fisheries Commission\nsector: government\ninfluence: 5\n",
    "stakeholders/donor.yaml": "name: Blue Fund\nsector: donor\ninfluence: 3\n",
    "stakeholders/ministry.yaml": "name: Ministry of Fisheries\nsector: government\ninfluence: 5\n",
    "stakeholders/ministry-north.yaml": "name: Ministry of Fisheries, North Office\nsector: government\nparent: ministry\n",
    "stakeholders/ministry-south.yaml": "name: Ministry of Fisheries, South Office\nsector: government\nparent: ministry\n",
    "barriers/no-data.yaml": "title: No catch data\ncategory: technology\nseverity: 4\nraised_by: [commission]\n",
    "circles/si-team.yaml": (
        "name: Systems Integration Team\nkind: backbone\nlead: commission\nmembers: [donor, telecom]\n"
        'meets: "weekly, Monday"\n'
    ),
    # One promise of three organisations, made in the SI Team.
    "commitments/catch-app.yaml": (
        "stakeholder: telecom\npartners: [commission, donor]\ncircle: si-team\ntext: A phone app for catch records\n"
        "barriers: [no-data]\nhorizon: 100\n"
    ),
}


@pytest.fixture
def room(make_project):
    return load_project(make_project(ROOM))


def test_a_joint_commitment_counts_its_partners_once_as_one_promise(room):
    [bl] = analysis.leverage(room)
    # 4 x (1 raised + 1 sector + 1 commitment) + influence 4 + 5 + 3 = 12 + 12 = 24
    assert bl.parts == {"severity": 4, "raised_by": 1, "sectors": 1, "commitments": 1, "influence": 12}
    assert bl.score == 24
    assert bl.committing_sectors == ("government", "private_sector", "donor")
    assert not bl.gap  # three sectors commit: no one-sector gap
    [coverage] = analysis.sector_coverage(room)
    assert coverage.committed == {"government": 1, "private_sector": 1, "donor": 1}


def test_a_joint_commitment_belongs_to_every_co_owner(room):
    for owner in ("telecom", "commission", "donor"):
        assert [c.id for c in room.commitments_by(owner)] == ["catch-app"]
    assert room.committers(room.commitments["catch-app"]) == ["telecom", "commission", "donor"]
    assert [c.id for c in room.commitments_in("si-team")] == ["catch-app"]
    assert [c.id for c in room.circles_of("donor")] == ["si-team"]


def test_a_body_and_its_offices_count_once_in_the_room(room):
    assert room.body("ministry-north") == "ministry"
    assert sorted(s.id for s in room.children("ministry")) == ["ministry-north", "ministry-south"]
    # commission + ministry (its two offices not again)
    assert analysis.stakeholders_by_sector(room)["government"] == 2


def test_the_room_checks_clean(room):
    assert [p for p in check(room, TODAY) if p.severity == "error"] == []


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"stakeholders/ministry.yaml": "name: Ministry of Fisheries\nsector: government\nparent: ministry-north\n"},
            "stakeholders/ministry-north.yaml:3:9: error: parent: the parents go round in a circle"
            " (ministry-north -> ministry -> ministry-north)",
        ),
        (
            {"commitments/catch-app.yaml": "stakeholder: telecom\npartners: [comission]\ntext: App\nhorizon: 100\n"},
            "commitments/catch-app.yaml:2:12: error: partners: no stakeholder with id 'comission' (did you mean 'commission'?)",
        ),
        (
            {"commitments/catch-app.yaml": "stakeholder: telecom\ncircle: si-tem\ntext: App\nhorizon: 100\n"},
            "commitments/catch-app.yaml:2:9: error: circle: no circle with id 'si-tem' (did you mean 'si-team'?)",
        ),
        (
            {"circles/si-team.yaml": "name: SI Team\nkind: secretariat\n"},
            "circles/si-team.yaml:2:7: error: kind: 'secretariat' is not a valid kind of circle; choose from"
            " task_force, action_circle, advisory, backbone, working_group",
        ),
        (
            {"plans/p.yaml": "title: Plan\nhorizon: 100\nowner: The steering group\nactions: []\n"},
            "plans/p.yaml:3:8: warning: owner: 'The steering group' is not a circle or stakeholder id; documents show it as written",
        ),
        (
            {"stakeholders/donor.yaml": "name: Blue Fund\nsector: donor\nchampion: maybe\n"},
            "stakeholders/donor.yaml:3:11: error: champion: expected true or false, got the text 'maybe'",
        ),
        (
            {"scaleplus.yaml": "name: X\nchallenge: Y\ncurrency: cedi\n"},
            "scaleplus.yaml:3:11: error: currency: expected an ISO 4217 currency code in capitals, like USD, GHS or XOF, got 'cedi'",
        ),
    ],
)
def test_bad_new_fields_get_located_errors(make_project, invoke, files, expected):
    root = make_project({**ROOM, **files})
    result = invoke("check", "-p", root)
    assert expected in result.stdout, result.stdout


def test_a_postponed_commitment_is_never_overdue(make_project, invoke):
    root = make_project({
        **ROOM,
        "commitments/closed-season.yaml": "stakeholder: ministry\ntext: Closed season in June\nhorizon: 100\nstatus: on_hold\n",
    })
    project = load_project(root)
    # Due 2026-12-24: not late anyway; move it back to be sure on_hold is what keeps it off the list.
    late_day = dt.date(2027, 3, 1)
    assert [x.commitment.id for x in analysis.overdue(project, late_day)] == ["catch-app"]
    remind = invoke("remind", "-p", root, "--within", "400")
    assert "Closed season" not in remind.stdout


def test_a_recurring_commitment_is_due_each_period_after_its_last_update(make_project):
    root = make_project({
        **ROOM,
        "commitments/quarterly.yaml": (
            "stakeholder: commission\ntext: Quarterly stakeholder meeting\nhorizon: 1000\nevery: quarter\n"
            "status: in_progress\nupdates:\n  - date: 2026-07-01\n    note: First meeting held\n"
        ),
    })
    project = load_project(root)
    c = project.commitments["quarterly"]
    assert project.due_date(c) == dt.date(2026, 10, 1)  # a quarter after its last update
    [late] = [x for x in analysis.overdue(project, TODAY) if x.commitment.id == "quarterly"]
    assert late.days_late == 52
    warnings = [p for p in check(project, TODAY) if p.path == "commitments/quarterly.yaml"]
    assert [p.message for p in warnings] == [
        "overdue: this quarter's update was due 2026-10-01 (52 days ago); record one with scaleplus update"
    ]


def test_a_joint_commitment_is_on_every_co_owners_sheet_naming_the_others(make_project, invoke):
    root = make_project({
        **ROOM,
        "scaleplus.yaml": "name: Test Bay\nchallenge: Fish stocks are falling.\nretreat:\n  start: 2026-09-15\n"
                          "contact:\n  name: Halima Said\n  phone: '+255 700 100 100'\n",
        "commitments/quarterly.yaml": "stakeholder: commission\ntext: Quarterly stakeholder meeting\nhorizon: 1000\nevery: quarter\n",
    })
    result = invoke("report", "commitments", "--format", "md", "-p", root)
    assert result.exit_code == 0, result
    md = (root / "out" / "commitments.md").read_text(encoding="utf-8")
    sheets = {part.split("\n", 1)[0]: part for part in md.split("\n## ")[1:]}
    assert "Together with: Fisheries Commission, Blue Fund" in sheets["Coast Telecom"]
    assert "Together with: Coast Telecom, Blue Fund" in sheets["Fisheries Commission"]
    assert "Together with: Coast Telecom, Fisheries Commission" in sheets["Blue Fund"]
    assert "Horizon: 1,000 days, an update every quarter, next due 15 December 2026" in sheets["Fisheries Commission"]
    assert md.count("Questions and progress: the Systems Integration Team, Halima Said, +255 700 100 100.") == 6


@pytest.mark.parametrize("code, sheet_line, letter_line", [
    ("en", "Questions and progress: Kivuko Coordination Team, ", "You can reply to Kivuko Coordination Team: "),
    ("fr", "Questions et avancées : Kivuko Coordination Team, ", "Vous pouvez répondre à Kivuko Coordination Team : "),
])
def test_the_backbone_circle_is_named_on_sheets_and_letters(invoke, sample, code, sheet_line, letter_line):
    """The backbone team the room knows, by its own name; the method's term when the circle is called that."""
    circle = sample / "circles" / "systems-integration-team.yaml"
    circle.write_text(circle.read_text(encoding="utf-8").replace("name: Systems Integration Team",
                                                                 "name: Kivuko Coordination Team"), encoding="utf-8")
    settings = sample / "scaleplus.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("language: en", f"language: {code}"), encoding="utf-8")
    assert invoke("report", "commitments", "-p", sample).exit_code == 0
    assert sheet_line in (sample / "out" / "commitments.md").read_text(encoding="utf-8")
    signing = [p for p in docx_text(sample / "out" / "commitments.docx").splitlines() if "Kivuko Coordination Team" in p]
    assert len(signing) > 2 and not any("Systems Integration" in p or "intégration du système" in p for p in signing)
    assert invoke("remind", "--format", "md", "-p", sample).exit_code == 0
    letters = [p.read_text(encoding="utf-8") for p in (sample / "out" / "reminders").glob("*.md")]
    assert letters and all(letter_line in letter for letter in letters)
