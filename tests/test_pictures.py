"""Pictures in the documents: the Gantt chart, the influence/interest grid, sector coverage, leverage
and indicator progress, drawn to the data, readable in grey."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from conftest import SAMPLE

from scaleplus_cli import pictures


def images(path: Path) -> list[tuple[int, int]]:
    """(width, height) in pixels of every picture in a Word file, in order."""
    doc = Document(str(path))
    found = []
    for blip in doc.element.body.iter(qn("a:blip")):
        part = doc.part.related_parts[blip.get(qn("r:embed"))]
        found.append(pictures_size(part.blob))
    return found


def pictures_size(png: bytes) -> tuple[int, int]:
    from scaleplus_cli.render.figures import png_size

    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return png_size(png)


def sections(path: Path) -> list[str]:
    doc = Document(str(path))
    return [str(s.orientation).split(".")[-1].split(" ")[0] for s in doc.sections]


def test_work_plan_has_every_picture_and_a_landscape_gantt_per_plan(invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("report", "workplan", "-f", "docx", "-p", SAMPLE, "--out", out).exit_code == 0
    found = images(out / "workplan.docx")
    # sectors, grid, leverage, two Gantt charts (100 and 1000 days), indicators
    assert len(found) == 6
    assert found[3][0] > 3 * found[3][1] and found[4][0] > 3 * found[4][1]  # the Gantt charts: wide
    assert found[1][0] < 2 * found[1][1]  # the grid: nearly square
    orientation = sections(out / "workplan.docx")
    assert orientation.count("LANDSCAPE") == 2 and orientation[0] == "PORTRAIT" and orientation[-1] == "PORTRAIT"
    text = [p.text for p in Document(str(out / "workplan.docx")).paragraphs]
    assert text.count("Kivuko Bay 100-day action plan") == 2  # its heading, and the Gantt page's
    assert "Influence and interest" in text


def test_a_plan_without_actions_and_a_project_without_scores_draw_nothing_empty(invoke, make_project, tmp_path: Path) -> None:
    project = make_project({
        "stakeholders/a.yaml": "name: A\nsector: government\n",
        "plans/p.yaml": "title: P\nhorizon: 100\nstart: 2026-09-20\nactions: []\n",
    })
    out = tmp_path / "out"
    assert invoke("report", "workplan", "-f", "docx", "-p", project, "--out", out).exit_code == 0
    assert len(images(out / "workplan.docx")) == 1  # sector coverage only
    assert sections(out / "workplan.docx") == ["PORTRAIT"]


def test_bulletin_draws_indicator_progress(invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("report", "bulletin", "-f", "docx", "-p", SAMPLE, "--out", out).exit_code == 0
    assert len(images(out / "bulletin.docx")) == 1


def test_action_status_from_commitments_then_indicators_then_dates() -> None:
    today = dt.date(2026, 11, 22)
    past, future = dt.date(2026, 11, 1), dt.date(2026, 12, 20)
    assert pictures.action_status({"commitment_statuses": ["done", "dropped"], "end": past}, today) == "done"
    assert pictures.action_status({"commitment_statuses": ["done", "pledged"], "end": past}, today) == "overdue"
    assert pictures.action_status({"commitment_statuses": ["in_progress"], "end": future}, today) == "in_progress"
    assert pictures.action_status({"indicator_progress": [1.0, 1.2], "end": past}, today) == "done"
    assert pictures.action_status({"indicator_progress": [0.3, None], "end": future}, today) == "in_progress"
    assert pictures.action_status({"end": future}, today) == "planned"


def test_gantt_names_each_status_in_words_and_marks_today_in_svg() -> None:
    today = dt.date(2026, 11, 22)
    actions = [
        {"ref": "100.1", "title": "Boats & <patrols>", "start": dt.date(2026, 9, 20), "end": dt.date(2026, 11, 1),
         "commitment_statuses": ["pledged"]},
        {"ref": "100.2", "title": "Radio", "start": dt.date(2026, 9, 22), "end": dt.date(2026, 12, 20),
         "commitment_statuses": ["done"]},
        {"ref": "100.3", "title": "No dates", "start": None, "end": None},
    ]
    svg = pictures.gantt(actions, today, 100, "svg").decode()
    for words in ("Overdue · 1 Nov", "Done · 20 Dec", "Today 22 Nov", "Boats &amp; &lt;patrols&gt;", "no dates"):
        assert words in svg
    assert "5 Oct" in svg and ">12<" in svg  # weekly scale: Mondays, the month named on its first one
    long = pictures.gantt(
        [{"ref": "1000.1", "title": "Law", "start": dt.date(2026, 10, 1), "end": dt.date(2029, 6, 30)}], today, 1000, "svg"
    ).decode()
    assert "Jan 2027" in long and "5 Oct" not in long


def test_grid_names_every_stakeholder_and_the_four_quadrants() -> None:
    people = [
        {"name": f"Person {n}", "sector_id": sector, "influence": inf, "interest": intr}
        for n, (sector, inf, intr) in enumerate(
            [("government", 5, 5), ("donor", 5, 1), ("community", 1, 5), ("media", 1, 1), ("media", 1, 1)]
        )
    ] + [{"name": "Unscored", "sector_id": "other", "influence": None, "interest": None}]
    svg = pictures.influence_grid(people, {"government": "Government", "donor": "Donors", "community": "Community", "media": "Media"}, "svg").decode()
    for name in ("MANAGE CLOSELY", "KEEP SATISFIED", "KEEP INFORMED", "MONITOR", "Unscored", "Donors"):
        assert name in svg
    for n in range(5):
        assert f"Person {n}" in svg
    assert pictures.quadrant(5, 1) == "Keep satisfied" and pictures.quadrant(3, 3) == "Manage closely"


def test_leverage_marks_gaps_and_indicators_show_no_value() -> None:
    rows = [{"rank": 1, "title": "Patrols", "score": 40, "score_text": "40", "gap": ""},
            {"rank": 2, "title": "Cold chain", "score": 12, "score_text": "12", "gap": "no live commitment"}]
    svg = pictures.leverage_scores(rows, "svg").decode()
    assert "12  GAP" in svg and "40  GAP" not in svg
    svg = pictures.indicator_progress([{"name": "Boats", "progress": 1.2}, {"name": "Kilns", "progress": None}], "svg").decode()
    assert "120% reached" in svg and "no value" in svg


def test_help_does_not_import_matplotlib() -> None:
    code = "import sys; from scaleplus_cli.cli import main; sys.argv=['scaleplus','--help']\ntry: main()\nexcept SystemExit: pass\nprint('matplotlib' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "False"


def test_work_plan_workbook_has_native_charts_beside_their_tables(invoke, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "out"
    assert invoke("report", "workplan", "-f", "xlsx", "-p", SAMPLE, "--out", out).exit_code == 0
    book = load_workbook(out / "workplan.xlsx")
    charts = book["Charts"]._charts
    assert [type(c).__name__ for c in charts] == ["BarChart", "BarChart", "BarChart", "ScatterChart"]
    column_a = [row[0] for row in book["Charts"].iter_rows(values_only=True)]
    assert "Stakeholders by sector" in column_a and "Influence and interest" in column_a
    assert "Government" in column_a
    scatter = charts[3]
    assert {s.tx.strRef.f if s.tx and s.tx.strRef else s.tx.v for s in scatter.series} >= {"Government", "Community"}


def test_a_crowded_grid_still_names_everyone_and_a_big_plan_words_only_the_overdue() -> None:
    people = [{"name": f"Group {n}", "sector_id": "community", "influence": 4, "interest": 4} for n in range(15)]
    svg = pictures.influence_grid(people, {"community": "Community"}, "svg").decode().replace("\u00a0", " ")
    for n in range(15):
        assert f"Group {n};" in svg or svg.count(f"Group {n}<") == 1
    today = dt.date(2026, 11, 22)
    actions = [
        {"ref": f"100.{n}", "title": f"Action {n}", "start": dt.date(2026, 9, 20),
         "end": dt.date(2026, 11, 1) if n == 0 else dt.date(2026, 12, 20), "commitment_statuses": ["pledged"]}
        for n in range(20)
    ]
    svg = pictures.gantt(actions, today, 100, "svg").decode()
    assert svg.count("Overdue · 1 Nov") == 1 and "Planned · 20 Dec" not in svg


def test_pictures_speak_the_documents_language() -> None:
    today = dt.date(2026, 11, 22)
    actions = [
        {"ref": "100.1", "title": "Bateaux", "start": dt.date(2026, 9, 20), "end": dt.date(2026, 11, 1),
         "commitment_statuses": ["pledged"]},
        {"ref": "100.2", "title": "Radio", "start": dt.date(2026, 9, 22), "end": dt.date(2026, 12, 20),
         "commitment_statuses": ["done"]},
        {"ref": "100.3", "title": "Sans dates", "start": None, "end": None},
    ]
    svg = pictures.gantt(actions, today, 100, "svg", lang="fr").decode()
    for words in ("En retard · 1er nov.", "Réalisée · 20 déc.", "Aujourd’hui 22 nov.", "sans dates", "5 oct.", "Prévue",
                  "Échéance"):
        assert words in svg
    assert "Overdue" not in svg and "Today" not in svg and "Done" not in svg
    long = pictures.gantt([dict(actions[0], end=dt.date(2029, 6, 30))], today, 1000, "svg", lang="pt").decode()
    assert "jan. 2027" in long and "Prevista · 30 jun. 2029" in long and "Hoje 22 nov." in long
    people = [{"name": "Pesca", "sector_id": "community", "influence": 5, "interest": 5},
              {"name": "Sin datos", "sector_id": "media", "influence": None, "interest": None}]
    svg = pictures.influence_grid(people, {"community": "Comunidad"}, "svg", lang="es").decode()
    for words in ("GESTIONAR DE CERCA", "MANTENER SATISFECHOS", "MANTENER INFORMADOS", "MONITOREAR", "Comunidad",
                  "Interés: lo que se juega en el resultado (1–5)", "Sin ubicar (influencia o interés no registrados): Sin datos"):
        assert words in svg
    assert "MANAGE" not in svg and "Interest" not in svg
    rows = [{"rank": 1, "title": "Patrouilles", "score": 12, "score_text": "12", "gap": "aucun engagement"}]
    svg = pictures.leverage_scores(rows, "svg", lang="fr").decode()
    assert "12  LACUNE" in svg and "Score de levier" in svg and "GAP" not in svg
    svg = pictures.indicator_progress([{"name": "Barcos", "progress": 1.2}, {"name": "Fornos", "progress": None}], "svg",
                                      lang="pt").decode()
    assert "120%, meta atingida" in svg.replace("\u00a0", "") and "sem valor" in svg and "linha de base" in svg
    svg = pictures.indicator_progress([{"name": "Cuts", "progress": -0.001}], "svg", lang="es").decode()
    assert ">-0" not in svg and ">0\u00a0%<" in svg  # a share just below zero is 0 %
    svg = pictures.sector_coverage([("Donantes", 0), ("Gobierno", 2)], "svg", lang="es").decode()
    assert "ninguno" in svg
    assert "Actores" in svg and "> none<" not in svg


def test_word_pictures_are_drawn_in_the_projects_language(tmp_path: Path) -> None:
    import shutil

    from scaleplus_cli.documents import build
    from scaleplus_cli.render.figures import drawings
    from scaleplus_cli.store import load_project

    project_dir = tmp_path / "fr"
    shutil.copytree(SAMPLE, project_dir)
    settings = project_dir / "scaleplus.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("language: en", "language: fr"), encoding="utf-8")
    project = load_project(project_dir)
    found = drawings("workplan", build("workplan", project, dt.date(2026, 11, 22)))
    assert found["sectors"].kwargs["lang"] == "fr"
    assert "Gouvernement" in [name for name, _ in found["sectors"].args[0]]
    assert found["grid"].args[1]["government"] == "Gouvernement"
    gantts = [d for k, v in found.items() if k.startswith("gantt:") for d in v]
    assert gantts and all(d.kwargs["lang"] == "fr" for d in gantts)
    svg = pictures.sector_coverage(found["sectors"].args[0], "svg", **found["sectors"].kwargs).decode()
    assert "Parties prenantes" in svg and "Gouvernement" in svg


def test_a_landscape_gantt_page_has_its_header_and_footer_reach_the_right_margin(invoke, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke("report", "workplan", "-f", "docx", "-p", SAMPLE, "--out", out).exit_code == 0
    doc = Document(str(out / "workplan.docx"))
    seen = set()
    for section in doc.sections:
        width = section.page_width - section.left_margin - section.right_margin
        for part in (section.header, section.footer):
            paragraph = part.paragraphs[0]
            right = [t for t in paragraph.paragraph_format.tab_stops if str(t.alignment).startswith("RIGHT")]
            assert right and abs(right[0].position - width) < 12700, (section.orientation, right[0].position, width)
            seen.add((str(section.orientation).split(".")[-1].split(" ")[0], part.paragraphs[0].text))
    # the landscape pages say what the portrait ones say: the project and the document, the date and page
    assert {text for orientation, text in seen if orientation == "LANDSCAPE"} == {
        text for orientation, text in seen if orientation == "PORTRAIT"}
    assert any("Kivuko Bay Living Coast" in text for _, text in seen) and not any("{{" in text for _, text in seen)


def test_the_work_plan_counts_a_body_and_its_offices_once_as_status_does(invoke, tmp_path: Path) -> None:
    import json

    from openpyxl import load_workbook

    status = json.loads(invoke("status", "-p", SAMPLE, "--format", "json").stdout)
    by_status = {row["label"]: row["stakeholders"] for row in status["sectors"]}
    assert by_status["Government"] == 4  # the District Fisheries Office counts with its council
    out = tmp_path / "out"
    assert invoke("report", "workplan", "-f", "xlsx", "-p", SAMPLE, "--out", out).exit_code == 0
    assert invoke("report", "workplan", "-f", "md", "-p", SAMPLE, "--out", out).exit_code == 0
    rows = list(load_workbook(out / "workplan.xlsx")["Charts"].iter_rows(values_only=True))
    start = next(n for n, r in enumerate(rows) if r[0] == "Stakeholders by sector") + 2
    charted = {r[0]: r[1] for r in rows[start:start + len(by_status)]}
    assert charted == by_status  # the chart's table, as status prints it
    md = (out / "workplan.md").read_text(encoding="utf-8")
    assert "| Government | 4 |" in md
    assert "Kivuko District Council (with Kivuko District Fisheries Office)" in md
