"""`scaleplus report`: what a facilitator prints, read back from the files (never raw bytes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

DAY_1 = """
    days:
      - start: "08:30"
        sessions:
          - title: Welcome
            minutes: 30
            lead: Asha
            method: Plenary
          - title: Walk to the landing site
            start: "10:00"
            minutes: 90
            lead: Omari
      - date: 2026-09-20
        start: 9:00
        sessions:
          - title: Commitments
            minutes: 45
"""

PEOPLE = {
    "stakeholders/fisheries-office.yaml": """
        name: Fisheries Office
        sector: government
        representative: Ms. Asha Juma
        role: District Fisheries Officer
    """,
    "stakeholders/fishers.yaml": """
        name: Fishers' Cooperative
        sector: community
    """,
    "stakeholders/radio.yaml": """
        name: Bay Radio
        sector: media
    """,
    "barriers/no-patrols.yaml": """
        title: No patrols
        category: structural
        severity: 5
        raised_by: [fishers, fisheries-office]
        goals: [G1]
    """,
    "barriers/rules-unknown.yaml": """
        title: Rules unknown
        category: awareness
        severity: 2
    """,
    "commitments/office-boats.yaml": """
        stakeholder: fisheries-office
        text: Repair two patrol boats
        barriers: [no-patrols]
        horizon: 100
        status: in_progress
    """,
    "commitments/office-survey.yaml": """
        stakeholder: fisheries-office
        text: Run a stock survey
        horizon: 1000
        due: 2027-06-30
    """,
    "commitments/fishers-scouts.yaml": """
        stakeholder: fishers
        text: Provide eight patrol scouts
        barriers: [no-patrols]
        horizon: 100
    """,
    "plans/plan-100.yaml": """
        title: 100-day plan
        horizon: 100
        owner: Task force
        start: 2026-09-20
        actions:
          - title: Joint patrols
            lead: fisheries-office
            partners: [fishers]
            instrument: coordination
            barriers: [no-patrols]
            start: 2026-09-20
            end: 2026-11-30
            budget: 18500
            funding: donor
            indicators:
              - name: Patrols carried out
                unit: patrols
                baseline: 0
                target: 20
                actual: 2
                measurements:
                  - date: 2026-11-01
                    value: 5
    """,
}


def docx_text(path: Path) -> list[str]:
    """Every paragraph of the body, then every paragraph of every table cell."""
    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return lines


def section_numbering_start(section) -> str | None:
    """Where a Word section's page numbers start (None: they continue from the section before)."""
    from docx.oxml.ns import qn

    numbering = section._sectPr.find(qn("w:pgNumType"))
    return None if numbering is None else numbering.get(qn("w:start"))


def table_rows(path: Path) -> list[list[str]]:
    doc = Document(str(path))
    return [[c.text for c in row.cells] for t in doc.tables for row in t.rows]


def sheet_rows(path: Path, name: str) -> list[list]:
    return [list(r) for r in load_workbook(path)[name].iter_rows(values_only=True)]


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """Where the documents go (not made in advance)."""
    return tmp_path / "out"


@pytest.fixture
def project(make_project) -> Path:
    return make_project({"agenda.yaml": DAY_1, **PEOPLE})


def test_report_all_writes_every_document_and_prints_each_path(invoke, project):
    result = invoke("report", "-p", project)
    assert result.exit_code == 0, result
    names = ["agenda.docx", "agenda.md", "runsheet.docx", "runsheet.md", "commitments.docx", "commitments.md", "workplan.docx", "workplan.xlsx", "workplan.md"]
    for name in names:
        assert (project / "out" / name).is_file()
        assert f"out/{name}" in result.stdout
    assert len(result.stdout.strip().splitlines()) == len(names)


def test_agenda_times_are_computed_and_a_session_start_leaves_a_gap(invoke, project, out):
    assert invoke("report", "agenda", "-p", project, "--out", out).exit_code == 0
    md = (out / "agenda.md").read_text(encoding="utf-8")
    assert "Day 1: Tuesday 15 September 2026" in md  # retreat start
    assert "Day 2: Sunday 20 September 2026" in md  # its own date
    assert "| 08:30–09:00 | Welcome | Asha | Plenary |" in md
    assert "| 10:00–11:30 | Walk to the landing site | Omari |" in md
    assert "| 09:00–09:45 | Commitments |" in md
    rows = table_rows(out / "agenda.docx")
    assert ["Time", "Session", "Lead", "Method"] in rows
    assert any(r[0] == "10:00–11:30" and r[1].startswith("Walk to the landing site") and r[2] == "Omari" for r in rows)
    text = docx_text(out / "agenda.docx")
    assert "Town hall" in " ".join(text)
    assert any("15–16 September 2026" in t for t in text)


