"""Writing several files of a project as one change: all of them or none, under the project lock,
even when the process is killed part way.

Every command that changes files hands their new contents to `write_files`. Before it touches any
file it writes a journal (.scaleplus/journal in the project: the old contents of the files it will
replace, and a fingerprint of each new one) and makes it durable. A write that fails puts every
file back from the journal; a process killed part way leaves the journal behind, and the next
command that opens the project (`recover`) puts the files back from it, under the same lock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from scaleplus_cli import store
from scaleplus_cli.errors import ScaleplusError

LOCK_WAIT = 10.0  # seconds a second command waits for the first before it gives up
STATE_FOLDER = ".scaleplus"  # in the project: the journal of a write under way (ignored by git), the JSON Schemas
JOURNAL = "journal"
PLAN = "plan.json"  # present only while files are being changed: the mark of an unfinished write
# What store's atomic writes leave beside a file when killed between writing and renaming.
TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


@dataclass(frozen=True)
class FileChange:
    """One file's new content (None: remove it), and the content it must still have now (None: it must not exist)."""

    path: Path
    rel: str
    new: str | bytes | None
    old: str | bytes | None

    @property
    def creates(self) -> bool:
        return self.old is None


def file_text(path: Path) -> str | None:
    """A file's text exactly as it is on disk (CRLF stays CRLF), or None when there is none."""
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except FileNotFoundError:
        return None


def file_bytes(path: Path) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except (FileNotFoundError, NotADirectoryError):
        return None


