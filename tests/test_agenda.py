"""The facilitator's agenda: breaks only where the agenda says so, each day's theme and objective,
time with no session shown, columns empty all day left out; and the run sheet with notes and materials."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

AGENDA = """
    days:
      - start: "09:00"
        theme: Who is in the room
        objective: Every sector heard.
        sessions:
          - title: Our shared history
            minutes: 120
            notes: Start with the elders.
            materials: Brown paper, 8 m
          - title: Tea
            minutes: 30
            kind: break
          - title: Lunch
            minutes: 60
            kind: meal
          - title: Field walk
            start: "14:00"
            minutes: 90
            lead: Omari
            method: Walk in mixed groups
      - start: "09:00"
        sessions:
          - title: Open space
            minutes: 180
"""


@pytest.fixture
def project(make_project):
    return make_project({"agenda.yaml": AGENDA})


def shaded(cell) -> str | None:
    from docx.oxml.ns import qn

    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return shd.get(qn("w:fill")) if shd is not None else None


def test_only_breaks_and_meals_print_as_breaks(invoke, project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("report", "agenda", "-f", "docx", "-p", project, "--out", out).exit_code == 0
    doc = Document(str(out / "agenda.docx"))
    rows = {row.cells[1].paragraphs[0].text: row for t in doc.tables for row in t.rows[1:]}
    # a two-hour session with no lead or method, and a whole day of one, are sessions, not breaks
    assert shaded(rows["Our shared history"].cells[0]) == "FFFFFF"
    assert shaded(rows["Open space"].cells[0]) == "FFFFFF"
    assert shaded(rows["Tea"].cells[0]) == "EEF3F3" and shaded(rows["Lunch"].cells[0]) == "EEF3F3"
    assert shaded(rows["Field walk"].cells[0]) == "FFFFFF"


def test_gap_theme_objective_and_hidden_columns(invoke, project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("report", "agenda", "-p", project, "--out", out).exit_code == 0
    doc = Document(str(out / "agenda.docx"))
    text = [p.text for p in doc.paragraphs]
    assert "Who is in the room" in text and any(t.startswith("Objective") and "Every sector heard." in t for t in text)
    headers = [[c.text for c in t.rows[0].cells] for t in doc.tables]
    assert headers == [["Time", "Session", "Lead", "Method"], ["Time", "Session"]]  # day 2 has no lead, no method
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert ["12:30–14:00", "No session (1 h 30 min)", "", ""] in rows
    md = (out / "agenda.md").read_text(encoding="utf-8")
    assert "| 12:30–14:00 | *No session (1 h 30 min)* |  |  |" in md
    assert "| Time | Session |\n|---|---|\n| 09:00–12:00 | Open space |" in md
    assert "| 11:00–11:30 | *Tea* |" in md
    assert "**Who is in the room**" in md and "*Objective:* Every sector heard." in md


def test_run_sheet_has_notes_materials_and_leads(invoke, project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("report", "runsheet", "-p", project, "--out", out)
    assert result.exit_code == 0, result
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["runsheet.docx", "runsheet.md"]
    doc = Document(str(out / "runsheet.docx"))
    assert doc.sections[0].page_width > doc.sections[0].page_height  # landscape
    rows = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    assert rows[0] == ["Time", "Session", "Lead", "Materials", "Notes"]
    history = next(r for r in rows if r[1].startswith("Our shared history"))
    assert history[3:] == ["Brown paper, 8 m", "Start with the elders."]
    walk = next(r for r in rows if r[1].startswith("Field walk"))
    assert walk[2] == "Omari" and "Walk in mixed groups" in walk[1]
    md = (out / "runsheet.md").read_text(encoding="utf-8")
    assert "Brown paper, 8 m | Start with the elders. |" in md


def test_unknown_session_kind_is_a_check_error(invoke, make_project) -> None:
    root = make_project({"agenda.yaml": "days:\n  - sessions:\n      - title: Tea\n        minutes: 15\n        kind: coffee\n"})
    result = invoke("check", "-p", root)
    assert result.exit_code == 1
    assert "agenda.yaml:5:15: error:" in result.stdout and "coffee" in result.stdout


def test_init_marks_its_breaks_and_meals(invoke, tmp_path: Path) -> None:
    root = tmp_path / "new"
    assert invoke("init", root, "--name", "Bay", "--no-git").exit_code == 0
    text = (root / "agenda.yaml").read_text(encoding="utf-8")
    assert "kind: meal" in text and "kind: break" in text and "theme:" in text
    assert invoke("check", "-p", root).exit_code == 0


def test_a_day_not_planned_yet_says_so_instead_of_an_empty_table(invoke, make_project, tmp_path: Path) -> None:
    """A retreat longer than the agenda init writes gets its further days empty, to plan."""
    root = make_project({"agenda.yaml": AGENDA + '      - start: "09:00"\n        sessions: []\n'})
    out = tmp_path / "out"
    for document in ("agenda", "runsheet"):
        assert invoke("report", document, "-p", root, "--out", out).exit_code == 0
        doc = Document(str(out / f"{document}.docx"))
        assert len(doc.tables) == 2  # days 1 and 2; day 3 has none
        text = [p.text for p in doc.paragraphs]
        assert text.count("Sessions to be planned.") == 1 and "Day 3" in " ".join(text)
        md = (out / f"{document}.md").read_text(encoding="utf-8")
        assert md.count("| Time |") == 2 and md.count("*Sessions to be planned.*") == 1
