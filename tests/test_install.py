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


def test_wheel_carries_the_mit_license(installed):
    (info,) = installed.glob("scaleplus-*.dist-info")
    metadata = (info / "METADATA").read_text(encoding="utf-8")
    assert "License-Expression: MIT" in metadata
    text = (info / "licenses" / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License")
    assert "Copyright (c) 2026 scaleplus contributors" in text


OFFLINE = ("Failed to establish a new connection", "Temporary failure in name resolution", "Network is unreachable",
           "Could not fetch URL", "Connection refused", "Read timed out", "ProxyError")


def venv_program(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / (f"{name}.exe" if os.name == "nt" else name)


@pytest.mark.slow
def test_a_wheelhouse_for_this_platform_installs_with_no_index(tmp_path):
    """What the README tells a facilitator to carry to a laptop with no network, made for this machine:
    scaleplus built, everything it needs downloaded for this platform and Python, installed from the
    folder alone into a new virtual environment."""
    from packaging.tags import platform_tags

    import scaleplus_cli

    wheelhouse = tmp_path / "wheelhouse"
    pip = [sys.executable, "-m", "pip"]
    build = subprocess.run([*pip, "wheel", str(REPO), "-w", str(wheelhouse), "--no-deps", "-q"],
                           capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    platforms = [arg for tag in platform_tags() for arg in ("--platform", tag)]
    download = subprocess.run(
        [*pip, "download", "--only-binary=:all:", *platforms, "--python-version", f"{sys.version_info[0]}.{sys.version_info[1]}",
         "--dest", str(wheelhouse), "--timeout", "30", "--retries", "2", str(REPO)],
        capture_output=True, text=True,
    )
    if download.returncode != 0 and any(sign in download.stdout + download.stderr for sign in OFFLINE):
        pytest.skip(f"pip could not download the packages scaleplus needs (no network?): {download.stderr.strip()[-300:]}")
    assert download.returncode == 0, download.stdout + download.stderr

    laptop = tmp_path / "laptop"
    subprocess.run([sys.executable, "-m", "venv", str(laptop)], check=True)
    no_settings = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")} | {"PIP_CONFIG_FILE": os.devnull}
    install = subprocess.run(
        [str(venv_program(laptop, "python")), "-m", "pip", "install", "--no-index", "--find-links", str(wheelhouse), "scaleplus"],
        capture_output=True, text=True, env=no_settings,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    version = subprocess.run([str(venv_program(laptop, "scaleplus")), "--version"], capture_output=True, text=True)
    assert version.stdout.strip() == f"scaleplus {scaleplus_cli.__version__}", version.stderr
    check = subprocess.run([str(venv_program(laptop, "scaleplus")), "check", "-p", str(REPO / "sample_project")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
