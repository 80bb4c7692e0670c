"""`report bulletin`: what was delivered, by whom, how the indicators moved, and what is still open.

Today is 2026-11-22; the retreat started 2026-09-15.
"""

from __future__ import annotations

import pytest
from conftest import docx_text

STAKEHOLDERS = {
    "stakeholders/office.yaml": "name: Fisheries Office\nsector: government\nrepresentative: Joseph Mwakilema\n",
    "stakeholders/bmu.yaml": "name: Mwamba BMU\nsector: community\nrepresentative: Omari Kombo\n",
    "stakeholders/radio.yaml": "name: Sauti FM\nsector: media\n",
    "stakeholders/lodge.yaml": "name: Eco Lodge\nsector: private_sector\n",
}

COMMITMENTS = {
    # done on 2026-11-10, after being in progress since October
    "commitments/office-boats.yaml": """
        stakeholder: office
        text: Two patrol boats on the water
        horizon: 100
        status: done
        updates:
          - date: 2026-10-02
            note: Engines assessed.
            status: in_progress
          - date: 2026-11-10
            note: Both boats patrol twice a week.
            status: done
    """,
    # done on 2026-10-01, before a --since of November
    "commitments/bmu-closure.yaml": """
        stakeholder: bmu
        text: Three-month octopus closure
        horizon: 100
        status: done
        updates:
          - date: 2026-10-01
            note: Closure in force; flags on the reef.
            status: done
    """,
    # done, but nobody recorded when
    "commitments/radio-show.yaml": "stakeholder: radio\ntext: Weekly call-in show\nhorizon: 100\nstatus: done\n",
    "commitments/lodge-boat.yaml": """
        stakeholder: lodge
        text: Lend the lodge boat
        horizon: 100
        due: 2026-12-01
        status: in_progress
        updates:
          - date: 2026-11-15
            note: Boat lent on two weekends.
    """,
    "commitments/lodge-jobs.yaml": "stakeholder: lodge\ntext: Guide jobs\nhorizon: 100\ndue: 2026-11-01\nstatus: pledged\n",
    "commitments/lodge-walk.yaml": "stakeholder: lodge\ntext: Mangrove walk\nhorizon: 100\nstatus: dropped\n",
}

PLAN = """
    title: 100-day plan
    horizon: 100
    actions:
      - title: Patrol boats back on the water
        indicators:
          - name: Patrol boats in working order
            unit: boats
            baseline: 0
            target: 2
            measurements:
              - date: 2026-10-15
                value: 1
              - date: 2026-11-10
                value: 2
          - name: Joint patrols carried out
            unit: patrols
            baseline: 0
            target: 24
            measurements:
              - date: 2026-11-20
                value: 6
          - name: Share of fish that spoils
            unit: "%"
            baseline: 30
            target: 20
            measurements:
              - date: 2026-10-20
                value: 25
          - name: Disputes settled
            target: 60
"""


@pytest.fixture
def project(make_project):
    return make_project({**STAKEHOLDERS, **COMMITMENTS, "plans/hundred.yaml": PLAN})


def test_bulletin_since_the_retreat(project, invoke):
    result = invoke("report", "bulletin", "-p", project)
    assert result.exit_code == 0, result
    assert "out/bulletin.docx" in result.stdout and "out/bulletin.md" in result.stdout
    md = (project / "out/bulletin.md").read_text(encoding="utf-8")
    assert md.startswith("# Test Bay: progress bulletin\n")
    assert "since the retreat began on 15 September 2026" in md
    assert (
        "**3 commitments delivered by 3 champions from 3 sectors, 4 progress updates recorded,"
        " and 3 shared indicators measured again." in md
    )
    delivered = md[md.index("## Delivered") : md.index("## Our champions")]
    assert "1. **Fisheries Office** (Government), 10 November 2026: Two patrol boats on the water" in delivered
    assert "Both boats patrol twice a week." in delivered
    assert "2. **Mwamba BMU** (Community), 1 October 2026: Three-month octopus closure" in delivered
    assert "3. **Sauti FM** (Media): Weekly call-in show" in delivered
    assert "Lend the lodge boat" not in delivered and "Mangrove walk" not in delivered
    champions = md[md.index("## Our champions") : md.index("## Our shared indicators")]
    # 3 of the 4 sectors in the room delivered: not yet the whole system
    assert (
        "Champions come from 3 of the 4 sectors in the room (Government, Community and Media):"
        " the system is starting to move together." in champions
    )
    assert "whole system" not in champions
    assert "- **Fisheries Office** (Joseph Mwakilema), Government\n- **Mwamba BMU** (Omari Kombo), Community\n" in champions
    assert champions.endswith("\n\n")  # a blank line before the next heading
    assert "Eco Lodge" not in champions
    indicators = md[md.index("## Our shared indicators") : md.index("## Latest updates")]
    assert "| Patrol boats in working order (target reached) | 0 boats | 2 boats (10 Nov 2026) | 2 boats | ■■■■■■■■■■ 100% |" in indicators
    assert "| Share of fish that spoils | 30% | 25% (20 Oct 2026) | 20% | ■■■■■□□□□□ 50% |" in indicators
    assert "| Joint patrols carried out | 0 patrols | 6 patrols (20 Nov 2026) | 24 patrols | ■■■□□□□□□□ 25% |" in indicators
    assert indicators.index("Patrol boats") < indicators.index("Share of fish") < indicators.index("Joint patrols")
    assert "Disputes settled" not in indicators
    assert "1 other indicator has not been measured in this period yet." in indicators
    updates = md[md.index("## Latest updates") : md.index("## Still open")]
    assert updates.index("15 November 2026, **Eco Lodge**: Boat lent on two weekends.") < updates.index(
        "10 November 2026, **Fisheries Office** (done): Both boats patrol twice a week."
    )
    still_open = md[md.index("## Still open") :]
    assert "Of 6 commitments, 3 are done (50%), 1 in progress and 1 pledged; 1 was set aside." in still_open
    assert "1 is past its date: the team is following up" in still_open
    assert "- 1 December 2026: **Eco Lodge**, Lend the lodge boat" in still_open
    assert "{{" not in md and "{%" not in md


