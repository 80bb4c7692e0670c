"""`scaleplus add`: every field an option, ids from names, references checked, files never overwritten."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from scaleplus_cli.store import load_project


def test_add_stakeholder_writes_spec_order_and_reads_back(invoke, make_project):
    root = make_project()
    result = invoke(
        "add", "stakeholder", "-p", root,
        "--name", "Ministère de la Pêche",
        "--sector", "government",
        "--influence", "5",
        "--email", "peche@example.org",
        "--notes", "Line one <&>\nLine two: \"quoted\"",
        "--representative", "Dr. Aïcha Ndiaye",
    )
    assert result.exit_code == 0, result
    path = root / "stakeholders" / "ministere-de-la-peche.yaml"
    assert result.stdout.strip().endswith("stakeholders/ministere-de-la-peche.yaml")
    assert path.read_text(encoding="utf-8") == (
        "name: Ministère de la Pêche\n"
        "sector: government\n"
        "representative: Dr. Aïcha Ndiaye\n"
        "email: peche@example.org\n"
        "influence: 5\n"
        "notes: |-\n"
        "  Line one <&>\n"
        '  Line two: "quoted"\n'
    )
    loaded = load_project(root).stakeholders["ministere-de-la-peche"]
    assert loaded.notes == 'Line one <&>\nLine two: "quoted"'
    assert loaded.influence == 5


def test_add_text_that_looks_like_other_types_stays_text(invoke, make_project):
    root = make_project()
    result = invoke("add", "stakeholder", "-p", root, "--name", "yes", "--sector", "media", "--phone", "0712 000 111",
                    "--notes", "09:30", "--role", "2026-01-01")
    assert result.exit_code == 0, result
    s = load_project(root).stakeholders["yes"]
    assert (s.name, s.phone, s.notes, s.role) == ("yes", "0712 000 111", "09:30", "2026-01-01")


def test_id_clash_gets_a_suffix(invoke, make_project):
    root = make_project({"stakeholders/coast-radio.yaml": "name: Coast Radio FM\nsector: media\n"})
    result = invoke("add", "stakeholder", "-p", root, "--name", "Coast Radio", "--sector", "media")
    assert result.exit_code == 0, result
    assert (root / "stakeholders" / "coast-radio-2.yaml").exists()
    assert "sector: media" in (root / "stakeholders" / "coast-radio.yaml").read_text()


def test_same_name_is_refused(invoke, make_project):
    root = make_project({"stakeholders/coast-radio.yaml": "name: Coast Radio\nsector: media\n"})
    result = invoke("add", "stakeholder", "-p", root, "--name", "coast  RADIO", "--sector", "media", "--no-input")
    assert result.exit_code == 2
    assert "error: --name: another stakeholder is named 'Coast Radio' (stakeholders/coast-radio.yaml)" in result.stderr
    assert "error: nothing was written: adding the stakeholder would leave the project with 1 error" in result.stderr
    assert sorted(p.name for p in (root / "stakeholders").iterdir()) == ["coast-radio.yaml"]


def test_add_commitment_checks_references_before_writing(invoke, make_project):
    root = make_project({"stakeholders/council.yaml": "name: Council\nsector: government\n",
                         "barriers/no-boats.yaml": "title: No boats\ncategory: structural\n"})
    result = invoke("add", "commitment", "-p", root, "--stakeholder", "council", "--text", "Buy a boat",
                    "--horizon", "100", "--barrier", "no-bots")
    assert result.exit_code == 2
    assert "error: --barrier: no barrier with the id or name 'no-bots' (did you mean 'no-boats'?)" in result.stderr
    assert not list((root / "commitments").glob("*.yaml")) if (root / "commitments").exists() else True

    result = invoke("add", "commitment", "-p", root, "--stakeholder", "council", "--text", "Buy a boat for the bay patrols",
                    "--horizon", "100", "--barrier", "no-boats", "--due", "2026-12-01")
    assert result.exit_code == 0, result
    path = root / "commitments" / "council-buy-a-boat-for-the-bay.yaml"
    assert path.read_text() == (
        "stakeholder: council\ntext: Buy a boat for the bay patrols\nbarriers:\n  - no-boats\n"
        "horizon: 100\ndue: 2026-12-01\nstatus: pledged\n"
    )
    assert invoke("check", "-p", root).stdout.count(": error:") == 0


def test_bad_option_values_are_usage_errors(invoke, make_project):
    root = make_project()
    cases = [
        (["stakeholder", "--name", "A", "--sector", "goverment"], "--sector: 'goverment' is not a valid sector (did you mean 'government'?)"),
        (["stakeholder", "--name", "A", "--sector", "media", "--influence", "9"], "--influence: expected a whole number from 1 to 5"),
        (["barrier", "--title", "T", "--category", "social", "--severity", "x"], "--severity: expected a whole number from 1 to 5"),
        (["plan", "--title", "T", "--horizon", "30"], "--horizon: expected 100 or 1000"),
        (["plan", "--title", "T", "--horizon", "100", "--start", "tomorrow"], "--start: expected a date (YYYY-MM-DD)"),
        (["stakeholder", "--name", "A", "--sector", "media", "--id", "Not An Id"], "--id: 'Not An Id' is not a valid id"),
    ]
    for args, message in cases:
        result = invoke("add", *args, "-p", root, "--no-input")
        assert result.exit_code == 2, (args, result)
        assert message in result.stderr, (args, result)
    assert not any((root / d).glob("*.yaml") for d in ("stakeholders", "barriers", "plans") if (root / d).exists())


def test_missing_required_without_terminal_is_an_error(invoke, make_project):
    root = make_project()
    result = invoke("add", "barrier", "-p", root, "--title", "No data")
    assert result.exit_code == 2
    assert "missing required --category (no terminal to ask on)" in result.stderr
    result = invoke("add", "barrier", "-p", root, "--no-input")
    assert "missing required --title, --category (--no-input)" in result.stderr


def test_prompts_on_a_terminal_until_the_answer_fits(invoke, make_project, monkeypatch):
    root = make_project()
    monkeypatch.setattr("scaleplus_cli.commands.add.has_terminal", lambda: True)
    result = invoke("add", "barrier", "-p", root, "--title", "No data", input="tech\ntechnology\n\n\n")  # severity, raised by: skipped
    assert result.exit_code == 0, result
    assert "Category (governance, structural, economic, social, awareness, technology, training, organizational)" in result.output
    assert "'tech' is not a valid category (did you mean 'technology'?)" in result.output
    assert (root / "barriers" / "no-data.yaml").read_text() == "title: No data\ncategory: technology\n"


def test_add_plan_with_actions_passes_check(invoke, make_project):
    root = make_project()
    result = invoke("add", "plan", "-p", root, "--title", "100-day plan", "--horizon", "100", "--goal", "G1",
                    "--action", "Train patrol crews", "--action", "Radio campaign")
    assert result.exit_code == 0, result
    text = (root / "plans" / "100-day-plan.yaml").read_text()
    assert text == ("title: 100-day plan\nhorizon: 100\ngoals:\n  - G1\nactions:\n"
                    "  - title: Train patrol crews\n  - title: Radio campaign\n")
    assert "0 errors" in invoke("check", "-p", root).stdout


def test_non_latin_name_gets_a_kind_id(invoke, make_project):
    root = make_project()
    result = invoke("add", "stakeholder", "-p", root, "--name", "የዓሣ ማጥመጃ ማህበር", "--sector", "community")
    assert result.exit_code == 0, result
    assert load_project(root).stakeholders["stakeholder"].name == "የዓሣ ማጥመጃ ማህበር"
    assert "the name has no Latin letters or digits to make an id from, so the id is 'stakeholder'" in result.stderr


def _add_in_a_process(root: Path, name: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "scaleplus_cli", "add", "stakeholder", "-p", str(root), "--name", name,
         "--sector", "community", "--no-input"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def test_parallel_adds_of_different_names_all_land(make_project):
    root = make_project()
    runs = [_add_in_a_process(root, f"Fisher group {n}") for n in range(8)]
    results = [(run.wait(60), *run.communicate()) for run in runs]
    assert [code for code, _, _ in results] == [0] * 8, results
    files = sorted((root / "stakeholders").glob("*.yaml"))
    assert sorted(yaml.safe_load(f.read_text())["name"] for f in files) == sorted(f"Fisher group {n}" for n in range(8))


def test_parallel_adds_of_one_name_make_one_file(make_project):
    """Two adds of the same name at the same moment must not both succeed: the lock orders them and
    the second one sees the first one's file."""
    root = make_project()
    runs = [_add_in_a_process(root, "Fisher") for _ in range(6)]
    results = [(run.wait(60), *run.communicate()) for run in runs]
    assert sorted(code for code, _, _ in results) == [0] + [2] * 5, results
    assert [f.name for f in (root / "stakeholders").glob("*.yaml")] == ["fisher.yaml"]
    refused = [err for code, _, err in results if code == 2]
    assert all("error: --name: another stakeholder is named 'Fisher' (stakeholders/fisher.yaml)" in e for e in refused)
    assert invoke_check_clean(root)


