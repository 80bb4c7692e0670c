"""`report --format pdf`: PDFs printed by LibreOffice where it is installed, a clear error where not."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SAMPLE

needs_soffice = pytest.mark.skipif(
    not (shutil.which("soffice") or shutil.which("libreoffice")) or not shutil.which("pdftotext"),
    reason="LibreOffice and poppler-utils (pdftotext) are not installed",
)


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


@needs_soffice
def test_every_word_and_excel_document_becomes_one_pdf(invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("report", "all", "-p", SAMPLE, "--format", "pdf", "--out", out)
    assert result.exit_code == 0, result
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["agenda.pdf", "commitments.pdf", "runsheet.pdf", "theory.pdf", "workplan-sheets.pdf", "workplan.pdf"]
    assert "Mwamba Community Hall" in pdf_text(out / "agenda.pdf")
    assert "Get two patrol boats back on the water" in pdf_text(out / "workplan-sheets.pdf")
    assert "Bahari Fresh Fish Processors Ltd" in pdf_text(out / "commitments.pdf")
    assert "Kivuko Bay 100-day action plan" in pdf_text(out / "workplan.pdf")
    for line in result.stdout.splitlines():
        assert line.endswith(".pdf")


@needs_soffice
def test_split_commitment_sheets_give_one_pdf_per_stakeholder(invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("report", "commitments", "--split", "-p", SAMPLE, "--format", "pdf", "--out", out)
    assert result.exit_code == 0, result
    pdfs = sorted((out / "commitments").glob("*.pdf"))
    assert len(pdfs) == len(result.stdout.splitlines()) > 1
    assert not list(out.rglob("*.docx"))


def test_without_libreoffice_a_one_line_error_says_how_to_install(invoke, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    out = tmp_path / "out"
    result = invoke("report", "workplan", "-p", SAMPLE, "--format", "pdf", "--out", out)
    assert result.exit_code == 1
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "LibreOffice" in message and "apt-get install libreoffice-writer" in message
    assert not out.exists()


def test_a_wrong_scaleplus_soffice_is_named(invoke, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SCALEPLUS_SOFFICE", str(tmp_path / "no-such-soffice"))
    result = invoke("report", "agenda", "-p", SAMPLE, "--format", "pdf", "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "SCALEPLUS_SOFFICE" in result.stderr and "no such program" in result.stderr


def test_pdf_of_a_document_without_a_word_form_is_a_usage_error(invoke, tmp_path: Path) -> None:
    result = invoke("report", "agenda", "-p", SAMPLE, "--format", "xlsx", "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert "pdf" in result.stderr  # the forms it has include pdf


@needs_soffice
def test_sample_bulletin_prints_on_two_pages_at_most(invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("report", "bulletin", "-p", SAMPLE, "--format", "pdf", "--out", out).exit_code == 0
    pages = pdf_text(out / "bulletin.pdf").count("\f")
    assert 1 <= pages <= 2
