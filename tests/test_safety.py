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


class FileSystemLog:
    """What a write does to the disk, in order: ('rename', folder), ('sync', folder), ('plan gone', '')."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import stat

        self.events: list[tuple[str, str]] = []
        real_fsync, real_replace, real_link, real_unlink = os.fsync, os.replace, os.link, os.unlink
        folders: dict[tuple[int, int], str] = {}  # (device, inode) -> folder, of every folder synced

        def fsync(fd):
            st = os.fstat(fd)
            if stat.S_ISDIR(st.st_mode):
                here = os.getcwd()
                try:
                    os.fchdir(fd)
                    folders[st.st_dev, st.st_ino] = os.getcwd()
                finally:
                    os.chdir(here)
                self.events.append(("sync", folders[st.st_dev, st.st_ino]))
            return real_fsync(fd)

        def placed(real):
            def call(src, dst, *args, **kwargs):
                result = real(src, dst, *args, **kwargs)
                self.events.append(("rename", os.path.realpath(os.path.dirname(os.path.abspath(dst)))))
                return result
            return call

        def unlink(path, *args, **kwargs):
            real_unlink(path, *args, **kwargs)
            if os.path.basename(path) == "plan.json":
                self.events.append(("plan gone", ""))

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", placed(real_replace))
        monkeypatch.setattr(os, "link", placed(real_link))
        monkeypatch.setattr(os, "unlink", unlink)

    def synced_between_last_rename_and_plan_gone(self, folder: Path) -> bool:
        folder_ = os.path.realpath(folder)
        renames = [n for n, e in enumerate(self.events) if e == ("rename", folder_)]
        gone = self.events.index(("plan gone", ""))
        return bool(renames) and ("sync", folder_) in self.events[renames[-1]:gone]


@posix_only
def test_the_folders_of_renamed_files_are_synced_before_the_change_stands(make_project, invoke, tmp_path, monkeypatch):
    root = make_project(PEOPLE)
    sheet = tmp_path / "people.csv"
    sheet.write_text("id,name,sector,interest\noffice,,,5\n,Mwamba Youth Divers,community,2\n")
    log = FileSystemLog(monkeypatch)
    result = invoke("import", sheet, "--kind", "stakeholders", "-p", root)
    assert result.exit_code == 0, result
    assert (root / "stakeholders" / "mwamba-youth-divers.yaml").exists()
    # office.yaml replaced and the new file linked into stakeholders/: a power cut after the journal
    # is gone must find both names there, so the folder is synced before the plan is removed
    assert log.synced_between_last_rename_and_plan_gone(root / "stakeholders"), log.events
    # and the journal's own folder entry is durable before the first file is touched
    first_rename = next(n for n, e in enumerate(log.events) if e[0] == "rename" and "stakeholders" in e[1])
    assert ("sync", os.path.realpath(root / ".scaleplus")) in log.events[:first_rename]


@posix_only
def test_a_new_folder_and_the_folder_it_was_made_in_are_synced(make_project, monkeypatch):
    from scaleplus_cli.transaction import FileChange, write_files

    root = make_project(PEOPLE)
    log = FileSystemLog(monkeypatch)
    letter = root / "out" / "reminders" / "radio.md"
    write_files([FileChange(letter, "out/reminders/radio.md", "Dear Sauti FM\n", None)], root)
    assert letter.read_text() == "Dear Sauti FM\n"
    assert log.synced_between_last_rename_and_plan_gone(root / "out" / "reminders"), log.events
    gone = log.events.index(("plan gone", ""))
    for folder in (root / "out", root):  # where out/ and out/reminders/ were made
        assert ("sync", os.path.realpath(folder)) in log.events[:gone], folder


def test_a_write_works_where_folders_cannot_be_synced(make_project, invoke, tmp_path, monkeypatch):
    """Windows cannot open a folder to sync it: the write goes on without."""
    import errno
    import stat

    real_open = os.open

    def no_folders(path, flags, *args, **kwargs):
        if os.path.isdir(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    synced_folders = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "open", no_folders)
    monkeypatch.setattr(os, "fsync", lambda fd: (synced_folders.append(fd) if stat.S_ISDIR(os.fstat(fd).st_mode) else None, real_fsync(fd))[1])
    root = make_project(PEOPLE)
    sheet = tmp_path / "people.csv"
    sheet.write_text("id,name,sector,interest\noffice,,,5\n,Mwamba Youth Divers,community,2\n")
    result = invoke("import", sheet, "--kind", "stakeholders", "-p", root)
    assert result.exit_code == 0, result
    assert "interest: 5" in (root / "stakeholders" / "office.yaml").read_text()
    assert (root / "stakeholders" / "mwamba-youth-divers.yaml").exists()
    assert not (root / ".scaleplus" / "journal" / "plan.json").exists()  # the change stands
    assert synced_folders == []


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
    assert ".scaleplus/journal/" in ignored and ".*.tmp" in ignored
    import subprocess

    tracked = subprocess.run(["git", "-C", str(tmp_path / "lake"), "ls-files"], capture_output=True, text=True).stdout
    assert ".scaleplus/schemas/stakeholder.schema.json" in tracked  # the editor's schemas travel with the project


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
    if env.get("PYTHONIOENCODING"):  # the user chose cp1252: what it cannot hold is replaced
        assert b"Sauti FM ? ?mega ?" in shown.stdout
    else:  # a pipe in the "C" locale: written as UTF-8, nothing lost
        assert "Sauti FM ✓ Ωmega 声".encode() in shown.stdout
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


def children_of(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = status.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(status.parent.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds the drawing process in /proc")
@pytest.mark.parametrize("delay", [0.0, 0.05, 0.15, 0.4])
def test_ctrl_c_in_a_terminal_while_pictures_are_drawn_is_one_line(sample, delay):
    """A terminal's Ctrl-C reaches every process of the command, the picture-drawing one too, even
    while that one is still starting (`delay` after it appears): still one line, never a traceback."""
    import time

    env = {**os.environ, "PYTHONPATH": str(REPO), "SCALEPLUS_TODAY": "2026-11-22"}
    env.pop("SCALEPLUS_DRAW_HERE", None)
    child = subprocess.Popen([sys.executable, "-m", "scaleplus_cli", "report", "workplan", "-p", str(sample)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    started = time.monotonic()
    while child.poll() is None and not children_of(child.pid) and time.monotonic() - started < 60:
        time.sleep(0.005)
    time.sleep(delay)
    try:
        os.killpg(child.pid, signal.SIGINT)  # as the terminal does: the whole process group
    except ProcessLookupError:  # already done
        pass
    out, err = child.communicate(timeout=120)
    assert "Traceback" not in err and "Fatal Python error" not in err, err
    if child.returncode == 130:
        assert err.endswith("error: interrupted; no file was left half-written\n"), err
    else:
        assert child.returncode == 0 and err == "", err


# -- the lock -------------------------------------------------------------------------------------

WORK = {
    **PEOPLE,
    "commitments/boats.yaml": "stakeholder: office\ntext: Two patrol boats\nhorizon: 100\ndue: 2027-03-01\n",
    "plans/hundred.yaml": (
        "title: Hundred days\nhorizon: 100\nactions:\n  - title: Patrols\n    indicators:\n"
        "      - name: Boats\n        target: 8\n"
    ),
}


def run_together(commands: list[list[str]]) -> list[subprocess.CompletedProcess]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "SCALEPLUS_TODAY": "2026-11-22"}
    children = [
        subprocess.Popen([sys.executable, "-m", "scaleplus_cli", *c], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for c in commands
    ]
    return [subprocess.CompletedProcess(c.args, c.wait(timeout=120), *c.communicate()) for c in children]


def test_eight_updates_at_once_keep_eight_entries(make_project):
    root = make_project(WORK)
    runs = run_together([["update", "boats", "--note", f"call {n}", "-p", str(root)] for n in range(8)])
    assert [r.returncode for r in runs] == [0] * 8, [r.stderr for r in runs]
    text = (root / "commitments" / "boats.yaml").read_text()
    assert sorted(n for n in range(8) if f"call {n}" in text) == list(range(8))


def test_eight_measures_at_once_keep_eight_measurements(make_project):
    root = make_project(WORK)
    runs = run_together([["measure", "hundred", "1", "1", str(n + 1), "-p", str(root)] for n in range(8)])
    assert [r.returncode for r in runs] == [0] * 8, [r.stderr for r in runs]
    from scaleplus_cli.store import load_project

    measured = load_project(root).plans["hundred"].actions[0].indicators[0].measurements
    assert sorted(m.value for m in measured) == list(range(1, 9))


def test_a_command_that_cannot_get_the_lock_says_who_holds_it(make_project):
    from scaleplus_cli.transaction import LockBusy, project_lock

    root = make_project(WORK)
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; sys.argv = ['scaleplus', 'import', 'people.xlsx']\n"
         "from scaleplus_cli.transaction import project_lock\n"
         f"with project_lock({str(root)!r}, 'importing'):\n"
         "    print('held', flush=True); time.sleep(30)\n"],
        env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(LockBusy) as busy:
            with project_lock(root, "recording the update", wait=0.2):
                pass
        message = busy.value.message
        assert f"pid {holder.pid}" in message and "'scaleplus import people.xlsx'" in message and "since 20" in message
        assert "waited 0.2 s before recording the update" in message
    finally:
        holder.kill()
        holder.wait()
    with project_lock(root, "recording the update", wait=5):  # a dead holder's lock is free at once
        pass


# -- only our own files -----------------------------------------------------------------------------

DUE = {
    "stakeholders/a.yaml": "name: A\nsector: media\n",
    "stakeholders/b.yaml": "name: B\nsector: media\n",
    "commitments/a1.yaml": "stakeholder: a\ntext: T\nhorizon: 100\ndue: 2026-11-20\n",
    "commitments/b1.yaml": "stakeholder: b\ntext: U\nhorizon: 100\ndue: 2026-11-21\n",
    "agenda.yaml": "days:\n  - sessions:\n      - title: Opening\n        minutes: 30\n",
}


def test_remind_keeps_a_letter_the_user_wrote_and_writes_nothing(make_project, invoke, tmp_path):
    root = make_project(DUE)
    letters = tmp_path / "letters"
    letters.mkdir()
    (letters / "a.md").write_text("Dear A, my own words.\n")
    result = invoke("remind", "-p", root, "--out", letters)
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1].startswith("error: ")
    assert "a.md was not written by scaleplus" in result.stderr and "nothing was written" in result.stderr
    assert (letters / "a.md").read_text() == "Dear A, my own words.\n"
    assert sorted(p.name for p in letters.iterdir()) == ["a.md"]


def test_remind_never_removes_a_letter_it_did_not_write(make_project, invoke, tmp_path):
    root = make_project(DUE)
    letters = tmp_path / "letters"
    assert invoke("remind", "-p", root, "--out", letters).exit_code == 0
    (letters / "b.md").write_text("Dear B, my own words, in scaleplus's place.\n")  # hand-edited since
    invoke("update", "b1", "--status", "done", "-p", root)
    result = invoke("remind", "-p", root, "--out", letters)
    assert result.exit_code == 0, result
    assert (letters / "b.md").read_text() == "Dear B, my own words, in scaleplus's place.\n"
    assert "removed" not in result.stderr


def test_report_keeps_the_users_agenda_and_writes_nothing(make_project, invoke, tmp_path):
    root = make_project(DUE)
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "agenda.md").write_text("# My own agenda\n")
    result = invoke("report", "all", "--format", "md", "-p", root, "--out", folder)
    assert result.exit_code == 1
    assert "agenda.md was not written by scaleplus" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["agenda.md"]
    (folder / "agenda.md").unlink()
    assert invoke("report", "all", "--format", "md", "-p", root, "--out", folder).exit_code == 0
    assert invoke("report", "all", "--format", "md", "-p", root, "--out", folder).exit_code == 0  # ours: rewritten
    (folder / "workplan.md").write_text("edited by hand\n")
    again = invoke("report", "all", "--format", "md", "-p", root, "--out", folder)
    assert again.exit_code == 1 and "workplan.md was not written by scaleplus (or changed since)" in again.stderr
    assert (folder / "workplan.md").read_text() == "edited by hand\n"


# -- hostile values -------------------------------------------------------------------------------

HUGE = "9" * 5000


@pytest.mark.parametrize("rel, text, where", [
    ("stakeholders/office.yaml", f"name: Office\nsector: government\ninfluence: {HUGE}\n", "3:12"),
    ("commitments/boats.yaml", f"stakeholder: office\ntext: Boats\nhorizon: {HUGE}\n", "3:10"),
    ("plans/hundred.yaml", WORK["plans/hundred.yaml"] + f"        baseline: {HUGE}\n", "8:19"),
    ("plans/hundred.yaml", WORK["plans/hundred.yaml"] + f"        baseline: -{HUGE}.5\n", "8:19"),
])
def test_a_five_thousand_digit_number_is_a_located_error(make_project, invoke, rel, text, where):
    root = make_project({**WORK, rel: text})
    result = invoke("check", "-p", root)
    assert result.exit_code == 1
    assert f"{rel}:{where}: error:" in result.stdout and "internal error" not in result.stderr
    assert "5,000 digits long" in result.stdout or "at most 10^15" in result.stdout
    assert len(result.stdout) < 2000  # the number is not printed back
    assert "internal error" not in invoke("update", "boats", "--note", "x", "-p", root).stderr


def test_five_thousand_digits_typed_on_the_command_line_or_in_a_sheet(make_project, invoke, tmp_path):
    root = make_project(WORK)
    for args in (["measure", "hundred", HUGE, "1", "2"], ["measure", "hundred", "1", "1", HUGE],
                 ["add", "stakeholder", "--name", "Lake", "--sector", "media", "--influence", HUGE]):
        result = invoke(*args, "-p", root)
        assert result.exit_code in (1, 2) and "internal error" not in result.stderr, result
    sheet = tmp_path / "people.csv"
    sheet.write_text(f"id,name,sector,influence\noffice,,,{HUGE}\n")
    result = invoke("import", sheet, "--kind", "stakeholders", "-p", root)
    assert result.exit_code == 1 and f"{sheet.name}:2:" in " ".join(result.stderr.split()), result
    assert "5,000 digits long" in result.stderr


def test_a_tab_after_a_colon_is_refused_by_every_reader_alike(make_project, invoke, tmp_path):
    root = make_project({**WORK, "commitments/boats.yaml": WORK["commitments/boats.yaml"] + "status:\tin_progress\n"})
    result = invoke("check", "-p", root)
    assert result.exit_code == 1
    assert "commitments/boats.yaml:5:8: error: YAML syntax: a tab where YAML needs a space" in result.stdout
    for args in (["update", "boats", "--note", "x"], ["list", "commitments"]):
        other = invoke(*args, "-p", root)
        assert "internal error" not in other.stderr, other
    assert "boats.yaml" in invoke("update", "boats", "--note", "x", "-p", root).stderr


def test_terminal_escapes_in_text_are_refused_and_never_printed(make_project, invoke):
    root = make_project({**WORK, "commitments/boats.yaml": (
        'stakeholder: office\ntext: "Boats \\e[31mred\\e[0m \\e]0;pwned\\a"\nhorizon: 100\n')})
    result = invoke("check", "-p", root)
    assert result.exit_code == 1
    assert "commitments/boats.yaml:2:7: error: text: the text holds a control character (U+001B, escape)" in result.stdout
    for args in (["show", "boats"], ["list", "commitments"], ["status"]):
        shown = invoke(*args, "-p", root)
        assert "\x1b" not in shown.stdout and "\x07" not in shown.stdout, args


def test_a_text_longer_than_an_excel_cell_is_reported_before_anything_is_written(make_project, invoke):
    long = "word " * 8000
    root = make_project({**WORK, "commitments/boats.yaml": f"stakeholder: office\ntext: {long}\nhorizon: 100\n"})
    result = invoke("report", "workplan", "-p", root)
    assert result.exit_code == 1
    assert "boats (Commitment): the text is 39,999 characters long, more than the 32,767 an Excel cell can hold" in result.stderr
    assert not (root / "out").exists() or not [p for p in (root / "out").iterdir()]


# -- templates and links ------------------------------------------------------------------------------

AGENDA = {**DUE, "agenda.yaml": "days:\n  - sessions:\n      - title: Opening\n        minutes: 30\n"}


def test_a_project_template_cannot_run_code(make_project, invoke, tmp_path, monkeypatch):
    monkeypatch.delenv("SCALEPLUS_DEBUG")
    root = make_project({**AGENDA, "templates/agenda.md.j2": "{{ cycler.__init__.__globals__.os.popen('echo owned').read() }}\n"})
    result = invoke("report", "agenda", "--format", "md", "-p", root, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "templates/agenda.md.j2: the template cannot be used:" in result.stderr and "unsafe" in result.stderr
    assert not (tmp_path / "out" / "agenda.md").exists()


def test_a_project_template_linking_out_of_the_project_is_refused(make_project, invoke, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("the password\n")
    root = make_project(AGENDA)
    (root / "templates").mkdir()
    (root / "templates" / "agenda.md.j2").symlink_to(secret)
    result = invoke("report", "agenda", "--format", "md", "-p", root, "--out", tmp_path / "out")
    assert result.exit_code == 1
    assert "error: templates/agenda.md.j2 links to a file outside the project" in result.stderr
    assert not (tmp_path / "out").exists()
    (root / "templates" / "agenda.md.j2").unlink()
    (root / "templates" / "agenda.md.j2").write_text("{% include 'secret.md' %}\n")
    (root / "templates" / "secret.md").symlink_to(secret)
    included = invoke("report", "agenda", "--format", "md", "-p", root, "--out", tmp_path / "out")
    assert included.exit_code == 1 and "the password" not in included.stdout
    assert "links to a file outside its folder" in included.stderr


def test_an_entity_file_linking_out_of_the_project_is_not_written_through(make_project, invoke, tmp_path):
    elsewhere = tmp_path / "elsewhere.yaml"
    elsewhere.write_text(WORK["commitments/boats.yaml"])
    root = make_project({k: v for k, v in WORK.items() if k != "commitments/boats.yaml"})
    (root / "commitments").mkdir(exist_ok=True)
    (root / "commitments" / "boats.yaml").symlink_to(elsewhere)
    result = invoke("update", "boats", "--note", "called", "-p", root)
    assert result.exit_code == 1
    assert "commitments/boats.yaml is a link to a place outside the project" in result.stderr
    assert elsewhere.read_text() == WORK["commitments/boats.yaml"]


# -- bounded import -----------------------------------------------------------------------------------


def people_workbook(path: Path, rows: int = 2, far_cell: str | None = None) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    ws = book.active
    ws.title = "stakeholders"
    ws.append(["id", "name", "sector"])
    for n in range(rows):
        ws.append([None, f"Crew {n}", "community"])
    if far_cell:
        ws[far_cell].font = Font(bold=True)  # a blank cell, written because it has a style
    book.save(path)
    return path


def test_one_blank_cell_at_the_far_corner_does_not_balloon_an_import(make_project, tmp_path):
    root = make_project(PEOPLE)
    sheet = people_workbook(tmp_path / "people.xlsx", far_cell="XFD1048576")
    assert sheet.stat().st_size < 10_000
    limited = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1_500_000_000, 1_500_000_000))\n"
        "from scaleplus_cli.__main__ import main\n"
        "main()\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", limited, "import", str(sheet), "--dry-run", "-p", str(root)],
        env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "would create" in run.stdout and "Crew 1" not in run.stderr


def test_a_zip_bomb_is_refused_before_it_is_unpacked(make_project, invoke, tmp_path):
    import zipfile

    root = make_project(PEOPLE)
    bomb = people_workbook(tmp_path / "bomb.xlsx")
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.xml", b" " * 50_000_000)
    assert bomb.stat().st_size < 1_000_000
    result = invoke("import", bomb, "--dry-run", "-p", root)
    assert result.exit_code == 1
    assert "xl/media/padding.xml unpacks" in result.stderr and "zip bomb" in result.stderr


def test_a_sheet_with_more_rows_than_an_import_reads_is_refused(make_project, invoke, tmp_path, monkeypatch):
    from scaleplus_cli.spreadsheet import sheets

    monkeypatch.setattr(sheets, "MAX_ROWS", 5)
    root = make_project(PEOPLE)
    result = invoke("import", people_workbook(tmp_path / "people.xlsx", rows=10), "--dry-run", "-p", root)
    assert result.exit_code == 1
    assert "people.xlsx:7: error: more than 5 rows: an import reads at most 5 rows a sheet" in " ".join(result.stderr.split())
    ok = invoke("import", people_workbook(tmp_path / "few.xlsx", rows=3), "--dry-run", "-p", root)
    assert ok.exit_code == 0, ok


# -- clearer messages -----------------------------------------------------------------------------------


def test_a_file_where_a_folder_should_be_is_named(make_project, invoke):
    root = make_project({**{k: v for k, v in WORK.items() if not k.startswith("stakeholders/")}, "stakeholders": "oops\n"})
    result = invoke("check", "-p", root)
    assert result.exit_code == 1
    assert "stakeholders:1:1: error: stakeholders is a file where the folder stakeholders/ should be" in result.stdout


def test_a_merge_conflict_marker_is_named_as_one(make_project, invoke):
    root = make_project({**WORK, "stakeholders/radio.yaml": (
        "name: Sauti FM\n<<<<<<< HEAD\nsector: media\n=======\nsector: community\n>>>>>>> theirs\n")})
    result = invoke("check", "-p", root)
    assert ("stakeholders/radio.yaml:2:1: error: unresolved merge conflict (lines 2-6): both laptops changed sector:"
            " 'media' (ours) / 'community' (theirs)") in result.stdout
    # A marker left without its other half is still named as a marker, not as YAML syntax.
    (root / "stakeholders" / "radio.yaml").write_text("name: Sauti FM\n<<<<<<< HEAD\nsector: media\n")
    result = invoke("check", "-p", root)
    assert "stakeholders/radio.yaml:2:1: error: a merge-conflict marker: git left two versions" in result.stdout


def test_plan_write_on_a_full_disk_says_nothing_was_written(make_project, invoke, monkeypatch):
    import errno

    from scaleplus_cli import store

    root = make_project({**WORK, "commitments/late.yaml": "stakeholder: radio\ntext: Shows\nhorizon: 1000\n"})
    real, calls = store._create_exclusive, []

    def full(path, text):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, text)

    monkeypatch.setattr(store, "_create_exclusive", full)
    result = invoke("plan", "--write", "-p", root)
    assert result.exit_code == 1
    assert "No space left on device; nothing was changed" in result.stderr
    assert not list((root / "plans").glob("work-plan-*"))


# -- fast bulk paths give what the slow ones gave -----------------------------------------------------


def test_a_letter_from_the_prepared_template_reads_as_docxtpl_renders_it(sample):
    import datetime as dt
    import io

    from docx import Document

    from scaleplus_cli.reminders import reminder_context, reminders
    from scaleplus_cli.render import word
    from scaleplus_cli.render.templates import find_template
    from scaleplus_cli.store import load_project

    def texts(data: bytes) -> list[str]:
        doc = Document(io.BytesIO(data))
        found = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for r in t.rows for c in r.cells]
        for section in doc.sections:
            found += [p.text for p in section.header.paragraphs] + [p.text for p in section.footer.paragraphs]
        return found

    day = dt.date(2026, 11, 22)
    project = load_project(sample)
    source = find_template("reminder.docx", sample)
    due = reminders(project, day, 14)
    assert len(due) >= 3
    for reminder in due:
        context = reminder_context(project, reminder, day)
        slow = word.template_class()(str(source))
        slow.render(dict(context), word.environment(), autoescape=True)
        expected = io.BytesIO()
        slow.save(expected)
        fast = texts(word.content("reminder", context, sample))
        assert fast == texts(expected.getvalue())
        assert reminder.stakeholder.label in fast and "Kivuko Bay Living Coast" in fast  # body and header filled


def test_export_refuses_a_value_a_cell_would_change(make_project, invoke, tmp_path):
    root = make_project({**WORK, "stakeholders/radio.yaml": 'name: "Sauti\\rFM"\nsector: media\n'})
    result = invoke("export", tmp_path / "people.xlsx", "-p", root)
    assert result.exit_code == 1
    assert "stakeholders/radio.yaml:1:7: error: name: the value would change in the workbook" in result.stderr
    assert not (tmp_path / "people.xlsx").exists()


def test_a_five_thousand_digit_number_in_a_workbook_cell_is_located(make_project, invoke, tmp_path):
    import zipfile

    from openpyxl import Workbook

    root = make_project(PEOPLE)
    book = Workbook()
    ws = book.active
    ws.title = "stakeholders"
    ws.append(["id", "name", "sector", "influence"])
    ws.append(["office", None, None, 5])
    book.save(tmp_path / "plain.xlsx")
    with zipfile.ZipFile(tmp_path / "plain.xlsx") as plain, zipfile.ZipFile(tmp_path / "huge.xlsx", "w") as huge:
        for info in plain.infolist():
            data = plain.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = data.replace(b"<v>5</v>", b"<v>" + HUGE.encode() + b"</v>")
            huge.writestr(info, data)
    result = invoke("import", tmp_path / "huge.xlsx", "--dry-run", "-p", root)
    assert result.exit_code == 1 and "internal error" not in result.stderr
    assert "huge.xlsx:2: error: a number more than 40 digits long" in " ".join(result.stderr.split())
