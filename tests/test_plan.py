"""`scaleplus plan`: the ranked table, JSON, and `--write`, which only ever adds what is new."""

import json
import textwrap

import pytest
import yaml
from conftest import BAY

from scaleplus_cli.store import load_project
from scaleplus_cli.workplans import HEADER

# What `plan --write --horizon 100` writes for BAY, worked out by hand: the two live 100-day commitments
# by due date (instrument from the first barrier, rules: governance), then the 100-day gaps in leverage
# order: rules 5x(3+3+2)+9 = 49 (only government), mistrust 6 (none live). The gap on boats (only
# government) gets none: plans/hundred.yaml already has an action on it that links no commitment.
HUNDRED = HEADER.format(horizon=100) + textwrap.dedent(
    """\
    title: Test Bay 100-day work plan
    horizon: 100
    start: 2026-09-15
    actions:
      - title: Patrol twice a week
        lead: office
        instrument: policy_reform
        barriers:
          - rules
          - boats
        commitments:
          - office-patrols
        start: 2026-09-15
        end: 2026-11-01
      - title: Night patrols
        lead: police
        instrument: policy_reform
        barriers:
          - rules
          - boats
        commitments:
          - police-nights
        start: 2026-09-15
        end: 2026-11-20
      - title: 'Technical assistance: Rules not enforced'
        partners:
          - office
          - police
        instrument: policy_reform
        barriers:
          - rules
        start: 2026-09-15
        end: 2026-12-24
      - title: 'Technical assistance: Mistrust'
        instrument: conflict_mediation
        barriers:
          - mistrust
        start: 2026-09-15
        end: 2026-12-24
    """
)


@pytest.fixture
def bay(make_project):
    return make_project(BAY)


def test_table_ranks_barriers_with_parts_and_gaps(bay, invoke):
    result = invoke("plan", "-p", bay)
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    rows = [line.split() for line in lines if line.strip()[:2] in ("1 ", "2 ", "3 ", "4 ")]
    # number, title words..., category, score, severity, raised, sectors, commitments, influence, gap
    assert rows[0][:9] == ["1", "Rules", "not", "enforced", "governance", "60", "5", "3", "3"]
    assert rows[1][:7] == ["2", "No", "patrol", "boats", "structural", "29", "4"]
    assert "GAP" in rows[1] and "GAP" not in rows[0]
    assert "score = severity x (raised by + sectors + commitments) + influence" in result.stdout
    assert "No patrol boats: only the government sector committed (Fisheries Office, Marine Police)" in result.stdout
    assert "Mistrust: no live commitment; suggested: conflict mediation, social marketing, education" in result.stdout
    assert "Sector coverage per barrier" in result.stdout


def test_coverage_table_marks_commitments_and_raisers(bay, invoke):
    result = invoke("plan", "-p", bay)
    cover = result.stdout[result.stdout.index("Sector coverage") :]
    row = next(line for line in cover.splitlines() if line.strip().startswith("Rules not enforced"))
    # Gov: 3 live commitments + raised; Comm: 1 + raised; Media: raised only (its show is done); 2 sectors
    assert row.split()[3:] == ["3r", "·", "·", "1r", "·", "r", "·", "·", "·", "2"]


def test_horizon_limits_the_commitments(bay, invoke):
    result = invoke("plan", "-p", bay, "--horizon", "1000", "--format", "json")
    by_id = {b["id"]: b for b in json.loads(result.stdout)}
    assert by_id["rules"]["score"] == 46 and by_id["rules"]["commitments"] == ["fishers-closure", "office-second"]
    assert by_id["boats"]["gap"] is True


def test_json_is_the_spec_shape_and_nothing_else(bay, invoke):
    result = invoke("plan", "-p", bay, "--format", "json")
    assert result.exit_code == 0
    barriers = json.loads(result.stdout)
    assert [b["id"] for b in barriers] == ["rules", "boats", "mistrust", "data"]
    first = barriers[0]
    assert (first["score"], first["gap"], first["instruments"]) == (60, False, ["policy_reform", "advocacy"])
    assert first["commitments"] == ["fishers-closure", "office-patrols", "office-second", "police-nights"]
    assert barriers[2]["gap"] is True


