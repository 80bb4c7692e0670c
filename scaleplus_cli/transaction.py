"""Writing several files of a project as one change: all of them or none, under the project lock.

Every command that changes the project's files hands its new texts to `write_files` inside
`project_lock`: two commands never interleave their read-modify-write, and a failed write puts
back every file it had already changed.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from scaleplus_cli import store
from scaleplus_cli.errors import ScaleplusError

LOCK_WAIT = 10.0  # seconds a second command waits for the first before it gives up


@dataclass(frozen=True)
class FileChange:
    """One file's new text (None: remove it), and the text it must still have now (None: it must not exist)."""

    path: Path
    rel: str
    new: str | bytes | None
    old: str | None

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


def lock_path(root: Path) -> Path:
    """The lock of a project lives outside it (nothing to commit or clean up), one per folder."""
    import hashlib
    import tempfile

    key = hashlib.sha256(os.path.realpath(root).encode("utf-8", "surrogateescape")).hexdigest()[:32]
    folder = Path(tempfile.gettempdir()) / "scaleplus-locks"
    folder.mkdir(mode=0o1777, exist_ok=True)
    return folder / f"{key}.lock"


@contextmanager
def project_lock(root: Path, doing: str) -> Iterator[None]:
    """Hold the project's lock while a command reads, changes and writes its files."""
    from filelock import FileLock, Timeout

    lock = FileLock(str(lock_path(root)), mode=0o666)
    try:
        lock.acquire(timeout=LOCK_WAIT)
    except Timeout:
        raise ScaleplusError(
            f"another scaleplus command is changing this project; waited {LOCK_WAIT:g} s before {doing},"
            " try again when it has finished"
        ) from None
    try:
        yield
    finally:
        lock.release()


def write_files(changes: list[FileChange]) -> None:
    """Write every change, all or none.

    A file that is no longer as the command read it is not overwritten: nothing is written. When a
    write fails part way (a read-only folder, a full disk, Ctrl-C), the files already written get
    their old text back and the new ones are removed.
    """
    for change in changes:
        if file_text(change.path) != change.old:
            raise ScaleplusError(f"{change.rel} changed while this command ran; nothing was written, run it again")
    done: list[FileChange] = []
    made: list[Path] = []
    try:
        for change in sorted(changes, key=lambda c: not c.creates):  # new files first: the others may name them
            if change.creates:
                for folder in reversed(change.path.parents):
                    if not folder.exists():
                        folder.mkdir()
                        made.append(folder)
                if not store.create_exclusive(change.path, change.new or ""):
                    raise ScaleplusError(f"{change.rel} appeared while this command ran; nothing was written")
            elif change.new is None:
                done.append(change)
                os.unlink(change.path)
                continue
            else:
                store.write_atomic(change.path, change.new)
            done.append(change)
    except BaseException as e:
        left = _undo(done, made)
        if not left and not isinstance(e, Exception):
            raise  # interrupted, and every file is as it was
        reason = _reason(e, changes)
        if not left:
            raise ScaleplusError(f"{reason}; nothing was changed") from None
        names = ", ".join(left)
        raise ScaleplusError(
            f"{reason}; putting the files back failed too, so the change is half done: only {names}"
            f" {'was' if len(left) == 1 else 'were'} changed, every other file is as it was"
        ) from None


def _undo(done: list[FileChange], made: list[Path]) -> list[str]:
    """Give every written file its old text back (remove the new ones): the files that still differ."""
    left: list[str] = []
    for change in reversed(done):
        try:
            if file_text(change.path) == change.old:
                continue
            if change.old is None:
                change.path.unlink()
            else:
                store.write_atomic(change.path, change.old)
        except Exception:
            left.append(change.rel + (" (new)" if change.old is None else ""))
    for folder in reversed(made):
        try:
            folder.rmdir()
        except OSError:
            pass  # not empty: a new file in it could not be removed, and is named above
    return sorted(left)


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
