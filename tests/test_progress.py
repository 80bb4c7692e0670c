"""`update` and `measure`: progress is added to the files in place, and nothing else in them changes."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

STAKEHOLDER = "name: Fisheries Office\nsector: government\n"

COMMITMENT = """\
# Signed on day 3; Joseph wants a monthly reminder.
stakeholder: office   # the district office
text: >-
  Two patrol boats on the water,
  with joint patrols twice a week.
barriers: []
horizon: 100
due: 2026-12-15
status: pledged   # as pledged in the room
updates:
  - date: 2026-10-01
    note: |
      Boat one bought.
      Engine still missing.

    status: pledged
# keep this comment at the end
"""

PLAN = """\
# Agreed in the action circles on day 3.
title: 100-day plan
horizon: 100
actions:
  - title: Patrol boats back on the water
    lead: office
    indicators:
      - name: Patrol boats in working order   # the two laid-up boats
        unit: boats
        baseline: 0
        target: 2
        measurements:
          - date: 2026-10-15
            value: 0
            note: Parts ordered
      - name: Joint patrols carried out
        target: 24
  - title: Know the rules
    indicators:
      - name: Landing sites with bylaw boards
        target: 9
# end of plan
"""


@pytest.fixture
def project(make_project):
    return make_project(
        {"stakeholders/office.yaml": STAKEHOLDER, "commitments/boats.yaml": COMMITMENT, "plans/hundred.yaml": PLAN}
    )


def changed_lines(old: str, new: str) -> list[str]:
    """The lines a diff of old and new shows as removed (-) or added (+)."""
    diff = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True), n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


# -- update ---------------------------------------------------------------------------------------


def test_update_appends_an_entry_and_sets_the_status(project, invoke):
    path = project / "commitments/boats.yaml"
    result = invoke("update", "boats", "--status", "in_progress", "--note", "Engine fitted", "--date", "2026-11-02", "-p", project)
    assert result.exit_code == 0, result
    assert "status pledged -> in_progress" in result.stdout
    assert "boats.yaml" in result.stdout
    assert read(path) == COMMITMENT.replace(
        "status: pledged   # as pledged in the room", "status: in_progress   # as pledged in the room"
    ).replace(
        "    status: pledged\n# keep",
        "    status: pledged\n  - date: 2026-11-02\n    note: Engine fitted\n    status: in_progress\n# keep",
    )


def test_update_changes_only_its_own_lines(project, invoke):
    path = project / "commitments/boats.yaml"
    invoke("update", "boats", "--status", "done", "--note", "Both boats out: patrols #1 and #2", "-p", project)
    assert changed_lines(COMMITMENT, read(path)) == [
        "-status: pledged   # as pledged in the room\n",
        "+status: done   # as pledged in the room\n",
        "+  - date: 2026-11-22\n",
        "+    note: 'Both boats out: patrols #1 and #2'\n",
        "+    status: done\n",
    ]
    assert invoke("check", "-p", project).exit_code == 0


def test_update_with_a_note_only_keeps_the_status(project, invoke):
    path = project / "commitments/boats.yaml"
    result = invoke("update", "boats", "--note", "Called Joseph; on track", "-p", project)
    assert result.exit_code == 0, result
    assert changed_lines(COMMITMENT, read(path)) == ["+  - date: 2026-11-22\n", "+    note: Called Joseph; on track\n"]


def test_update_with_the_same_status_leaves_the_status_line_alone(project, invoke):
    path = project / "commitments/boats.yaml"
    invoke("update", "boats", "--status", "pledged", "-p", project)
    assert changed_lines(COMMITMENT, read(path)) == ["+  - date: 2026-11-22\n", "+    status: pledged\n"]


def test_update_keeps_crlf_line_endings(make_project, invoke):
    crlf = COMMITMENT.replace("\n", "\r\n").encode()
    root = make_project({"stakeholders/office.yaml": STAKEHOLDER, "commitments/boats.yaml": crlf})
    invoke("update", "boats", "--status", "done", "-p", root)
    new = (root / "commitments/boats.yaml").read_bytes()
    assert new.count(b"\n") == new.count(b"\r\n")
    expected = COMMITMENT.replace("status: pledged   #", "status: done   #").replace(
        "    status: pledged\n# keep", "    status: pledged\n  - date: 2026-11-22\n    status: done\n# keep"
    )
    assert new == expected.replace("\n", "\r\n").encode()


def test_update_creates_the_missing_keys_in_spec_order(make_project, invoke):
    text = "stakeholder: office\ntext: Radio show\nhorizon: 100\nresources: Airtime\n# trailing comment\n"
    root = make_project({"stakeholders/office.yaml": STAKEHOLDER, "commitments/radio.yaml": text})
    result = invoke("update", "radio", "--status", "in_progress", "--note", "First show aired\nGood calls", "-p", root)
    assert result.exit_code == 0, result
    assert read(root / "commitments/radio.yaml") == (
        "stakeholder: office\ntext: Radio show\nhorizon: 100\nresources: Airtime\nstatus: in_progress\n"
        "updates:\n  - date: 2026-11-22\n    note: |-\n      First show aired\n      Good calls\n    status: in_progress\n"
        "# trailing comment\n"
    )
    shown = invoke("show", "radio", "--format", "json", "-p", root)
    assert '"note": "First show aired\\nGood calls"' in shown.stdout


def test_same_day_as_the_last_update_is_fine(project, invoke):
    assert invoke("update", "boats", "--note", "x", "--date", "2026-10-01", "-p", project).exit_code == 0


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["nope"], 2, "no commitment with the id or name 'nope'"),
        (["bots"], 2, "did you mean 'boats'"),
        (["--status", "finished"], 2, "--status: 'finished' is not a valid status"),
        (["--status", "Done!"], 2, "choose from pledged, in_progress, on_hold, done, dropped"),
        ([], 2, "give --status, --note or both"),
        (["--note", "   "], 2, "give --status, --note or both"),
        (["--note", "x", "--date", "2026-09-31"], 2, "--date: 2026-09-31 is not a date of the calendar"),
        (["--note", "x", "--date", "2026-09-30"], 1, "the last update of boats is dated 2026-10-01"),
        (["--note", "x", "--date", "2026-12-01"], 2, "--date: 2026-12-01 is in the future"),
    ],
)
def test_bad_updates_change_nothing(project, invoke, args, code, message):
    path = project / "commitments/boats.yaml"
    if args and args[0] in ("nope", "bots"):
        argv = ["update", args[0], "--note", "x"]
    else:
        argv = ["update", "boats", *args]
    result = invoke(*argv, "-p", project)
    assert result.exit_code == code, result
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert read(path) == COMMITMENT


@pytest.mark.parametrize(
    "text",
    [
        "stakeholder: office\ntext: Radio\nhorizon: 100\nupdates: [{date: 2026-10-01, note: first}]\n",
        "{stakeholder: office, text: Radio, horizon: 100}\n",
    ],
    ids=["flow-list-of-updates", "flow-mapping"],
)
def test_a_file_the_editor_cannot_edit_is_refused(make_project, invoke, text):
    root = make_project({"stakeholders/office.yaml": STAKEHOLDER, "commitments/radio.yaml": text})
    result = invoke("update", "radio", "--status", "done", "--note", "second", "-p", root)
    assert result.exit_code == 1
    assert "commitments/radio.yaml: cannot make this change without rewriting lines you wrote" in result.stderr
    assert "nothing was changed" in result.stderr
    assert read(root / "commitments/radio.yaml") == text


def test_a_commitment_with_errors_is_refused_with_the_located_errors(make_project, invoke):
    text = "stakeholder: office\ntext: Radio\nhorizon: 100\nstatus: finished\n"
    root = make_project({"stakeholders/office.yaml": STAKEHOLDER, "commitments/radio.yaml": text})
    result = invoke("update", "radio", "--status", "done", "-p", root)
    assert result.exit_code == 1
    assert "commitments/radio.yaml:4:9: error: status: 'finished' is not a valid status" in result.stderr
    assert "commitments/radio.yaml has 1 error; fix it before recording an update on radio" in result.stderr
    assert read(root / "commitments/radio.yaml") == text


def test_errors_elsewhere_do_not_block_an_update(make_project, invoke):
    root = make_project(
        {
            "stakeholders/office.yaml": STAKEHOLDER,
            "commitments/boats.yaml": COMMITMENT,
            "barriers/broken.yaml": "title: [not, text]\n",
        }
    )
    assert invoke("update", "boats", "--note", "ok", "-p", root).exit_code == 0


# -- measure --------------------------------------------------------------------------------------


def test_measure_by_numbers_appends_to_the_measurements(project, invoke):
    path = project / "plans/hundred.yaml"
    result = invoke("measure", "hundred", "1", "1", "1", "--date", "2026-11-10", "--note", "Boat 1 relaunched", "-p", project)
    assert result.exit_code == 0, result
    assert "Recorded 1 on 2026-11-10 for 'Patrol boats in working order' (action 1 of hundred, target 2 boats)" in result.stdout
    assert changed_lines(PLAN, read(path)) == [
        "+          - date: 2026-11-10\n",
        "+            value: 1\n",
        "+            note: Boat 1 relaunched\n",
    ]
    assert read(path).index("Boat 1 relaunched") < read(path).index("- name: Joint patrols")


def test_measure_by_title_creates_the_list_in_spec_order(project, invoke):
    path = project / "plans/hundred.yaml"
    result = invoke("measure", "hundred", "know the RULES", "bylaw boards", "1,200.5", "-p", project)
    assert result.exit_code == 0, result
    assert read(path) == PLAN.replace(
        "        target: 9\n",
        "        target: 9\n        measurements:\n          - date: 2026-11-22\n            value: 1200.5\n",
    )
    assert invoke("check", "-p", project).exit_code == 0


def test_measure_keeps_crlf(make_project, invoke):
    root = make_project({"stakeholders/office.yaml": STAKEHOLDER, "plans/hundred.yaml": PLAN.replace("\n", "\r\n").encode()})
    assert invoke("measure", "hundred", "1", "joint patrols", "3", "-p", root).exit_code == 0
    new = (root / "plans/hundred.yaml").read_bytes()
    expected = PLAN.replace(
        "        target: 24\n",
        "        target: 24\n        measurements:\n          - date: 2026-11-22\n            value: 3\n",
    )
    assert new == expected.replace("\n", "\r\n").encode()


def test_a_negative_value_after_double_dash(project, invoke):
    assert invoke("measure", "-p", project, "--", "hundred", "1", "2", "-3").exit_code == 0
    assert "value: -3\n" in read(project / "plans/hundred.yaml")


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["hundred-day", "1", "1", "2"], 2, "no plan or commitment with the id or name 'hundred-day' (did you mean 'hundred' (100-day plan)?)"),
        (["hundred", "1", "2"], 2, "hundred is a plan: give the action and the indicator"),
        (["boats", "1", "1", "2"], 2, "boats is a commitment: give only the indicator"),
        (["hundred", "2"], 2, "give [ACTION] INDICATOR VALUE after the plan or commitment"),
        (["hundred", "3", "1", "2"], 2, "action 3 does not exist: plan hundred has 2 actions, numbered 1 to 2"),
        (["hundred", "0", "1", "2"], 2, "action 0 does not exist"),
        (["hundred", "1", "3", "2"], 2, "indicator 3 does not exist: action 1 of hundred ('Patrol boats back on the water') has 2 indicators"),
        (["hundred", "mangroves", "1", "2"], 2, "no action of plan hundred is called 'mangroves'"),
        (["hundred", "1", "patrol", "2"], 2, "'patrol' matches 2 indicators of action 1 of hundred"),
        (["hundred", "1", "patrol", "2"], 2, "give the number instead"),
        (["hundred", "1", "1", "two"], 2, "VALUE: expected a number, got the text 'two'"),
        (["hundred", "1", "1", "nan"], 2, "VALUE: expected a number"),
        (["hundred", "1", "1", "2", "--date", "2026-10-14"], 1, "the last measurement of 'Patrol boats in working order' is dated 2026-10-15"),
        (["hundred", "1", "1", "2", "--date", "15/10/2026"], 2, "--date: expected a date (YYYY-MM-DD)"),
    ],
)
def test_bad_measurements_change_nothing(project, invoke, args, code, message):
    result = invoke("measure", *args, "-p", project)
    assert result.exit_code == code, result
    assert message in result.stderr
    assert read(project / "plans/hundred.yaml") == PLAN


def test_no_action_lists_the_actions(project, invoke):
    result = invoke("measure", "hundred", "mangroves", "1", "2", "-p", project)
    assert "its actions are: 1. Patrol boats back on the water; 2. Know the rules" in result.stderr


def test_a_plan_with_errors_is_refused(make_project, invoke):
    broken = PLAN.replace("target: 24", "target: lots")
    root = make_project({"stakeholders/office.yaml": STAKEHOLDER, "plans/hundred.yaml": broken})
    result = invoke("measure", "hundred", "1", "1", "2", "-p", root)
    assert result.exit_code == 1
    assert "plans/hundred.yaml:17:17: error: target: expected a number" in result.stderr
    assert read(root / "plans/hundred.yaml") == broken


# -- a session on the sample project ----------------------------------------------------------------


def test_a_session_on_the_sample_adds_only_the_intended_lines(sample, invoke):
    files = ["commitments/kivuko-district-fisheries-office-two-patrol-boats.yaml", "plans/action-plan-100-day.yaml"]
    before = {f: read(sample / f) for f in files}
    steps = [
        ("update", "kivuko-district-fisheries-office-two-patrol-boats", "--status", "done", "--note", "Boat 2 is back on patrol."),
        ("measure", "action-plan-100-day", "1", "Patrol boats in working order", "2", "--note", "Both boats out"),
        ("measure", "action-plan-100-day", "octopus closure", "average weight", "0.7"),
    ]
    for step in steps:
        result = invoke(*step, "-p", sample)
        assert result.exit_code == 0, result
    assert changed_lines(before[files[0]], read(sample / files[0])) == [
        "-status: in_progress\n",
        "+status: done\n",
        "+  - date: 2026-11-22\n",
        "+    note: Boat 2 is back on patrol.\n",
        "+    status: done\n",
    ]
    assert changed_lines(before[files[1]], read(sample / files[1])) == [
        "+          - date: 2026-11-22\n",
        "+            value: 2\n",
        "+            note: Both boats out\n",
        "+        measurements:\n",
        "+          - date: 2026-11-22\n",
        "+            value: 0.7\n",
    ]
    check = invoke("check", "-p", sample)
    assert "0 errors" in check.stdout


def test_mixed_line_endings_are_refused(make_project, invoke):
    mixed = COMMITMENT.replace("horizon: 100\n", "horizon: 100\r\n").encode()
    root = make_project({"stakeholders/office.yaml": STAKEHOLDER, "commitments/boats.yaml": mixed})
    result = invoke("update", "boats", "--note", "x", "-p", root)
    assert result.exit_code == 1
    assert "mixes Windows (CRLF) and Unix (LF) line endings" in result.stderr
    assert (root / "commitments/boats.yaml").read_bytes() == mixed


@pytest.mark.parametrize(
    "before, after",
    [
        ("\ufeffstakeholder: office\ntext: Radio\nhorizon: 100\n", "\ufeffstakeholder: office\ntext: Radio\nhorizon: 100\n"),
        ("stakeholder: office\ntext: Radio\nhorizon: 100", "stakeholder: office\ntext: Radio\nhorizon: 100\n"),
    ],
    ids=["byte-order-mark-kept", "no-final-line-end"],
)
def test_unusual_file_starts_and_ends(make_project, invoke, before, after):
    root = make_project({"stakeholders/office.yaml": STAKEHOLDER, "commitments/radio.yaml": before.encode()})
    assert invoke("update", "radio", "--status", "done", "-p", root).exit_code == 0
    assert read(root / "commitments/radio.yaml") == after + "status: done\nupdates:\n  - date: 2026-11-22\n    status: done\n"


def test_a_number_in_another_script_is_not_an_action_number(invoke, make_project):
    from scaleplus_cli.store import load_project  # noqa: F401  (the project must load; the ref must not crash)

    root = make_project({"plans/p.yaml": "title: P\nhorizon: 100\nactions:\n  - title: A\n    indicators:\n      - name: I\n"})
    result = invoke("measure", "p", "²", "1", "5", "-p", root)
    assert result.exit_code == 2  # an action named on the command line that is not there
    assert "error:" in result.stderr and "²" in result.stderr


def test_update_writes_through_a_link_and_refuses_a_read_only_file(invoke, make_project, tmp_path):
    import os
    import stat

    root = make_project({"stakeholders/s.yaml": "name: S\nsector: media\n"})
    elsewhere = root / "shared" / "c.yaml"  # a link within the project (one out of it is refused: test_safety)
    elsewhere.parent.mkdir()
    elsewhere.write_text("stakeholder: s\ntext: T\nhorizon: 100\n")
    (root / "commitments").mkdir()
    os.symlink(elsewhere, root / "commitments" / "c.yaml")
    assert invoke("update", "c", "--note", "started", "-p", root).exit_code == 0
    assert (root / "commitments" / "c.yaml").is_symlink()
    assert "note: started" in elsewhere.read_text()

    before = elsewhere.read_text()
    elsewhere.chmod(stat.S_IRUSR | stat.S_IRGRP)
    try:
        result = invoke("update", "c", "--note", "again", "-p", root)
    finally:
        elsewhere.chmod(0o644)
    assert result.exit_code == 1
    assert "c.yaml: the file is read-only; make it writable to change it" in result.stderr
    assert elsewhere.read_text() == before


def test_an_indicator_of_a_commitment_is_measured_too(make_project, invoke):
    root = make_project({
        "stakeholders/office.yaml": STAKEHOLDER,
        "commitments/boats.yaml": COMMITMENT + "indicators:\n  - name: Patrols a month\n    unit: patrols\n    target: 8\n",
    })
    result = invoke("measure", "boat", "patrols", "6", "--date", "2026-11-20", "--note", "Logbook", "-p", root)
    assert result.exit_code == 0, result
    assert "Recorded 6 on 2026-11-20 for 'Patrols a month' (commitment boats, target 8 patrols)." in result.stdout
    assert read(root / "commitments/boats.yaml") == COMMITMENT + (
        "indicators:\n  - name: Patrols a month\n    unit: patrols\n    target: 8\n"
        "    measurements:\n      - date: 2026-11-20\n        value: 6\n        note: Logbook\n"
    )
