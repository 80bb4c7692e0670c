"""`scaleplus status`: the dashboard's figures, worked out by hand on the small bay (today 2026-11-22)."""

import json
import re

import pytest
from conftest import BAY


@pytest.fixture
def bay(make_project):
    return make_project(BAY)


def figures(invoke, root):
    result = invoke("status", "-p", root, "--format", "json")
    assert result.exit_code == 0, result
    return json.loads(result.stdout)


def test_json_figures_by_hand(bay, invoke):
    f = figures(invoke, bay)
    assert (f["project"], f["today"], f["days_since_retreat"]) == ("Test Bay", "2026-11-22", 68)
    assert f["counts"] == {"stakeholders": 5, "barriers": 4, "commitments": 6, "plans": 1, "circles": 0, "actions": 5, "indicators": 1}
    assert {s["sector"]: s["stakeholders"] for s in f["sectors"]}["government"] == 2
    assert f["missing_sectors"] == ["private_sector", "academia", "faith_traditional", "donor"]
    assert f["commitments"]["pledged"] == {"100": 1, "1000": 2}
    assert f["commitments"]["dropped"] == {"100": 1, "1000": 0}
    # Overdue: live and due before today; the dropped and the done ones, though older, are not chased.
    assert [(x["commitment"], x["days"]) for x in f["overdue"]] == [("office-patrols", 21), ("police-nights", 2)]
    assert f["overdue"][1]["last_update"] == {"date": "2026-11-12", "status": "in_progress", "note": "First patrol"}
    assert f["overdue"][0]["last_update"] is None
    assert [(x["commitment"], x["days"]) for x in f["due_soon"]] == [("office-second", 7)]
    assert [(b["id"], b["score"]) for b in f["leverage"]] == [("rules", 60), ("boats", 29), ("mistrust", 6), ("data", 0)]
    assert [g["id"] for g in f["gaps"]] == ["boats", "mistrust"]
    assert f["indicators"][0]["current"] == 6 and f["indicators"][0]["progress"] == 0.6
    assert f["indicators"][0]["last_measured"] == "2026-11-01"
    assert f["funding"] == {
        "by_source": {"donor": 1000, "government": 500, "in_kind": 250, "unstated": 100},
        "total": 1850,
        "donor": 1000,
        "non_donor": 750,
        "leverage_ratio": 0.75,
    }


def test_chase_list_most_pressing_first(bay, invoke):
    chase = figures(invoke, bay)["chase"]
    assert chase[0] == "Call Fisheries Office: \u201cPatrol twice a week\u201d is 21 days late (no update recorded)."
    assert chase[1] == "Call Marine Police: \u201cNight patrols\u201d is 2 days late (last update 2026-11-12)."
    assert chase[2] == "Remind Fisheries Office: \u201cPost the rules at every landing site\u201d is due in 7 days (2026-11-29)."
    # boats has an action in the plan already; mistrust has none
    assert chase[3].startswith("Find technical assistance for \u201cMistrust\u201d (no live commitment)")
    assert chase[4] == "Bring in the missing sectors: private sector, academia, faith & traditional leaders, donors."
    assert len(chase) == 5  # the one indicator has a value


def test_screen_shows_each_part(bay, invoke):
    result = invoke("status", "-p", bay)
    assert result.exit_code == 0, result
    out = result.stdout
    assert "Test Bay: status on 2026-11-22 — 68 days since the retreat began" in out
    assert "5 stakeholders · 4 barriers · 6 commitments · 1 plan (5 actions, 1 indicator)" in out
    government = next(line for line in out.splitlines() if line.strip().startswith("Government"))
    assert "████████  2" in government  # the most stakeholders: the full bar
    academia = next(line for line in out.splitlines() if line.strip().startswith("Academia"))
    assert "missing" in academia
    assert "leverage ratio 0.75 : 1 (non-donor 750 to donor 1,000)" in out
    overdue = out[out.index("Overdue (2)") :]
    rows = [line for line in overdue.splitlines()[3:5]]
    assert "Fisheries Office" in rows[0] and "21 d" in rows[0] and "none recorded" in rows[0]
    assert "Marine Police" in rows[1] and "2 d" in rows[1] and "2026-11-12 in progress First patrol" in rows[1]
    assert "1. Rules not enforced (60)  2. No patrol boats (29)" in out
    assert "Mistrust: no live commitment; suggested: conflict mediation" in out
    assert "Patrols run" in out and "██████░░░░ 60%" in out
    assert "To chase this week:" in out and "1. Call Fisheries Office" in out


def test_sample_project_fits_one_screen_and_names_whom_to_call(sample, invoke):
    result = invoke("status", "-p", sample)
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) <= 50
    assert "1. Call Wakivuko Fishing Families Council" in result.stdout  # 21 days late, the most
    f = figures(invoke, sample)
    assert [x["days"] for x in f["overdue"]] == [21, 12, 7, 7]
    assert f["funding"]["leverage_ratio"] == round(170500 / 352100, 2)


def test_nothing_late_and_no_plans(make_project, invoke):
    root = make_project({"stakeholders/a.yaml": "name: A\nsector: media\n"})
    result = invoke("status", "-p", root)
    assert result.exit_code == 0
    assert "Nothing overdue." in result.stdout and "No gaps." in result.stdout
    assert "leverage ratio: no donor money in the plans" in result.stdout


