"""`scaleplus check`: one located line per problem, every rule of SPEC.md, exit 0/1/2, never a traceback."""

from __future__ import annotations

import json
import re
import tracemalloc

import pytest

STAKEHOLDER = "name: District Fisheries Office\nsector: government\ninfluence: 4\n"
BARRIER = "title: No boats to patrol\ncategory: structural\nraised_by: [fisheries]\n"
COMMITMENT = "stakeholder: fisheries\ntext: Two patrol boats\nbarriers: [no-boats]\nhorizon: 100\n"


def lines(result) -> list[str]:
    return result.stdout.splitlines()


def errors(result) -> list[str]:
    return [line for line in lines(result) if ": error: " in line]


def run_check(invoke, root):
    return invoke("check", "-p", root, cwd=root)


def project_with(make_project, files=None):
    base = {
        "stakeholders/fisheries.yaml": STAKEHOLDER,
        "barriers/no-boats.yaml": BARRIER,
        "commitments/fisheries-boats.yaml": COMMITMENT,
    }
    return make_project({**base, **(files or {})})


def test_sample_project_checks_clean(invoke, sample):
    result = run_check(invoke, sample)
    assert result.exit_code == 0, result
    assert errors(result) == []
    assert "0 errors" in lines(result)[-1]


def test_clean_project_exit_0_with_summary(invoke, make_project):
    root = project_with(make_project)
    result = run_check(invoke, root)
    assert result.exit_code == 0
    assert lines(result)[-1].startswith("4 files checked: 0 errors")


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        # YAML syntax error
        ("stakeholders/fisheries.yaml", "name: A\nsector: [government\n", "stakeholders/fisheries.yaml:3:1: error: YAML syntax:"),
        # unknown key with a hint
        ("stakeholders/fisheries.yaml", "name: A\nsecter: government\n", "stakeholders/fisheries.yaml:2:1: error: unknown key 'secter' in a stakeholder (did you mean 'sector'?)"),
        # missing required field
        ("barriers/no-boats.yaml", "category: structural\n", "barriers/no-boats.yaml:1:1: error: missing required key 'title' in a barrier"),
        # wrong type
        ("stakeholders/fisheries.yaml", "name: A\nsector: government\ninfluence: high\n", "stakeholders/fisheries.yaml:3:12: error: influence: expected a whole number from 1 to 5, got the text 'high'"),
        # out of range
        ("stakeholders/fisheries.yaml", "name: A\nsector: government\ninterest: 7\n", "stakeholders/fisheries.yaml:3:11: error: interest: expected a whole number from 1 to 5, got the number 7"),
        # not in the enum, with a hint
        ("stakeholders/fisheries.yaml", "name: A\nsector: goverment\n", "stakeholders/fisheries.yaml:2:9: error: sector: 'goverment' is not a valid sector (did you mean 'government'?)"),
        # horizon must be 100 or 1000
        ("commitments/fisheries-boats.yaml", COMMITMENT.replace("100", "365"), "commitments/fisheries-boats.yaml:4:10: error: horizon: expected 100 or 1000, got the number 365"),
        # a date that is not a date
        ("commitments/fisheries-boats.yaml", COMMITMENT + "due: 2026-02-30\n", "commitments/fisheries-boats.yaml:5:6: error: due: 2026-02-30 is not a date of the calendar"),
        # reference to an id that does not exist
        ("commitments/fisheries-boats.yaml", COMMITMENT.replace("[no-boats]", "[no-boats, no-boat]"), "commitments/fisheries-boats.yaml:3:22: error: barriers: no barrier with id 'no-boat' (did you mean 'no-boats'?)"),
        ("commitments/fisheries-boats.yaml", COMMITMENT.replace("stakeholder: fisheries", "stakeholder: fishery"), "commitments/fisheries-boats.yaml:1:14: error: stakeholder: no stakeholder with id 'fishery'"),
        ("barriers/no-boats.yaml", BARRIER + "goals: [G9]\n", "barriers/no-boats.yaml:4:9: error: goals: no goal with id 'G9'"),
        # a key given twice in one mapping
        ("stakeholders/fisheries.yaml", "name: A\nsector: media\nname: B\n", "stakeholders/fisheries.yaml:3:1: error: key 'name' is given twice (first on line 1)"),
        # a list where text is expected
        ("stakeholders/fisheries.yaml", "name: [A, B]\nsector: media\n", "stakeholders/fisheries.yaml:1:7: error: name: expected text, got a list"),
        # the top of the file is not a mapping
        ("stakeholders/fisheries.yaml", "- name: A\n", "stakeholders/fisheries.yaml:1:1: error: expected a mapping of keys at the top of the file, got a list"),
        # an empty file
        ("stakeholders/fisheries.yaml", "# nothing yet\n", "stakeholders/fisheries.yaml:1:1: error: the file is empty"),
        # a Python tag is refused, never run
        ("stakeholders/fisheries.yaml", "name: !!python/object/apply:os.system ['echo hi']\nsector: media\n", "stakeholders/fisheries.yaml:1:7: error: name: expected text, got a list"),
    ],
)
def test_bad_input_gets_one_located_error(invoke, make_project, path, text, expected):
    root = project_with(make_project, {path: text})
    result = run_check(invoke, root)
    assert result.exit_code == 1, result
    assert any(line.startswith(expected) for line in errors(result)), result
    assert "Traceback" not in result.output