def invoke_check_clean(root: Path) -> bool:
    run = subprocess.run([sys.executable, "-m", "scaleplus_cli", "check", "-p", str(root)], capture_output=True, text=True)
    return run.returncode == 0


def test_same_name_but_for_accents_and_case_is_refused(invoke, make_project):
    root = make_project({"stakeholders/ministere-de-la-peche.yaml": "name: Ministère de la Pêche\nsector: government\n"})
    result = invoke("add", "stakeholder", "-p", root, "--name", "ministere de la peche", "--sector", "government")
    assert result.exit_code == 2
    assert "another stakeholder is named 'Ministère de la Pêche' (stakeholders/ministere-de-la-peche.yaml)" in result.stderr


def test_blank_values_count_as_missing(invoke, make_project):
    root = make_project()
    result = invoke("add", "barrier", "-p", root, "--title", "   ", "--category", "social")
    assert result.exit_code == 2
    assert "missing required --title" in result.stderr
    assert not (root / "barriers").exists() or not list((root / "barriers").iterdir())


def test_repeated_options_are_named_as_typed(invoke, make_project):
    root = make_project()
    result = invoke("add", "barrier", "-p", root, "--title", "T", "--category", "social", "--goal", "G4")
    assert result.exit_code == 2
    assert "error: --goal: no goal with the id or name 'G4'" in result.stderr