def test_commitment_sheets_one_page_per_stakeholder_with_due_dates_goals_and_signature(invoke, project, out):
    assert invoke("report", "commitments", "-p", project, "--out", out).exit_code == 0
    doc = Document(str(out / "commitments.docx"))
    text = "\n".join(docx_text(out / "commitments.docx"))
    assert "Fisheries Office" in text and "Fishers' Cooperative" in text
    assert "Bay Radio" in text and "No commitment yet: write the commitments" in text  # a blank sheet to fill in
    assert "Repair two patrol boats" in text
    assert "24 December 2026" in text  # 2026-09-15 + 100 days
    assert "30 June 2027" in text  # its own due date
    assert "Barriers: No patrols" in text
    assert "Common goals: G1 Fish stocks recover" in text
    assert "In progress" in text and "Pledged" in text
    assert "Signature, for Fisheries Office" in text and "Ms. Asha Juma" in text
    assert len(doc.sections) == 3  # each sheet a handout of its own, on a new page
    for section in doc.sections:
        assert section_numbering_start(section) == "1"  # numbered from its own first page
        footer = section.footer.paragraphs[0].text
        assert "Page " in footer and " of " not in footer  # not "Page 3 of 26"
    md = (out / "commitments.md").read_text(encoding="utf-8")
    assert md.index("## Fisheries Office") < md.index("## Fishers' Cooperative")  # sorted by name
    assert "Horizon: 100 days, due 24 December 2026" in md
    assert md.count("Signature: ____") == 3
    radio = md[md.index("## Bay Radio"):md.index("## Fisheries Office")]
    assert "1. ____" in radio and "4. ____" in radio


def test_commitment_sheets_leave_out_dropped_and_do_not_repeat_the_organisation(invoke, make_project, out):
    root = make_project({
        "stakeholders/radio.yaml": "name: Bay Radio\nsector: media\n",
        "commitments/radio-a.yaml": "stakeholder: radio\ntext: Weekly show\nhorizon: 100\n",
        "commitments/radio-b.yaml": "stakeholder: radio\ntext: Daily news\nhorizon: 100\nstatus: dropped\n",
    })
    assert invoke("report", "commitments", "-f", "docx", "-p", root, "--out", out).exit_code == 0
    doc = Document(str(out / "commitments.docx"))
    text = "\n".join(docx_text(out / "commitments.docx"))
    assert "Weekly show" in text and "Daily news" not in text
    signature = [[c.text for c in row.cells] for row in doc.tables[-1].rows]
    assert signature[1][0] == "Signature, for Bay Radio"  # no second "Bay Radio" under the line


def test_split_writes_one_file_per_stakeholder(invoke, project, out):
    result = invoke("report", "commitments", "--split", "-p", project, "--out", out)
    assert result.exit_code == 0, result
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.*") if not p.name.startswith("."))
    assert written == [
        "commitments/fisheries-office.docx",
        "commitments/fisheries-office.md",
        "commitments/fishers.docx",
        "commitments/fishers.md",
        "commitments/radio.docx",
        "commitments/radio.md",
    ]
    md = (out / "commitments" / "fishers.md").read_text(encoding="utf-8")
    assert "Provide eight patrol scouts" in md and "Repair two patrol boats" not in md


def test_workplan_word_has_goals_room_leverage_gaps_plans_timeline_and_indicators(invoke, project, out):
    assert invoke("report", "workplan", "-f", "docx", "-p", project, "--out", out).exit_code == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["workplan.docx"]
    text = "\n".join(docx_text(out / "workplan.docx"))
    rows = table_rows(out / "workplan.docx")
    assert "Fish stocks are falling." in text
    assert ["G1", "Fish stocks recover"] in rows
    assert ["Government", "1", "Fisheries Office"] in rows
    leverage = [r for r in rows if r[0] in ("1", "2") and len(r) == 7]
    assert leverage[0][1].startswith("No patrols") and leverage[1][1].startswith("Rules unknown")
    assert "Rules unknown" in text and "no live commitment works on it" not in text  # severity 2: no gap
    assert any(r[1].startswith("Joint patrols") and r[2] == "Fisheries Office" and r[5] == "18,500" and r[6] == "Donor" for r in rows)
    assert text.splitlines().count("100-day plan") == 2  # its heading, and its Gantt page's (tests/test_pictures.py)
    indicator = next(r for r in rows if r[1].startswith("Patrols carried out"))
    assert indicator[3:] == ["0", "20", "5\n1 Nov 2026", "25%"]  # latest measurement, not actual


