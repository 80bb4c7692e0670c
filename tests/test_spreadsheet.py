"""The spreadsheet round trip as a facilitator lives it: export, edit cells, import, see exactly what changed."""

from __future__ import annotations

import difflib
from pathlib import Path

import openpyxl
import yaml
import pytest

from scaleplus_cli.spreadsheet import column_letter, columns

FISHERIES = "kivuko-district-fisheries-office"
BOATS = "kivuko-district-fisheries-office-two-patrol-boats"
RULES = "fishing-rules-are-not-enforced"


def files(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of the project: its bytes and modification time."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def workbook(sample: Path, invoke, tmp_path: Path) -> Path:
    """The sample project exported to sp.xlsx beside it."""
    path = tmp_path / "sp.xlsx"
    result = invoke("export", path, "-p", sample)
    assert result.exit_code == 0, result
    assert result.stdout.strip().endswith("sp.xlsx")
    return path


def cell(ws, entity_id: str, column: str):
    """The cell of an entity's row under a header, found as a person would: by id and header."""
    header = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == entity_id:
            return row[header.index(column)]
    raise AssertionError(f"{entity_id} not on the sheet")


def col(folder: str, field: str) -> str:
    """The letter of a field's column in the exported sheet."""
    return column_letter(columns(folder).index(field) + 1)


def row_of(folder: str, **values) -> list:
    """A sheet row with these fields in their columns, the others empty."""
    names = columns(folder)
    return [values.get(name) for name in names[: max(names.index(k) for k in values) + 1]]


def edit(path: Path, change) -> None:
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)


def diff(before: bytes, after: bytes) -> list[str]:
    lines = difflib.unified_diff(before.decode().splitlines(), after.decode().splitlines(), lineterm="", n=0)
    return [line for line in lines if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def changed(before: dict, root: Path) -> dict[str, list[str]]:
    after = files(root)
    return {rel: diff(before.get(rel, (b"", 0))[0], data) for rel, (data, _) in after.items() if before.get(rel, (None,))[0] != data}


# -- export ---------------------------------------------------------------------------------------


def test_export_has_a_sheet_per_kind_with_every_field(workbook: Path, sample: Path):
    wb = openpyxl.load_workbook(workbook)
    assert wb.sheetnames[:4] == ["stakeholders", "barriers", "commitments", "circles"]
    stakeholders = wb["stakeholders"]
    assert [c.value for c in stakeholders[1]] == [
        "id", "name", "sector", "organization", "representative", "role", "group", "email", "phone",
        "influence", "interest", "parent", "champion", "notes", "language",
    ]
    assert [c.value for c in wb["commitments"][1]] == [
        "id", "stakeholder", "partners", "circle", "text", "barriers", "horizon", "due", "every", "resources", "status",
    ]
    assert [c.value for c in wb["circles"][1]] == [
        "id", "name", "kind", "lead", "members", "barriers", "goals", "meets", "notes",
    ]
    assert stakeholders.max_row == 1 + len(list((sample / "stakeholders").glob("*.yaml")))
    assert cell(stakeholders, FISHERIES, "influence").value == 5
    assert cell(stakeholders, FISHERIES, "notes").value.startswith("Four fisheries assistants for nine landing sites")
    barriers = wb["barriers"]
    assert cell(barriers, RULES, "raised_by").value == (
        "mwamba-beach-management-unit; kivuko-district-fisheries-office; wakivuko-fishing-families-council;"
        " sauti-ya-pwani-fm"
    )
    due = cell(wb["commitments"], BOATS, "due")
    assert due.is_date and due.value.date().isoformat() == "2026-12-15"
    assert stakeholders.freeze_panes == "B2" and barriers.freeze_panes == "B2"


def test_export_offers_choices_and_ranges(workbook: Path):
    wb = openpyxl.load_workbook(workbook)
    rules = {str(dv.sqref).split(":")[0][:-1]: dv for dv in wb["stakeholders"].data_validations.dataValidation}
    assert rules["C"].type == "list" and "faith_traditional" in rules["C"].formula1  # sector
    assert (rules["J"].type, rules["J"].formula1, rules["J"].formula2) == ("whole", "1", "5")  # influence
    rules = {str(dv.sqref).split(":")[0][:-1]: dv for dv in wb["commitments"].data_validations.dataValidation}
    assert rules[col("commitments", "horizon")].formula1 == '"100,1000"'
    assert rules[col("commitments", "status")].formula1 == '"pledged,in_progress,on_hold,done,dropped"'
    rules = {str(dv.sqref).split(":")[0][:-1]: dv for dv in wb["barriers"].data_validations.dataValidation}
    assert "organizational" in rules["C"].formula1 and rules["E"].formula2 == "5"  # category, severity


def test_text_that_looks_like_a_formula_stays_text(sample: Path, invoke, tmp_path: Path):
    path = sample / "stakeholders" / f"{FISHERIES}.yaml"
    path.write_text(path.read_text().replace("role: District Fisheries Officer", "role: '=HYPERLINK(\"x\")'"))
    out = tmp_path / "sp.xlsx"
    assert invoke("export", out, "-p", sample).exit_code == 0
    role = cell(openpyxl.load_workbook(out)["stakeholders"], FISHERIES, "role")
    assert role.value == '=HYPERLINK("x")' and role.data_type == "s"
    before = files(sample)
    result = invoke("import", out, "-p", sample)
    assert result.exit_code == 0, result
    assert files(sample) == before


def test_export_refuses_a_value_excel_cannot_hold(sample: Path, invoke, tmp_path: Path):
    path = sample / "stakeholders" / f"{FISHERIES}.yaml"
    path.write_text(path.read_text().replace("role: District Fisheries Officer", 'role: "Officer \\a"'))
    result = invoke("export", tmp_path / "sp.xlsx", "-p", sample)
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("role:"))
    assert f"stakeholders/{FISHERIES}.yaml:{line}:7: error: role: the text holds a control character (U+0007, bell)" in result.stderr
    assert not (tmp_path / "sp.xlsx").exists()


