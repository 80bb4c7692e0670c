"""`report theory`: the outcomes pathway as a picture and the narrative, in Word and Markdown, in
the project's language; `report all` renders it when the project has a theory of change."""

from __future__ import annotations

import shutil

import pytest
from docx import Document

from conftest import SAMPLE


@pytest.fixture
def sample(tmp_path):
    copy = tmp_path / "sample"
    shutil.copytree(SAMPLE, copy)
    return copy


def body(path) -> list[str]:
    doc = Document(str(path))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.append(" | ".join(c.text for c in row.cells))
    return lines


def test_theory_in_word_has_the_picture_and_the_narrative(invoke, sample, tmp_path):
    out = tmp_path / "out"
    result = invoke("report", "theory", "-f", "docx", "-p", sample, "--out", out)
    assert result.exit_code == 0, result.stderr
    doc = Document(str(out / "theory.docx"))
    pictures = [s for s in doc.inline_shapes]
    assert len(pictures) == 1 and pictures[0].width.cm == pytest.approx(24, abs=0.1)
    section = doc.sections[0]
    assert section.page_width > section.page_height  # landscape
    lines = body(out / "theory.docx")
    assert "Theory of change" in lines and "Kivuko Bay Living Coast" in lines
    assert lines.index("Early") < lines.index("Intermediate") < lines.index("Long-term")
    at = lines.index("Fish stocks in the bay recover")
    assert lines[at + 1].startswith("Leads to  G1. Fish stocks in Kivuko Bay recover")
    assert "Assumptions  • No new industrial fleet is licensed inside the bay" in lines
    assert "Rationale  With the nurseries protected and the rules kept, stocks rebuild within a few seasons." in lines
    assert ("Indicators  Catch per fishing trip: baseline 6.5 kg, target 10 kg; not measured yet") in lines
    assert "Served by  Octopus closure on the Mwamba reef flat; Fish-stock baseline and a repeat survey in 2029" in lines
    measured = [line for line in lines if line.startswith("Less fish spoils")]
    assert measured == ["Less fish spoils, and families keep more of the value of their catch",
                        "Less fish spoils, and families keep more of the value of their catch | Share of the catch lost to"
                        " spoilage | 30 | 26 (30 Nov 2026) | 10 | 20%"]


def test_theory_in_markdown_shows_the_picture_beside_it(invoke, sample, tmp_path):
    out = tmp_path / "out"
    assert invoke("report", "theory", "-f", "md", "-p", sample, "--out", out).exit_code == 0
    md = (out / "theory.md").read_text()
    assert "![Outcomes pathway](theory-pathway.png)" in md
    assert "## Long-term\n\n### Fish stocks in the bay recover\n\n- **Leads to:** G1. Fish stocks" in md
    png = (out / "theory-pathway.png").read_bytes()
    assert png.startswith(b"\x89PNG")
    from PIL import Image
    import io

    width, height = Image.open(io.BytesIO(png)).size
    assert width / height == pytest.approx(27 / 14.5, rel=0.01)  # A4 landscape, under the title


def test_theory_speaks_the_projects_language(invoke, sample, tmp_path):
    text = (sample / "scaleplus.yaml").read_text().replace("language: en", "language: fr")
    (sample / "scaleplus.yaml").write_text(text)
    out = tmp_path / "out"
    assert invoke("report", "theory", "-p", sample, "--out", out).exit_code == 0
    md = (out / "theory.md").read_text()
    assert md.startswith("# Kivuko Bay Living Coast\u00a0: théorie du changement")
    assert "## Long terme" in md and "- **Hypothèses\u00a0:**" in md and "![Chemin des résultats](theory-pathway.png)" in md
    lines = body(out / "theory.docx")
    assert "Résultats à court terme" not in lines  # headings are the levels; the columns are in the picture
    assert "Court terme" in lines and "Ce qui a été mesuré" in lines


def test_report_all_renders_the_theory_only_when_there_is_one(invoke, sample, tmp_path):
    out = tmp_path / "out"
    assert invoke("report", "all", "-f", "md", "-p", sample, "--out", out).exit_code == 0
    assert (out / "theory.md").exists() and (out / "theory-pathway.png").exists()
    (sample / "theory.yaml").unlink()
    for plan in (sample / "plans").glob("*.yaml"):  # the actions' outcomes now name nothing
        lines = plan.read_text().split("\n")
        kept = [line for n, line in enumerate(lines) if not (line.startswith("    outcomes:") or
                (line.startswith("      - ") and any(p.startswith("    outcomes:") for p in lines[max(0, n - 3):n])))]
        plan.write_text("\n".join(kept))
    other = tmp_path / "other"
    result = invoke("report", "all", "-f", "md", "-p", sample, "--out", other)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert not (other / "theory.md").exists()
    alone = invoke("report", "theory", "-p", sample, "--out", other)
    assert alone.exit_code == 1
    assert "the project has no theory.yaml, so there is no theory of change to render" in alone.stderr


def test_report_assess_is_one_page_with_the_conditions_picture(invoke, sample, tmp_path, monkeypatch):
    monkeypatch.setenv("SCALEPLUS_TODAY", "2026-11-25")
    out = tmp_path / "out"
    result = invoke("report", "assess", "-p", sample, "--out", out)
    assert result.exit_code == 0, result.stderr
    doc = Document(str(out / "assess.docx"))
    assert len(doc.inline_shapes) == 1
    lines = body(out / "assess.docx")
    assert "Preconditions | Score | " in lines
    assert "An influential champion | 2/3 | Developing" in lines
    assert "A backbone organisation | 3/3 | Strong" in lines  # the Systems Integration Team
    assert "✓  Create infrastructure: backbone organisation and processes" in lines
    assert "✓  Network theory of change revised" in lines
    md = (out / "assess.md").read_text()
    assert "![Conditions of collective success](assess-conditions.png)" in md
    assert "## Organise for impact (4 of 4 done)" in md
    assert (out / "assess-conditions.png").read_bytes().startswith(b"\x89PNG")
    assert not (out / "theory.md").exists()  # asked for by name only


def test_report_assess_speaks_the_projects_language(invoke, sample, tmp_path, monkeypatch):
    monkeypatch.setenv("SCALEPLUS_TODAY", "2026-11-25")
    text = (sample / "scaleplus.yaml").read_text().replace("language: en", "language: es")
    (sample / "scaleplus.yaml").write_text(text)
    out = tmp_path / "out"
    assert invoke("report", "assess", "-f", "md", "-p", sample, "--out", out).exit_code == 0
    md = (out / "assess.md").read_text()
    assert "| Una agenda común | 3/3 | Sólida |" in md
    assert "## Organizarse para el impacto (4 de 4 realizadas)" in md
    assert "- ✓ Crear la infraestructura: organización de soporte y procesos" in md