def test_workplan_excel_sheets_dates_numbers_timeline(invoke, project, out):
    assert invoke("report", "workplan", "-f", "xlsx", "-p", project, "--out", out).exit_code == 0
    book = load_workbook(out / "workplan.xlsx")
    assert book.sheetnames == ["Actions", "Commitments", "Indicators", "Stakeholders", "Barriers", "Leverage", "Charts"]
    for ws in list(book)[:-1]:  # the tables (Charts is pictures)
        assert ws.freeze_panes in ("A2", "F2")
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws["A1"].font.bold
    actions = book["Actions"]
    header = [c.value for c in actions[1]]
    row = {h: c for h, c in zip(header, actions[2])}
    assert row["Action"].value == "Joint patrols"
    assert row["Start"].value == dt.datetime(2026, 9, 20) and row["Start"].is_date
    assert row["Budget"].value == 18500
    months = header[header.index("Funding") + 1 :]
    assert months == ["Sep 2026", "Oct 2026", "Nov 2026"]
    assert row["Status"].value == "In progress"  # its commitment is under way: hatched, as on the Gantt chart
    filled = [(c.fill.fill_type, c.fill.bgColor.rgb[-6:]) for c in actions[2][len(header) - 3 :]]
    assert filled == [("darkUp", "7FB8B4")] * 3
    commitments = sheet_rows(out / "workplan.xlsx", "Commitments")
    due = {r[1]: r[5] for r in commitments[1:]}
    assert due["Repair two patrol boats"] == dt.datetime(2026, 12, 24)
    indicators = sheet_rows(out / "workplan.xlsx", "Indicators")
    assert indicators[1][2:8] == ["Patrols carried out", "patrols", 0, 20, 5, 0.25]
    leverage = sheet_rows(out / "workplan.xlsx", "Leverage")
    assert leverage[0][:5] == ["Rank", "Barrier", "Category", "Score", "Severity"]
    assert leverage[1][1] == "No patrols" and isinstance(leverage[1][3], int)


def test_refuses_a_project_with_errors_unless_forced(invoke, make_project, out):
    root = make_project({**PEOPLE, "commitments/broken.yaml": "stakeholder: nobody\ntext: Ghost\nhorizon: 100\n"})
    refused = invoke("report", "-p", root, "--out", out)
    assert refused.exit_code == 1
    assert "commitments/broken.yaml:1:14: error: stakeholder: no stakeholder with id 'nobody'" in refused.stderr
    assert "fix it before rendering documents" in refused.stderr
    assert not (out).exists()
    forced = invoke("report", "-p", root, "--out", out, "--force")
    assert forced.exit_code == 0, forced
    assert "no agenda.yaml: the agenda and the run sheet were left out" in forced.stderr
    md = (out / "commitments.md").read_text(encoding="utf-8")
    assert "Repair two patrol boats" in md and "Ghost" not in md


@pytest.mark.parametrize(
    "args, message",
    [
        (["agenda", "--format", "xlsx"], "the agenda has no xlsx form (it has docx, md, pdf)"),
        (["workplan", "--split"], "--split applies to the commitment sheets only"),
        (["minutes"], "error: invalid value for 'document'"),
        (["--format", "odt"], "error: invalid value for '--format'"),
    ],
)
def test_bad_options_are_usage_errors(invoke, project, args, message):
    result = invoke("report", *args, "-p", project)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (project / "out").exists()


def test_out_that_is_a_file_is_refused(invoke, project, out):
    out.mkdir()
    (out / "taken").write_text("mine")
    result = invoke("report", "-p", project, "--out", out / "taken")
    assert result.exit_code == 2 and "is a file, not a folder" in result.stderr
    assert (out / "taken").read_text() == "mine"