def test_text_numbers_flags_and_dates_come_back_from_the_workbook_as_written(sample: Path, invoke, tmp_path: Path):
    path = sample / "stakeholders" / f"{FISHERIES}.yaml"
    text = path.read_text()
    text = text.replace("role: District Fisheries Officer", "role: '  Officer & <deputy> > clerk  '")
    text = text.replace("group: Government", 'group: "Pêche \U0001F41F\tcôte"\nchampion: true')
    path.write_text(text)
    out = tmp_path / "sp.xlsx"
    assert invoke("export", out, "-p", sample).exit_code == 0
    sheet = openpyxl.load_workbook(out)["stakeholders"]
    assert cell(sheet, FISHERIES, "role").value == "  Officer & <deputy> > clerk  "
    assert cell(sheet, FISHERIES, "group").value == "Pêche \U0001F41F\tcôte"
    assert cell(sheet, FISHERIES, "champion").value is True
    assert cell(sheet, FISHERIES, "influence").value == 5
    notes = cell(sheet, FISHERIES, "notes")
    assert notes.value.splitlines()[1].startswith("The office's two patrol boats")
    assert notes.alignment.wrap_text and notes.alignment.vertical == "top"
    assert sheet.row_dimensions[notes.row].height == 90  # three lines, each wrapping once at 55 characters
    assert cell(sheet, FISHERIES, "role").alignment.vertical == "top"  # a tall row's cells start at the top
    header = sheet["A1"]
    assert header.font.bold and header.fill.fgColor.rgb.endswith("1F4E78")
    due = cell(openpyxl.load_workbook(out)["commitments"], BOATS, "due")
    assert due.is_date and due.number_format == "yyyy-mm-dd" and due.value.date().isoformat() == "2026-12-15"
    before = files(sample)
    result = invoke("import", out, "-p", sample)
    assert result.exit_code == 0, result
    assert files(sample) == before


def test_export_refuses_a_character_no_workbook_can_hold(sample: Path, invoke, tmp_path: Path):
    path = sample / "stakeholders" / f"{FISHERIES}.yaml"
    path.write_text(path.read_text().replace("role: District Fisheries Officer", 'role: "Officer \\uFFFF"'))
    result = invoke("export", tmp_path / "sp.xlsx", "-p", sample)
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("role:"))
    assert f"stakeholders/{FISHERIES}.yaml:{line}:7: error: role: it holds a character a workbook cannot hold (U+FFFF)" in result.stderr
    assert not (tmp_path / "sp.xlsx").exists()


def test_export_does_not_replace_a_workbook_unless_forced(workbook: Path, sample: Path, invoke):
    edit(workbook, lambda wb: setattr(cell(wb["stakeholders"], FISHERIES, "influence"), "value", 2))
    result = invoke("export", workbook, "-p", sample)
    assert result.exit_code == 2 and "--force" in result.stderr
    assert cell(openpyxl.load_workbook(workbook)["stakeholders"], FISHERIES, "influence").value == 2
    assert invoke("export", workbook, "--force", "-p", sample).exit_code == 0
    assert cell(openpyxl.load_workbook(workbook)["stakeholders"], FISHERIES, "influence").value == 5


def test_export_wants_an_xlsx_name(sample: Path, invoke, tmp_path: Path):
    result = invoke("export", tmp_path / "sp.csv", "-p", sample)
    assert result.exit_code == 2 and "ending in .xlsx" in result.stderr


# -- the round trip -------------------------------------------------------------------------------


def test_unchanged_workbook_writes_nothing(workbook: Path, sample: Path, invoke):
    before = files(sample)
    result = invoke("import", workbook, "-p", sample)
    assert result.exit_code == 0, result
    assert result.stdout.splitlines() == [
        "stakeholders: 0 created, 0 updated, 26 unchanged",
        "barriers: 0 created, 0 updated, 12 unchanged",
        "commitments: 0 created, 0 updated, 38 unchanged",
        f"circles: 0 created, 0 updated, {len(list((sample / 'circles').glob('*.yaml')))} unchanged",
    ]
    assert files(sample) == before  # bytes and modification times


def test_one_cell_changes_one_line_of_one_file(workbook: Path, sample: Path, invoke):
    edit(workbook, lambda wb: setattr(cell(wb["stakeholders"], FISHERIES, "influence"), "value", 4))
    before = files(sample)
    result = invoke("import", workbook, "--kind", "stakeholders", "-p", sample)
    assert result.exit_code == 0, result
    assert changed(before, sample) == {f"stakeholders/{FISHERIES}.yaml": ["-influence: 5", "+influence: 4"]}
    assert f"updated stakeholders/{FISHERIES}.yaml (influence)" in result.stdout.replace(str(sample) + "/", "")
    assert "stakeholders: 0 created, 1 updated, 25 unchanged" in result.stdout