def test_invalid_utf8_is_located(invoke, make_project):
    root = project_with(make_project, {"stakeholders/fisheries.yaml": b"name: Caf\xe9\nsector: media\n"})
    result = run_check(invoke, root)
    assert result.exit_code == 1
    assert "stakeholders/fisheries.yaml:1:10: error: the file is not valid UTF-8 text (byte 0xe9)" in result.stdout


def test_file_name_that_is_not_an_id(invoke, make_project):
    root = project_with(make_project, {"stakeholders/Fish Office.yaml": STAKEHOLDER.replace("District", "Other")})
    result = run_check(invoke, root)
    assert result.exit_code == 1
    assert "stakeholders/Fish Office.yaml:1:1: error: file name 'Fish Office' is not a valid id" in result.stdout
    assert "(rename it to fish-office.yaml)" in result.stdout


def test_a_file_named_wrongly_still_has_its_content_checked(invoke, make_project):
    """Renaming the file is one fix; what else is wrong in it is said in the same run."""
    root = project_with(make_project, {"stakeholders/Caps.yaml": "name: Caps FM\nsector: goverment\n"})
    result = run_check(invoke, root)
    assert "stakeholders/Caps.yaml:1:1: error: file name 'Caps' is not a valid id" in result.stdout
    assert "stakeholders/Caps.yaml:2:9: error: sector: 'goverment' is not a valid sector" in result.stdout


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("extra.yml", "ignored: stakeholder files end in .yaml (rename it to extra.yaml)"),
        ("Extra.YAML", "ignored: stakeholder files end in .yaml (rename it to Extra.yaml)"),
        ("notes.txt", "ignored: stakeholder files end in .yaml"),
    ],
)
def test_files_that_are_not_yaml_are_flagged_not_read(invoke, make_project, name, message):
    root = project_with(make_project, {f"stakeholders/{name}": "name: X\n"})
    result = run_check(invoke, root)
    assert result.exit_code == 0
    assert f"stakeholders/{name}:1:1: warning: {message}" in result.stdout


def test_a_tab_is_named_in_the_syntax_error(invoke, make_project):
    root = project_with(make_project, {"barriers/no-boats.yaml": "title: T\ncategory: social\nraised_by:\n\t- fisheries\n"})
    result = run_check(invoke, root)
    assert "barriers/no-boats.yaml:4:1: error: YAML syntax:" in result.stdout
    assert "(a tab: indent with spaces)" in result.stdout


def test_a_colon_inside_a_text_gets_the_quoted_line_to_write(invoke, make_project):
    """French writes a space before a colon: 'Pêche illégale : filets', which YAML reads as a key."""
    root = project_with(make_project, {"barriers/peche.yaml": 'title: Pêche illégale : filets "interdits"\ncategory: legal\n'})
    result = run_check(invoke, root)
    assert "barriers/peche.yaml:1:23: error: YAML syntax: mapping values are not allowed" in result.stdout  # libyaml's words or PyYAML's
    assert ('; a \': \' inside a text needs the whole text in quotes: title: "Pêche illégale : filets \\"interdits\\""\n'
            in result.stdout)