def test_a_plan_may_start_without_actions(invoke, make_project):
    root = make_project()
    result = invoke("add", "plan", "-p", root, "--title", "1000-day plan", "--horizon", "1000")
    assert result.exit_code == 0, result
    assert (root / "plans" / "1000-day-plan.yaml").read_text() == "title: 1000-day plan\nhorizon: 1000\nactions: []\n"
    assert ": error:" not in invoke("check", "-p", root).stdout


def test_a_plans_owner_is_stored_as_an_id_or_warned_of_as_check_warns(invoke, sample):
    by_name = invoke("add", "plan", "-p", sample, "--title", "Patrol plan", "--horizon", "100", "--owner", "Patrol and Enf")
    assert by_name.exit_code == 0, by_name
    assert "owner: patrol-and-enforcement-circle\n" in (sample / "plans/patrol-plan.yaml").read_text()
    assert by_name.stderr == ""
    nobody = invoke("add", "plan", "-p", sample, "--title", "Orphan plan", "--horizon", "100", "--owner", "Nobody At All")
    assert nobody.exit_code == 0, nobody  # a warning, as SPEC has it: documents show the text as written
    assert "owner: Nobody At All\n" in (sample / "plans/orphan-plan.yaml").read_text()
    warning = "plans/orphan-plan.yaml:3:8: warning: owner: 'Nobody At All' is not a circle or stakeholder id"
    assert warning in nobody.stderr
    assert [line for line in invoke("check", "-p", sample).stdout.splitlines() if "orphan-plan" in line] == [
        line for line in nobody.stderr.splitlines() if line]
    ambiguous = invoke("add", "plan", "-p", sample, "--title", "Council plan", "--horizon", "100", "--owner", "kivuko-district")
    assert ambiguous.exit_code == 2
    assert "error: --owner: 'kivuko-district' could be more than one circle or stakeholder" in ambiguous.stderr
    assert not (sample / "plans/council-plan.yaml").exists()
    barrier = invoke("add", "barrier", "-p", sample, "--title", "Nets too fine", "--category", "economic", "--no-input")
    assert barrier.exit_code == 0 and barrier.stderr == ""  # no live commitment on it yet: check's business, not add's