def test_one_line_of_multiline_text_changes_one_line(workbook: Path, sample: Path, invoke):
    def change(wb):
        notes = cell(wb["stakeholders"], FISHERIES, "notes")
        # A spreadsheet keeps no trailing line break once a person has edited the cell.
        notes.value = notes.value.replace("Four fisheries assistants", "Five fisheries assistants").rstrip("\n")

    edit(workbook, change)
    before = files(sample)
    assert invoke("import", workbook, "-p", sample).exit_code == 0
    assert changed(before, sample) == {
        f"stakeholders/{FISHERIES}.yaml": [
            "-  Four fisheries assistants for nine landing sites and about 60 km of coast.",
            "+  Five fisheries assistants for nine landing sites and about 60 km of coast.",
        ]
    }


def test_commitment_change_keeps_comment_and_progress_log(workbook: Path, sample: Path, invoke):
    edit(workbook, lambda wb: setattr(cell(wb["commitments"], BOATS, "status"), "value", "done"))
    before = files(sample)
    assert invoke("import", workbook, "--kind", "commitments", "-p", sample).exit_code == 0
    assert changed(before, sample) == {f"commitments/{BOATS}.yaml": ["-status: in_progress", "+status: done"]}


def test_list_cell_change_removes_one_line(workbook: Path, sample: Path, invoke):
    def change(wb):
        raised = cell(wb["barriers"], RULES, "raised_by")
        raised.value = raised.value.replace("; sauti-ya-pwani-fm", "")

    edit(workbook, change)
    before = files(sample)
    assert invoke("import", workbook, "-p", sample).exit_code == 0
    assert changed(before, sample) == {f"barriers/{RULES}.yaml": ["-  - sauti-ya-pwani-fm"]}


def test_new_rows_create_files_that_may_refer_to_each_other(workbook: Path, sample: Path, invoke):
    def change(wb):
        wb["stakeholders"].append(row_of("stakeholders", name="Kivuko Women Fish Traders", sector="civil_society",
                                         representative="Amina Said", phone="0700 123", influence=3, interest=5))
        wb["barriers"].append(["no-ice-at-landing-sites", "No ice at the landing sites", "economic", None, 4,
                               "kivuko-women-fish-traders"])
        wb["commitments"].append(row_of("commitments", stakeholder="kivuko-women-fish-traders",
                                        text="Run an ice stall at Mwamba", barriers="no-ice-at-landing-sites", horizon=100))

    edit(workbook, change)
    before = files(sample)
    result = invoke("import", workbook, "-p", sample)
    assert result.exit_code == 0, result
    assert "stakeholders: 1 created, 0 updated, 26 unchanged" in result.stdout
    assert "commitments: 1 created, 0 updated, 38 unchanged" in result.stdout
    assert (sample / "stakeholders/kivuko-women-fish-traders.yaml").read_text() == (
        "name: Kivuko Women Fish Traders\nsector: civil_society\nrepresentative: Amina Said\n"
        "phone: 0700 123\ninfluence: 3\ninterest: 5\n"
    )
    assert (sample / "barriers/no-ice-at-landing-sites.yaml").read_text() == (
        "title: No ice at the landing sites\ncategory: economic\nseverity: 4\nraised_by:\n"
        "  - kivuko-women-fish-traders\n"
    )
    assert (sample / "commitments/kivuko-women-fish-traders-run-an-ice-stall.yaml").read_text() == (
        "stakeholder: kivuko-women-fish-traders\ntext: Run an ice stall at Mwamba\nbarriers:\n"
        "  - no-ice-at-landing-sites\nhorizon: 100\nstatus: pledged\n"
    )
    assert set(changed(before, sample)) == {
        "stakeholders/kivuko-women-fish-traders.yaml",
        "barriers/no-ice-at-landing-sites.yaml",
        "commitments/kivuko-women-fish-traders-run-an-ice-stall.yaml",
    }
    assert invoke("check", "-p", sample).exit_code == 0
    again = invoke("import", workbook, "-p", sample)  # the new rows have no id: they would be added twice
    assert again.exit_code == 1
    assert "name: another stakeholder is named 'Kivuko Women Fish Traders' (stakeholders/kivuko-women-fish-traders.yaml)" in again.stderr
    assert "text: the same stakeholder already made this commitment (commitments/kivuko-women-fish-traders-run-an-ice-stall.yaml)" in again.stderr


def test_new_rows_may_be_named_by_name_or_beginning_in_the_same_import(workbook: Path, sample: Path, invoke):
    """A new stakeholder without an id, a new circle (its sheet comes after the commitments) and a
    renamed barrier, each named in a commitment's cell as people type them."""

    def change(wb):
        wb["stakeholders"].append(row_of("stakeholders", name="Kivuko Women Traders Network", sector="civil_society"))
        wb["circles"].append(row_of("circles", name="Cold Chain Circle", kind="action_circle"))
        cell(wb["barriers"], RULES, "title").value = "Nobody enforces the fishing rules"
        wb["commitments"].append(row_of("commitments", stakeholder="Kivuko Women Traders", circle="Cold Chain Circle",
                                        partners="Kivuko Women Traders Network",
                                        text="Run a savings group", barriers="Nobody enforces the", horizon=100))

    edit(workbook, change)
    dry = invoke("import", workbook, "-p", sample, "--dry-run", "--allow-renames")
    assert dry.exit_code == 0, dry
    assert "would create" in dry.stdout and "kivuko-women-traders-network-run-a-savings-group.yaml" in dry.stdout
    result = invoke("import", workbook, "-p", sample, "--allow-renames")
    assert result.exit_code == 0, result
    made = yaml.safe_load((sample / "commitments/kivuko-women-traders-network-run-a-savings-group.yaml").read_text())
    assert made["stakeholder"] == "kivuko-women-traders-network"
    assert made["partners"] == ["kivuko-women-traders-network"]
    assert made["circle"] == "cold-chain-circle"
    assert made["barriers"] == [RULES]