def _bytes(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


# -- the lock -------------------------------------------------------------------------------------


def lock_path(root: Path) -> Path:
    """The lock of a project lives outside it (nothing to commit or clean up), one per folder."""
    import tempfile

    key = hashlib.sha256(os.path.realpath(root).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    folder = Path(tempfile.gettempdir()) / "scaleplus-locks"
    folder.mkdir(mode=0o1777, exist_ok=True)
    return folder / f"{key}.lock"


_held: dict[str, int] = {}  # locks this process holds, and how many times over (a command nests them)


def holder_path(lock: Path) -> Path:
    return lock.with_suffix(".holder")


def command_line() -> str:
    """The command this process runs, as the user typed it (just 'scaleplus' when called from Python)."""
    program = Path(sys.argv[0]) if sys.argv else Path()
    if program.name not in ("scaleplus", "scaleplus.exe") and program.parts[-2:] != ("scaleplus_cli", "__main__.py"):
        return "scaleplus"
    return " ".join(["scaleplus", *sys.argv[1:]])[:200]


def _holder_says(lock: Path) -> str:
    """Who holds the lock, from what it wrote when it took it: 'pid 123, scaleplus update x, since 11:02:03'."""
    try:
        info = json.loads(holder_path(lock).read_text(encoding="utf-8"))
        return f"pid {int(info['pid'])}, '{info['command']}', since {info['since']}"
    except (OSError, ValueError, KeyError, TypeError):
        return "a process that did not say who it is"


@contextmanager
def project_lock(root: Path, doing: str, wait: float | None = None) -> Iterator[None]:
    """Hold the project's lock while a command reads, changes and writes its files. The lock is
    the operating system's (filelock): a process that dies lets go of it, so no lock is ever stale."""
    from filelock import FileLock, Timeout

    path = lock_path(root)
    key = str(path)
    if _held.get(key):
        _held[key] += 1
        try:
            yield
        finally:
            _held[key] -= 1
        return
    lock = FileLock(key, mode=0o666)
    timeout = LOCK_WAIT if wait is None else wait
    try:
        lock.acquire(timeout=timeout)
    except Timeout:
        raise LockBusy(
            f"another scaleplus command is changing this project ({_holder_says(path)});"
            f" waited {timeout:g} s before {doing}, try again when it has finished"
        ) from None
    _held[key] = 1
    try:
        try:
            holder = {"pid": os.getpid(), "command": command_line(), "since": dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")}
            holder_path(path).write_text(json.dumps(holder), encoding="utf-8")
        except OSError:
            pass  # who holds it is a courtesy to the next command, not part of the lock
        yield
    finally:
        _held.pop(key, None)
        lock.release()


class LockBusy(ScaleplusError):
    """Another command holds the project's lock and did not let go in time."""


# -- writing ------------------------------------------------------------------------------------


def project_root_of(change: FileChange) -> Path:
    """The project folder a change's rel is relative to."""
    parts = len(Path(change.rel).parts)
    root = change.path
    for _ in range(parts):
        root = root.parent
    return root


def write_files(changes: list[FileChange], root: Path | None = None) -> None:
    """Write every change, all or none, even if the process is killed part way.

    A file that is no longer as the command read it is not overwritten: nothing is written. When a
    write fails part way (a read-only folder, a full disk, Ctrl-C), the files already written get
    their old content back and the new ones are removed; when the process is killed, the next
    command does that (see `recover`).
    """
    if not changes:
        return
    root = root if root is not None else project_root_of(changes[0])
    with project_lock(root, "writing"):
        recover(root)
        for change in changes:
            if _leaves(root, change.path):
                raise ScaleplusError(
                    f"{change.rel} is a link to a place outside the project; scaleplus does not write through it"
                    " (replace the link with the file itself); nothing was written"
                )
            if file_bytes(change.path) != (None if change.old is None else _bytes(change.old)):
                raise ScaleplusError(f"{change.rel} changed while this command ran; nothing was written, run it again")
        if (root / STATE_FOLDER / JOURNAL).exists():
            raise ScaleplusError(
                f"an earlier interrupted write could not be undone ({STATE_FOLDER}/{JOURNAL} is still there);"
                " run 'scaleplus check' to see why; nothing was written"
            )
        try:
            journal = _begin(root, changes)
        except BaseException as e:
            shutil.rmtree(root / STATE_FOLDER / JOURNAL, ignore_errors=True)  # no file was touched yet
            if not isinstance(e, Exception):
                raise
            raise ScaleplusError(f"{_reason(e, changes)}; nothing was changed") from None
        try:
            _apply(changes)
        except BaseException as e:
            left = _roll_back(root, journal)
            if not left and not isinstance(e, Exception):
                raise  # interrupted, and every file is as it was
            reason = _reason(e, changes)
            if not left:
                raise ScaleplusError(f"{reason}; nothing was changed") from None
            names = ", ".join(left)
            raise ScaleplusError(
                f"{reason}; putting the files back failed too, so the change is half done: only {names}"
                f" {'was' if len(left) == 1 else 'were'} changed, every other file is as it was"
                " (the next scaleplus command tries again to put them back)"
            ) from None
        _finish(journal)


def _leaves(root: Path, path: Path) -> bool:
    """Whether a path inside the project (as written) really lies outside it, through a link."""
    inside = os.path.abspath(root)
    where = os.path.abspath(path)
    if os.path.commonpath([inside, where]) != inside:
        return False  # outside as written (report --out elsewhere): the user chose that place
    real_root = os.path.realpath(inside)
    real = os.path.realpath(where)
    return os.path.commonpath([real_root, real]) != real_root


BATCH = 8  # more files than this are written first and made durable with one sync, not one each


def _apply(changes: list[FileChange]) -> None:
    ordered = sorted(changes, key=lambda c: not c.creates)  # new files first: the others may name them
    staged: list[str | None] = [None] * len(ordered)
    made: dict[str, None] = {}  # folders that got a new folder in them
    try:
        if len(ordered) > BATCH and hasattr(os, "sync"):  # POSIX; elsewhere each file is synced itself
            for n, change in enumerate(ordered):
                if change.new is not None:
                    _make_folder(change.path.parent, made)
                    staged[n] = store.stage(change.path, change.new)
            os.sync()
        for n, change in enumerate(ordered):
            if change.creates:
                _make_folder(change.path.parent, made)
                created = store.create_exclusive(change.path, change.new or "", *([staged[n]] if staged[n] else []))
                staged[n] = None
                if not created:
                    raise ScaleplusError(f"{change.rel} appeared while this command ran; nothing was written")
            elif change.new is None:
                os.unlink(change.path)
            else:
                store.write_atomic(change.path, change.new, *([staged[n]] if staged[n] else []))
                staged[n] = None
        _sync_folders(changes, made)  # the renames durable before the plan goes: only then does the change stand
    finally:
        for tmp in staged:
            if tmp is not None and os.path.exists(tmp):
                os.unlink(tmp)


def _name_in_journal(root: Path, change: FileChange) -> str:
    try:
        return change.path.resolve().relative_to(root.resolve()).as_posix() if change.path.is_absolute() else change.rel
    except ValueError:
        return os.path.abspath(change.path)  # a file outside the project (report --out elsewhere)


def _begin(root: Path, changes: list[FileChange]) -> Path:
    """Write the journal, durably: the old content of every file to be replaced or removed, the new
    content's fingerprint of every file to be created, and the folders that do not exist yet. Only
    when the plan is on disk is any file touched."""
    journal = root / STATE_FOLDER / JOURNAL
    state_was_there = journal.parent.is_dir()
    journal.mkdir(parents=True, exist_ok=False)
    _sync_folder(journal.parent)  # the journal's own entry, durable before any file is touched
    if not state_was_there:
        _sync_folder(root)
    entries = []
    for n, change in enumerate(changes):
        entry: dict = {"path": _name_in_journal(root, change)}
        if change.old is not None:
            entry["old"] = f"{n}.old"
            _write_durably(journal / entry["old"], _bytes(change.old))
        if change.new is not None:
            entry["new"] = hashlib.sha256(_bytes(change.new)).hexdigest()
        folders = []
        for folder in change.path.parents:
            if folder.exists():
                break
            folders.append(os.path.abspath(folder))
        entry["folders"] = folders  # innermost first
        entries.append(entry)
    plan = {"command": command_line(), "pid": os.getpid(), "since": dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
            "files": entries}
    _write_durably(journal / (PLAN + ".new"), json.dumps(plan, ensure_ascii=False).encode("utf-8"))
    os.replace(journal / (PLAN + ".new"), journal / PLAN)
    _sync_folder(journal)
    return journal


def _finish(journal: Path) -> None:
    """Every file is written: drop the plan (from here on the change stands), then the journal."""
    os.unlink(journal / PLAN)
    _sync_folder(journal)
    shutil.rmtree(journal, ignore_errors=True)
    try:
        journal.parent.rmdir()
    except OSError:
        pass


def _write_durably(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _sync_folder(folder: Path | str) -> None:
    """Make a rename, creation or removal in folder durable: a file's data is synced before it is
    renamed into place, but the rename itself is an entry of its folder, which a power cut can lose
    until the folder is synced. POSIX only: Windows cannot open a folder this way (and its file
    system journals renames itself), so there it is skipped quietly, as it is where a file system
    refuses to sync a folder."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _make_folder(folder: Path, made: dict[str, None]) -> None:
    """Make folder and the folders around it that are missing; the folders that got a new entry
    go to made (to be synced)."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(exist_ok=True)
        made[os.path.abspath(new.parent)] = None


def _sync_folders(changes: list[FileChange], made: dict[str, None]) -> None:
    """Sync, once each, every folder a change renamed, created or removed a file in, and every
    folder a new folder was made in."""
    folders = dict.fromkeys(os.path.abspath(change.path.parent) for change in changes) | made
    for folder in folders:
        _sync_folder(folder)


def _roll_back(root: Path, journal: Path) -> list[str]:
    """Put every file of the journal's plan back as it was: the names of those that could not be."""
    try:
        plan = json.loads((journal / PLAN).read_text(encoding="utf-8"))
    except FileNotFoundError:
        shutil.rmtree(journal, ignore_errors=True)  # no plan: no file was touched, or all were written
        return []
    left: list[str] = []
    touched: dict[str, None] = {}  # folders whose entries changed: synced before the journal goes
    for entry in reversed(plan["files"]):
        path = root / entry["path"]
        try:
            now = file_bytes(path)
            if "old" in entry:
                old = (journal / entry["old"]).read_bytes()
                if now != old:
                    store.write_atomic(path, old)
                    touched[os.path.abspath(path.parent)] = None
            elif now is not None and hashlib.sha256(now).hexdigest() == entry.get("new"):
                path.unlink()
                touched[os.path.abspath(path.parent)] = None
            for folder in entry.get("folders", []):
                try:
                    os.rmdir(folder)
                    touched.pop(os.path.abspath(folder), None)
                    touched[os.path.dirname(os.path.abspath(folder))] = None
                except OSError:
                    break  # not empty (or gone): the folders around it stay too
            _remove_temporaries(path.parent, path.name)
        except OSError:
            left.append(entry["path"])
    if left:
        return sorted(left)
    for folder in touched:
        _sync_folder(folder)
    _finish(journal)
    return []


def _remove_temporaries(folder: Path, name: str | None = None) -> int:
    """Remove what an atomic write killed part way left in folder (of one file, or of any)."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if TEMPORARY.match(entry.name) and (name is None or entry.name.startswith(f".{name}.")):
            try:
                os.unlink(entry.path)
                removed += 1
            except OSError:
                pass
    return removed


def _temporaries_in(root: Path) -> list[Path]:
    """The folders of the project where a killed write may have left a temporary file."""
    from scaleplus_cli.models import KINDS

    folders = [root, *(root / k for k in KINDS), root / "out", root / "out" / "commitments", root / "out" / "reminders"]
    return [f for f in folders if _has_temporary(f)]


def _has_temporary(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return any(e.name[:1] == "." and e.name.endswith(".tmp") and TEMPORARY.match(e.name) for e in entries)
    except OSError:
        return False


def recover(root: Path) -> str | None:
    """Finish what a killed command left: put back the files of an unfinished write (from its
    journal) and remove the temporary files of interrupted atomic writes. One line saying what was
    done, or None when there was nothing to do. A command holding the lock is still at work: then
    nothing is done now (the next command will)."""
    journal = root / STATE_FOLDER / JOURNAL
    if not journal.exists() and not _temporaries_in(root):
        return None
    try:
        with project_lock(root, "recovering", wait=0 if not _held.get(str(lock_path(root))) else None):
            said = None
            if journal.exists():
                plan = _plan_of(journal)
                left = _roll_back(root, journal)
                if plan is not None:
                    what = f"'{plan.get('command', 'scaleplus')}' (pid {plan.get('pid')}, {plan.get('since')})"
                    n = len(plan.get("files", []))
                    said = (
                        f"an interrupted {what} was undone: its {n} file{'s' if n != 1 else ''} are as before it ran"
                        if not left else
                        f"an interrupted {what} could not be undone yet: {', '.join(left)} could not be put back"
                    )
            removed = sum(_remove_temporaries(f) for f in _temporaries_in(root))
            if removed and said is None:
                said = f"removed {removed} temporary file{'s' if removed != 1 else ''} left by an interrupted write"
            return said
    except LockBusy:
        return None


def _plan_of(journal: Path) -> dict | None:
    try:
        return json.loads((journal / PLAN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _reason(error: BaseException, changes: list[FileChange]) -> str:
    """Why a write failed, naming files as the project does (stakeholders/x.yaml)."""
    if isinstance(error, ScaleplusError):
        return error.message
    if isinstance(error, OSError):
        names = {str(c.path): c.rel for c in changes} | {str(c.path.parent): c.rel.rpartition("/")[0] for c in changes}
        where = f"{names.get(str(error.filename), error.filename)}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    if isinstance(error, KeyboardInterrupt):
        return "interrupted"
    return f"{type(error).__name__}: {error}"