def test_agenda_alone_without_agenda_file_is_an_error(invoke, make_project):
    result = invoke("report", "agenda", "-p", make_project(PEOPLE))
    assert result.exit_code == 1
    assert "no agenda.yaml" in result.stderr


def test_a_template_in_the_project_overrides_the_default(invoke, project, out):
    (project / "templates").mkdir()
    (project / "templates" / "agenda.md.j2").write_text(
        "OUR OWN {{ project.name }}{% for d in days %} / {{ d.date_text }}{% endfor %}.\n", encoding="utf-8"
    )
    assert invoke("report", "agenda", "-f", "md", "-p", project, "--out", out).exit_code == 0
    assert (out / "agenda.md").read_text(encoding="utf-8") == (
        "OUR OWN Test Bay / Tuesday 15 September 2026 / Sunday 20 September 2026.\n"
    )


def test_a_word_template_in_the_project_overrides_the_default(invoke, project, out):
    from docx import Document as NewDocument

    own = NewDocument()
    own.add_paragraph("Programme for {{ project.name }}")
    own.add_paragraph("{%p for day in days %}")
    own.add_paragraph("{{ day.title }} at {{ day.start }}")
    own.add_paragraph("{%p endfor %}")
    (project / "templates").mkdir()
    own.save(str(project / "templates" / "agenda.docx"))
    assert invoke("report", "agenda", "-f", "docx", "-p", project, "--out", out).exit_code == 0
    paragraphs = [p.text for p in Document(str(out / "agenda.docx")).paragraphs]
    assert paragraphs == ["Programme for Test Bay", "Day 1 at 08:30", "Day 2 at 09:00"]


def test_sample_project_renders_in_every_format(invoke, sample, out):
    result = invoke("report", "all", "-p", sample, "--out", out)
    assert result.exit_code == 0, result
    assert result.stderr == ""
    commitments = Document(str(out / "commitments.docx"))
    assert len(commitments.sections) == 26  # 26 stakeholders committed, one handout each
    text = "\n".join(docx_text(out / "workplan.docx"))
    assert "Kivuko Bay 100-day action plan" in text and "Kivuko Bay 1000-day action plan" in text
    assert "Coopérative des Pêcheuses de Mwamba" in text
    book = load_workbook(out / "workplan.xlsx")
    assert book["Commitments"].max_row == 39  # 38 commitments and the header
    assert book["Stakeholders"].max_row == 27
    for name in ("agenda.md", "commitments.md", "workplan.md"):
        assert "Kivuko Bay Living Coast" in (out / name).read_text(encoding="utf-8")


def test_a_plans_owner_is_named_not_an_id(invoke, sample, out):
    """A circle or a stakeholder owns a plan by its id in the file; documents show its name, and text
    that names neither as written."""
    plan = sample / "plans" / "action-plan-1000-day.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("owner: livelihoods-and-markets-circle",
                                                             "owner: kivuko-district-council"), encoding="utf-8")
    result = invoke("report", "workplan", "-p", sample, "--out", out)
    assert result.exit_code == 0, result
    markdown = (out / "workplan.md").read_text(encoding="utf-8")
    assert "**Owner:** Patrol and Enforcement Circle" in markdown
    assert "**Owner:** Kivuko District Council" in markdown
    assert "-circle" not in markdown and "**Owner:** kivuko-district" not in markdown
    word = "\n".join(docx_text(out / "workplan.docx"))
    assert "Owner  Patrol and Enforcement Circle" in word and "Owner  Kivuko District Council" in word
    assert "patrol-and-enforcement-circle" not in word