def test_a_reference_to_two_rows_of_the_same_import_is_ambiguous(workbook: Path, sample: Path, invoke):
    def change(wb):
        wb["stakeholders"].append(row_of("stakeholders", name="Kivuko Women Traders Network", sector="civil_society"))
        wb["stakeholders"].append(row_of("stakeholders", id="kwt-union", name="Kivuko Women Traders Union",
                                         sector="civil_society"))
        wb["commitments"].append(row_of("commitments", stakeholder="Kivuko Women Traders",
                                        text="Run a savings group", horizon=100))

    edit(workbook, change)
    before = files(sample)
    result = invoke("import", workbook, "-p", sample, "--dry-run")
    assert result.exit_code == 1
    assert (
        "sp.xlsx:40:B: error: commitments: stakeholder: 'Kivuko Women Traders' could be more than one stakeholder:"
        " 'kivuko-women-traders-network', 'kwt-union' (Kivuko Women Traders Union);"
        " type more of its id or name"
    ) in result.stderr
    assert files(sample) == before


def test_csv_with_bom_semicolons_and_loose_headers(sample: Path, invoke, tmp_path: Path):
    path = tmp_path / "door.csv"
    path.write_bytes(
        "\ufeffID;Name;Sector;Influence;Group\n"
        ";Mwamba Youth Divers;community;2;Youth\n"
        f"{FISHERIES};;;4;\n".encode("utf-8")
    )
    before = files(sample)
    result = invoke("import", path, "--kind", "stakeholders", "-p", sample)
    assert result.exit_code == 0, result
    assert "stakeholders: 1 created, 1 updated, 0 unchanged" in result.stdout
    assert changed(before, sample) == {
        f"stakeholders/{FISHERIES}.yaml": ["-influence: 5", "+influence: 4"],
        "stakeholders/mwamba-youth-divers.yaml": [
            "+name: Mwamba Youth Divers", "+sector: community", "+group: Youth", "+influence: 2",
        ],
    }


def test_csv_with_commas_and_header_spaces(sample: Path, invoke, tmp_path: Path):
    path = tmp_path / "barriers.csv"
    path.write_text(f'id,Raised By,severity\n{RULES},"sauti-ya-pwani-fm; kivuko-district-fisheries-office",5\n')
    assert invoke("import", path, "--kind", "barriers", "-p", sample).exit_code == 0
    assert "raised_by:\n  - sauti-ya-pwani-fm\n  - kivuko-district-fisheries-office\ngoals:" in (
        sample / f"barriers/{RULES}.yaml"
    ).read_text()


def test_a_project_with_no_barriers_yet_round_trips(make_project, invoke, tmp_path: Path):
    root = make_project({"stakeholders/fisheries.yaml": "name: Fisheries office\nsector: government\n"})
    path = tmp_path / "new.xlsx"
    assert invoke("export", path, "-p", root).exit_code == 0
    before = files(root)
    result = invoke("import", path, "-p", root)
    assert result.exit_code == 0, result
    assert "barriers: 0 created, 0 updated, 0 unchanged" in result.stdout
    assert files(root) == before
    result = invoke("import", path, "--kind", "barriers", "-p", root)
    assert result.exit_code == 1
    assert "new.xlsx:2:A: error: the sheet has a header but no rows to import" in result.stderr


def test_csv_needs_a_kind(sample: Path, invoke, tmp_path: Path):
    path = tmp_path / "x.csv"
    path.write_text("name,sector\nA,media\n")
    result = invoke("import", path, "-p", sample)
    assert result.exit_code == 2 and "--kind" in result.stderr


def test_dry_run_lists_what_would_change_and_writes_nothing(workbook: Path, sample: Path, invoke):
    def change(wb):
        cell(wb["stakeholders"], FISHERIES, "interest").value = 3
        wb["stakeholders"].append([None, "Kivuko Boat Builders", "private_sector"])

    edit(workbook, change)
    before = files(sample)
    result = invoke("import", workbook, "--dry-run", "-p", sample)
    assert result.exit_code == 0, result
    out = result.stdout.replace(str(sample) + "/", "")
    assert f"would update stakeholders/{FISHERIES}.yaml (interest)" in out
    assert "would create stakeholders/kivuko-boat-builders.yaml" in out
    assert "stakeholders: 1 created, 1 updated, 25 unchanged" in out and "nothing was written" in out
    assert files(sample) == before


def test_empty_cells_leave_values_unless_clear_empty(workbook: Path, sample: Path, invoke):
    edit(workbook, lambda wb: setattr(cell(wb["stakeholders"], FISHERIES, "email"), "value", None))
    before = files(sample)
    assert invoke("import", workbook, "-p", sample).exit_code == 0
    assert files(sample) == before
    result = invoke("import", workbook, "--clear-empty", "-p", sample)
    assert result.exit_code == 0, result
    assert changed(before, sample) == {f"stakeholders/{FISHERIES}.yaml": ["-email: fisheries@kivuko-district.example"]}


def test_clear_empty_leaves_a_default_that_is_not_in_the_file(make_project, invoke, tmp_path: Path):
    root = make_project({"barriers/no-ice.yaml": "title: No ice\ncategory: economic\n# severity left at 3\n"})
    path = tmp_path / "b.csv"
    path.write_text("id,title,severity\nno-ice,No ice,\n")
    before = files(root)
    result = invoke("import", path, "--kind", "barriers", "--clear-empty", "-p", root)
    assert result.exit_code == 0, result
    assert "barriers: 0 created, 0 updated, 1 unchanged" in result.stdout
    assert files(root) == before


