"""`init`, `list` and `show` as a facilitator uses them; the field types underneath."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import subprocess

import pytest

from conftest import docx_text
from scaleplus_cli.ids import slugify, unique_id
from scaleplus_cli.schema import Date, Integer, Invalid, Number, Time
from scaleplus_cli.store import load_project


# -- init ----------------------------------------------------------------------------------------


def test_init_scaffold_checks_clean_and_is_committed(invoke, tmp_path):
    target = tmp_path / "kivuko-retreat"
    result = invoke("init", target, "--challenge", "Fish stocks fall.", "--start", "2026-09-15", "--venue", "Town hall")
    assert result.exit_code == 0, result
    for rel in ("scaleplus.yaml", "agenda.yaml", "README.md", ".gitignore"):
        assert (target / rel).is_file()
    for folder in ("stakeholders", "barriers", "commitments", "plans"):
        assert (target / folder).is_dir()
    assert "out/" in (target / ".gitignore").read_text()
    project = load_project(target)
    assert project.settings.name == "Kivuko Retreat"
    assert project.settings.retreat.start == dt.date(2026, 9, 15)
    assert len(project.agenda.days) == 3
    titles = [s.title for d in project.agenda.days for s in d.sessions]
    for expected in ("Who is in the room", "Shared history", "Common goals", "Barriers", "Leverage points",
                     "Commitments", "100-day action plan", "1000-day action plan", "Closing"):
        assert any(expected in t for t in titles), expected
    check = invoke("check", "-p", target)
    assert check.exit_code == 0 and ": error:" not in check.stdout
    # the commented goal example becomes a real goal when its two lines are uncommented
    text = (target / "scaleplus.yaml").read_text()
    (target / "scaleplus.yaml").write_text(text.replace("#  - id: G1", "  - id: G1").replace("#    text:", "    text:"))
    assert [g.id for g in load_project(target).settings.goals] == ["G1"]
    assert ": error:" not in invoke("check", "-p", target).stdout
    if shutil.which("git"):
        log = subprocess.run(["git", "log", "--oneline"], cwd=target, capture_output=True, text=True)
        if log.returncode == 0:  # git without an identity leaves the files staged instead
            assert "Start the scaleplus project" in log.stdout


@pytest.mark.parametrize("code, opening, lunch, theme", [
    ("fr", "Ouverture : pourquoi tout le système est dans la salle", "Déjeuner", "Obstacles et points de levier"),
    ("es", "Apertura: por qué todo el sistema está en la sala", "Almuerzo", "Barreras y puntos de apalancamiento"),
    ("pt", "Abertura: porque é que todo o sistema está na sala", "Almoço", "Barreiras e pontos de alavancagem"),
])
def test_init_writes_the_default_agenda_in_the_documents_language(invoke, tmp_path, code, opening, lunch, theme):
    """The agenda init writes is printed for the room: its sessions, methods and themes speak the
    project's language, and the agenda document shows them."""
    target = tmp_path / "atelier"
    result = invoke("init", target, "--language", code, "--start", "2026-09-15", "--days", "4", "--no-git")
    assert result.exit_code == 0, result
    project = load_project(target)
    days = project.agenda.days
    titles = [s.title for s in days[0].sessions]
    assert opening in titles and lunch in titles
    assert days[1].theme == theme
    assert not days[3].sessions  # a fourth day is left to plan, not a copy of the third
    assert "To be agreed" not in project.settings.challenge
    check = invoke("check", "-p", target, "--format", "json")
    assert check.exit_code == 0 and '"severity": "error"' not in check.stdout
    assert invoke("report", "agenda", "-p", target).exit_code == 0
    printed = docx_text(target / "out" / "agenda.docx")
    assert opening in printed and theme in printed and "Registration" not in printed


def test_init_refuses_an_existing_project_and_changes_nothing(invoke, make_project):
    root = make_project()
    before = (root / "scaleplus.yaml").read_text()
    result = invoke("init", root, "--no-git")
    assert result.exit_code == 1
    assert "already holds a scaleplus project" in result.stderr
    assert (root / "scaleplus.yaml").read_text() == before
    assert not (root / "agenda.yaml").exists()