@pytest.mark.parametrize("args", [("--horizon", "5"), ("--format", "xml"), ("--horizon", "100d")])
def test_bad_options_are_usage_errors(bay, invoke, args):
    result = invoke("plan", "-p", bay, *args)
    assert result.exit_code == 2
    assert not (bay / "plans" / "work-plan-100-day.yaml").exists()


def test_a_project_with_errors_is_refused_and_its_errors_listed(make_project, invoke):
    root = make_project({**BAY, "commitments/bad.yaml": "stakeholder: nobody\ntext: x\nhorizon: 100\n"})
    for args in ((), ("--write",)):
        result = invoke("plan", "-p", root, *args)
        assert result.exit_code == 1
        assert "commitments/bad.yaml:1:14: error: stakeholder: no stakeholder with id 'nobody'" in result.stderr
        assert "fix it before planning" in result.stderr
    assert not (root / "plans" / "work-plan-100-day.yaml").exists()


# -- --write ----------------------------------------------------------------------------------------


def test_write_creates_the_work_plan_as_worked_out(bay, invoke):
    result = invoke("plan", "-p", bay, "--write", "--horizon", "100")
    assert result.exit_code == 0, result
    assert (bay / "plans" / "work-plan-100-day.yaml").read_text(encoding="utf-8") == HUNDRED
    assert "created with 2 actions for commitments and 2 technical-assistance actions for gaps" in result.stdout
    assert not (bay / "plans" / "work-plan-1000-day.yaml").exists()
    assert " 0 errors" in invoke("check", "-p", bay).stdout


def test_write_names_what_it_writes_in_the_documents_language(bay, invoke):
    """The plan's title and its technical-assistance actions are printed on the work plan: a French
    project gets them in French."""
    settings = bay / "scaleplus.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "language: fr\n", encoding="utf-8")
    result = invoke("plan", "-p", bay, "--write", "--horizon", "100")
    assert result.exit_code == 0, result
    plan = yaml.safe_load((bay / "plans" / "work-plan-100-day.yaml").read_text(encoding="utf-8"))
    assert plan["title"].endswith(" : plan de travail à 100 jours")
    titles = [action["title"] for action in plan["actions"]]
    assert "Assistance technique : Mistrust" in titles and not any("Technical" in t for t in titles)
    assert " 0 errors" in invoke("check", "-p", bay).stdout


def test_write_both_horizons_then_a_second_run_is_a_no_op(bay, invoke):
    first = invoke("plan", "-p", bay, "--write")
    assert first.exit_code == 0
    files = {p: p.read_bytes() for p in (bay / "plans").glob("work-plan-*.yaml")}
    assert sorted(p.name for p in files) == ["work-plan-100-day.yaml", "work-plan-1000-day.yaml"]
    thousand = (bay / "plans" / "work-plan-1000-day.yaml").read_text(encoding="utf-8")
    # 1000 days: office-second (due 2026-11-29) before fishers-closure (retreat + 1000 days); the gap on
    # mistrust (boats has its action in plans/hundred.yaml)
    titles = [line.strip() for line in thousand.splitlines() if line.startswith("  - title:")]
    assert titles == [
        "- title: Post the rules at every landing site",
        "- title: Close the reef for three months",
        "- title: 'Technical assistance: Mistrust'",
    ]
    assert "end: 2029-06-11" in thousand and "&" not in thousand and "*" not in thousand
    check = invoke("check", "-p", bay)
    assert check.exit_code == 0 and " 0 errors" in check.stdout

    again = invoke("plan", "-p", bay, "--write")
    assert again.exit_code == 0
    assert again.stdout.count("up to date, nothing new to add") == 2
    assert {p: p.read_bytes() for p in files} == files