def test_blank_required_text_is_missing(invoke, make_project):
    root = project_with(make_project, {"barriers/no-boats.yaml": "title: '   '\ncategory: social\n"})
    assert "barriers/no-boats.yaml:1:8: error: title: a value is required" in run_check(invoke, root).stdout


BOMB = """\
name: Bomb
sector: media
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
notes: *i
"""


def test_alias_bomb_is_refused_without_expanding(invoke, make_project):
    root = project_with(make_project, {"stakeholders/fisheries.yaml": BOMB})
    tracemalloc.start()
    result = run_check(invoke, root)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20_000_000  # 9**9 items were never built
    assert result.exit_code == 1
    assert "stakeholders/fisheries.yaml:3:1: error: unknown key 'a' in a stakeholder" in result.stdout
    assert "stakeholders/fisheries.yaml:11:4: error: notes: expected text, got a list"  # where the alias points in result.stdout
    assert len(result.stdout) < 5000


def test_alias_bomb_through_nested_records_stops_at_the_budget(invoke, make_project):
    inner = "{name: I, measurements: [" + ", ".join(["{date: 2026-01-01, value: 1}"] * 50) + "]}"
    text = (
        "title: Plan\nhorizon: 100\n"
        f"x1: &i [{', '.join([inner] * 50)}]\n"
        "x2: &a {title: A, indicators: *i}\n"
        f"actions: [{', '.join(['*a'] * 60)}]\n"
    )
    root = project_with(make_project, {"plans/p.yaml": text})
    result = run_check(invoke, root)
    assert result.exit_code == 1
    assert "plans/p.yaml" in result.stdout
    assert "expands to more than 100,000 values" in result.stdout


def test_recursive_alias_is_refused(invoke, make_project):
    text = "title: Plan\nhorizon: 100\nactions: &x [{title: A, indicators: *x}]\n"
    root = project_with(make_project, {"plans/p.yaml": text})
    result = run_check(invoke, root)
    assert result.exit_code == 1
    assert "plans/p.yaml:3:10: error: a YAML alias refers to itself" in result.stdout


def test_duplicate_goal_ids(invoke, make_project):
    root = project_with(
        make_project,
        {
            "scaleplus.yaml": "name: X\nchallenge: Y\ngoals:\n  - id: G1\n    text: a\n  - id: G1\n    text: b\n",
        },
    )
    result = run_check(invoke, root)
    assert "scaleplus.yaml:6:9: error: goal id 'G1' is used twice (first in goal 1)" in result.stdout


def test_two_entities_with_the_same_name(invoke, make_project):
    root = project_with(make_project, {"stakeholders/other.yaml": "name: district  FISHERIES office.\nsector: media\n"})
    result = run_check(invoke, root)
    assert result.exit_code == 1
    assert (
        "stakeholders/other.yaml:1:7: error: name: another stakeholder is named 'District Fisheries Office' (stakeholders/fisheries.yaml)"
        in result.stdout
    )


def test_action_end_before_start(invoke, make_project):
    plan = "title: P\nhorizon: 100\nactions:\n  - title: A\n    start: 2026-10-01\n    end: 2026-09-01\n"
    root = project_with(make_project, {"plans/p.yaml": plan})
    result = run_check(invoke, root)
    assert "plans/p.yaml:6:10: error: end: the action ends (2026-09-01) before it starts (2026-10-01)" in result.stdout


AGENDA_OVERLAP = """\
days:
  - start: 9:00
    sessions:
      - title: Opening
        minutes: 60
      - title: Barriers
        start: "09:45"
        minutes: 30
"""


