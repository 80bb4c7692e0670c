"""The installed package, away from the repository: it runs, and it carries its templates."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """The wheel built from this checkout, unpacked into a folder of its own (dependencies come from this env)."""
    dist = tmp_path_factory.mktemp("dist")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)],
        capture_output=True, text=True,
    )
    if build.returncode != 0:
        pytest.fail(f"building the wheel failed:\n{build.stdout}\n{build.stderr}")
    wheel = next(dist.glob("scaleplus-*.whl"))
    target = tmp_path_factory.mktemp("site")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


def run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(site), "SCALEPLUS_TODAY": "2026-11-22"}
    return subprocess.run([sys.executable, "-m", "scaleplus_cli", *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_wheel_carries_every_template(installed):
    shipped = {p.name for p in (installed / "scaleplus_cli" / "templates").iterdir()}
    in_repo = {p.name for p in (REPO / "templates").iterdir() if p.is_file() and p.suffix != ".py"}
    assert in_repo, "the repository has templates"
    assert in_repo <= shipped


def test_installed_package_runs_outside_the_repository(installed, tmp_path):
    import shutil

    project = Path(shutil.copytree(REPO / "sample_project", tmp_path / "retreat"))
    result = run_installed(installed, tmp_path, "check", "-p", str(project))
    assert result.returncode == 0, result.stderr
    assert "0 errors" in result.stdout
    import scaleplus_cli

    probe = run_installed(installed, tmp_path, "--version")
    assert probe.stdout.strip() == f"scaleplus {scaleplus_cli.__version__}"


def test_installed_package_renders_with_its_packaged_templates(installed, tmp_path):
    import shutil

    from docx import Document

    project = Path(shutil.copytree(REPO / "sample_project", tmp_path / "retreat"))
    out = tmp_path / "printed"
    result = run_installed(installed, tmp_path, "report", "all", "-p", str(project), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Kivuko Bay Living Coast" in (out / "agenda.md").read_text(encoding="utf-8")
    text = "\n".join(p.text for p in Document(str(out / "commitments.docx")).paragraphs)
    assert "Bahari Fresh Fish Processors Ltd" in text


def test_installed_package_speaks_french_from_its_packaged_catalogs(installed, tmp_path):
    import shutil

    assert {p.name for p in (installed / "scaleplus_cli" / "locales").iterdir()} >= {"en.po", "fr.po", "es.po", "pt.po"}
    project = Path(shutil.copytree(REPO / "sample_project", tmp_path / "retreat"))
    config = project / "scaleplus.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: fr"), encoding="utf-8")
    out = tmp_path / "printed"
    result = run_installed(installed, tmp_path, "report", "agenda", "--format", "md", "-p", str(project), "--out", str(out))
    assert result.returncode == 0, result.stderr
    agenda = (out / "agenda.md").read_text(encoding="utf-8")
    assert "## Programme de l’atelier" in agenda and "mardi 15 septembre 2026" in agenda
