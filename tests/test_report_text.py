"""Text arrives exactly: markup characters, quotes, any script and line breaks appear in every
document as typed; formulas never; characters Word and Excel cannot hold are dropped, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

TRICKY = "Fish & chips <b>not bold</b> \"double\" 'single' — Pêche 漁業 صيد الأسماك"
SECOND_LINE = "Second line: Ωμέγα"
FORMULAS = ["=1+1 Traders", "+255 Fishers", "-Minus Co", "@bay Crew"]

FILES = {
    "stakeholders/tricky.yaml": f"""
        name: '{TRICKY.replace("'", "''")}'
        sector: community
        representative: Amélie Kahindi
    """,
    **{f"stakeholders/s{n}.yaml": f'name: "{name}"\nsector: private_sector\n' for n, name in enumerate(FORMULAS)},
    "barriers/b.yaml": f"""
        title: "{FORMULAS[0]} barrier"
        category: economic
        severity: 4
        raised_by: [tricky]
    """,
    "commitments/tricky-one.yaml": f"""
        stakeholder: tricky
        text: |
          {TRICKY}
          {SECOND_LINE}
        barriers: [b]
        horizon: 100
        resources: "bell and escape and nul end"
    """,
    "commitments/formula.yaml": """
        stakeholder: s0
        text: "=SUM(A1:A9)"
        horizon: 1000
    """,
    "plans/p.yaml": f"""
        title: "@plan <one> & co"
        horizon: 100
        actions:
          - title: '{TRICKY.replace("'", "''")}'
            lead: tricky
            start: 2026-10-01
            end: 2026-11-01
            indicators:
              - name: "-count of boats"
                unit: "<boats>"
                baseline: 0
                target: 4
    """,
    "agenda.yaml": f"""
        days:
          - sessions:
              - title: '{TRICKY.replace("'", "''")}'
                minutes: 60
                lead: "+Mzee & Bi."
                method: |-
                  Plenary
                  then groups
    """,
}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    """Every document of the tricky project, rendered once."""
    import textwrap

    from typer.testing import CliRunner

    from conftest import MINIMAL
    from scaleplus_cli.cli import app

    root = tmp_path_factory.mktemp("tricky") / "project"
    for rel, text in {**MINIMAL, **FILES}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    out = root / "out"
    result = CliRunner().invoke(app, ["report", "-p", str(root), "--out", str(out)], env={"SCALEPLUS_TODAY": "2026-11-22"})
    assert result.exit_code == 0, result.output
    return out


def word_paragraphs(path: Path) -> list[str]:
    doc = Document(str(path))
    cells = [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    return [p.text for p in doc.paragraphs] + cells


def test_word_holds_markup_quotes_scripts_and_line_breaks(rendered):
    texts = word_paragraphs(rendered / "commitments.docx")
    assert TRICKY in texts  # the sheet's title: the stakeholder's name
    assert f"{TRICKY}\n{SECOND_LINE}" in texts  # the line break is a real break in Word
    agenda = word_paragraphs(rendered / "agenda.docx")
    assert TRICKY in agenda and "+Mzee & Bi." in agenda and "Plenary\nthen groups" in agenda
    workplan = word_paragraphs(rendered / "workplan.docx")
    assert "@plan <one> & co" in workplan
    assert TRICKY in workplan and "-count of boats" in workplan and "<boats>" in workplan


def test_word_drops_control_characters(rendered):
    texts = word_paragraphs(rendered / "commitments.docx")
    assert "Resources: bell and escape and nul end" in texts


def markdown_page(path) -> tuple[str, list[tuple[str, str]]]:
    """A Markdown file as a CommonMark renderer (with GitHub tables) shows it: the HTML, and each
    element's tag with its text."""
    from html.parser import HTMLParser

    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(path.read_text(encoding="utf-8"))
    elements: list[list[str]] = []
    open_: list[list[str]] = []

    class Reader(HTMLParser):
        def handle_starttag(self, tag, attrs):
            element = [tag, ""]
            elements.append(element)
            if tag not in ("br", "hr"):
                open_.append(element)

        def handle_startendtag(self, tag, attrs):  # <br />: nothing to close
            elements.append([tag, ""])

        def handle_endtag(self, tag):
            if open_:
                open_.pop()

        def handle_data(self, data):
            for element in open_:  # an element's text holds its children's
                element[1] += data

    Reader().feed(html)
    return html, [(tag, text.strip("\n")) for tag, text in elements]


def test_markdown_holds_the_text_as_typed(rendered):
    html, elements = markdown_page(rendered / "commitments.md")
    assert ("h2", TRICKY) in elements  # a heading that reads as typed
    assert "<b>" not in html and "<i>" not in html
    text = "\n".join(t for _, t in elements)
    assert TRICKY in text and SECOND_LINE in text and "=SUM(A1:A9)" in text
    html, elements = markdown_page(rendered / "agenda.md")
    cells = [t for tag, t in elements if tag == "td"]
    assert TRICKY in cells and "+Mzee & Bi." in cells
    html, elements = markdown_page(rendered / "workplan.md")
    assert ("h3", "@plan <one> & co") in elements