def test_agenda_overlap_and_unquoted_time(invoke, make_project):
    root = project_with(make_project, {"agenda.yaml": AGENDA_OVERLAP})
    result = run_check(invoke, root)
    assert result.exit_code == 1
    # 9:00 unquoted is YAML 1.1's integer 540: still nine o'clock, so Opening ends at 10:00.
    assert (
        "agenda.yaml:7:16: error: start: Barriers starts at 09:45, before the session before it ends at 10:00"
        in result.stdout
    )


def test_agenda_gap_is_fine(invoke, make_project):
    root = project_with(make_project, {"agenda.yaml": AGENDA_OVERLAP.replace('"09:45"', "10:30")})
    result = run_check(invoke, root)
    assert errors(result) == []


def test_updates_must_be_oldest_first(invoke, make_project):
    text = COMMITMENT + "updates:\n  - date: 2026-10-05\n    note: a\n  - date: 2026-10-01\n    note: b\n"
    root = project_with(make_project, {"commitments/fisheries-boats.yaml": text})
    result = run_check(invoke, root)
    assert "commitments/fisheries-boats.yaml:8:11: error: date: updates must be oldest first" in result.stdout


def test_warnings_overdue_uncommitted_and_missing_sectors(invoke, make_project):
    root = project_with(
        make_project,
        {
            "commitments/fisheries-boats.yaml": COMMITMENT + "due: 2026-11-01\n",
            "barriers/mistrust.yaml": "title: Mistrust\ncategory: social\n",
            "commitments/dropped.yaml": "stakeholder: fisheries\ntext: X\nbarriers: [mistrust]\nhorizon: 100\nstatus: dropped\n",
        },
    )
    result = run_check(invoke, root)
    assert result.exit_code == 0  # warnings only
    out = result.stdout
    assert "commitments/fisheries-boats.yaml:5:6: warning: overdue: due 2026-11-01 (21 days ago) and still pledged" in out
    # a dropped commitment counts for nothing
    assert "barriers/mistrust.yaml:1:8: warning: no live commitment works on this barrier yet" in out
    assert "scaleplus.yaml:1:1: warning: no stakeholder from media (sector 'media'): is the whole system in the room?" in out
    assert "no stakeholder from government" not in out
    assert lines(result)[-1] == "6 files checked: 0 errors, 9 warnings"


def test_today_comes_from_the_environment(invoke, make_project, monkeypatch):
    root = project_with(make_project, {"commitments/fisheries-boats.yaml": COMMITMENT + "due: 2026-11-01\n"})
    monkeypatch.setenv("SCALEPLUS_TODAY", "2026-10-01")
    assert "overdue" not in run_check(invoke, root).stdout
    monkeypatch.setenv("SCALEPLUS_TODAY", "someday")
    result = run_check(invoke, root)
    assert result.exit_code == 2
    assert "SCALEPLUS_TODAY must be a date like 2026-09-15" in result.stderr


def test_problems_sorted_by_path_then_line(invoke, make_project):
    root = project_with(
        make_project,
        {
            "stakeholders/fisheries.yaml": "name: A\nsector: x\ninfluence: 9\n",
            "barriers/no-boats.yaml": "title: B\ncategory: y\n",
        },
    )
    result = run_check(invoke, root)
    located = [line.split(": ")[0] for line in errors(result)]
    assert located == sorted(located, key=lambda s: (s.split(":")[0], int(s.split(":")[1])))
    assert located[0].startswith("barriers/") and located[-1].startswith("stakeholders/")


def test_all_problems_in_one_run(invoke, make_project):
    root = project_with(
        make_project,
        {
            "stakeholders/fisheries.yaml": "name: A\nsector: x\ninfluence: 9\nfoo: 1\n",
            "commitments/fisheries-boats.yaml": "stakeholder: nobody\ntext: T\nhorizon: 5\n",
        },
    )
    result = run_check(invoke, root)
    assert len(errors(result)) == 5
    assert "5 errors" in lines(result)[-1]


def test_json_format(invoke, make_project):
    root = project_with(make_project, {"stakeholders/fisheries.yaml": "name: A\nsector: x\n"})
    result = invoke("check", "-p", root, "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    assert {"path": "stakeholders/fisheries.yaml", "line": 2, "column": 9, "severity": "error"}.items() <= problems[0].items() or any(
        p["path"] == "stakeholders/fisheries.yaml" and p["line"] == 2 and p["column"] == 9 for p in problems
    )
    assert all(set(p) == {"path", "line", "column", "severity", "message"} for p in problems)


