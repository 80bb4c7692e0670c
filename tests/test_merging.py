"""The merge driver: what two laptops did to one file, merged as a facilitator would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

from laptops import as_laptop, clone, commit, first_laptop, git, needs_git

from scaleplus_cli.conflicts import conflict_problems
from scaleplus_cli.merging import merge_files, merge_texts


def y(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


BASE = y("""
    # The patrol boats promised at the retreat.
    stakeholder: fish-office   # the lead
    text: Two patrol boats
    barriers: [no-boats]
    horizon: 100
    status: in_progress
    updates:
      - date: 2026-10-01
        note: Started
""")


def test_both_sides_updates_are_kept_in_date_order_and_other_keys_merge():
    ours = BASE.replace("status: in_progress\n", "status: done\n") + (
        "  - date: 2026-11-05\n    note: Boat 1 on the water   # our note\n    status: done\n"
    )
    theirs = BASE.replace("text: Two patrol boats", "text: Two patrol boats on the water") + (
        "  - date: 2026-10-20\n    note: Fuel arrived\n"
    )
    merged = merge_texts(BASE, ours, theirs)
    assert merged.conflicts == 0
    assert merged.text == y("""
        # The patrol boats promised at the retreat.
        stakeholder: fish-office   # the lead
        text: Two patrol boats on the water
        barriers: [no-boats]
        horizon: 100
        status: done
        updates:
          - date: 2026-10-01
            note: Started
          - date: 2026-10-20
            note: Fuel arrived
          - date: 2026-11-05
            note: Boat 1 on the water   # our note
            status: done
    """)


def test_the_same_entry_recorded_on_both_laptops_is_kept_once():
    entry = "  - date: 2026-10-20\n    note: Fuel arrived\n"
    merged = merge_texts(BASE, BASE + entry, BASE + entry.replace("note:", "note:  "))
    assert merged.conflicts == 0
    assert merged.text.count("Fuel arrived") == 1


def test_the_same_value_changed_differently_is_a_conflict_check_names():
    ours = BASE.replace("status: in_progress", "status: done")
    theirs = BASE.replace("status: in_progress", "status: dropped").replace("horizon: 100", "horizon: 1000")
    merged = merge_texts(BASE, ours, theirs)
    assert merged.conflicts == 1
    assert "horizon: 1000\n<<<<<<< ours\nstatus: done\n=======\nstatus: dropped\n>>>>>>> theirs\nupdates:" in merged.text
    (problem,) = conflict_problems(merged.text, "commitments/two-boats.yaml")
    assert (problem.line, problem.severity) == (6, "error")
    assert problem.message == (
        "unresolved merge conflict (lines 6-10): both laptops changed status: 'done' (ours) / 'dropped' (theirs);"
        " keep one side and delete the marker lines"
    )


PLAN = y("""
    title: First 100 days
    horizon: 100
    actions:
      - title: Patrol the bay
        lead: fish-office
        partners: [coast-radio]
        indicators:
          - name: Patrol days a month
            target: 20
            measurements:
              - {date: 2026-10-01, value: 4}