def test_rerun_keeps_a_persons_edits_and_adds_only_what_is_new(bay, invoke):
    invoke("plan", "-p", bay, "--write", "--horizon", "100")
    path = bay / "plans" / "work-plan-100-day.yaml"
    # A facilitator retitles an action and a technical-assistance action, adds a comment, a budget and
    # an indicator in flow style, and deletes the gap action on mistrust.
    edited = (
        HUNDRED.replace("  - title: Patrol twice a week\n", "  - title: Twice-weekly patrols   # agreed 3 Oct\n")
        .replace("'Technical assistance: Rules not enforced'", "Legal adviser from the attorney general's office")
        .replace("    end: 2026-11-20\n", "    end: 2026-11-20\n    budget: 1200\n    funding: government\n"
                 "    indicators: [{name: Patrols, target: 8}]\n")
        .replace(
            "  - title: 'Technical assistance: Mistrust'\n    instrument: conflict_mediation\n    barriers:\n"
            "      - mistrust\n    start: 2026-09-15\n    end: 2026-12-24\n",
            "# Mistrust: the elders will handle it, no TA.\n",
        )
    )
    path.write_text(edited, encoding="utf-8")
    # A new commitment arrives, and its barrier (severity 4, one sector) is a new gap.
    (bay / "barriers" / "ice.yaml").write_text("title: No ice\ncategory: technology\nseverity: 4\n", encoding="utf-8")
    (bay / "commitments" / "trust-ice.yaml").write_text(
        "stakeholder: trust\ntext: Ice at cost\nbarriers: [ice]\nhorizon: 100\ndue: 2026-12-01\n", encoding="utf-8"
    )
    result = invoke("plan", "-p", bay, "--write", "--horizon", "100")
    assert result.exit_code == 0, result
    assert "added 1 action for commitments and 2 technical-assistance actions for gaps" in result.stdout
    added = textwrap.indent(
        textwrap.dedent(
            """\
            - title: Ice at cost
              lead: trust
              instrument: research
              barriers:
                - ice
              commitments:
                - trust-ice
              start: 2026-09-15
              end: 2026-12-01
            - title: 'Technical assistance: No ice'
              partners:
                - trust
              instrument: research
              barriers:
                - ice
              start: 2026-09-15
              end: 2026-12-24
            - title: 'Technical assistance: Mistrust'
              instrument: conflict_mediation
              barriers:
                - mistrust
              start: 2026-09-15
              end: 2026-12-24
            """
        ),
        "  ",
    )
    # Everything the person wrote stays byte for byte; the new actions come after the last action,
    # before the comment that ends the file. Their retitled technical-assistance action is not doubled.
    marker = "# Mistrust: the elders will handle it, no TA.\n"
    assert path.read_text(encoding="utf-8") == edited.replace(marker, added + marker)
    check = invoke("check", "-p", bay)
    assert " 0 errors" in check.stdout, check
    again = invoke("plan", "-p", bay, "--write", "--horizon", "100")
    assert "up to date" in again.stdout


def test_a_persons_own_action_on_a_gap_counts_as_its_technical_assistance(bay, invoke):
    (bay / "plans" / "work-plan-1000-day.yaml").write_text(
        "title: Our long plan\nhorizon: 1000\nactions:\n"
        "  - title: Ask the port authority for a boat\n    barriers: [boats]\n"
        "  - title: Elders' mediation days\n    barriers: [mistrust]\n"
        "  - title: Post the rules\n    commitments: [office-second]\n",
        encoding="utf-8",
    )
    result = invoke("plan", "-p", bay, "--write", "--horizon", "1000")
    assert "added 1 action for commitments and 0 technical-assistance actions for gaps" in result.stdout
    text = (bay / "plans" / "work-plan-1000-day.yaml").read_text(encoding="utf-8")
    assert text.count("title:") == 5 and "  - title: Close the reef for three months\n" in text