def test_paths_are_relative_to_the_current_folder(invoke, make_project):
    root = project_with(make_project, {"stakeholders/fisheries.yaml": "name: A\nsector: x\n"})
    result = invoke("check", "-p", root, cwd=root.parent)
    assert "project/stakeholders/fisheries.yaml:2:9: error:" in result.stdout


def test_project_found_upward_from_a_subfolder(invoke, make_project):
    root = project_with(make_project)
    result = invoke("check", cwd=root / "stakeholders")
    assert result.exit_code == 0


def test_no_project_is_a_usage_error(invoke, tmp_path):
    result = invoke("check", cwd=tmp_path)
    assert result.exit_code == 2
    assert "error: no scaleplus.yaml in this folder or any folder above it" in result.stderr
    result = invoke("check", "-p", tmp_path)
    assert result.exit_code == 2
    assert "is not a scaleplus project" in result.stderr
    result = invoke("check", "-p", tmp_path / "kivuko")
    assert result.exit_code == 2 and result.stderr == f"error: {tmp_path / 'kivuko'} does not exist\n"
    (tmp_path / "notes.txt").write_text("a file")
    result = invoke("check", "-p", tmp_path / "notes.txt")
    assert result.exit_code == 2 and result.stderr == f"error: {tmp_path / 'notes.txt'} is a file, not a project folder\n"


def test_the_project_file_names_its_project(invoke, sample):
    """-p path/to/scaleplus.yaml is taken to mean its folder."""
    result = invoke("check", "-p", sample / "scaleplus.yaml")
    assert result.exit_code == 0 and " files checked: 0 errors" in result.stdout


def test_bad_option_is_exit_2(invoke, make_project):
    root = project_with(make_project)
    result = invoke("check", "-p", root, "--format", "xml")
    assert result.exit_code == 2


@pytest.mark.parametrize("nest", ["[" * 50_000 + "]" * 50_000, "\n" + "- " * 50_000 + "x"])
def test_deep_nesting_is_refused_not_crashing(invoke, make_project, nest):
    root = project_with(make_project, {"stakeholders/fisheries.yaml": "sector: media\nname: " + nest + "\n"})
    result = run_check(invoke, root)
    assert result.exit_code == 1
    # Refused with a located error, whichever layer notices first (ours, or PyYAML >= 6.0.3's own limit).
    assert re.search(r"^stakeholders/fisheries\.yaml:\d+:\d+: error: the file nests more than 100 levels deep; refusing to read it$", result.stdout, re.M), result.stdout


@pytest.mark.parametrize(
    ("path", "text", "expected"),
    [
        ("scaleplus.yaml", "name: X\nchallenge: Y\nretreat:\n  start: 9999-12-01\n", "scaleplus.yaml:4:10: error: start: 9999-12-01 is outside the years 1900 to 2199"),
        ("scaleplus.yaml", "name: X\nchallenge: Y\nretreat:\n  days: 9999999\n", "scaleplus.yaml:4:9: error: days: expected a whole number from 1 to 60"),
        ("agenda.yaml", "days:\n  - start: 9\n    sessions: []\n", 'agenda.yaml:2:12: error: start: expected a time of day (HH:MM), got the number 9 (write it as "9:00")'),
        ("stakeholders/fisheries.yaml", "name: !!python/name:os.system x\nsector: media\n", "stakeholders/fisheries.yaml:1:7: error: name: the tag !!python/name:os.system is not allowed here"),
    ],
)
def test_values_that_would_break_later_are_refused_here(invoke, make_project, path, text, expected):
    root = project_with(make_project, {path: text})
    result = run_check(invoke, root)
    assert result.exit_code == 1
    assert any(line.startswith(expected) for line in errors(result)), result