def test_clear_empty_cannot_clear_a_required_field(workbook: Path, sample: Path, invoke):
    edit(workbook, lambda wb: setattr(cell(wb["stakeholders"], FISHERIES, "sector"), "value", None))
    before = files(sample)
    result = invoke("import", workbook, "--clear-empty", "-p", sample)
    row = cell(openpyxl.load_workbook(workbook)["stakeholders"], FISHERIES, "sector").row
    assert result.exit_code == 1
    assert f"sp.xlsx:{row}:C: error: stakeholders: sector: a value is required; it cannot be cleared" in result.stderr
    assert files(sample) == before


# -- bad rows: every one named by row and column, nothing written ---------------------------------


def _set(sheet: str, entity_id: str, column: str, value):
    return lambda wb: setattr(cell(wb[sheet], entity_id, column), "value", value)


def _merge(wb):
    ws = wb["stakeholders"]
    ws.merge_cells(f"E{cell(ws, FISHERIES, 'name').row}:F{cell(ws, FISHERIES, 'name').row}")


def _duplicate(wb):
    ws = wb["stakeholders"]
    ws.append([FISHERIES, "Another office", "government"])


def _bad_reference(wb):
    wb["barriers"].append([None, "Nets are too small", "economic", None, 3, "kivuko-district-fisheries-ofice"])


BAD = [
    (
        _set("stakeholders", FISHERIES, "sector", "goverment"),
        ("stakeholders", FISHERIES, "C"),
        "sector: 'goverment' is not a valid sector (did you mean 'government'?)",
    ),
    (
        _set("stakeholders", FISHERIES, "influence", 7),
        ("stakeholders", FISHERIES, "J"),
        "influence: expected a whole number from 1 to 5, got the number 7",
    ),
    (
        _set("commitments", BOATS, "horizon", 365),
        ("commitments", BOATS, col("commitments", "horizon")),
        "horizon: expected 100 or 1000, got the number 365",
    ),
    (
        _set("commitments", BOATS, "due", "15/12/2026"),
        ("commitments", BOATS, col("commitments", "due")),
        "due: expected a date (YYYY-MM-DD), got '15/12/2026'",
    ),
    (
        _set("commitments", BOATS, "stakeholder", "kivuko-fisheries"),
        ("commitments", BOATS, "B"),
        "stakeholder: no stakeholder with id 'kivuko-fisheries'",
    ),
    (
        _bad_reference,
        ("barriers", None, "F"),
        "raised_by: no stakeholder with id 'kivuko-district-fisheries-ofice'"
        " (did you mean 'kivuko-district-fisheries-office'?)",
    ),
    (_duplicate, ("stakeholders", None, "A"), f"id: '{FISHERIES}' is also on row"),
    (
        _set("stakeholders", FISHERIES, "notes", "=A1&B1"),
        ("stakeholders", FISHERIES, col("stakeholders", "notes")),
        "the cell holds a formula ('=A1&B1'); type the value itself",
    ),
    (
        _set("stakeholders", FISHERIES, "phone", "#N/A"),
        ("stakeholders", FISHERIES, "I"),
        "the cell holds the Excel error #N/A",
    ),
    (_merge, ("stakeholders", FISHERIES, "E"), "cells E{row}:F{row} are merged; unmerge them"),
    (
        _set("stakeholders", FISHERIES, "name", "Blue Horizon Foundation"),
        ("stakeholders", FISHERIES, "B"),
        "name: another stakeholder is named 'Blue Horizon Foundation' (stakeholders/blue-horizon-foundation.yaml, row 3)",
    ),
    (
        lambda wb: wb["stakeholders"].append([None, "Mwamba Youth Divers"]),
        ("stakeholders", None, "C"),
        "sector: a value is required for a new stakeholder",
    ),
    (
        lambda wb: setattr(wb["barriers"]["E1"], "value", "sevrity"),
        ("barriers", 1, "E"),
        "unknown column 'sevrity' for barriers (did you mean 'severity'?)",
    ),
    (
        _set("stakeholders", FISHERIES, "id", "Kivuko Fisheries"),
        ("stakeholders", "Kivuko Fisheries", "A"),
        "id: 'Kivuko Fisheries' is not a valid id: lower-case letters, digits and single hyphens"
        " (did you mean 'kivuko-fisheries'?)",
    ),
]


@pytest.mark.parametrize("change, at, message", BAD, ids=lambda v: v if isinstance(v, str) else "")
def test_bad_row_is_named_and_nothing_is_written(workbook: Path, sample: Path, invoke, change, at, message):
    def both(wb):
        # A good change in the same import: it must not be written either.
        cell(wb["stakeholders"], "blue-horizon-foundation", "interest").value = 1
        change(wb)

    edit(workbook, both)
    sheet, entity, column = at
    ws = openpyxl.load_workbook(workbook)[sheet]
    if entity is None:
        row = ws.max_row
    elif isinstance(entity, int):
        row = entity
    else:
        row = next(r[0].row for r in ws.iter_rows(min_row=2) if r[0].value == entity)
    before = files(sample)
    result = invoke("import", workbook, "-p", sample)
    assert result.exit_code == 1, result
    assert f"sp.xlsx:{row}:{column}: error: {sheet}: {message.format(row=row)}" in result.stderr, result
    assert "nothing was written" in result.stderr
    assert files(sample) == before


