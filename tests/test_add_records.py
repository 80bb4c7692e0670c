"""`add goal`, `add action PLAN`, `add indicator`: records added inside existing files, every other
line kept, checked as `check` would before anything is written."""

from __future__ import annotations

import yaml

PLAN = """\
title: 100-day plan   # agreed on day 3
horizon: 100
actions:
  - title: Train patrol crews
    lead: office
"""
FILES = {
    "stakeholders/office.yaml": "name: Fisheries Office\nsector: government\n",
    "stakeholders/radio.yaml": "name: Sauti FM\nsector: media\n",
    "commitments/radio-shows.yaml": "stakeholder: radio\ntext: Weekly call-in show\nhorizon: 100\n",
    "plans/hundred.yaml": PLAN,
}


def test_add_goal_numbers_it_after_the_others(invoke, make_project):
    root = make_project(FILES)
    before = (root / "scaleplus.yaml").read_text()
    result = invoke("add", "goal", "-p", root, "--text", "Women sit on every landing-site committee")
    assert result.exit_code == 0, result
    after = (root / "scaleplus.yaml").read_text()
    assert after == before + "  - id: G2\n    text: Women sit on every landing-site committee\n"
    again = invoke("add", "goal", "-p", root, "--text", "Another", "--id", "G2")
    assert again.exit_code == 2
    assert "goal id 'G2' is used twice" in again.stderr
    assert (root / "scaleplus.yaml").read_text() == after


def test_add_action_keeps_every_other_line(invoke, make_project):
    root = make_project(FILES)
    result = invoke("add", "action", "hundred", "-p", root, "--title", "Radio spots on the closed season",
                    "--lead", "Sauti FM", "--partner", "office", "--instrument", "mass_media",
                    "--commitment", "radio-shows", "--start", "2026-10-01", "--end", "2026-12-15",
                    "--budget", "1 500", "--funding", "private", "--location", "Mwamba", "--no-input")
    assert result.exit_code == 0, result
    text = (root / "plans" / "hundred.yaml").read_text()
    assert text.startswith(PLAN)  # the comment and every line before stay
    assert yaml.safe_load(text)["actions"][1] == {
        "title": "Radio spots on the closed season", "lead": "radio", "partners": ["office"],
        "instrument": "mass_media", "commitments": ["radio-shows"], "start": __import__("datetime").date(2026, 10, 1),
        "end": __import__("datetime").date(2026, 12, 15), "budget": 1500, "funding": "private", "location": "Mwamba",
    }


def test_add_action_refuses_what_check_refuses(invoke, make_project):
    root = make_project(FILES)
    result = invoke("add", "action", "hundred", "-p", root, "--title", "Backwards", "--start", "2026-12-01",
                    "--end", "2026-10-01", "--no-input")
    assert result.exit_code == 2
    assert "error: --end: the action ends (2026-10-01) before it starts (2026-12-01)" in result.stderr
    unknown = invoke("add", "action", "thousand", "-p", root, "--title", "X", "--no-input")
    assert unknown.exit_code == 2
    assert "error: PLAN: no plan with the id or name 'thousand'" in unknown.stderr  # the argument, as its usage names it
    assert "--plan" not in unknown.stderr
    assert (root / "plans" / "hundred.yaml").read_text() == PLAN


def test_add_indicator_onto_a_commitment_or_an_action(invoke, make_project):
    root = make_project(FILES)
    result = invoke("add", "indicator", "-p", root, "--commitment", "radio", "--name", "Shows aired",
                    "--unit", "shows", "--target", "12", "--frequency", "month", "--responsible", "Sauti FM", "--no-input")
    assert result.exit_code == 0, result
    shows = yaml.safe_load((root / "commitments" / "radio-shows.yaml").read_text())
    assert shows["indicators"] == [
        {"name": "Shows aired", "unit": "shows", "target": 12, "frequency": "month", "responsible": "radio"}
    ]
    result = invoke("add", "indicator", "-p", root, "--plan", "hundred", "--action", "patrol", "--name", "Crews trained",
                    "--baseline", "0", "--target", "4", "--no-input")
    assert result.exit_code == 0, result
    plan = yaml.safe_load((root / "plans" / "hundred.yaml").read_text())
    assert plan["actions"][0]["indicators"] == [{"name": "Crews trained", "baseline": 0, "target": 4}]
    measured = invoke("measure", "radio-shows", "shows", "3", "-p", root)
    assert measured.exit_code == 0, measured


def test_add_indicator_needs_to_know_where(invoke, make_project):
    root = make_project(FILES)
    for where in ([], ["--plan", "hundred"], ["--commitment", "radio-shows", "--plan", "hundred", "--action", "1"]):
        result = invoke("add", "indicator", "-p", root, *where, "--name", "X", "--no-input")
        assert result.exit_code == 2, result
        assert "say where the indicator goes: --commitment COMMITMENT, or --plan PLAN and --action ACTION" in result.stderr


def test_a_terminal_is_asked_for_what_a_facilitator_fills_in(invoke, make_project, monkeypatch):
    monkeypatch.setattr("scaleplus_cli.commands.add.has_terminal", lambda: True)
    root = make_project(FILES)
    answers = "\n".join(["Kivuko Traders", "private_sector", "", "Amina Said", "4", "9", "3"]) + "\n"
    result = invoke("add", "stakeholder", "-p", root, input=answers)
    assert result.exit_code == 0, result
    assert "Interest [Enter to skip]" in result.stdout
    assert "expected a whole number from 1 to 5, got the number 9" in result.stderr + result.stdout
    written = yaml.safe_load((root / "stakeholders" / "kivuko-traders.yaml").read_text())
    assert written == {"name": "Kivuko Traders", "sector": "private_sector", "representative": "Amina Said",
                       "influence": 4, "interest": 3}


def test_init_takes_the_project_settings(invoke, tmp_path):
    root = tmp_path / "lac"
    result = invoke("init", root, "--name", "Lac Tchad", "--location", "Bol", "--donor", "Fonds Bleu",
                    "--currency", "XOF", "--language", "fr", "--no-git")
    assert result.exit_code == 0, result
    settings = yaml.safe_load((root / "scaleplus.yaml").read_text())
    assert {k: settings[k] for k in ("location", "donor", "currency", "language")} == {
        "location": "Bol", "donor": "Fonds Bleu", "currency": "XOF", "language": "fr"}
    assert invoke("check", "-p", root).exit_code == 0
    for option, value, message in (("--currency", "cfa", "--currency: expected an ISO 4217 currency code"),
                                   ("--language", "klingon", "--language: 'klingon' is not a valid language")):
        bad = invoke("init", tmp_path / value, option, value, "--no-git")
        assert bad.exit_code == 2 and message in bad.stderr
        assert not (tmp_path / value).exists()