""")


def test_measurements_nested_in_a_plan_and_actions_added_on_both_sides():
    ours = PLAN.replace("{date: 2026-10-01, value: 4}", "{date: 2026-10-01, value: 4}\n          - {date: 2026-11-01, value: 9}")
    ours = ours.replace("partners: [coast-radio]", "partners: [coast-radio, women-group]")
    ours += "  - title: Train crews\n    lead: fish-office\n"
    theirs = PLAN.replace("{date: 2026-10-01, value: 4}", "{date: 2026-10-01, value: 4}\n          - {date: 2026-10-15, value: 6}")
    theirs = theirs.replace("target: 20", "target: 24").replace("partners: [coast-radio]", "partners: [boat-owners]")
    theirs += "  - title: Radio spots\n    lead: coast-radio\n"
    merged = merge_texts(PLAN, ours, theirs)
    assert merged.conflicts == 0
    assert merged.text == y("""
        title: First 100 days
        horizon: 100
        actions:
          - title: Patrol the bay
            lead: fish-office
            partners: [women-group, boat-owners]
            indicators:
              - name: Patrol days a month
                target: 24
                measurements:
                  - {date: 2026-10-01, value: 4}
                  - {date: 2026-10-15, value: 6}
                  - {date: 2026-11-01, value: 9}
          - title: Train crews
            lead: fish-office
          - title: Radio spots
            lead: coast-radio
    """)


def test_a_stakeholder_added_on_both_laptops_under_one_id_merges_key_by_key():
    ours = "name: Coast FM\nsector: media\ninfluence: 3\n"
    theirs = "name: Coast FM\nsector: media\nphone: '+255 700'\n"
    merged = merge_texts("", ours, theirs)
    assert merged.conflicts == 0
    assert merged.text == "name: Coast FM\nsector: media\nphone: '+255 700'\ninfluence: 3\n"


def test_a_key_removed_on_one_side_and_kept_on_the_other_is_removed():
    base = "name: Coast FM\nsector: media\nnotes: call first\ninfluence: 3\n"
    merged = merge_texts(base, base.replace("influence: 3", "influence: 4"), base.replace("notes: call first\n", ""))
    assert (merged.conflicts, merged.text) == (0, "name: Coast FM\nsector: media\ninfluence: 4\n")


def test_a_file_the_driver_cannot_read_is_merged_by_lines(tmp_path):
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_text("name: [unclosed\nsector: media\nrole: x\nphone: 1\n")
    ours.write_text("name: [unclosed\nsector: media\nrole: x\nphone: 2\n")
    theirs.write_text("name: [unclosed\nsector: community\nrole: x\nphone: 1\n")
    assert merge_files(base, ours, theirs) == 0
    assert ours.read_text() == "name: [unclosed\nsector: community\nrole: x\nphone: 2\n"


def test_a_line_conflict_left_by_git_is_named_too():
    text = "name: A\n<<<<<<< HEAD\nsector: media\nnotes: x\n=======\nsector: community\n>>>>>>> other\n"
    (problem,) = conflict_problems(text, "stakeholders/a.yaml")
    assert problem.line == 2
    assert "both laptops changed sector: 'media' (with notes) (ours) / 'community' (theirs)" in problem.message


# -- with git ------------------------------------------------------------------------------------


@needs_git
def test_init_sets_up_the_driver_and_a_clone_gets_it_from_any_command(invoke, tmp_path, monkeypatch):
    halima = first_laptop(invoke, tmp_path, monkeypatch)
    assert "*.yaml merge=scaleplus" in (halima / ".gitattributes").read_text()
    assert "-m scaleplus_cli.merging %O %A %B %L %P" in git(halima, "config", "merge.scaleplus.driver")
    daniel = clone(halima, tmp_path / "daniel")
    assert git(daniel, "config", "merge.scaleplus.driver", check=False) == ""
    assert invoke("list", "stakeholders", "-p", daniel).exit_code == 0
    assert "scaleplus_cli.merging" in git(daniel, "config", "merge.scaleplus.driver")


@needs_git
def test_two_laptops_update_the_same_commitment_and_merge_clean(invoke, tmp_path, monkeypatch):
    halima = first_laptop(invoke, tmp_path, monkeypatch)
    daniel = clone(halima, tmp_path / "daniel")
    invoke("check", "-p", daniel)  # sets the driver up
    assert invoke("update", "two-boats", "--status", "in_progress", "--note", "Hull repaired", "--date", "2026-10-01", "-p", halima).exit_code == 0
    assert invoke("measure", "first-100-days", "1", "1", "6", "--date", "2026-10-10", "-p", halima).exit_code == 0
    commit(halima, "Halima's week")
    as_laptop(monkeypatch, "Daniel")
    assert invoke("update", "two-boats", "--note", "Engine ordered", "--date", "2026-10-05", "-p", daniel).exit_code == 0
    assert invoke("measure", "first-100-days", "1", "1", "8", "--date", "2026-10-12", "-p", daniel).exit_code == 0
    commit(daniel, "Daniel's week")
    done = subprocess.run(["git", "pull", "-q", "--no-rebase", str(halima), "HEAD"], cwd=daniel, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    text = (daniel / "commitments/two-boats.yaml").read_text()
    assert text.index("Hull repaired") < text.index("Engine ordered")
    assert "status: in_progress" in text and text.startswith("# The patrol boats")
    assert invoke("check", "-p", daniel).exit_code == 0
    measured = (daniel / "plans/first-100-days.yaml").read_text()
    assert measured.index("value: 6") < measured.index("value: 8")


@needs_git
def test_a_true_conflict_and_a_stakeholder_added_twice_are_named_by_check(invoke, tmp_path, monkeypatch):
    halima = first_laptop(invoke, tmp_path, monkeypatch)
    daniel = clone(halima, tmp_path / "daniel")
    invoke("check", "-p", daniel)
    invoke("update", "two-boats", "--status", "done", "--date", "2026-11-01", "-p", halima)
    invoke("add", "stakeholder", "--name", "Coast FM", "--sector", "media", "-p", halima)
    commit(halima, "Boats delivered")
    as_laptop(monkeypatch, "Daniel")
    invoke("update", "two-boats", "--status", "dropped", "--date", "2026-11-02", "-p", daniel)
    invoke("add", "stakeholder", "--name", "Coast FM", "--sector", "media", "--id", "coast-fm-radio", "-p", daniel)
    commit(daniel, "Boats cancelled")
    done = subprocess.run(["git", "pull", "-q", "--no-rebase", str(halima), "HEAD"], cwd=daniel, capture_output=True, text=True)
    assert done.returncode != 0
    result = invoke("check", cwd=daniel)
    assert result.exit_code == 1
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert errors[0] == (
        "commitments/two-boats.yaml:6:1: error: unresolved merge conflict (lines 6-10): both laptops changed status:"
        " 'dropped' (ours) / 'done' (theirs); keep one side and delete the marker lines"
    )
    assert "YAML syntax" not in result.stdout
    duplicate = next(line for line in errors if line.startswith("stakeholders/coast-fm"))
    assert "stakeholders/coast-fm.yaml" in duplicate and "stakeholders/coast-fm-radio.yaml" in duplicate
    text = (daniel / "commitments/two-boats.yaml").read_text()
    assert text.count("date: 2026-11-0") == 2  # both updates kept, outside the conflict


def test_assessment_entries_and_a_commitments_own_indicator_are_logs_too():
    base = "entries:\n  - {item: champion, score: 1, date: 2026-09-18}\n"
    ours = base + "  - {item: champion, score: 2, date: 2026-10-30}\n"
    theirs = base + "  - {item: urgency, score: 3, date: 2026-10-02}\n"
    merged = merge_texts(base, ours, theirs)
    assert (merged.conflicts, merged.text) == (0, base + "  - {item: urgency, score: 3, date: 2026-10-02}\n"
                                                     "  - {item: champion, score: 2, date: 2026-10-30}\n")
    commitment = y("""
        stakeholder: fish-office
        text: Patrols
        horizon: 100
        indicators:
          - name: Patrol days
            measurements:
              - date: 2026-10-01
                value: 4
    """)
    ours = commitment + "      - date: 2026-10-20\n        value: 7\n"
    theirs = commitment + "      - date: 2026-10-10\n        value: 5\n        note: by radio\n"
    merged = merge_texts(commitment, ours, theirs)
    assert merged.conflicts == 0
    assert merged.text.endswith("value: 4\n      - date: 2026-10-10\n        value: 5\n        note: by radio\n"
                                "      - date: 2026-10-20\n        value: 7\n")


def test_windows_line_endings_stay():
    base = BASE.replace("\n", "\r\n")
    ours = base.replace("status: in_progress", "status: done")
    theirs = base + "  - date: 2026-10-20\r\n    note: Fuel arrived\r\n"
    merged = merge_texts(base, ours, theirs)
    assert merged.conflicts == 0
    assert merged.text == (BASE.replace("status: in_progress", "status: done") + "  - date: 2026-10-20\n    note: Fuel arrived\n").replace("\n", "\r\n")


def test_a_conflict_on_the_first_key_of_a_list_item_resolves_to_valid_yaml():
    import yaml

    base = "title: P\nhorizon: 100\nactions:\n  - title: Patrol\n    lead: fish-office\n"
    merged = merge_texts(base, base.replace("- title: Patrol", "- title: Patrol the bay"),
                         base.replace("- title: Patrol", "- title: Bay patrols"))
    assert merged.conflicts == 1
    assert "<<<<<<< ours\n  - title: Patrol the bay\n=======\n  - title: Bay patrols\n>>>>>>> theirs\n" in merged.text
    (problem,) = conflict_problems(merged.text, "plans/p.yaml")
    assert "both laptops changed actions > 1 > title: 'Patrol the bay' (ours) / 'Bay patrols' (theirs)" in problem.message
    keep_theirs = merged.text.split("<<<<<<< ours\n")[0] + "  - title: Bay patrols\n" + merged.text.split(">>>>>>> theirs\n")[1]
    assert yaml.safe_load(keep_theirs)["actions"] == [{"title": "Bay patrols", "lead": "fish-office"}]


def test_the_same_key_added_with_two_values_is_a_conflict():
    merged = merge_texts("", "name: Coast FM\nsector: media\n", "name: Coast FM\nsector: community\n")
    assert merged.conflicts == 1
    assert merged.text == "name: Coast FM\n<<<<<<< ours\nsector: media\n=======\nsector: community\n>>>>>>> theirs\n"


def test_the_hidden_command_is_the_driver_for_a_person(invoke, tmp_path):
    base, ours, theirs = (tmp_path / n for n in ("base", "ours", "theirs"))
    base.write_text(BASE)
    ours.write_text(BASE.replace("status: in_progress", "status: done"))
    theirs.write_text(BASE.replace("horizon: 100", "horizon: 1000"))
    assert invoke("merge-driver", base, ours, theirs, "7", "commitments/two-boats.yaml").exit_code == 0
    assert "status: done" in ours.read_text() and "horizon: 1000" in ours.read_text()
    theirs.write_text(BASE.replace("status: in_progress", "status: dropped"))
    ours.write_text(BASE.replace("status: in_progress", "status: done"))
    assert invoke("merge-driver", base, ours, theirs, "commitments/two-boats.yaml").exit_code == 1  # %O %A %B %P
    assert "=======\nstatus: dropped\n>>>>>>> theirs" in ours.read_text()


@needs_git
def test_a_command_in_a_repository_without_git_on_the_path_still_works(invoke, tmp_path, monkeypatch):
    halima = first_laptop(invoke, tmp_path, monkeypatch)
    daniel = clone(halima, tmp_path / "daniel")
    empty = tmp_path / "no-git"
    empty.mkdir()
    path = os.environ["PATH"]
    monkeypatch.setenv("PATH", str(empty))
    assert invoke("check", "-p", daniel).exit_code == 0
    monkeypatch.setenv("PATH", path)
    assert git(daniel, "config", "merge.scaleplus.driver", check=False) == ""  # set up later, when git is back


def test_an_action_removed_on_one_side_and_changed_on_the_other_is_one_conflict():
    base = "title: P\nhorizon: 100\nactions:\n  - title: Patrol\n  - title: Train crews\n"
    ours = "title: P\nhorizon: 100\nactions:\n  - title: Patrol\n"
    theirs = base.replace("Train crews", "Train boat crews").replace("title: P\n", "title: Plan\n")
    merged = merge_texts(base, ours, theirs)
    assert merged.conflicts == 1
    assert merged.text == (
        "title: Plan\nhorizon: 100\n<<<<<<< ours\nactions:\n  - title: Patrol\n=======\n"
        "actions:\n  - title: Patrol\n  - title: Train boat crews\n>>>>>>> theirs\n"
    )
    (problem,) = conflict_problems(merged.text, "plans/p.yaml")
    assert ('both laptops changed actions: [{"title": "Patrol"}] (ours) /'
            ' [{"title": "Patrol"}, {"title": "Train boat crews"}] (theirs)') in problem.message


@needs_git
def test_a_driver_left_by_a_removed_installation_is_set_up_again(invoke, tmp_path, monkeypatch):
    halima = first_laptop(invoke, tmp_path, monkeypatch)
    gone = '"/nowhere/old-venv/bin/python3" -m scaleplus_cli.merging %O %A %B %L %P'
    git(halima, "config", "merge.scaleplus.driver", gone)
    assert invoke("check", "-p", halima).exit_code == 0
    assert "/nowhere/" not in git(halima, "config", "merge.scaleplus.driver")
    mine = "my-own-merge-tool %O %A %B"  # a driver a person wrote is theirs to keep
    git(halima, "config", "merge.scaleplus.driver", mine)
    assert invoke("check", "-p", halima).exit_code == 0
    assert git(halima, "config", "merge.scaleplus.driver").strip() == mine


def test_two_conflicts_in_one_file_are_two_errors():
    base = BASE.replace("horizon: 100\n", "horizon: 100\ndue: 2026-12-01\n")
    ours = base.replace("status: in_progress", "status: done").replace("due: 2026-12-01", "due: 2026-12-15")
    theirs = base.replace("status: in_progress", "status: dropped").replace("due: 2026-12-01", "due: 2027-01-10")
    merged = merge_texts(base, ours, theirs)
    assert merged.conflicts == 2
    problems = conflict_problems(merged.text, "commitments/two-boats.yaml")
    assert [(p.line, p.message.split(": ", 1)[1].split(";")[0]) for p in problems] == [
        (6, "both laptops changed due: 2026-12-15 (ours) / 2027-01-10 (theirs)"),
        (11, "both laptops changed status: 'done' (ours) / 'dropped' (theirs)"),
    ]


@pytest.mark.skipif(shutil.which("sh") is None, reason="needs sh, through which git runs merge drivers")
@pytest.mark.parametrize("interpreter", ["/opt/my tools/python3", "/home/o'neil/$venv/bin/python", "C:/Program Files/Python312/python.exe"])
def test_the_driver_command_names_the_interpreter_as_sh_reads_it(monkeypatch, interpreter):
    from scaleplus_cli import merge_setup

    monkeypatch.setattr(sys, "executable", interpreter)
    words = subprocess.run(["sh", "-c", f"printf '%s\\n' {merge_setup.driver_command()}"], capture_output=True, text=True)
    assert words.stdout.splitlines() == [interpreter, "-m", "scaleplus_cli.merging", "%O", "%A", "%B", "%L", "%P"]


@needs_git
@pytest.mark.parametrize("interpreter", ["/opt/my tools/python3", "/home/o'neil/$venv/bin/python", 'C:/Python "312"/python.exe'])
def test_the_python_a_driver_runs_is_read_back_from_the_git_config(tmp_path, monkeypatch, interpreter):
    from scaleplus_cli import merge_setup

    monkeypatch.setattr(sys, "executable", interpreter)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "config", "merge.scaleplus.driver", merge_setup.driver_command()], cwd=tmp_path, check=True)
    config = (tmp_path / ".git" / "config").read_text(encoding="utf-8")
    assert merge_setup.configured_python(config) == interpreter
