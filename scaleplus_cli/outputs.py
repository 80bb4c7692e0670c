"""Files scaleplus renders into an output folder (report, remind): written all or none, and only
over files it wrote itself. A manifest in the folder records what it wrote (a fingerprint of each
file); a file of the same name that it never wrote, or that was changed since, is the user's and
is never overwritten or removed."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Callable

from scaleplus_cli.errors import ScaleplusError
from scaleplus_cli.transaction import FileChange, file_bytes, write_files

MANIFEST = ".scaleplus-manifest.json"


def _fingerprint(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _name(folder: Path, path: Path) -> str:
    return path.relative_to(folder).as_posix()


def _shown(root: Path, path: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def read_manifest(folder: Path) -> tuple[dict[str, str], str | None]:
    """What scaleplus wrote into folder (name -> fingerprint), and the manifest's text as it is."""
    try:
        data = file_bytes(folder / MANIFEST)
        text = None if data is None else data.decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return {}, None
    if text is None:
        return {}, None
    try:
        files = json.loads(text).get("files", {})
        if not isinstance(files, dict):
            files = {}
    except (ValueError, AttributeError):
        files = {}
    return {str(k): str(v) for k, v in files.items()}, text


def ours(folder: Path, path: Path, manifest: dict[str, str], now: bytes | None) -> bool:
    """Whether the file at path is one scaleplus wrote and nobody changed since."""
    return now is not None and manifest.get(_name(folder, path)) == _fingerprint(now)


def write_outputs(
    root: Path,
    folder: Path,
    contents: dict[Path, str | bytes],
    stale: Callable[[str], bool] | None = None,
) -> list[Path]:
    """Write every file of contents (paths inside folder), all or none; remove the files scaleplus
    wrote earlier that `stale(name)` says are out of date. The files it removed.

    Nothing is written when a file to be written exists and is not one scaleplus wrote: that file is
    named in the error."""
    if folder.exists() and not folder.is_dir():
        raise ScaleplusError(f"{_shown(root, folder)} is a file, not a folder; nothing was written")
    manifest, manifest_text = read_manifest(folder)
    changes: list[FileChange] = []
    theirs: list[str] = []
    recorded = dict(manifest)
    for path, content in contents.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        if path.is_dir():
            raise ScaleplusError(f"{_shown(root, path)}: a folder of that name is in the way; nothing was written")
        if path.is_symlink():
            theirs.append(_shown(root, path))
            continue
        now = file_bytes(path)
        if now is not None and not ours(folder, path, manifest, now):
            theirs.append(_shown(root, path))
            continue
        recorded[_name(folder, path)] = _fingerprint(data)
        if now != data:
            changes.append(FileChange(path, _shown(root, path), data, now))
    if theirs:
        listed = ", ".join(theirs[:3]) + (f" and {len(theirs) - 3} more" if len(theirs) > 3 else "")
        one = len(theirs) == 1
        raise ScaleplusError(
            f"{listed} {'was' if one else 'were'} not written by scaleplus (or changed since), so"
            f" {'it is' if one else 'they are'} kept: move {'it' if one else 'them'} away or write"
            " elsewhere with --out; nothing was written"
        )
    removed: list[Path] = []
    if stale is not None:
        written = {_name(folder, p) for p in contents}
        for name in sorted(manifest):
            path = folder / name
            if name in written or not stale(name) or os.path.islink(path):
                continue
            now = file_bytes(path)
            if now is None:
                recorded.pop(name, None)
            elif ours(folder, path, manifest, now):
                changes.append(FileChange(path, _shown(root, path), None, now))
                recorded.pop(name, None)
                removed.append(path)
    text = json.dumps({"files": dict(sorted(recorded.items()))}, indent=1) + "\n"
    if changes or text != manifest_text:
        changes.append(FileChange(folder / MANIFEST, _shown(root, folder / MANIFEST), text, manifest_text))
    write_files(changes, root)
    return removed
