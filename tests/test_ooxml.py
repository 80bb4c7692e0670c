"""Every Word and Excel file scaleplus writes has its elements in ECMA-376 schema order (tests/ooxml.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import SAMPLE
from ooxml import W, check_tree, problems, WORD


@pytest.fixture(scope="module")
def written(tmp_path_factory) -> list[Path]:
    """Every kind of Office file, from the sample project."""
    import os

    from typer.testing import CliRunner

    from scaleplus_cli.cli import app

    out = tmp_path_factory.mktemp("office")
    os.environ["SCALEPLUS_TODAY"] = "2026-11-22"
    runner = CliRunner()
    for args in (
        ["report", "all", "-p", SAMPLE, "--out", out],
        ["report", "bulletin", "-f", "docx", "-p", SAMPLE, "--out", out],
        ["report", "commitments", "--split", "-f", "docx", "-p", SAMPLE, "--out", out / "split"],
        ["remind", "--format", "docx", "-p", SAMPLE, "--out", out / "remind"],
        ["export", out / "export.xlsx", "-p", SAMPLE],
    ):
        result = runner.invoke(app, [str(a) for a in args])
        assert result.exit_code == 0, result.output
    files = sorted(out.rglob("*.docx")) + sorted(out.rglob("*.xlsx"))
    assert len(files) >= 8
    return files


def test_every_office_file_is_in_schema_order(written) -> None:
    found = {str(path.name): problems(path) for path in written}
    assert {name: p for name, p in found.items() if p} == {}


def test_the_check_finds_elements_out_of_order() -> None:
    xml = (
        f'<w:document xmlns:w="{W}"><w:body><w:tbl><w:tblPr><w:tblLook w:val="04A0"/><w:tblBorders/></w:tblPr>'
        "<w:tr><w:tc><w:tcPr><w:shd w:fill=\"EEEEEE\"/><w:tcW w:w=\"10\"/></w:tcPr><w:p><w:r><w:rPr><w:color w:val=\"FF0000\"/>"
        "<w:b/></w:rPr><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"
    )
    found = check_tree(etree.fromstring(xml), W, WORD, "word/document.xml")
    assert found == [
        "word/document.xml: w:tblPr: w:tblBorders after w:tblLook",
        "word/document.xml: w:tcPr: w:tcW after w:shd",
        "word/document.xml: w:rPr: w:b after w:color",
    ]