def test_error_line_for_one_kind_names_no_sheet(workbook: Path, sample: Path, invoke):
    edit(workbook, _set("stakeholders", FISHERIES, "sector", "goverment"))
    row = cell(openpyxl.load_workbook(workbook)["stakeholders"], FISHERIES, "sector").row
    result = invoke("import", "sp.xlsx", "--kind", "stakeholders", "-p", sample, cwd=workbook.parent)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"sp.xlsx:{row}:C: error: sector: 'goverment' is not a valid sector (did you mean 'government'?)"
    )


def test_csv_errors_name_the_column_by_number(sample: Path, invoke, tmp_path: Path):
    path = tmp_path / "people.csv"
    path.write_text("name,sector,influence\nA new group,community,9\n")
    before = files(sample)
    result = invoke("import", path, "--kind", "stakeholders", "-p", sample)
    assert result.exit_code == 1
    assert "people.csv:2:3: error: influence: expected a whole number from 1 to 5, got the number 9" in result.stderr
    assert files(sample) == before


def test_a_bad_value_in_a_required_cell_is_one_error_not_two(sample: Path, invoke, tmp_path: Path):
    """The cell is not empty: it holds what the field cannot take, which is the one thing to say."""
    path = tmp_path / "people.csv"
    path.write_text("name,sector\nRadio Mwamba FM,medias\n")
    result = invoke("import", path, "--kind", "stakeholders", "--dry-run", "-p", sample)
    assert result.exit_code == 1
    assert "people.csv:2:2: error: sector: 'medias' is not a valid sector (did you mean 'media'?)" in result.stderr
    assert "a value is required" not in result.stderr and "error: 1 error in people.csv" in result.stderr


def test_empty_sheet_is_refused(sample: Path, invoke, tmp_path: Path):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    result = invoke("import", path, "--kind", "stakeholders", "-p", sample)
    assert result.exit_code == 1
    assert "empty.xlsx:1:A: error: the sheet is empty" in result.stderr