def test_init_keeps_files_it_finds(invoke, tmp_path):
    (tmp_path / "README.md").write_text("mine\n")
    result = invoke("init", tmp_path, "--no-git", "--name", "Lake Project")
    assert result.exit_code == 0
    assert (tmp_path / "README.md").read_text() == "mine\n"
    assert "README.md already exists; kept as it was" in result.stderr
    assert not (tmp_path / ".git").exists()


def test_init_needs_a_folder(invoke, tmp_path):
    result = invoke("init", cwd=tmp_path)
    assert result.exit_code == 2
    assert "missing argument 'DIR'" in result.stderr
    assert not (tmp_path / "scaleplus.yaml").exists()


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_init_commits_only_its_own_files(invoke, tmp_path):
    (tmp_path / "private.txt").write_text("not for the project history\n")
    result = invoke("init", tmp_path, "--name", "Lake")
    assert result.exit_code == 0, result
    tracked = subprocess.run(["git", "ls-files", "--cached"], cwd=tmp_path, capture_output=True, text=True).stdout.split()
    assert "scaleplus.yaml" in tracked and "stakeholders/.gitkeep" in tracked
    assert "private.txt" not in tracked


def test_write_errors_name_the_users_file(invoke, make_project):
    root = make_project()
    (root / "out").mkdir()
    (root / "out" / "agenda.md").mkdir()  # a folder where the document should go
    (root / "agenda.yaml").write_text("days:\n  - sessions:\n      - title: Opening\n        minutes: 30\n")
    result = invoke("report", "agenda", "--format", "md", "-p", root)
    assert result.exit_code == 1
    assert "agenda.md: a folder of that name is in the way" in result.stderr
    assert ".tmp" not in result.stderr


def test_init_bad_date_is_usage_error(invoke, tmp_path):
    result = invoke("init", tmp_path / "x", "--start", "15/09/2026")
    assert result.exit_code == 2
    assert "--start: expected a date (YYYY-MM-DD)" in result.stderr
    assert not (tmp_path / "x").exists()


# -- list and show -------------------------------------------------------------------------------


def test_list_table_csv_json(invoke, sample):
    table = invoke("list", "stakeholders", "-p", sample)
    assert table.exit_code == 0
    assert "Stakeholders (26)" in table.stdout
    rows = list(csv.reader(io.StringIO(invoke("list", "barriers", "-p", sample, "--format", "csv").stdout)))
    assert rows[0] == ["id", "title", "category", "severity", "raised_by", "commitments"]
    assert len(rows) == 13
    data = json.loads(invoke("list", "commitments", "-p", sample, "-f", "json").stdout)
    assert len(data) == 38
    assert {"id", "stakeholder", "text", "horizon", "status", "updates"} <= set(data[0])


def test_list_csv_keeps_formula_like_text_as_text(invoke, make_project):
    root = make_project({
        "stakeholders/a.yaml": "name: '=HYPERLINK(\"http://evil.example\",\"x\")'\nsector: media\n",
        "stakeholders/b.yaml": "name: '@bay crew'\nsector: community\ninfluence: 3\n",
        "stakeholders/c.yaml": "name: Plain Co\nsector: donor\n",
    })
    rows = list(csv.reader(io.StringIO(invoke("list", "stakeholders", "-p", root, "--format", "csv").stdout)))
    names = {row[1] for row in rows[1:]}
    assert names == {"'=HYPERLINK(\"http://evil.example\",\"x\")", "'@bay crew", "Plain Co"}
    from scaleplus_cli.listing import csv_cell

    assert csv_cell("-5") == "-5" and csv_cell("+1.5") == "+1.5" and csv_cell("-Minus Co") == "'-Minus Co"