def test_an_exact_duplicate_commitment_is_refused_as_import_refuses_it(invoke, make_project):
    root = make_project({
        "stakeholders/council.yaml": "name: Council\nsector: government\n",
        "commitments/council-buy-a-boat.yaml": "stakeholder: council\ntext: Buy a boat\nhorizon: 100\n",
    })
    result = invoke("add", "commitment", "-p", root, "--stakeholder", "council", "--text", "buy a  BOAT.",
                    "--horizon", "1000", "--no-input")
    assert result.exit_code == 2, result
    assert ("error: --text: the same stakeholder already made this commitment (commitments/council-buy-a-boat.yaml);"
            " update that one instead") in result.stderr
    assert sorted(p.name for p in (root / "commitments").iterdir()) == ["council-buy-a-boat.yaml"]


def test_every_problem_of_an_add_is_reported_at_once(invoke, make_project):
    root = make_project({"stakeholders/council.yaml": "name: Council\nsector: government\n"})
    result = invoke("add", "barrier", "-p", root, "--title", "No boats", "--category", "structural",
                    "--raised-by", "councl", "--raised-by", "fishers", "--goal", "G9")
    assert result.exit_code == 2, result
    assert "error: --raised-by: no stakeholder with the id or name 'councl' (did you mean 'council'?)" in result.stderr
    assert "error: --raised-by: no stakeholder with the id or name 'fishers'" in result.stderr
    assert "error: --goal: no goal with the id or name 'G9'" in result.stderr
    assert "error: nothing was written: 3 references could not be resolved" in result.stderr
    assert not (root / "barriers").exists() or not list((root / "barriers").iterdir())


ROOM = {
    "stakeholders/coastal-metropolitan-municipal-and-district.yaml": "name: Coastal Metropolitan Assembly\nsector: government\n",
    "stakeholders/coastal-police.yaml": "name: Coastal Police\nsector: government\n",
    "stakeholders/marine-police.yaml": "name: Marine Police Unit\nsector: government\n",
    "barriers/no-boats.yaml": "title: No boats to patrol the bay\ncategory: structural\n",
}


def test_references_by_prefix_or_name_are_stored_as_ids(invoke, make_project):
    root = make_project(ROOM)
    result = invoke("add", "commitment", "-p", root, "--stakeholder", "coastal-metro", "--partner", "marine police unit",
                    "--partner", "COASTAL POLICE", "--text", "Joint night patrols", "--horizon", "100",
                    "--barrier", "No boats to patrol the bay")
    assert result.exit_code == 0, result
    [path] = (root / "commitments").glob("*.yaml")
    written = yaml.safe_load(path.read_text())
    assert written["stakeholder"] == "coastal-metropolitan-municipal-and-district"
    assert written["partners"] == ["marine-police", "coastal-police"]
    assert written["barriers"] == ["no-boats"]


def test_an_ambiguous_reference_lists_the_candidates(invoke, make_project):
    root = make_project(ROOM)
    result = invoke("add", "commitment", "-p", root, "--stakeholder", "coastal", "--text", "Patrols", "--horizon", "100")
    assert result.exit_code == 2
    assert ("error: --stakeholder: 'coastal' could be more than one stakeholder: 'coastal-metropolitan-municipal-and-district'"
            " (Coastal Metropolitan Assembly), 'coastal-police'; type more of its id or name") in result.stderr
    assert not (root / "commitments").exists() or not list((root / "commitments").iterdir())


def test_an_error_the_project_already_has_does_not_stop_a_clean_addition(invoke, make_project):
    """Only the errors a change would bring are its own: one already in the folder is left to `check`."""
    root = make_project({"commitments/radio.yaml": "stakeholder: nobody-here\ntext: Airtime\nhorizon: 100\n"})
    result = invoke("add", "stakeholder", "-p", root, "--name", "Coast Radio", "--sector", "media")
    assert result.exit_code == 0, result
    assert (root / "stakeholders" / "coast-radio.yaml").exists()
    result = invoke("add", "stakeholder", "-p", root, "--name", "coast radio", "--sector", "media", "--no-input")
    assert result.exit_code == 2
    assert "would leave the project with 1 error" in result.stderr  # its own, not the one already there
    assert "nobody-here" not in result.stderr