def test_overlaps_after_a_day_runs_past_midnight_are_still_found(invoke, make_project):
    agenda = (
        "days:\n  - start: '08:00'\n    sessions:\n"
        "      - title: A\n        minutes: 600\n"
        "      - title: B\n        minutes: 900\n"
        "      - title: C\n        start: '10:00'\n        minutes: 30\n"
        "      - title: D\n        minutes: 900\n"
    )
    result = run_check(invoke, project_with(make_project, {"agenda.yaml": agenda}))
    found = [line for line in errors(result) if line.startswith("agenda.yaml")]
    assert len(found) == 2
    assert found[0] == "agenda.yaml:7:18: error: minutes: the day's sessions run past midnight"
    assert found[1].startswith("agenda.yaml:9:16: error: start: C starts at 10:00, before the session before it ends")


def test_a_number_too_big_for_a_document_is_an_error(invoke, make_project):
    plan = "title: P\nhorizon: 100\nactions:\n  - title: A\n    budget: 1" + "0" * 400 + "\n"
    result = run_check(invoke, project_with(make_project, {"plans/p.yaml": plan}))
    assert result.exit_code == 1
    assert "plans/p.yaml:5:13: error: budget: expected a number of at least 0 (at most 10^15 in size)" in result.stdout


def test_folders_and_broken_links_in_an_entity_folder_are_flagged(invoke, make_project, tmp_path):
    import os

    root = project_with(make_project)
    (root / "stakeholders" / "archive").mkdir()
    os.symlink(tmp_path / "gone.yaml", root / "stakeholders" / "gone.yaml")
    out = run_check(invoke, root).stdout
    assert "stakeholders/archive:1:1: warning: ignored: a folder, not a stakeholder file" in out
    assert "stakeholders/gone.yaml:1:1: warning: ignored: a link to nothing, not a stakeholder file" in out


def test_goal_ids_differing_only_in_case_are_one_goal_twice(invoke, make_project):
    root = project_with(make_project, {"scaleplus.yaml": "name: X\nchallenge: Y\ngoals:\n  - id: G1\n    text: a\n  - id: g1\n    text: b\n"})
    assert "scaleplus.yaml:6:9: error: goal id 'g1' is used twice (first in goal 1)" in run_check(invoke, root).stdout


@pytest.mark.parametrize("text", ["0", "7", "10", "010", "0x1F", "0b101", "1_000", "+5", "-3", "1:30",
                                  "123456789012345", "1234567890123456", "9" * 40])
def test_a_number_in_a_file_is_the_number_yaml_reads(text):
    """Plain digits take a short cut; every other way YAML writes an integer is PyYAML's to read."""
    import yaml

    from scaleplus_cli.schema import _yaml_int
    from scaleplus_cli.store import Loader

    node = yaml.compose(f"n: {text}\n", Loader=Loader).value[0][1]
    assert node.tag == "tag:yaml.org,2002:int"
    assert _yaml_int(node, "a number") == yaml.safe_load(f"n: {text}\n")["n"]


def test_a_broken_project_file_is_one_error_not_one_per_goal_it_hid(invoke, sample):
    """When scaleplus.yaml cannot be read, its goals and the retreat's start are unknown: the barriers,
    plans and theory naming a goal, and the commitments due from the start, are not errors for it."""
    settings = sample / "scaleplus.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("challenge:", "challenge: Revenus : les familles\nold_challenge:", 1), encoding="utf-8")
    result = invoke("check", "-p", sample)
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    assert len(errors) == 1 and "scaleplus.yaml:4:20: error: YAML syntax" in errors[0]
    assert "no due date" not in result.stdout and "no goal with id" not in result.stdout


def test_a_unit_for_one_without_its_unit_is_a_warning(invoke, make_project):
    root = project_with(make_project, {
        "plans/boats.yaml": ("title: Boats\nhorizon: 100\nactions:\n  - title: Patrol\n    indicators:\n"
                             "      - name: Boats on the water\n        unit_one: boat\n        target: 2\n"),
    })
    result = run_check(invoke, root)
    assert result.exit_code == 0
    assert ("plans/boats.yaml:7:19: warning: unit_one: given without unit, so a number other than one prints"
            " with no unit; give unit too") in result.stdout
