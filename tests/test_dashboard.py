"""`report dashboard` and `status --format html`: one self-contained HTML page, text escaped, pictures
inline, opened in a real headless Chromium where one is installed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SAMPLE

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
HOSTILE = 'Fish <b>Ltd</b> & "Co" <script>alert(1)</script> =HYPERLINK("http://evil.example")'


class Page(HTMLParser):
    """Tags, attributes and the text a reader sees (inside <svg> included)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def external_references(html: str) -> list[str]:
    """Every src, href or CSS url() that would make the browser fetch something."""
    found = re.findall(r'''\b(?:src|href|xlink:href)\s*=\s*["']?([^"' >]+)''', html)
    found += re.findall(r"url\(\s*['\"]?([^)'\"]+)", html)
    found += re.findall(r"@import", html)
    return [u for u in found if not u.startswith("#")]


@pytest.fixture
def hostile(make_project):
    return make_project({
        "stakeholders/fish.yaml": f"name: '{HOSTILE.replace(chr(39), chr(39) * 2)}'\nsector: private_sector\ninfluence: 4\ninterest: 4\n",
        "stakeholders/office.yaml": "name: Fisheries Office\nsector: government\ninfluence: 5\ninterest: 2\n",
        "barriers/patrols.yaml": "title: No <patrols>\ncategory: structural\nseverity: 4\n",
        "commitments/boats.yaml": "stakeholder: fish\ntext: \"Repair\\rtwo <i>boats</i>\"\nhorizon: 100\nbarriers: [patrols]\ndue: 2026-10-01\n",
    })


def test_report_dashboard_writes_one_self_contained_page(invoke, hostile, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("report", "dashboard", "-p", hostile, "--out", out)
    assert result.exit_code == 0, result
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == ["dashboard.html"]
    html = (out / "dashboard.html").read_text(encoding="utf-8")
    page = parse(html)
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    assert external_references(html) == []
    assert tags.count("svg") >= 3  # sectors, grid, leverage
    text = "".join(page.text)
    assert HOSTILE in text  # exactly as typed, shown as text
    assert "Repair\ntwo <i>boats</i>" in text and "\r" not in html
    from scaleplus_cli.render.html import clean

    assert clean("ok\x07\x1b") == "ok"  # control characters (check refuses them) never reach the page
    assert "No <patrols>" in text
    assert "MANAGE CLOSELY" in text and "KEEP SATISFIED" in text
    assert "Overdue" in text


def test_status_format_html_prints_the_same_page(invoke, tmp_path: Path) -> None:
    result = invoke("status", "-p", SAMPLE, "--format", "html")
    assert result.exit_code == 0, result
    assert result.stdout.startswith("<!DOCTYPE html>")
    out = tmp_path / "out"
    invoke("report", "dashboard", "-p", SAMPLE, "--out", out)
    assert result.stdout == (out / "dashboard.html").read_text(encoding="utf-8")
    text = "".join(parse(result.stdout).text)
    assert "Kivuko Bay 100-day action plan" in text and "Today 22 Nov" in text


def test_dashboard_svg_ids_are_unique_on_the_page(invoke, tmp_path: Path) -> None:
    invoke("report", "dashboard", "-p", SAMPLE, "--out", tmp_path)
    html = (tmp_path / "dashboard.html").read_text(encoding="utf-8")
    ids = re.findall(r'\bid="([^"]+)"', html)
    assert len(ids) == len(set(ids)) > 0
    for ref in re.findall(r'url\(#([^)]+)\)', html):
        assert ref in ids


def test_dashboard_has_no_other_form(invoke, tmp_path: Path) -> None:
    result = invoke("report", "dashboard", "-f", "docx", "-p", SAMPLE, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "the dashboard has no docx form (it has html)" in result.stderr


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_dashboard_in_headless_chromium_loads_nothing_and_logs_nothing(invoke, hostile, tmp_path: Path) -> None:
    out = tmp_path / "out"
    invoke("report", "dashboard", "-p", hostile, "--out", out)
    page = (out / "dashboard.html").resolve()
    shot, netlog = tmp_path / "shot.png", tmp_path / "net.json"
    with tempfile.TemporaryDirectory() as profile:
        done = subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", f"--user-data-dir={profile}", "--enable-logging=stderr",
             "--v=0", f"--log-net-log={netlog}", f"--screenshot={shot}", "--window-size=1280,1600", page.as_uri()],
            capture_output=True, text=True, timeout=120,
        )
    assert shot.is_file() and shot.stat().st_size > 10_000, done.stderr
    assert "CONSOLE" not in done.stderr, done.stderr  # no console message: no error, no failed load
    log = json.loads(netlog.read_text(encoding="utf-8"))
    kinds = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    from_page = [
        e["params"].get("url") for e in log["events"]
        if kinds.get(e["type"]) == "URL_REQUEST_START_JOB"
        and e.get("params", {}).get("initiator") not in (None, "not an origin")  # the browser's own requests
    ]
    assert from_page == []


@pytest.mark.parametrize(
    ("code", "words", "english"),
    [
        ("fr", ["À relancer cette semaine", "parties prenantes", "Qui est dans la salle", "GÉRER DE PRÈS",
                "Jours de retard", "Appeler Fish", "a 52 jours de retard",
                "Faire venir les secteurs absents\u00a0: société civile, communauté,", "Trouver une assistance technique pour"],
         ["To chase this week", "MANAGE CLOSELY", "Days late", "Call Fish", "Today"]),
        ("es", ["Para dar seguimiento esta semana", "actores", "GESTIONAR DE CERCA", "Días de retraso", "Llamar a Fish"],
         ["To chase this week", "MANAGE CLOSELY"]),
        ("pt", ["A acompanhar esta semana", "partes interessadas", "GERIR DE PERTO", "Dias de atraso", "Ligar a Fish"],
         ["To chase this week", "MANAGE CLOSELY"]),
    ],
)
def test_dashboard_speaks_the_projects_language_and_still_escapes(invoke, hostile, tmp_path: Path, code, words, english) -> None:
    settings = hostile / "scaleplus.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + f"language: {code}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert invoke("report", "dashboard", "-p", hostile, "--out", out).exit_code == 0
    html = (out / "dashboard.html").read_text(encoding="utf-8")
    assert f'<html lang="{code}">' in html
    text = "".join(parse(html).text)
    for word in words:
        assert word in text, word
    for word in english:
        assert word not in text, word
    assert HOSTILE in text and "<script>" not in html