def test_an_indicator_too_extreme_for_a_share_has_no_progress(make_project, invoke):
    # (1.0e+15 - 0) / 1.0e-300 overflows a float: shown without a percentage, never a crash.
    plan = "title: Big\nhorizon: 100\nactions:\n  - title: A\n    indicators:\n" \
        "      - name: Catch\n        baseline: 0\n        target: 1.0e-300\n        actual: 1.0e+15\n"
    root = make_project({**BAY, "plans/big.yaml": plan})
    f = figures(invoke, root)
    catch = next(r for r in f["indicators"] if r["indicator"] == "Catch")
    assert (catch["current"], catch["progress"]) == (1e15, None)
    result = invoke("status", "-p", root)
    assert result.exit_code == 0, result
    assert "Indicators: 2 of plans and commitments, 0 at target, 0 without a value yet" in result.stdout


def test_bad_format_is_a_usage_error(bay, invoke):
    result = invoke("status", "-p", bay, "--format", "csv")
    assert result.exit_code == 2


def test_a_project_with_errors_is_refused(make_project, invoke):
    root = make_project({**BAY, "barriers/bad.yaml": "title: Bad\ncategory: weather\n"})
    result = invoke("status", "-p", root)
    assert result.exit_code == 1
    assert "barriers/bad.yaml:2:11: error:" in result.stderr
    assert "fix it before showing the status" in result.stderr
    assert result.stdout == ""


def due_and_late(out: str) -> list[tuple[str, int]]:
    """(due date, days late) as the overdue table shows them: "2026-11-01   21 d", or the days under the date."""
    lines = [*out.splitlines(), ""]
    found = []
    for line, below in zip(lines, lines[1:]):
        for date in re.finditer(r"\d{4}-\d\d-\d\d", line):
            late = re.match(r" +(\d+) d\b", line[date.end() :]) or re.match(r"(\d+) d\b", below[date.start() :])
            if late:
                found.append((date.group(), int(late.group(1))))
    return found


@pytest.mark.parametrize("columns", [80, 60])
def test_a_narrow_terminal_shows_every_figure_whole(sample, invoke, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    f = figures(invoke, sample)
    result = invoke("status", "-p", sample)
    assert result.exit_code == 0, result
    out = result.stdout
    assert max(len(line.rstrip()) for line in out.splitlines()) <= columns
    # Commitments: every horizon and the total, 38 of them.
    hundred, thousand = (sum(row[h] for row in f["commitments"].values()) for h in ("100", "1000"))
    assert hundred + thousand == f["counts"]["commitments"] == 38
    assert re.search(rf"\btotal +{hundred} +{thousand} +38\b", out)
    for status, row in f["commitments"].items():
        shown = re.search(rf"\b{status.replace('_', ' ')} +{row['100']} +{row['1000']} +{row['100'] + row['1000']}\b", out)
        assert shown or (status == "on_hold" and not any(row.values())), status  # on hold: shown once used
    # Sectors: the whole name, the whole bar, the count.
    most = max(s["stakeholders"] for s in f["sectors"])
    for s in f["sectors"]:
        if s["stakeholders"]:
            bar = "█" * max(1, round(s["stakeholders"] * 8 / most))
            assert re.search(rf"{re.escape(s['label'])} +{bar} +{s['stakeholders']}\b", out), s
    assert re.search(r"\btotal +522,600\b", out)  # funding
    # Overdue: every due date, and the days late beside it or, narrow, under it.
    assert due_and_late(out) == [(x["due"], x["days"]) for x in f["overdue"]]
    # Indicators: each row's value now, target and percent as worked out, never cut.
    worked_out = {
        (f"{r['current']:g}", f"{r['target']:g}", f"{round(r['progress'] * 100)}%") for r in f["indicators"] if r["progress"] is not None
    }
    shown = re.findall(r"(\S+) +(\S+) +[█░]+ (\d+%)", out)
    assert len(shown) == 5 and set(shown) <= worked_out


def test_a_wide_terminal_keeps_the_three_small_tables_side_by_side(sample, invoke, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    out = invoke("status", "-p", sample).stdout
    assert re.search(r"Sectors in the room +Commitments \(horizon, days\) +Funding across plans", out)
    monkeypatch.setenv("COLUMNS", "80")  # the sectors beside the commitments, the funding under them
    out = invoke("status", "-p", sample).stdout
    assert re.search(r"Sectors in the room +Commitments \(horizon, days\) *\n", out)
    assert re.search(r"Other +██ +1 +(\n +)?Funding across plans", out)  # under the commitments, by the sectors' end


def test_a_commitments_indicator_is_measured_in_status(invoke, sample):
    """`measure COMMITMENT INDICATOR VALUE` records it; status must show it with the plans' indicators."""
    assert invoke("measure", "mwamba-beach-management-unit-daily-catch", "records", "30", "-p", sample).exit_code == 0
    result = invoke("status", "--format", "json", "-p", sample)
    rows = [r for r in json.loads(result.stdout)["indicators"] if r["commitment"]]
    assert [(r["commitment"], r["indicator"], r["current"], r["progress"], r["plan"]) for r in rows] == [
        ("mwamba-beach-management-unit-daily-catch-records", "Days a month with catch records", 30, 1.0, None)]
    text = invoke("status", "-p", sample).stdout
    assert "Indicators: 26 of plans and commitments, 3 at target," in text