def test_markdown_keeps_markup_in_user_text_as_text(make_project, invoke, tmp_path):
    root = make_project({
        "stakeholders/fish.yaml": "name: '*Fish* <b>Ltd</b> [x](http://e.example) `code` ~~gone~~'\nsector: community\n",
        "commitments/fish-a.yaml": (
            "stakeholder: fish\nhorizon: 100\ntext: \"# Lessons\\n- not a list\\n1. not numbered\\n> not a quote"
            "\\rsecond | piped\"\n"
        ),
    })
    out = tmp_path / "out"
    assert invoke("report", "commitments", "-f", "md", "-p", root, "--out", out).exit_code == 0
    html, elements = markdown_page(out / "commitments.md")
    tags = {tag for tag, _ in elements}
    assert ("h2", "*Fish* <b>Ltd</b> [x](http://e.example) `code` ~~gone~~") in elements
    assert not {"em", "b", "a", "code", "del", "blockquote"} & tags
    text = "\n".join(t for _, t in elements)
    assert "# Lessons\n- not a list\n1. not numbered\n> not a quote\nsecond | piped" in text.replace("\r", "")
    from scaleplus_cli.render.markdown import escape

    assert escape("ok\x07\x1b[31m") == "ok\\[31m"  # control characters (check refuses them) never reach a file


def test_excel_keeps_formula_like_text_as_text(rendered):
    book = load_workbook(rendered / "workplan.xlsx")
    names = {c.value: c for c in book["Stakeholders"]["A"][1:]}
    for name in FORMULAS:
        assert names[name].data_type == "s", name
    commitments = {row[1].value: row[1] for row in book["Commitments"].iter_rows(min_row=2)}
    assert commitments["=SUM(A1:A9)"].data_type == "s"
    assert commitments[f"{TRICKY}\n{SECOND_LINE}"].data_type == "s"  # the final line end of a | block is YAML's
    assert book["Indicators"]["C2"].value == "-count of boats" and book["Indicators"]["C2"].data_type == "s"
    assert book["Actions"]["A2"].value == "@plan <one> & co"
    assert book["Barriers"]["A2"].value == "=1+1 Traders barrier"
    for ws in book:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula"


def test_the_writers_drop_control_characters_that_check_would_refuse():
    from scaleplus_cli.render.excel import cell_value
    from scaleplus_cli.render.word import clean

    assert cell_value("bell\a and escape\x1b and nul\0 end") == "bell and escape and nul end"
    assert clean("bell\a and escape\x1b and nul\0 end") == "bell and escape and nul end"


def test_control_characters_in_the_project_name_are_refused_before_a_workbook_is_written(invoke, make_project, tmp_path):
    root = make_project({"scaleplus.yaml": 'name: "Kivuko\\x01Bay"\nchallenge: C\nretreat:\n  start: 2026-09-15\n'})
    out = tmp_path / "out"
    result = invoke("report", "workplan", "--format", "xlsx", "-p", root, "--out", out)
    assert result.exit_code == 1
    assert "scaleplus.yaml:1:7: error: name: the text holds a control character (U+0001, control)" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "content", "args", "expected"),
    [
        ("agenda.md.j2", "# {{ project.name }\n", ["report", "agenda", "--format", "md"], "templates/agenda.md.j2:1: the template cannot be used:"),
        ("agenda.md.j2", "{{ no_such_thing.x }}\n", ["report", "agenda", "--format", "md"], "templates/agenda.md.j2: the template cannot be used: 'no_such_thing' is undefined"),
        ("agenda.docx", "not a word file", ["report", "agenda", "--format", "docx"], "templates/agenda.docx: the template cannot be used:"),
        ("reminder.md.j2", "{% if %}\n", ["remind"], "templates/reminder.md.j2:1: the template cannot be used:"),
    ],
)
def test_a_broken_project_template_is_named_not_a_crash(invoke, make_project, tmp_path, monkeypatch, name, content, args, expected):
    monkeypatch.delenv("SCALEPLUS_DEBUG")
    root = make_project({
        "agenda.yaml": "days:\n  - sessions:\n      - title: Opening\n        minutes: 30\n",
        "stakeholders/s.yaml": "name: S\nsector: media\n",
        "commitments/c.yaml": "stakeholder: s\ntext: T\nhorizon: 100\ndue: 2026-11-01\n",
        f"templates/{name}": content,
    })
    result = invoke(*args, "-p", root, "--out", tmp_path / "out")
    assert result.exit_code == 1, result
    assert expected in result.stderr
    assert "internal error" not in result.stderr


def test_one_of_a_kind_reads_in_the_singular_and_two_plans_of_a_horizon_number_apart(invoke, make_project, tmp_path):
    from docx import Document

    root = make_project({
        "stakeholders/s.yaml": "name: S\nsector: media\n",
        "commitments/c.yaml": "stakeholder: s\ntext: T\nhorizon: 100\n",
        "plans/a.yaml": "title: Plan A\nhorizon: 100\nactions:\n  - title: First of A\n",
        "plans/b.yaml": "title: Plan B\nhorizon: 100\nactions:\n  - title: First of B\n",
    })
    out = tmp_path / "out"
    assert invoke("report", "workplan", "-p", root, "--out", out, "--force").exit_code == 0
    doc = "\n".join(p.text for p in Document(str(out / "workplan.docx")).paragraphs)
    assert "1 stakeholder from 1 sector made 1 commitment" in doc
    md = (out / "workplan.md").read_text(encoding="utf-8")
    assert "1 stakeholder from 1 sector made 1 commitment" in md
    assert "100A.1" in md and "100B.1" in md
    assert invoke("report", "bulletin", "-p", root, "--out", out, "--format", "md", "--force").exit_code == 0
    assert "Of 1 commitment, " in (out / "bulletin.md").read_text(encoding="utf-8")