def test_header_without_rows_is_refused(sample: Path, invoke, tmp_path: Path):
    path = tmp_path / "people.csv"
    path.write_text("id,name,sector\n")
    result = invoke("import", path, "--kind", "stakeholders", "-p", sample)
    assert result.exit_code == 1
    assert "people.csv:2:1: error: the sheet has a header but no rows to import" in result.stderr


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("people.xls", b"\xd0\xcf\x11\xe0 old excel", "old Excel 97-2003 workbooks (.xls) cannot be read"),
        ("people.xlsx", b"name,sector\n", "not an Excel workbook"),
        ("people.ods", b"PK\x03\x04", ".ods files cannot be read; save it as .xlsx or .csv"),
        ("people.txt", b"name,sector\n", "give a .xlsx or .csv file"),
        ("people.csv", "name,sector\nMinistère,government\n".encode("latin-1"), "not UTF-8 text"),
    ],
)
def test_wrong_file_type_is_refused(sample: Path, invoke, tmp_path: Path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    before = files(sample)
    result = invoke("import", path, "--kind", "stakeholders", "-p", sample)
    assert result.exit_code == 1, result
    assert message in result.stderr
    assert files(sample) == before


def test_workbook_without_the_kinds_sheet(sample: Path, invoke, tmp_path: Path):
    path = tmp_path / "two.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    wb.create_sheet("Sheet2")
    wb.save(path)
    result = invoke("import", path, "--kind", "barriers", "-p", sample)
    assert result.exit_code == 1
    assert "no sheet named 'barriers' (the workbook has 'Sheet1', 'Sheet2')" in result.stderr


def test_the_only_sheet_is_read_whatever_its_name(sample: Path, invoke, tmp_path: Path):
    path = tmp_path / "door.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Registration"
    wb.active.append(["Name", "Sector", "E-mail"])
    wb.active.append(["Mwamba Net Menders", "community", "nets@example.org"])
    wb.save(path)
    result = invoke("import", path, "--kind", "stakeholders", "-p", sample)
    assert result.exit_code == 0, result
    assert (sample / "stakeholders/mwamba-net-menders.yaml").read_text() == (
        "name: Mwamba Net Menders\nsector: community\nemail: nets@example.org\n"
    )


def test_updates_column_is_not_imported(workbook: Path, sample: Path, invoke):
    last = column_letter(len(columns("commitments")) + 1)
    edit(workbook, lambda wb: setattr(wb["commitments"][f"{last}1"], "value", "updates"))
    result = invoke("import", workbook, "--kind", "commitments", "-p", sample)
    assert result.exit_code == 1
    assert f"sp.xlsx:1:{last}: error: 'updates' cannot be imported from a sheet; use scaleplus update" in result.stderr


def test_column_letters_go_past_z():
    assert [column_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]


# -- line endings, failed writes, sheet names, CSV errors, names ----------------------------------


def test_import_keeps_crlf_line_endings(sample: Path, invoke, tmp_path: Path):
    path = sample / "stakeholders" / f"{FISHERIES}.yaml"
    lf = path.read_bytes()
    path.write_bytes(lf.replace(b"\n", b"\r\n"))
    csv_file = tmp_path / "people.csv"
    csv_file.write_text(f"id,influence\n{FISHERIES},4\n")
    result = invoke("import", csv_file, "--kind", "stakeholders", "-p", sample)
    assert result.exit_code == 0, result
    assert path.read_bytes() == lf.replace(b"influence: 5\n", b"influence: 4\n").replace(b"\n", b"\r\n")


def _people_csv(tmp_path: Path) -> Path:
    """Three stakeholders changed and one added: four writes."""
    path = tmp_path / "people.csv"
    path.write_text(
        "id,name,sector,interest\n"
        f"{FISHERIES},,,1\n"
        "blue-horizon-foundation,,,1\n"
        "mwamba-beach-management-unit,,,1\n"
        ",Mwamba Youth Divers,community,2\n"
    )
    return path


def _failing_writes(monkeypatch, failing_calls: set[int]) -> list[Path]:
    """store.write_atomic fails (as a read-only folder would) on the given calls; the paths asked for."""
    from scaleplus_cli import store

    real, asked = store.write_atomic, []

    def write_atomic(path, content):
        asked.append(Path(path))
        if len(asked) in failing_calls:
            raise PermissionError(13, "Permission denied", str(path))
        real(path, content)

    monkeypatch.setattr(store, "write_atomic", write_atomic)
    return asked


def test_a_failed_write_puts_back_every_file(sample: Path, invoke, tmp_path: Path, monkeypatch):
    csv_file = _people_csv(tmp_path)
    before = {rel: data for rel, (data, _) in files(sample).items()}
    asked = _failing_writes(monkeypatch, {2})
    result = invoke("import", csv_file, "--kind", "stakeholders", "-p", sample)
    assert result.exit_code == 1, result
    assert len(asked) >= 3  # two updates tried, then the first one put back
    assert f"stakeholders/{asked[1].name}: Permission denied; nothing was changed" in result.stderr
    assert {rel: data for rel, (data, _) in files(sample).items()} == before
    assert result.stdout == "", result


def test_a_failed_undo_names_the_files_it_changed(sample: Path, invoke, tmp_path: Path, monkeypatch):
    csv_file = _people_csv(tmp_path)
    before = {rel: data for rel, (data, _) in files(sample).items()}
    asked = _failing_writes(monkeypatch, {2, 3})  # the second update fails, and so does putting back the first
    result = invoke("import", csv_file, "--kind", "stakeholders", "-p", sample)
    assert result.exit_code == 1, result
    first = f"stakeholders/{asked[0].name}"
    assert asked[2] == asked[0]
    message = " ".join(result.stderr.split())
    assert f"stakeholders/{asked[1].name}: Permission denied" in message
    assert f"only {first} was changed" in message, message
    after = {rel: data for rel, (data, _) in files(sample).items() if not rel.startswith(".scaleplus/")}
    assert {rel for rel in set(before) | set(after) if before.get(rel) != after.get(rel)} == {first}
    assert not (sample / "stakeholders/mwamba-youth-divers.yaml").exists()  # the new file is removed
    monkeypatch.undo()  # the folder is writable again: the next command puts the first file back
    checked = invoke("check", "-p", sample)
    assert "an interrupted 'scaleplus' (pid" in checked.stderr and "as before it ran" in checked.stderr
    assert {rel: data for rel, (data, _) in files(sample).items()} == before


def test_a_sheet_with_another_name_is_named_not_skipped_silently(workbook: Path, sample: Path, invoke):
    def change(wb):
        wb["stakeholders"].title = "Stakeholders list"
        cell(wb["Stakeholders list"], FISHERIES, "influence").value = 4
        cell(wb["barriers"], RULES, "severity").value = 4

    edit(workbook, change)
    result = invoke("import", workbook, "-p", sample)
    assert result.exit_code == 0, result
    assert result.stderr.count("warning:") == 1  # not for the 'about' sheet
    assert (
        "warning: sheet 'Stakeholders list' was not imported: name a sheet stakeholders, barriers, commitments or circles,"
        " or use --kind" in " ".join(result.stderr.split())
    )
    assert "barriers: 0 created, 1 updated" in result.stdout and "stakeholders:" not in result.stdout
    assert "influence: 5" in (sample / f"stakeholders/{FISHERIES}.yaml").read_text()


def test_a_workbook_with_no_sheet_of_a_kind_is_an_error(sample: Path, invoke, tmp_path: Path):
    path = tmp_path / "door.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Stakeholders list"
    wb.active.append(["name", "sector"])
    wb.active.append(["Mwamba Net Menders", "community"])
    wb.create_sheet("Notes")
    wb.save(path)
    before = files(sample)
    result = invoke("import", path, "-p", sample)
    assert result.exit_code == 1, result
    stderr = " ".join(result.stderr.split())
    assert "warning: sheet 'Stakeholders list' was not imported" in stderr
    assert "warning: sheet 'Notes' was not imported" in stderr
    assert "no sheet is named stakeholders, barriers, commitments or circles" in stderr
    assert files(sample) == before


def test_csv_encoding_error_names_row_and_column(sample: Path, invoke, tmp_path: Path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in/people.csv").write_bytes(
        "name,sector,notes\nA group,community,ok\nCaf\u00e9 owners,media,fa\u00e7ade\n".encode("latin-1")
    )
    before = files(sample)
    result = invoke("import", "in/people.csv", "--kind", "stakeholders", "-p", sample, cwd=tmp_path)
    assert result.exit_code == 1, result
    assert result.stderr.startswith(
        "in/people.csv:3:1: error: the file is not UTF-8 text (byte 0xe9); save it as 'CSV UTF-8'"
    ), result
    assert files(sample) == before


def test_csv_unterminated_quote_is_named(sample: Path, invoke, tmp_path: Path):
    path = tmp_path / "people.csv"
    path.write_text('name,sector\n"Mwamba Divers,community\nNet Menders,community\n')
    before = files(sample)
    result = invoke("import", "people.csv", "--kind", "stakeholders", "-p", sample, cwd=tmp_path)
    assert result.exit_code == 1, result
    assert result.stderr.startswith("people.csv:2:1: error: the quote (\") that opens this cell is never closed"), result
    assert "a value is required" not in result.stderr
    assert files(sample) == before


def test_export_error_names_the_workbook_not_a_temporary_file(sample: Path, invoke, tmp_path: Path, monkeypatch):
    import tempfile

    def read_only_folder(suffix=None, prefix=None, dir=None, text=False):
        raise PermissionError(13, "Permission denied", f"{dir}/{prefix}k3j9x{suffix}")

    monkeypatch.setattr(tempfile, "mkstemp", read_only_folder)
    result = invoke("export", "x.xlsx", "-p", sample, cwd=tmp_path)
    assert result.exit_code == 1, result
    assert result.stderr.strip().endswith("x.xlsx: Permission denied"), result
    assert ".tmp" not in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_a_new_name_is_the_same_by_the_rule_check_uses(sample: Path, invoke, tmp_path: Path):
    path = tmp_path / "people.csv"
    path.write_text("name,sector\nBlue-Horizon Foundation,civil_society\n")
    before = files(sample)
    result = invoke("import", path, "--kind", "stakeholders", "-p", sample)
    assert result.exit_code == 1, result
    assert "people.csv:2:1: error: name: another stakeholder is named 'Blue Horizon Foundation' (stakeholders/blue-horizon-foundation.yaml)" in result.stderr
    assert files(sample) == before


# -- a row typed over must not move a promise silently -------------------------------------------


@pytest.mark.parametrize(
    ("change", "column", "message"),
    [
        (
            _set("commitments", BOATS, "stakeholder", "blue-horizon-foundation"),
            ("commitments", BOATS, "stakeholder"),
            "stakeholder: this row moves the commitment from 'kivuko-district-fisheries-office' to"
            " 'blue-horizon-foundation'; if that is meant, import again with --allow-renames",
        ),
        (
            lambda wb: (
                setattr(cell(wb["commitments"], BOATS, "stakeholder"), "value", "blue-horizon-foundation"),
                setattr(cell(wb["commitments"], BOATS, "text"), "value", "A cold room at Mwamba"),
            ),
            ("commitments", BOATS, "stakeholder"),
            "stakeholder: this row types a new commitment over \"Put the office's two laid-up patrol boa…\" (text and owner"
            " both change, from 'kivuko-district-fisheries-office' to 'blue-horizon-foundation')",
        ),
        (
            _set("stakeholders", FISHERIES, "name", "Kivuko Fisheries Department"),
            ("stakeholders", FISHERIES, "name"),
            "name: this row renames the stakeholder 'Kivuko District Fisheries Office' to 'Kivuko Fisheries"
            " Department'; if that is meant, import again with --allow-renames",
        ),
        (
            _set("barriers", RULES, "title", "Nobody enforces the rules"),
            ("barriers", RULES, "title"),
            "title: this row renames the barrier 'Fishing rules are not enforced' to 'Nobody enforces the rules'",
        ),
    ],
)
def test_a_row_that_moves_or_renames_is_refused_without_allow_renames(workbook, sample, invoke, change, column, message):
    edit(workbook, change)
    before = files(sample)
    sheet, entity, field = column
    wb = openpyxl.load_workbook(workbook)
    row = next(c.row for c in wb[sheet]["A"] if c.value == entity)
    for args in ([], ["--dry-run"]):
        result = invoke("import", workbook, "-p", sample, *args)
        assert result.exit_code == 1, result
        assert f"sp.xlsx:{row}:{col(sheet, field)}: error: {sheet}: {message}" in result.stderr
        assert files(sample) == before
    dry = invoke("import", workbook, "-p", sample, "--dry-run", "--allow-renames")
    assert dry.exit_code == 0, dry
    assert "  this row " in dry.stdout
    done = invoke("import", workbook, "-p", sample, "--allow-renames")
    assert done.exit_code == 0, done
    assert files(sample) != before


def test_a_new_spelling_of_the_same_name_is_no_rename(workbook, sample, invoke):
    edit(workbook, _set("stakeholders", FISHERIES, "name", "Kivuko district fisheries office"))
    result = invoke("import", workbook, "-p", sample)
    assert result.exit_code == 0, result
    assert "name: Kivuko district fisheries office" in (sample / "stakeholders" / f"{FISHERIES}.yaml").read_text()


def test_cells_may_name_what_they_refer_to(sample, invoke, tmp_path):
    path = tmp_path / "promises.csv"
    path.write_text(
        "stakeholder,partners,text,barriers,horizon\n"
        "Kivuko District Council,marine-police;Blue Horizon Foundation,Fuel for joint patrols,Fishing rules are not enforced,100\n"
        "kivuko-district,,Two more boats,no-boats,100\n"
    )
    result = invoke("import", path, "--kind", "commitments", "-p", sample)
    assert result.exit_code == 1
    assert ("promises.csv:3:1: error: stakeholder: 'kivuko-district' could be more than one stakeholder:"
            " 'kivuko-district-council', 'kivuko-district-fisheries-office'; type more of its id or name") in result.stderr
    path.write_text(path.read_text().replace("kivuko-district,", "kivuko-district-f,"))
    result = invoke("import", path, "--kind", "commitments", "-p", sample)
    assert result.exit_code == 0, result
    fuel = yaml.safe_load((sample / "commitments" / "kivuko-district-council-fuel-for-joint-patrols.yaml").read_text())
    assert fuel["stakeholder"] == "kivuko-district-council"
    assert fuel["partners"] == ["marine-police-unit-kivuko-station", "blue-horizon-foundation"]
    assert fuel["barriers"] == ["fishing-rules-are-not-enforced"]
