"""theory.yaml and assessment.yaml: read, checked with located errors, `add outcome`, `show` of an
outcome's pathway."""

from __future__ import annotations

import json

import yaml

from conftest import SAMPLE

PLAN = """\
title: 100-day plan
horizon: 100
actions:
  - title: Fix the patrol boats
    outcomes: [boats-out]
  - title: Radio shows
    outcomes: [rules-known, rules-kept, stocks-recover]
"""
THEORY = """\
outcomes:
  - id: boats-out          # early
    text: Boats on the water
    level: early
    leads_to: [rules-kept]
    barriers: [no-boats]
  - id: rules-known
    text: Every village knows the rules
    level: early
    leads_to: [rules-kept]
  - id: rules-kept
    text: Rules kept
    level: intermediate
    leads_to: [stocks-recover]
  - id: stocks-recover
    text: Fish stocks recover
    level: long_term
    leads_to: [G1]
    indicators:
      - name: Catch per trip
"""
FILES = {
    "barriers/no-boats.yaml": "title: No boats\ncategory: structural\nseverity: 4\n",
    "plans/hundred.yaml": PLAN,
    "theory.yaml": THEORY,
}


def check_lines(invoke, root) -> list[str]:
    result = invoke("check", "-p", root, "--format", "json")
    return [f"{p['path']}:{p['line']}:{p['column']}: {p['severity']}: {p['message']}" for p in json.loads(result.stdout)
            if p["path"] in ("theory.yaml", "assessment.yaml") or "outcome" in p["message"]]


def test_a_sound_theory_checks_clean(invoke, make_project):
    root = make_project(FILES)
    assert check_lines(invoke, root) == []


def test_a_cycle_is_an_error_at_the_link_that_closes_it(invoke, make_project):
    theory = THEORY.replace("leads_to: [stocks-recover]", "leads_to: [stocks-recover, boats-out]")
    root = make_project({**FILES, "theory.yaml": theory})
    lines = check_lines(invoke, root)
    assert ("theory.yaml:14:32: error: leads_to: the pathway goes round in a circle"
            " (boats-out -> rules-kept -> boats-out); an outcome cannot lead back to itself") in lines
    # the backwards link is also a warning
    assert any(line.startswith("theory.yaml:14:32: warning: leads_to: 'rules-kept' (intermediate) leads to 'boats-out' (early)")
               for line in lines)


def test_an_outcome_that_reaches_no_goal_is_an_error(invoke, make_project):
    theory = THEORY + "  - id: orphan\n    text: Nobody knows\n    level: early\n    leads_to: []\n"
    plan = PLAN.replace("stocks-recover]", "stocks-recover, orphan]")
    root = make_project({**FILES, "theory.yaml": theory, "plans/hundred.yaml": plan})
    assert check_lines(invoke, root) == [
        "theory.yaml:24:15: error: leads_to: no common goal can be reached from outcome 'orphan';"
        " lead it to a goal or to an outcome that reaches one",
    ]


def test_the_warnings_of_a_theory(invoke, make_project):
    theory = THEORY.replace("    indicators:\n      - name: Catch per trip\n", "").replace(
        "    barriers: [no-boats]\n", "").replace("leads_to: [rules-kept]\n    \n", "")
    theory = theory.replace("  - id: rules-known\n    text: Every village knows the rules\n    level: early\n    leads_to: [rules-kept]",
                            "  - id: rules-known\n    text: Every village knows the rules\n    level: early\n    leads_to: [boats-out]")
    plan = PLAN.replace("[rules-known, rules-kept, stocks-recover]", "[rules-known, stocks-recover]")
    root = make_project({**FILES, "theory.yaml": theory, "plans/hundred.yaml": plan})
    lines = check_lines(invoke, root)
    assert lines == [
        "barriers/no-boats.yaml:3:11: warning: severity: no outcome of the theory of change removes this barrier (severity 4)",
        "theory.yaml:9:16: warning: leads_to: 'rules-known' (early) leads to 'boats-out' (early), a level that is not later",
        "theory.yaml:10:9: warning: no action serves outcome 'rules-kept'; name it under an action's outcomes",
        "theory.yaml:14:9: warning: indicators: long-term outcome 'stocks-recover' has no indicator; how will anyone know it happened?",
    ]