def test_list_filters(invoke, sample):
    done = json.loads(invoke("list", "commitments", "-p", sample, "--status", "done", "-f", "json").stdout)
    assert done and all(c["status"] == "done" for c in done)
    media = json.loads(invoke("list", "stakeholders", "-p", sample, "--sector", "media", "-f", "json").stdout)
    assert len(media) == 2 and all(s["sector"] == "media" for s in media)
    long = json.loads(invoke("list", "commitments", "-p", sample, "--horizon", "1000", "-f", "json").stdout)
    assert long and all(c["horizon"] == 1000 for c in long)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "stakeholders", "--status", "done"], "--status does not apply to stakeholders"),
        (["list", "commitments", "--status", "finished"], "--status: 'finished' is not a valid status"),
        (["list", "plans", "--horizon", "365"], "--horizon: expected 100 or 1000"),
    ],
)
def test_list_bad_filters(invoke, sample, args, message):
    result = invoke(*args, "-p", sample)
    assert result.exit_code == 2
    assert message in result.stderr


def test_list_unknown_kind_is_usage_error(invoke, sample):
    assert invoke("list", "donors", "-p", sample).exit_code == 2


def test_show_barrier_with_its_commitments(invoke, sample):
    result = invoke("show", "no-boats-to-patrol-the-bay", "-p", sample, "-f", "json")
    assert result.exit_code == 0
    item = json.loads(result.stdout)
    assert item["kind"] == "barrier" and item["category"] == "structural"
    project = load_project(sample)
    expected = sorted(c.id for c in project.commitments.values() if "no-boats-to-patrol-the-bay" in c.barriers)
    assert sorted(item["referenced_by"]["commitments"]) == expected
    text = invoke("show", "no-boats-to-patrol-the-bay", "-p", sample).stdout
    assert "Referred to by:" in text and expected[0] in text


def test_show_stakeholder_lists_commitments_and_actions(invoke, sample):
    project = load_project(sample)
    lead = project.plans["action-plan-100-day"].actions[0].lead
    item = json.loads(invoke("show", lead, "-p", sample, "-f", "json").stdout)
    # its own commitments and the joint ones it is a partner of
    assert item["referenced_by"]["commitments"] == [c.id for c in project.commitments.values() if lead in project.committers(c)]
    assert "marine-police-unit-kivuko-station-joint-night-patrols" in item["referenced_by"]["commitments"]
    assert any(a["plan"] == "action-plan-100-day" and a["action"] == 1 and a["as"] == "lead" for a in item["referenced_by"]["actions"])


def test_show_goal_and_unknown_id(invoke, sample):
    goal = json.loads(invoke("show", "G1", "-p", sample, "-f", "json").stdout)
    assert goal["kind"] == "goal" and goal["referenced_by"]["barriers"]
    by_name = invoke("show", "No boats to patrol the BAY", "-p", sample, "-f", "json")  # a name, as typed
    assert json.loads(by_name.stdout)["id"] == "no-boats-to-patrol-the-bay"
    result = invoke("show", "no-bots-to-patrol", "-p", sample)
    assert result.exit_code == 2  # a reference typed on the command line that names nothing: a usage error, as in add
    assert "no entity with the id or name 'no-bots-to-patrol' (did you mean 'no-boats-to-patrol-the-bay'" in result.stderr
    ambiguous = invoke("show", "kivuko-district", "-p", sample)
    assert ambiguous.exit_code == 2
    assert "'kivuko-district' could be more than one entity: 'kivuko-district-council'" in ambiguous.stderr


@pytest.mark.parametrize(
    "args, message",
    [
        (["add", "commitment", "--stakeholder", "minsitry", "--text", "x", "--horizon", "100", "--no-input"],
         "error: --stakeholder: no stakeholder with the id or name 'minsitry' (did you mean 'ministry-of-blue-economy-and-fisheries'?)"),
        (["update", "minsitry", "--status", "done"],
         "error: no commitment with the id or name 'minsitry' (did you mean 'ministry-of-blue-economy-and-fisheries-co-management-rules'"
         " (Finalise and gazette the fisheries co-management…)?)"),
        (["measure", "minsitry", "1", "2"], "error: no plan or commitment with the id or name 'minsitry' (did you mean"
         " 'ministry-of-blue-economy-and-fisheries-co-management-rules'"),
        (["show", "minsitry"], "error: no entity with the id or name 'minsitry' (did you mean 'ministry-of-blue-economy-and-fisheries',"
         " 'ministry-of-blue-economy-and-fisheries-co-management-rules'"),
        (["measure", "action-plan-100-day", "patrol crews", "1", "2"], "error: no action of plan action-plan-100-day is called"),
        (["list", "commitments", "--circle", "patrl"],
         "error: --circle: no circle with the id or name 'patrl' (did you mean 'patrol-and-enforcement-circle'?)"),
    ],
    ids=["add", "update", "measure", "show", "measure-action", "list"],
)
def test_a_mistyped_reference_is_a_usage_error_that_names_the_closest(invoke, sample, args, message):
    """The beginning of an id typed with two letters swapped: every command says what it could be, and
    exits 2 (the command was called wrongly), as SPEC says of usage errors."""
    before = {p: p.read_bytes() for p in sample.rglob("*.yaml")}
    result = invoke(*args, "-p", sample)
    assert result.exit_code == 2, result
    assert message in result.stderr
    assert {p: p.read_bytes() for p in sample.rglob("*.yaml")} == before


