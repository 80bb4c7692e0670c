"""The README tells the truth: its test command is what CI runs, and every command is documented."""

from __future__ import annotations

import re

from conftest import REPO

from scaleplus_cli.cli import VERBS


def readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = readme().split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, flags=re.S)[:2]


def test_ci_runs_the_readme_test_command():
    test_command = quick_start_commands()[1]
    assert "pytest" in test_command
    assert test_command in (REPO / ".ci" / "run").read_text()


def test_every_command_has_a_readme_section():
    names = [verb.name for verb in VERBS if not verb.hidden]
    text = readme()
    for name in names:
        assert re.search(rf"^### {name}\b", text, flags=re.M), f"README has no section for {name}"


def test_readme_field_tables_are_the_declarations():
    from scaleplus_cli.reference import marker, tables

    text = readme()
    for name, table in tables().items():
        start, end = marker(name)
        assert start in text, f"README has no field table for {name} (run tools/update_readme_fields.py)"
        written = text.split(start, 1)[1].split(end, 1)[0]
        assert written == table, f"README's table of {name} differs from the declaration (run tools/update_readme_fields.py)"


def test_readme_names_every_sheet_export_writes(sample, invoke, tmp_path):
    from openpyxl import load_workbook

    assert invoke("export", tmp_path / "k.xlsx", "-p", sample).exit_code == 0
    said = readme().split("\n### export\n", 1)[1].split("\n### ", 1)[0].split("\n\n")[1]
    for sheet in load_workbook(tmp_path / "k.xlsx", read_only=True).sheetnames:
        assert sheet in said, f"README's export section does not name the sheet {sheet!r}"


def test_readme_init_days_are_what_init_allows():
    from scaleplus_cli.models import RETREAT

    days = RETREAT.by_name["days"].type
    assert f"`--days`: {days.low} to {days.high}" in readme()