def test_bad_references_ids_and_values_are_located(invoke, make_project):
    theory = """\
outcomes:
  - id: Boats Out
    text: Boats
    level: soon
    leads_to: [G9]
  - id: g1
    text: Clash
    level: early
    leads_to: [G1]
    barriers: [no-boat]
"""
    root = make_project({**FILES, "theory.yaml": theory, "plans/hundred.yaml": "title: P\nhorizon: 100\nactions: []\n"})
    lines = [line for line in check_lines(invoke, root) if ": error:" in line]
    assert lines == [
        "theory.yaml:2:9: error: id: 'Boats Out' is not a valid id (lower-case letters, digits and single hyphens)",
        "theory.yaml:4:12: error: level: 'soon' is not a valid level; choose from early, intermediate, long_term",
        "theory.yaml:5:16: error: leads_to: no outcome or goal with id 'G9'",
        "theory.yaml:6:9: error: id: 'g1' is also a goal's id; leads_to could not tell them apart",
        "theory.yaml:10:16: error: barriers: no barrier with id 'no-boat' (did you mean 'no-boats'?)",
    ]


def test_an_action_naming_an_unknown_outcome_is_an_error(invoke, make_project):
    root = make_project({**FILES, "plans/hundred.yaml": PLAN.replace("[boats-out]", "[boats-outt]")})
    result = invoke("check", "-p", root)
    assert result.exit_code == 1
    assert "plans/hundred.yaml:5:16: error: outcomes: no outcome with id 'boats-outt' (did you mean 'boats-out'?)" in result.stdout


def test_broken_files_get_located_errors(invoke, make_project):
    root = make_project({**FILES, "theory.yaml": "outcomes:\n  - id: a\n    text: [x\n",
                         "assessment.yaml": "entries:\n  - item: urgncy\n    score: 5\n    date: 2026-13-01\n"})
    result = invoke("check", "-p", root)
    assert result.exit_code == 1
    out = result.stdout
    assert "theory.yaml:4:1: error: YAML syntax:" in out
    assert "assessment.yaml:2:11: error: item: 'urgncy' is not an item people judge in assess (did you mean 'urgency'?)" in out
    assert "assessment.yaml:3:12: error: score: expected a whole number from 0 to 3" in out
    assert "assessment.yaml:4:11: error: date:" in out


def test_a_misspelt_or_misplaced_key_is_one_located_error(invoke, make_project):
    root = make_project({**FILES, "theory.yaml": "outcomes:\n  - id: boats-out\n    text: A\n    level: early\n    leads_too: [G1]\n",
                         "assessment.yaml": "entries:\n  - {item: trust, score: 2, date: 2026-01-01, colour: red}\n"})
    errors = [line for line in check_lines(invoke, root) if ": error:" in line and not line.startswith("plans/")]
    assert errors == [
        "assessment.yaml:2:47: error: unknown key 'colour' in an assessment entry",
        "theory.yaml:2:5: error: missing required key 'leads_to' in an outcome",
        "theory.yaml:5:5: error: unknown key 'leads_too' in an outcome (did you mean 'leads_to'?)",
    ]
    (root / "theory.yaml").write_text("- a\n- b\n")
    errors = [line for line in check_lines(invoke, root) if ": error:" in line and line.startswith("theory")]
    assert errors == ["theory.yaml:1:1: error: expected a mapping of keys at the top of the file, got a list"]


def test_assessment_entries_are_oldest_first(invoke, make_project):
    text = "entries:\n  - {item: trust, score: 2, date: 2026-10-01}\n  - {item: trust, score: 1, date: 2026-09-01}\n"
    root = make_project({**FILES, "assessment.yaml": text})
    result = invoke("check", "-p", root)
    assert "assessment.yaml:3:35: error: date: entries must be oldest first (2026-09-01 comes after 2026-10-01)" in result.stdout