def test_since_a_later_date_leaves_out_what_came_before(project, invoke):
    result = invoke("report", "bulletin", "--since", "2026-11-01", "--format", "md", "-p", project)
    assert result.exit_code == 0, result
    assert not (project / "out/bulletin.docx").exists()
    md = (project / "out/bulletin.md").read_text(encoding="utf-8")
    assert "since 1 November 2026" in md
    assert "**1 commitment delivered by 1 champion, 2 progress updates recorded, and 2 shared indicators measured again" in md
    assert "Three-month octopus closure" not in md  # done on 1 October
    assert "Weekly call-in show" not in md  # done, date unknown: counted since the retreat only
    assert "Engines assessed." not in md
    assert "Share of fish that spoils" not in md.split("## Latest updates")[0].split("## Our shared indicators")[1]


def test_a_quiet_period_still_reads_well(project, invoke):
    result = invoke("report", "bulletin", "--since", "2026-11-21", "--format", "md", "-p", project)
    assert result.exit_code == 0, result
    md = (project / "out/bulletin.md").read_text(encoding="utf-8")
    assert "**0 progress updates recorded. The first deliveries are on their way.**" in md
    assert "Nothing was marked done in this period yet." in md
    assert "## Our champions" not in md
    assert "No indicator has been measured in this period yet." in md
    assert "No update was recorded in this period." in md


def test_word_bulletin(project, invoke):
    result = invoke("report", "bulletin", "--format", "docx", "-p", project)
    assert result.exit_code == 0, result
    text = docx_text(project / "out/bulletin.docx")
    assert "Progress bulletin · 22 November 2026" in text
    assert "News for everyone in the system, since the retreat began on 15 September 2026" in text
    assert "3 commitments delivered by 3 champions from 3 sectors, 4 progress updates recorded" in text
    assert "Fisheries Office\nGovernment · 10 Nov 2026 | Two patrol boats on the water\nBoth boats patrol twice a week." in text
    assert "Champions come from 3 of the 4 sectors in the room (Government, Community and Media)" in text
    assert "Patrol boats in working order | 0 boats | 2 boats\n10 Nov 2026 | 2 boats | ■■■■■■■■■■ 100%" in text
    assert "15 Nov 2026 | Eco Lodge | Boat lent on two weekends." in text
    assert "1 Dec 2026 | Eco Lodge | Lend the lodge boat" in text
    assert "{{" not in text and "{%" not in text


@pytest.mark.parametrize(
    "args, message",
    [
        (["bulletin", "--since", "1 Nov"], "--since: expected a date (YYYY-MM-DD)"),
        (["bulletin", "--format", "xlsx"], "--format xlsx: the progress bulletin has no xlsx form"),
        (["workplan", "--since", "2026-11-01"], "--since applies to the bulletin only"),
        (["bulletin", "--since", "2026-11-23"], "--since 2026-11-23 is after today (2026-11-22)"),
    ],
)
def test_bad_options(project, invoke, args, message):
    result = invoke("report", *args, "-p", project)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (project / "out").exists()


def test_the_sample_bulletin(sample, invoke):
    result = invoke("report", "bulletin", "--format", "md", "-p", sample)
    assert result.exit_code == 0, result
    md = (sample / "out/bulletin.md").read_text(encoding="utf-8")
    assert "**7 commitments delivered by 7 champions from 6 sectors, 24 progress updates recorded" in md
    assert "Mwamba Beach Management Unit** (Community), 1 October 2026" in md
    assert "Landing sites with bylaw boards (target reached)" in md