LABELS = {
    "stakeholders/blue-fund.yaml": """
        name: Blue Fund
        sector: donor
        organization: Blue Fund Trust
    """,
    "stakeholders/fr-ngowi.yaml": """
        name: Fr. Ngowi
        sector: faith_traditional
        representative: Fr. Ngowi
    """,
    "barriers/weak-coops.yaml": """
        title: Weak cooperatives
        category: organizational
        severity: 4
        description: |
          Cooperatives exist on paper but hold no meetings and keep no accounts, so members do not trust them,
          and they sell alone.
    """,
    "commitments/fund-grant.yaml": """
        stakeholder: blue-fund
        text: Grant for the cooperatives
        barriers: [weak-coops]
        horizon: 100
    """,
    "commitments/ngowi-homilies.yaml": """
        stakeholder: fr-ngowi
        text: Preach on care for the sea
        barriers: [weak-coops]
        horizon: 100
    """,
    "plans/plan-100.yaml": """
        title: 100-day plan
        horizon: 100
        start: 2026-09-20
        actions:
          - title: Cooperative grants
            lead: blue-fund
            barriers: [weak-coops]
            start: 2026-09-20
            end: 2027-09-30
            budget: 12000
            funding: donor
            indicators:
              - name: Closure breaches reported
                unit: cases
                baseline: 0
                target: 0
                measurements:
                  - date: 2026-11-01
                    value: 1
          - title: Boats lent by the lodge
            lead: fr-ngowi
            start: 2026-09-20
            end: 2026-12-20
            funding: in_kind
""",
}


def test_labels_say_one_stakeholder_a_group_a_funding_source_and_spell_one_way(invoke, make_project, out):
    root = make_project(LABELS)
    assert invoke("report", "-p", root, "--out", out).exit_code == 0
    sheets = (out / "commitments.md").read_text(encoding="utf-8")
    assert "**Sector:** Donor  \n" in sheets and "**Sector:** Faith & traditional leader  \n" in sheets  # one of them
    assert "**Organisation:** Blue Fund Trust" in sheets
    assert "Represented by" not in sheets  # Fr. Ngowi represents himself: his name is the title already
    text = docx_text(out / "commitments.docx")
    assert "Sector  Donor" in text and "Organisation  Blue Fund Trust" in text
    rows = table_rows(out / "workplan.docx")
    assert ["Donors", "1", "Blue Fund"] in rows and ["Faith & traditional leaders", "1", "Fr. Ngowi"] in rows  # groups
    assert any(r[0] == "100.1" and r[6] == "Donor" for r in rows)  # the funding source, not the sector
    assert any(r[0] == "100.2" and r[6] == "In kind" for r in rows)
    assert any(len(r) == 7 and r[1].startswith("Weak cooperatives") and r[2] == "Organisational" for r in rows)
    workplan = (out / "workplan.md").read_text(encoding="utf-8")
    assert "| Donors | 1 | Blue Fund |" in workplan
    assert "| 12,000 | Donor |" in workplan and "| In kind |" in workplan
    assert "Organizational" not in workplan and "| Organisational |" in workplan
    book = load_workbook(out / "workplan.xlsx")
    stakeholders = {r[0]: r[1] for r in book["Stakeholders"].iter_rows(min_row=2, values_only=True)}
    assert stakeholders == {"Blue Fund": "Donor", "Fr. Ngowi": "Faith & traditional leader"}
    assert book["Stakeholders"].column_dimensions["B"].width * 1.15 >= len("Faith & traditional leader")
    funding = [r[12] for r in book["Actions"].iter_rows(min_row=2, max_row=3, values_only=True)]
    assert funding == ["Donor", "In kind"]
    assert [r[1] for r in book["Barriers"].iter_rows(min_row=2, values_only=True)] == ["Organisational"]


def test_progress_towards_a_target_that_is_the_baseline_is_a_dash(invoke, make_project, out):
    root = make_project(LABELS)
    assert invoke("report", "workplan", "-p", root, "--out", out).exit_code == 0
    indicator = next(r for r in table_rows(out / "workplan.docx") if r[1].startswith("Closure breaches reported"))
    assert indicator[3:] == ["0", "0", "1\n1 Nov 2026", "—"]  # not 0%: 0 -> 0 has no way to go
    assert "| cases | 0 | 0 | 1 | — |" in (out / "workplan.md").read_text(encoding="utf-8")
    (row,) = sheet_rows(out / "workplan.xlsx", "Indicators")[1:]
    assert row[2:8] == ["Closure breaches reported", "cases", 0, 0, 1, None]


