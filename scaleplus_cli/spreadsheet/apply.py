"""Writing an import: all of its files or none, and a summary of what changed."""

from __future__ import annotations

from pathlib import Path

from scaleplus_cli import store
from scaleplus_cli.errors import ScaleplusError
from scaleplus_cli.spreadsheet import file_text
from scaleplus_cli.spreadsheet.preview import Change, ImportPlan

# -- applying -----------------------------------------------------------------------------------


def apply(plan: ImportPlan) -> list[Change]:
    """Write every change of a plan without problems, all or none: the files written, in the plan's order.

    When a write fails part way (a read-only folder, a full disk), the files already written get their
    old text back and the new ones are removed, so the project is as it was before the import.
    """
    if plan.problems:
        raise ScaleplusError("the import has errors; nothing was written")
    writes = plan.writes
    # A file someone changed since the plan was made is not overwritten: check them all first.
    for change in writes:
        now = file_text(change.path) if change.path.exists() else None
        if now != change.old_text:
            raise ScaleplusError(f"{change.rel} changed while importing; nothing was written, run the import again")
    touched: list[tuple[Change, str | None]] = []  # (change, the file's text before it; None: the file is new)
    made: list[Path] = []  # folders the import created
    try:
        for change in sorted(writes, key=lambda c: c.action != "create"):  # new files first: updates may name them
            if change.action == "create":
                if not change.path.parent.is_dir():
                    change.path.parent.mkdir()
                    made.append(change.path.parent)
                touched.append((change, None))
                if not store.create_exclusive(change.path, change.new_text or ""):
                    touched.pop()  # someone else's file: not ours to remove
                    raise ScaleplusError(f"{change.rel} appeared while importing")
            else:
                touched.append((change, change.old_text))
                store.write_atomic(change.path, change.new_text or "")
    except BaseException as e:
        left = _undo(touched, made)
        if not left and not isinstance(e, Exception):
            raise  # interrupted, and every file is as it was
        reason = _reason(e, writes)
        if not left:
            raise ScaleplusError(f"{reason}; nothing was changed") from None
        names = ", ".join(left)
        raise ScaleplusError(
            f"{reason}; putting the files back failed too, so the import is half done: only {names}"
            f" {'was' if len(left) == 1 else 'were'} changed, every other file is as it was"
        ) from None
    return writes


def _undo(touched: list[tuple[Change, str | None]], made: list[Path]) -> list[str]:
    """Give every touched file its old text back (remove the new ones): the files that still differ."""
    left: list[str] = []
    for change, old in reversed(touched):
        try:
            now = file_text(change.path) if change.path.exists() else None
            if now == old:
                continue  # the write never happened
            if old is None:
                change.path.unlink()
            else:
                store.write_atomic(change.path, old)
        except Exception:
            left.append(change.rel + (" (new)" if old is None else ""))
    for folder in reversed(made):
        try:
            folder.rmdir()
        except OSError:
            pass  # not empty: a new file in it could not be removed, and is named above
    return sorted(left)


def _reason(error: BaseException, writes: list[Change]) -> str:
    """Why a write failed, naming files as the project does (stakeholders/x.yaml)."""
    if isinstance(error, ScaleplusError):
        return error.message
    if isinstance(error, OSError):
        names = {str(c.path): c.rel for c in writes} | {str(c.path.parent): c.folder for c in writes}
        where = f"{names.get(str(error.filename), error.filename)}: " if error.filename else ""
        return f"{where}{error.strerror or error}"
    if isinstance(error, KeyboardInterrupt):
        return "interrupted"
    return f"{type(error).__name__}: {error}"