def test_champions_of_one_sector_are_not_called_the_whole_system(make_project, invoke):
    root = make_project(
        {
            **STAKEHOLDERS,
            "stakeholders/council.yaml": "name: District Council\nsector: government\n",
            "stakeholders/fund.yaml": "name: Blue Fund\nsector: donor\n",
            "commitments/office-boats.yaml": COMMITMENTS["commitments/office-boats.yaml"],
            "commitments/council-fuel.yaml": "stakeholder: council\ntext: Fuel budget\nhorizon: 100\nstatus: done\n",
            "commitments/council-bylaw.yaml": "stakeholder: council\ntext: Bylaw review\nhorizon: 100\nstatus: done\n",
        }
    )
    result = invoke("report", "bulletin", "--format", "md", "-p", root)
    assert result.exit_code == 0, result
    md = (root / "out/bulletin.md").read_text(encoding="utf-8")
    champions = md[md.index("## Our champions") : md.index("## Our shared indicators")]
    assert (
        "So far both champions come from one sector, Government; deliveries from the other sectors"
        " will show the whole system moving together." in champions
    )
    assert "- **District Council**, Government: 2 commitments delivered\n- **Fisheries Office**" in champions


def test_champions_from_every_sector_in_the_room(make_project, invoke):
    files = ("stakeholders/office.yaml", "stakeholders/bmu.yaml", "commitments/office-boats.yaml", "commitments/bmu-closure.yaml")
    root = make_project({name: {**STAKEHOLDERS, **COMMITMENTS}[name] for name in files})
    assert invoke("report", "bulletin", "--format", "md", "-p", root).exit_code == 0
    md = (root / "out/bulletin.md").read_text(encoding="utf-8")
    assert (
        "Champions come from both sectors in the room (Government and Community):"
        " proof that the whole system is moving together." in md
    )


def test_an_indicator_whose_target_is_its_baseline_shows_a_dash(make_project, invoke):
    plan = """
        title: 100-day plan
        horizon: 100
        actions:
          - title: Closure
            indicators:
              - name: Closure breaches
                baseline: 0
                target: 0
                measurements:
                  - date: 2026-11-01
                    value: 1
    """
    root = make_project({"plans/hundred.yaml": plan})
    assert invoke("report", "bulletin", "-p", root).exit_code == 0
    md = (root / "out/bulletin.md").read_text(encoding="utf-8")
    assert "| Closure breaches | 0 | 1 (1 Nov 2026) | 0 | — |" in md  # not 0%
    assert "Closure breaches | 0 | 1\n1 Nov 2026 | 0 | —" in docx_text(root / "out/bulletin.docx")


@pytest.mark.parametrize(
    ("code", "unit", "unit_one", "row"),
    [
        ("en", "boats", "boat", "| Boats | 0 boats | 1 boat (1 Nov 2026) | 2 boats |"),
        # French counts 0 and 1 (and 1.5) as one; Spanish and Portuguese only 1
        ("fr", "bateaux", "bateau", "| Boats | 0 bateau | 1 bateau (1er nov. 2026) | 2 bateaux |"),
        ("es", "barcos", "barco", "| Boats | 0 barcos | 1 barco (1 nov 2026) | 2 barcos |"),
        ("pt", "barcos", "barco", "| Boats | 0 barcos | 1 barco (1 nov. 2026) | 2 barcos |"),
        ("en", "%", None, "| Boats | 0% | 1% (1 Nov 2026) | 2% |"),  # one form: after every number (% as English writes it)
        ("fr", "%", None, "| Boats | 0\u00a0% | 1\u00a0% (1er nov. 2026) | 2\u00a0% |"),
    ],
)
def test_a_unit_agrees_with_its_number_in_every_language(make_project, invoke, code, unit, unit_one, row):
    one = f"\n                unit_one: {unit_one}" if unit_one else ""
    plan = f"""
        title: 100-day plan
        horizon: 100
        actions:
          - title: Boats
            indicators:
              - name: Boats
                unit: "{unit}"{one}
                baseline: 0
                target: 2
                measurements:
                  - date: 2026-11-01
                    value: 1
    """
    root = make_project({"plans/hundred.yaml": plan})
    settings = root / "scaleplus.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"language: {code}\n", encoding="utf-8")
    assert invoke("report", "bulletin", "-p", root).exit_code == 0
    md = (root / "out/bulletin.md").read_text(encoding="utf-8")
    assert row in md


def test_quantity_follows_each_language_s_plural_rule():
    from scaleplus_cli.documents.formatting import language, quantity

    fr, en, pt = language("fr"), language("en"), language("pt")
    assert fr.quantity(1.5, "bateaux", "bateau") == "1,5 bateau" and en.quantity(1.5, "boats", "boat") == "1.5 boats"
    assert fr.quantity(2, "bateaux", "bateau") == "2 bateaux" and pt.quantity(0, "barcos", "barco") == "0 barcos"
    assert en.quantity(1, "boats") == "1 boats"  # a project that gives one form keeps it (as before)
    assert en.quantity(None, "boats", "boat") == "" and en.quantity(3, None) == "3"
    assert quantity(1, "boats", "boat") == "1 boat" and quantity(1200, "boats", "boat") == "1,200 boats"