def test_excel_prints_readably_and_keeps_typed_lines(invoke, make_project, out):
    root = make_project(LABELS)
    assert invoke("report", "workplan", "-f", "xlsx", "-p", root, "--out", out).exit_code == 0
    book = load_workbook(out / "workplan.xlsx")
    actions = book["Actions"]
    assert actions.max_column == 13 + 13  # the action columns (the status among them) and 13 months of timeline
    assert actions.page_setup.fitToWidth == 2 and actions.page_setup.orientation == "landscape"
    assert actions.print_title_cols == "$C:$E"  # #, Action and Status on every page
    assert actions.print_title_rows == "$1:$1"
    barriers = book["Barriers"]
    header = [c.value for c in barriers[1]]
    description = barriers.cell(row=2, column=header.index("Description") + 1)
    typed = "Cooperatives exist on paper but hold no meetings and keep no accounts, so members do not trust them,"
    assert description.value == f"{typed}\nand they sell alone."  # as typed, line for line
    assert description.alignment.wrap_text
    width = barriers.column_dimensions[description.column_letter].width
    assert width * 1.15 >= len(typed)  # each typed line fits on one line of the cell


AFTER_MIDNIGHT = """
    days:
      - start: "22:00"
        sessions:
          - title: Night patrol drill
            minutes: 120
            lead: Omari
          - title: Debrief
            minutes: 90
"""


def test_forced_agenda_past_midnight_shows_the_next_day(invoke, make_project, out):
    root = make_project({"agenda.yaml": AFTER_MIDNIGHT})
    check = invoke("check", "-p", root)
    assert check.exit_code == 1 and "the day's sessions run past midnight" in check.stdout + check.stderr
    assert invoke("report", "agenda", "-p", root, "--out", out, "--force").exit_code == 0
    md = (out / "agenda.md").read_text(encoding="utf-8")
    assert "| 22:00–00:00 (+1 day) | Night patrol drill | Omari |" in md
    assert "| 00:00 (+1 day)–01:30 (+1 day) | Debrief |" in md
    assert "24:00" not in md and "25:30" not in md
    rows = table_rows(out / "agenda.docx")
    assert any(r[0] == "00:00 (+1 day)–01:30 (+1 day)" for r in rows)


def test_workbook_prints_with_title_date_page_numbers_and_a_named_font(invoke, project, out):
    assert invoke("report", "workplan", "-f", "xlsx", "-p", project, "--out", out).exit_code == 0
    book = load_workbook(out / "workplan.xlsx")
    for ws in book.worksheets:
        assert ws.oddHeader.left.text == "Test Bay: work plan" and ws.oddHeader.right.text == ws.title
        assert ws.oddFooter.left.text == "Prepared 22 November 2026" and ws.oddFooter.right.text == "Page &P of &N"
        assert ws.page_setup.orientation == "landscape"
    assert book["Actions"]["D2"].font.name == "Arial" and book["Actions"]["A1"].font.name == "Arial"


def test_plans_print_in_number_order_and_indicators_show_one_no_value_mark(invoke, make_project, out):
    root = make_project({
        "plans/b-first-by-date.yaml": "title: Zeta plan\nhorizon: 100\nstart: 2026-09-01\nactions:\n  - title: Early\n",
        "plans/a-later.yaml": (
            "title: Alpha plan\nhorizon: 100\nstart: 2026-10-01\nactions:\n  - title: Late\n"
            "    indicators:\n      - name: Boats\n        target: 4\n"
        ),
    })
    assert invoke("report", "workplan", "-f", "md", "-p", root, "--out", out).exit_code == 0
    md = (out / "workplan.md").read_text(encoding="utf-8")
    assert md.index("100A.1") < md.index("100B.1")  # a-later is 100A: printed first
    assert "| 100A.1 | Late | Boats |  |  | 4 | — | — |" in md  # not measured: the one mark, twice


