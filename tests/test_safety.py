"""Nothing lost, ever: writes that survive a kill, the project lock, output folders that keep the
user's own files, and hostile input met with located errors."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO

posix_only = pytest.mark.skipif(os.name != "posix", reason="SIGKILL and SIGHUP are POSIX signals")

PEOPLE = {
    "stakeholders/office.yaml": "name: Fisheries Office  # keep this comment\nsector: government\ninterest: 3\n",
    "stakeholders/radio.yaml": "name: Sauti FM\nsector: media\n",
}


def tree(root: Path) -> dict[str, bytes]:
    """Every file below root, hidden ones (temporary files, the journal) included."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def run_killed(step: int, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "SCALEPLUS_TODAY": "2026-11-22"}
    return subprocess.run(
        [sys.executable, str(REPO / "tools" / "kill_at.py"), str(step), *args],
        cwd=cwd, env=env, capture_output=True, text=True, timeout=60,
    )


@posix_only
def test_an_import_killed_at_any_step_leaves_the_project_as_before_or_as_after(make_project, invoke, tmp_path):
    root = make_project(PEOPLE)
    sheet = tmp_path / "people.csv"
    sheet.write_text("id,name,sector,interest\noffice,,,5\n,Mwamba Youth Divers,community,2\n")
    before = tree(root)
    assert invoke("import", sheet, "--kind", "stakeholders", "-p", root).exit_code == 0
    after = tree(root)
    assert after != before
    outcomes = set()
    step = 0
    while True:
        step += 1
        for rel in set(tree(root)) | set(before):  # back to the start
            path = root / rel
            if rel in before:
                path.write_bytes(before[rel])
            elif path.exists():
                path.unlink()
        run = run_killed(step, "import", str(sheet), "--kind", "stakeholders", "-p", str(root), cwd=tmp_path)
        if run.returncode != -signal.SIGKILL:
            assert run.returncode == 0, run.stderr
            assert tree(root) == after
            break
        checked = invoke("check", "-p", root)
        assert checked.exit_code == 0, checked
        now = tree(root)
        assert now in (before, after), f"killed at step {step}: {sorted(set(now) ^ set(after))}"
        outcomes.add("before" if now == before else "after")
        if now == before and step > 1:
            assert "was undone" in checked.stderr or "temporary file" in checked.stderr or checked.stderr == ""
    assert step > 20  # the kill came between every two steps of the write
    assert outcomes == {"before", "after"}


@posix_only
def test_sigterm_and_sighup_undo_an_import_as_ctrl_c_does(make_project, tmp_path):
    root = make_project(PEOPLE)
    sheet = tmp_path / "people.csv"
    sheet.write_text("id,name,sector,interest\noffice,,,5\n,Mwamba Youth Divers,community,2\n")
    before = tree(root)
    hook = tmp_path / "hook.py"
    hook.write_text(
        "import os, signal, sys\n"
        "SIGNAL = getattr(signal, sys.argv.pop(1))\n"
        "from scaleplus_cli import store\n"
        "real = store.write_atomic\n"
        "def write_atomic(path, content):\n"
        "    real(path, content)\n"
        "    store.write_atomic = real  # once: putting the files back is not interrupted again\n"
        "    os.kill(os.getpid(), SIGNAL)\n"
        "store.write_atomic = write_atomic\n"
        "from scaleplus_cli.__main__ import main\n"
        "sys.argv[0] = 'scaleplus'\n"
        "main()\n"
    )
    for name in ("SIGTERM", "SIGHUP"):
        run = subprocess.run(
            [sys.executable, str(hook), name, "import", str(sheet), "--kind", "stakeholders", "-p", str(root)],
            env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=60,
        )
        assert run.returncode == 130, run.stderr
        assert run.stderr.strip().splitlines()[-1] == "error: interrupted; no file was left half-written"
        assert "Traceback" not in run.stderr
        assert tree(root) == before


def test_a_write_killed_earlier_leaves_no_temporary_files(make_project, invoke):
    root = make_project(PEOPLE)
    stray = root / "stakeholders" / ".office.yaml.k2j4h1x9.tmp"
    stray.write_text("name: half a fi")
    result = invoke("check", "-p", root)
    assert result.exit_code == 0, result
    assert not stray.exists()
    assert "removed 1 temporary file left by an interrupted write" in result.stderr
    assert invoke("check", "-p", root).stderr == ""  # said once


def test_init_keeps_the_journal_and_temporary_files_out_of_git(invoke, tmp_path):
    assert invoke("init", tmp_path / "lake", "--name", "Lake").exit_code == 0
    ignored = (tmp_path / "lake" / ".gitignore").read_text().splitlines()
    assert ".scaleplus/" in ignored and ".*.tmp" in ignored


# -- terminals and encodings ------------------------------------------------------------------------


def run_scaleplus(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "scaleplus_cli", *args],
        env={**os.environ, "PYTHONPATH": str(REPO), "SCALEPLUS_TODAY": "2026-11-22", **(env or {})},
        cwd=cwd, capture_output=True, timeout=60,
    )


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "cp1252"}, {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}])
def test_output_in_an_encoding_without_the_characters_replaces_them(make_project, env):
    root = make_project({"stakeholders/sauti.yaml": "name: Sauti FM ✓ Ωmega 声\nsector: media\n"})
    shown = run_scaleplus("list", "stakeholders", "-p", str(root), env=env)
    assert shown.returncode == 0, shown.stderr
    assert b"Sauti FM ? ?mega ?" in shown.stdout
    failed = run_scaleplus("show", "no-such-✓", "-p", str(root), env=env)
    assert failed.returncode in (1, 2) and b"Traceback" not in failed.stderr and b"UnicodeEncodeError" not in failed.stderr
    assert failed.stderr.count(b"\n") == 1


def test_ctrl_c_while_scaleplus_is_still_starting_is_one_line(tmp_path):
    starter = tmp_path / "starter.py"
    starter.write_text(
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'rich':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "from scaleplus_cli.__main__ import main\n"
        "sys.argv = ['scaleplus', '--help']\n"
        "main()\n"
    )
    run = subprocess.run([sys.executable, str(starter)], env={**os.environ, "PYTHONPATH": str(REPO)},
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 130
    assert run.stderr == "error: interrupted; no file was left half-written\n"