def test_list_filters_by_a_circle_named_as_people_type_it(invoke, sample):
    listed = invoke("list", "commitments", "--circle", "Patrol and Enforcement", "--format", "csv", "-p", sample)
    assert listed.exit_code == 0, listed
    assert [line.split(",")[0] for line in listed.stdout.splitlines()[1:]] == [
        "marine-police-unit-kivuko-station-joint-night-patrols"]


def test_numbers_out_of_range_are_said_plainly(invoke, sample, tmp_path):
    for args, message in [
        (["init", tmp_path / "a", "--days", "61", "--no-git"], "error: --days: 61 is more than 60, the most a retreat can have"),
        (["init", tmp_path / "a", "--days", "0", "--no-git"], "error: --days: 0 is less than 1: a retreat has at least one day"),
        (["init", tmp_path / "a", "--days", "three", "--no-git"], "error: --days: expected a whole number of days, got 'three'"),
        (["remind", "--within", "-3", "-p", sample],
         "error: --within: -3 is less than 0: give the number of days ahead to look, 0 for due today"),
        (["remind", "--within", "4000", "-p", sample], "error: --within: 4000 is more than 3650 (ten years)"),
    ]:
        result = invoke(*args)
        assert result.exit_code == 2, result
        assert message in result.stderr
        assert "Input should" not in result.stderr
    assert not (tmp_path / "a").exists()
    made = invoke("init", tmp_path / "b", "--days", "12", "--no-git", "--start", "2026-09-15")
    assert made.exit_code == 0, made
    assert invoke("check", "-p", tmp_path / "b").exit_code == 0


# -- field types and ids -------------------------------------------------------------------------


def test_time_accepts_quoted_and_yaml11_sexagesimal():
    assert Time().coerce("09:30") == 570
    assert Time().coerce(570) == 570  # what YAML 1.1 makes of an unquoted 9:30
    with pytest.raises(Invalid):
        Time().coerce("25:00")


def test_integer_and_date_coercion_from_cells():
    assert Integer(1, 5).coerce(4.0) == 4
    assert Integer(1, 5).coerce(" 3 ") == 3
    with pytest.raises(Invalid, match="from 1 to 5"):
        Integer(1, 5).coerce(True)
    assert Date().coerce(dt.datetime(2026, 1, 2)) == dt.date(2026, 1, 2)
    with pytest.raises(Invalid):
        Date().coerce("2026-1-2")


@pytest.mark.parametrize("typed, number", [
    ("6,5", 6.5), ("2500,50", 2500.5), ("0,250", 0.25), ("-0,5", -0.5),  # a decimal comma
    ("1 500 000", 1500000), ("1\u202f500\u202f000", 1500000), ("1 234,5", 1234.5),  # as French prints them
    ("1,234.5", 1234.5), ("1.234,5", 1234.5), ("1,234,567", 1234567), ("1.234.567", 1234567),
    ("12.5", 12.5), ("1.500", 1.5), (" 7 ", 7),
])
def test_numbers_are_read_as_people_type_them(typed, number):
    assert Number().coerce(typed) == number


@pytest.mark.parametrize("typed, message", [
    ("1,500", "'1,500' could be 1500 (a thousands comma) or 1.5 (a decimal comma): write 1500 or 1.5"),
    ("1_000", "expected a number, got the text '1_000'"),
    ("1.234.5", "expected a number, got the text '1.234.5'"),
    ("1 50", "expected a number, got the text '1 50'"),
])
def test_a_number_that_could_be_read_two_ways_is_refused(typed, message):
    with pytest.raises(Invalid) as refused:
        Number().coerce(typed)
    assert refused.value.message == message