def test_the_workbook_timeline_is_coloured_and_marked_by_status_with_its_key(invoke, make_project, tmp_path):
    root = make_project({
        "stakeholders/office.yaml": "name: Fisheries Office\nsector: government\n",
        "commitments/boats.yaml": "stakeholder: office\ntext: Boats\nhorizon: 100\nstatus: pledged\n",
        "commitments/radio.yaml": "stakeholder: office\ntext: Radio\nhorizon: 100\nstatus: done\n",
        "commitments/kilns.yaml": "stakeholder: office\ntext: Kilns\nhorizon: 100\nstatus: in_progress\n",
        "plans/p.yaml": """
            title: P
            horizon: 100
            actions:
              - {title: Late boats, commitments: [boats], start: 2026-09-20, end: 2026-10-30}
              - {title: Radio shows, commitments: [radio], start: 2026-09-20, end: 2026-10-30}
              - {title: Kilns, commitments: [kilns], start: 2026-10-01, end: 2026-12-20}
              - {title: Later, start: 2026-12-01, end: 2026-12-20}
        """,
    })
    out = tmp_path / "out"
    assert invoke("report", "workplan", "-f", "xlsx", "-p", root, "--out", out).exit_code == 0
    ws = load_workbook(out / "workplan.xlsx")["Actions"]
    headers = [c.value for c in ws[1]]
    status, months = headers.index("Status"), headers.index("Sep 2026")
    rows = {r[3].value: r for r in ws.iter_rows(min_row=2, max_row=5)}
    assert {k: r[status].value for k, r in rows.items()} == {
        "Late boats": "Overdue", "Radio shows": "Done", "Kilns": "In progress", "Later": "Planned"}
    late, done, kilns, later = (rows[k][months:months + 4] for k in ("Late boats", "Radio shows", "Kilns", "Later"))
    assert [c.value for c in late] == ["!", "!", None, None]  # September and October, marked
    assert [c.value for c in done] == ["✓", "✓", None, None]
    colours = {c.fill.bgColor.rgb[-6:] if c.fill.fill_type != "solid" else c.fill.fgColor.rgb[-6:]
               for c in (late[0], done[0], kilns[1], later[3])}
    assert colours == {"C0392B", "1F4E4C", "7FB8B4", "F4F7F7"}  # four fills, as on the Gantt chart
    assert late[0].fill.fill_type == "lightTrellis" and kilns[1].fill.fill_type == "darkUp"  # patterns, for grey prints
    assert kilns[0].value is None and kilns[0].fill.fill_type is None  # before it starts: empty
    assert [c.value for c in kilns[1:]] == ["»", "»", "»"] and [c.value for c in later] == [None] * 4
    column_d = [r[0].value for r in ws.iter_rows(min_row=6, min_col=4, max_col=4)]
    assert "Overdue: its end has passed and it is not done" in column_d and "Planned: not started yet" in column_d
    assert ws.oddFooter.right.text == "Page &P of &N"
    assert ws.oddFooter.center.text == "Timeline: ✓ done, » in progress, ! overdue, pale: planned"


def test_documents_waiting_for_pictures_render_last_and_are_listed_in_order(tmp_path, capsys):
    """The work plan's Word file waits for the drawing process: the others render meanwhile."""
    from scaleplus_cli.commands import write_documents
    from scaleplus_cli.render import OutputFile

    rendered = []

    def file(name: str, waits: bool = False) -> OutputFile:
        return OutputFile(tmp_path / "out" / name, lambda: rendered.append(name) or name, waits=waits)

    files = [file("agenda.md"), file("workplan.docx", waits=True), file("workplan.md")]
    write_documents(files, show_progress=False, root=tmp_path, folder=tmp_path / "out")
    assert rendered == ["agenda.md", "workplan.md", "workplan.docx"]
    assert [line.rsplit("/", 1)[-1] for line in capsys.readouterr().out.split()] == ["agenda.md", "workplan.docx", "workplan.md"]
    assert (tmp_path / "out" / "workplan.docx").read_text() == "workplan.docx"


def test_a_commitments_own_indicator_is_in_the_work_plan_and_the_bulletin(invoke, sample):
    """measure COMMITMENT INDICATOR VALUE records it: the documents show it with the plans' indicators."""
    result = invoke("measure", "mwamba-beach-management-unit-daily-catch", "records", "27", "--date", "2026-11-20",
                    "-p", sample)
    assert result.exit_code == 0, result
    assert invoke("report", "workplan", "-p", sample).exit_code == 0
    out = sample / "out"
    what = "Commitment of Mwamba Beach Management Unit: Record every landing at Mwamba every day"
    md = (out / "workplan.md").read_text(encoding="utf-8")
    row = next(line for line in md.splitlines() if "Days a month with catch records" in line)
    assert what in row and "| 27 | 90%" in row
    assert "Days a month with catch records" in "\n".join(docx_text(out / "workplan.docx"))
    sheet = load_workbook(out / "workplan.xlsx")["Indicators"]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert any(r[2] == "Days a month with catch records" and r[1].startswith(what) and r[6] == 27 for r in rows)
    assert invoke("report", "bulletin", "--format", "md", "--since", "2026-11-01", "-p", sample).exit_code == 0
    assert "Days a month with catch records" in (out / "bulletin.md").read_text(encoding="utf-8")