def test_crlf_file_stays_crlf(bay, invoke):
    path = bay / "plans" / "work-plan-1000-day.yaml"
    path.write_bytes(b"# ours\r\ntitle: Long plan\r\nhorizon: 1000\r\nactions:\r\n  - title: Post the rules\r\n    commitments: [office-second]\r\n")
    invoke("plan", "-p", bay, "--write", "--horizon", "1000")
    data = path.read_bytes()
    assert data.startswith(b"# ours\r\ntitle: Long plan\r\nhorizon: 1000\r\nactions:\r\n  - title: Post the rules\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert data.count(b"- title:") == 3  # fishers-closure, the gap on mistrust; boats has an action in hundred.yaml


def test_write_adds_nothing_another_plan_already_carries(bay, invoke):
    # A hand-written plan carries office-patrols and names mistrust, but only beside a commitment
    # (so it is not technical assistance); hundred.yaml's "Patrols" names boats and links none.
    (bay / "plans" / "ours.yaml").write_text(
        "title: Our plan\nhorizon: 100\nactions:\n"
        "  - title: Patrols with the fisheries office\n    barriers: [rules, mistrust]\n"
        "    commitments: [office-patrols]\n    budget: 800\n",
        encoding="utf-8",
    )
    result = invoke("plan", "-p", bay, "--write", "--horizon", "100")
    assert "created with 1 action for commitments and 2 technical-assistance actions for gaps" in result.stdout
    text = (bay / "plans" / "work-plan-100-day.yaml").read_text(encoding="utf-8")
    assert "- police-nights" in text and "office-patrols" not in text
    titles = [line.strip() for line in text.splitlines() if line.startswith("  - title:")]
    assert titles == [
        "- title: Night patrols",
        "- title: 'Technical assistance: Rules not enforced'",
        "- title: 'Technical assistance: Mistrust'",
    ]
    assert invoke("plan", "-p", bay, "--write", "--horizon", "100").stdout.count("up to date") == 1


def test_nothing_is_written_when_other_plans_have_it_all(bay, invoke):
    (bay / "plans" / "ours.yaml").write_text(
        "title: Our plan\nhorizon: 100\nactions:\n"
        "  - title: Patrols\n    commitments: [office-patrols, police-nights]\n"
        "  - title: A lawyer and a mediator\n    barriers: [rules, mistrust]\n",
        encoding="utf-8",
    )
    result = invoke("plan", "-p", bay, "--write", "--horizon", "100")
    assert result.exit_code == 0
    assert "not written, other plans have an action for every live 100-day commitment and gap" in result.stdout
    assert not (bay / "plans" / "work-plan-100-day.yaml").exists()


def test_a_file_it_cannot_extend_is_left_alone(bay, invoke):
    path = bay / "plans" / "work-plan-1000-day.yaml"
    text = "title: Long plan\nhorizon: 1000\nactions: [{title: Post the rules, commitments: [office-second]}]\n"
    path.write_text(text, encoding="utf-8")
    result = invoke("plan", "-p", bay, "--write", "--horizon", "1000")
    assert result.exit_code == 1
    assert "cannot make this change without rewriting lines you wrote" in result.stderr
    assert "nothing was changed" in result.stderr
    assert path.read_text(encoding="utf-8") == text


def test_write_with_json_keeps_stdout_for_the_json(bay, invoke):
    result = invoke("plan", "-p", bay, "--write", "--format", "json")
    assert result.exit_code == 0
    assert [b["id"] for b in json.loads(result.stdout)] == ["rules", "boats", "mistrust", "data"]
    assert "work-plan-100-day.yaml: created with" in result.stderr


def test_nothing_to_write_creates_no_file(make_project, invoke):
    root = make_project({"stakeholders/a.yaml": "name: A\nsector: media\n"})
    result = invoke("plan", "-p", root, "--write")
    assert result.exit_code == 0
    assert "not written, the 100-day horizon has no live commitment and no gap" in result.stdout
    assert not (root / "plans").exists() or not list((root / "plans").iterdir())


@pytest.mark.parametrize("taken", ["Test Bay 100-day work plan", "TEST BAY 100 DAY WORK PLAN", "Test Bäy: 100-day work-plan"])
def test_the_title_does_not_clash_with_another_plan(bay, invoke, taken):
    # The same name as `check` sees it: case, accents, spacing and separating punctuation aside.
    (bay / "plans" / "ours.yaml").write_text(f"title: '{taken}'\nhorizon: 100\nactions: []\n", encoding="utf-8")
    invoke("plan", "-p", bay, "--write", "--horizon", "100")
    assert "title: Test Bay 100-day work plan (2)\n" in (bay / "plans" / "work-plan-100-day.yaml").read_text(encoding="utf-8")
    check = invoke("check", "-p", bay)
    assert check.exit_code == 0 and " 0 errors" in check.stdout, check


def test_sample_project_plan_names_its_leverage_points_and_gaps(sample, invoke):
    barriers = json.loads(invoke("plan", "-p", sample, "--format", "json").stdout)
    assert barriers[0]["id"] == "fishing-rules-are-not-enforced"  # also first in the retreat's dot vote
    assert [b["id"] for b in barriers if b["gap"]] == [
        "bmu-leaders-lack-management-and-enforcement-skills",
        "overlapping-mandates-on-the-mangrove-shore",
    ]
    invoke("plan", "-p", sample, "--write")
    assert invoke("check", "-p", sample).exit_code == 0
    assert invoke("plan", "-p", sample, "--write").stdout.count("up to date") == 2


def test_sample_project_write_does_not_copy_the_commitments_its_plans_carry(sample, invoke):
    def carried():
        project = load_project(sample)
        return [c for plan in project.plans.values() for a in plan.actions for c in a.commitments]

    before = carried()
    live = {c.id for c in load_project(sample).commitments.values() if c.live}
    result = invoke("plan", "-p", sample, "--write")
    assert result.exit_code == 0, result
    # The hand-written action plans carry every live commitment already: the work plans only add the gaps.
    assert "work-plan-100-day.yaml: created with 0 actions for commitments and 6 technical-assistance" in result.stdout
    # (the co-management regulation is on hold: weak cooperatives have one live committing sector over 1000 days)
    assert "work-plan-1000-day.yaml: created with 0 actions for commitments and 4 technical-assistance" in result.stdout
    assert live <= set(before)
    assert carried() == before  # each carried as before: budgets and timelines count none of them twice


def column_cells(table: str, left: int, right: int) -> list[str]:
    """One column of a table read down the page, cell by cell: a row starts where the # column holds a number."""
    cells: list[list[str]] = []
    for line in table.splitlines():
        if line[:left].strip().isdigit():
            cells.append([])
        if cells:
            cells[-1].append(line[left:right].strip())
    return [" ".join(part for part in cell if part) for cell in cells]


@pytest.mark.parametrize("columns", [80, 60])
def test_a_narrow_terminal_shows_every_barrier_and_every_score_whole(sample, invoke, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    ranked = json.loads(invoke("plan", "-p", sample, "--format", "json").stdout)
    result = invoke("plan", "-p", sample)
    assert result.exit_code == 0, result
    assert max(len(line.rstrip()) for line in result.stdout.splitlines()) <= columns
    table = result.stdout[: result.stdout.index("score = severity")]
    # Too narrow for a column per part: the score shows its sum, 86 = 5×(4+3+6)+21, never cut.
    sums = [
        f"{b['score']} = {p['severity']}×({p['raised_by']}+{p['sectors']}+{p['commitments']})+{p['influence']}"
        for b in ranked
        for p in [b["parts"]]
    ]
    first = next(line for line in table.splitlines() if line.strip().startswith("1 "))
    left, right = first.index(ranked[0]["title"].split()[0]), first.index(sums[0])
    cells = column_cells(table, left, right)
    assert len(cells) == len(ranked) == 12
    for cell, barrier, total in zip(cells, ranked, sums):
        assert cell.startswith(barrier["title"] + " " + barrier["category"])  # its category and instruments below it
        assert total in table
    assert [line.split()[-1] for line in table.splitlines() if line.strip()[:1].isdigit()] == [
        "GAP" if b["gap"] else "-" for b in ranked
    ]
    # Coverage: one cell names the sectors, and each barrier keeps its count of committing sectors.
    cover = result.stdout[result.stdout.index("Sector coverage") :]
    first = next(line for line in cover.splitlines() if line.strip().startswith("Fishing rules"))
    # the ministry's regulation is on hold; the youth boat crews commit as partners of the joint patrols
    assert "Gov:3r Comm:3r" in first and first.split()[-1] == "2"


def test_a_wide_terminal_keeps_a_column_per_part_of_the_score(sample, invoke, monkeypatch):
    monkeypatch.setenv("COLUMNS", "160")
    out = invoke("plan", "-p", sample).stdout
    assert out.splitlines()[2].split() == [
        "#", "barrier", "category", "score", "sev", "raised", "sectors", "commit", "influence", "gap", "instruments"
    ]
    assert "  Fishing rules are not enforced " in out and "Gov   Priv   Civil" in out


def test_write_leaves_a_closed_window_alone_unless_forced(bay, invoke, monkeypatch):
    monkeypatch.setenv("SCALEPLUS_TODAY", "2027-01-10")  # the 100-day window closed on 2026-12-24
    result = invoke("plan", "--write", "-p", bay)
    assert result.exit_code == 0, result
    assert "plans/work-plan-100-day.yaml: not written, the 100-day window closed on 2026-12-24; give --force" in result.stdout
    assert not (bay / "plans" / "work-plan-100-day.yaml").exists()
    forced = invoke("plan", "--write", "--force", "--horizon", "100", "-p", bay)
    assert forced.exit_code == 0, forced
    assert (bay / "plans" / "work-plan-100-day.yaml").exists()