def test_add_outcome_starts_theory_yaml_then_appends(invoke, make_project):
    root = make_project({"barriers/no-boats.yaml": "title: No boats\ncategory: structural\nseverity: 2\n"})
    first = invoke("add", "outcome", "-p", root, "--text", "Fish stocks bounce back", "--level", "long_term",
                   "--leads-to", "g1", "--no-input")
    assert first.exit_code == 0, first.stderr
    assert (root / "theory.yaml").read_text() == (
        "outcomes:\n  - id: fish-stocks-bounce-back\n    text: Fish stocks bounce back\n    level: long_term\n    leads_to:\n      - G1\n"
    )
    (root / "theory.yaml").write_text((root / "theory.yaml").read_text().replace("outcomes:\n", "outcomes:  # worked backwards\n"))
    second = invoke("add", "outcome", "-p", root, "--text", "Boats on the water", "--level", "early",
                    "--leads-to", "Fish stocks bounce", "--barrier", "no-boats", "--assumption", "Fuel arrives; Crews stay",
                    "--rationale", "Patrols deter", "--no-input")
    assert second.exit_code == 0, second.stderr
    data = yaml.safe_load((root / "theory.yaml").read_text())
    assert data["outcomes"][1] == {"id": "boats-on-the-water", "text": "Boats on the water", "level": "early",
                                   "leads_to": ["fish-stocks-bounce-back"], "barriers": ["no-boats"],
                                   "assumptions": ["Fuel arrives", "Crews stay"], "rationale": "Patrols deter"}
    assert (root / "theory.yaml").read_text().startswith("outcomes:  # worked backwards\n")


def test_add_outcome_refuses_what_check_would_call_an_error(invoke, make_project):
    root = make_project(FILES)
    before = (root / "theory.yaml").read_text()
    unknown = invoke("add", "outcome", "-p", root, "--text", "X", "--level", "early", "--leads-to", "nowhere", "--no-input")
    assert unknown.exit_code == 2
    assert "--leads-to: no outcome or goal with the id or name 'nowhere'" in unknown.stderr
    taken = invoke("add", "outcome", "-p", root, "--id", "rules-kept", "--text", "Y", "--level", "early",
                   "--leads-to", "G1", "--no-input")
    assert taken.exit_code == 2
    assert "--id: an outcome or goal with the id 'rules-kept' already exists" in taken.stderr
    missing = invoke("add", "outcome", "-p", root, "--text", "Z", "--no-input")
    assert missing.exit_code == 2
    assert "missing required --level, --leads-to" in missing.stderr
    assert (root / "theory.yaml").read_text() == before


def test_show_gives_the_pathway_through_an_outcome(invoke, make_project):
    root = make_project(FILES)
    result = invoke("show", "rules-kept", "-p", root, "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    assert found["kind"] == "outcome"
    assert found["pathway"] == {
        "leads_from": ["boats-out", "rules-known"],
        "served_by": [{"plan": "hundred", "action": 2, "title": "Radio shows"}],
        "to_goals": ["rules-kept -> stocks-recover -> G1"],
    }
    text = invoke("show", "Boats on", "-p", root).stdout
    assert "served by action 1 of plan hundred: Fix the patrol boats" in text
    assert "leads to: boats-out -> rules-kept -> stocks-recover -> G1" in text


def test_the_sample_project_has_a_theory_that_checks_clean(invoke):
    result = invoke("check", "-p", SAMPLE, "--format", "json")
    problems = json.loads(result.stdout)
    assert result.exit_code == 0
    assert [p for p in problems if p["path"] in ("theory.yaml", "assessment.yaml")] == []
    theory = yaml.safe_load((SAMPLE / "theory.yaml").read_text())
    levels = [o["level"] for o in theory["outcomes"]]
    assert len(levels) >= 12 and set(levels) == {"early", "intermediate", "long_term"}
    pathway = json.loads(invoke("show", "patrol-boats-on-the-water", "-p", SAMPLE, "--format", "json").stdout)["pathway"]
    assert pathway["to_goals"] == ["patrol-boats-on-the-water -> rules-enforced-fairly -> G4",
                                   "patrol-boats-on-the-water -> rules-enforced-fairly -> stocks-recover -> G1"]
