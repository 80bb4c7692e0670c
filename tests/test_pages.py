"""`report theory` and `report assess` as HTML pages: self-contained like the dashboard (inline CSS
and SVG, no script, nothing fetched), text from the files escaped, in the project's language, opened
in a real headless Chromium where one is installed."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import SAMPLE
from test_dashboard import CHROMIUM, HOSTILE, external_references, parse

THEORY = f"""
outcomes:
  - id: boats
    text: '{HOSTILE.replace("'", "''")}'
    level: early
    leads_to: [G1]
    assumptions: ["Fuel <paid> & \\"kept\\""]
    rationale: "Line one\\rline two"
    indicators:
      - name: Patrols <b>done</b>
        unit: patrols
        unit_one: patrol
        baseline: 0
        target: 10
        actual: 1
"""


@pytest.fixture
def sample(tmp_path):
    return Path(shutil.copytree(SAMPLE, tmp_path / "sample"))


def page_text(html: str) -> str:
    page = parse(html)
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    assert external_references(html) == []
    assert tags.count("svg") == 1
    return "".join(page.text)


def test_theory_as_one_self_contained_page_with_the_pathway(invoke, sample, tmp_path):
    out = tmp_path / "out"
    assert invoke("report", "theory", "-f", "html", "-p", sample, "--out", out).exit_code == 0
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["theory.html"]
    text = page_text((out / "theory.html").read_text(encoding="utf-8"))
    for words in ("Outcomes pathway", "Early outcomes", "Common goals",  # the picture's own words, as SVG text
                  "Two patrol boats and joint night patrols on the water every week", "Assumptions",
                  "What has been measured"):
        assert words in text, words


def test_theory_page_escapes_what_the_files_hold(invoke, make_project, tmp_path):
    root = make_project({"theory.yaml": THEORY})
    out = tmp_path / "out"
    assert invoke("report", "theory", "-f", "html", "-p", root, "--out", out).exit_code == 0
    html = (out / "theory.html").read_text(encoding="utf-8")
    text = page_text(html)
    assert HOSTILE in text and 'Fuel <paid> & "kept"' in text and "Patrols <b>done</b>" in text
    assert "<script>" not in html and "\r" not in html
    assert "Patrols <b>done</b>: baseline 0 patrols, target 10 patrols; now 1 patrol" in text  # units agree


def test_report_all_writes_the_theory_page_beside_the_others(invoke, sample, tmp_path):
    out = tmp_path / "out"
    assert invoke("report", "all", "-p", sample, "--out", out).exit_code == 0
    assert (out / "theory.html").is_file() and not (out / "assess.html").exists()  # assess: asked for by name


@pytest.mark.parametrize(("code", "words"), [
    ("en", ["Collective Impact health check", "An influential champion", "Developing", "Organise for impact (4 of 4 done)",
            "1 Emerging"]),
    ("fr", ["Bilan de santé de l’impact collectif", "Un champion influent", "S’organiser pour l’impact (4 sur 4 réalisées)",
            "1 Émergente"]),
])
def test_assess_as_one_page_in_the_projects_language(invoke, sample, tmp_path, monkeypatch, code, words):
    monkeypatch.setenv("SCALEPLUS_TODAY", "2026-11-25")
    settings = sample / "scaleplus.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("language: en", f"language: {code}"), encoding="utf-8")
    out = tmp_path / "out"
    assert invoke("report", "assess", "-f", "html", "-p", sample, "--out", out).exit_code == 0
    html = (out / "assess.html").read_text(encoding="utf-8")
    assert f'<html lang="{code}">' in html
    text = page_text(html)
    for word in words:
        assert word in text, word


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
@pytest.mark.parametrize("document", ["theory", "assess"])
def test_theory_and_assess_pages_in_headless_chromium_load_nothing_and_log_nothing(invoke, make_project, sample, tmp_path, document):
    root = make_project({"theory.yaml": THEORY}) if document == "theory" else sample
    out = tmp_path / "out"
    assert invoke("report", document, "-f", "html", "-p", root, "--out", out).exit_code == 0
    page = (out / f"{document}.html").resolve()
    shot, netlog = tmp_path / "shot.png", tmp_path / "net.json"
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--enable-logging=stderr",
             "--v=0", f"--log-net-log={netlog}", f"--screenshot={shot}", "--window-size=1280,1600", page.as_uri()],
            capture_output=True, text=True, timeout=120,
        )
    assert shot.is_file() and shot.stat().st_size > 10_000, done.stderr
    assert "CONSOLE" not in done.stderr, done.stderr
    log = json.loads(netlog.read_text(encoding="utf-8"))
    kinds = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    from_page = [
        e["params"].get("url") for e in log["events"]
        if kinds.get(e["type"]) == "URL_REQUEST_START_JOB"
        and e.get("params", {}).get("initiator") not in (None, "not an origin")
    ]
    assert from_page == []