def test_a_decimal_comma_is_measured_as_typed(invoke, sample):
    """'6,5' was once recorded as 65: a decimal comma is a decimal, and what is recorded is said."""
    result = invoke("measure", "action-plan-100-day", "1", "patrol boats", "2,5", "-p", sample)
    assert result.exit_code == 0, result
    assert "2.5" in result.stdout or "2,5" in result.stdout
    result = invoke("measure", "action-plan-100-day", "1", "patrol boats", "1,500", "-p", sample)
    assert result.exit_code != 0 and "could be 1500" in result.stderr


def test_ids_from_names():
    assert slugify("Ministère de la Pêche") == "ministere-de-la-peche"
    assert slugify("Straße & Söhne Ltd.") == "strasse-and-sohne-ltd"
    assert len(slugify("word " * 40)) <= 64
    assert unique_id("radio", {"radio", "radio-2"}) == "radio-3"
    # an elided French article is a word of its own; an English possessive is not
    assert slugify("Plan d'action à 100 jours") == "plan-d-action-a-100-jours"
    assert slugify("Patrouilles sur l’eau") == "patrouilles-sur-l-eau"
    assert slugify("Women's Group") == "womens-group"


def test_a_bug_is_one_line_not_a_traceback(invoke, make_project, monkeypatch):
    root = make_project()
    monkeypatch.delenv("SCALEPLUS_DEBUG")

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr("scaleplus_cli.validation.check", broken)
    result = invoke("check", "-p", root)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: internal error (ZeroDivisionError: division by zero)")


def test_name_keys_tell_apart_what_documents_tell_apart():
    from scaleplus_cli.ids import name_key

    assert name_key("Ministère de la Pêche") == name_key("ministere  de la PECHE")
    assert name_key("Sauti-ya-Pwani FM") == name_key("Sauti ya Pwani FM")
    assert name_key("C++ Club") != name_key("C Club")
    assert name_key("ወረዳ 3 ጤና ጣቢያ") != name_key("ወረዳ 3 ትምህርት ቤት")  # letters of every script count



def test_the_quick_name_key_of_ascii_text_is_the_long_ways():
    import itertools

    from scaleplus_cli.ids import _any_name_key, name_key

    ascii_ = [chr(c) for c in range(128)]
    for pair in itertools.product(ascii_, repeat=2):
        text = "A" + "".join(pair) + "b"
        assert name_key(text) == _any_name_key(text), repr(text)
    assert name_key("Women & Youth @ Sea -- O'Brien's  [Co-op]") == "women and youth at sea obriens co op"

def test_null_and_tilde_are_empty_not_text(make_project):
    root = make_project({"stakeholders/x.yaml": "name: X\nsector: media\norganization: null\ngroup: ~\nrole: 'null'\n"})
    s = load_project(root).stakeholders["x"]
    assert (s.organization, s.group, s.role) == (None, None, "null")


def test_list_and_show_warn_when_a_file_could_not_be_read(invoke, sample):
    path = sample / "commitments" / "bahari-fresh-fish-processors-ltd-no-undersize-octopus.yaml"
    path.write_text(path.read_text() + "status: [done\n")
    for args in (["list", "commitments"], ["show", "bahari-fresh-fish-processors-ltd-no-undersize-octopus"]):
        result = invoke(*args, "-p", sample)
        assert result.exit_code == 0
        assert "warning: commitments/bahari-fresh-fish-processors-ltd-no-undersize-octopus.yaml could not be read in full" in result.stderr


@pytest.mark.parametrize("columns", ["60", "80", "100", "120"])
def test_list_never_splits_an_id(invoke, sample, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    out = invoke("list", "commitments", "-p", sample).stdout
    ids = set(load_project(sample).commitments)
    assert all(len(line) <= int(columns) or line in ids for line in out.splitlines())  # an id is never cut
    for commitment_id in load_project(sample).commitments:
        assert commitment_id in out
