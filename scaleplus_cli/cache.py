"""The parse cache: what a site's files summarised to (site_summary.py), kept outside the project and
its git history, in the user's cache folder (SCALEPLUS_CACHE, else $XDG_CACHE_HOME/scaleplus, else
~/.cache/scaleplus), one file per site folder.

A summary is served only for exactly the files it was made from: every file of the site is listed
with its size, modification time (ns), inode and status-change time (ns, which no program can set
back, unlike the modification time), taken before the files were read, so a changed, touched or
replaced file (or one added or removed) misses. A file modified within RACY_NS of being
read could change again unseen within the file system's clock tick: its content hash is kept and
compared instead. Entries are written whole (a temporary file, then a rename), so two commands at
once read the old entry or the new one; an entry that does not read back whole (a digest over its
bytes) is rebuilt, never trusted. The cache is an optimisation only: any failure to use it is a miss."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pickle
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from scaleplus_cli.models import FILES, KINDS

MAGIC = b"scaleplus-site-cache\n"
RACY_NS = 3_000_000_000  # 3 s: coarser than any file system's timestamps


def cache_folder() -> Path:
    given = os.environ.get("SCALEPLUS_CACHE")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "scaleplus"


@lru_cache(maxsize=1)
def code_version() -> str:
    """The package's version and its modules' sizes and times: a summary made by other code is not served."""
    from scaleplus_cli import __version__

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*.py")):
        st = path.stat()
        digest.update(f"{path.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


Stamp = tuple[int, int, int, int]  # size, mtime_ns, inode, ctime_ns


def _stamp(st: os.stat_result) -> Stamp:
    return st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns


def site_files(folder: Path) -> dict[str, Stamp]:
    """Every file the site's summary depends on, by its path in the site: the project's own files
    (scaleplus.yaml, agenda.yaml, ...) and whatever is in the entity folders (also what is not a
    .yaml file: it draws a warning)."""
    found: dict[str, Stamp] = {}
    for name in FILES:
        try:
            st = os.stat(folder / name)
        except OSError:
            continue
        found[name] = _stamp(st)
    for kind in KINDS:
        try:
            entries = os.scandir(folder / kind)
        except (FileNotFoundError, NotADirectoryError):
            try:
                st = os.stat(folder / kind)  # a file where the folder should be
                found[kind] = _stamp(st)
            except OSError:
                pass
            continue
        with entries:
            for entry in entries:
                try:
                    st = entry.stat()  # through a link: what is read
                except OSError:
                    st = entry.stat(follow_symlinks=False)
                found[f"{kind}/{entry.name}"] = _stamp(st)
    return found


def _content_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class SiteCache:
    """get(folder, today, stamps) -> (settings, summary) or None; put(folder, today, stamps, settings, summary)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or cache_folder()
        self.hits = self.misses = 0

    def _entry_path(self, site: Path) -> Path:
        key = hashlib.sha256(os.path.realpath(site).encode("utf-8", "surrogateescape")).hexdigest()[:32]
        return self.folder / f"{key}.pickle"

    def stamps(self, site: Path) -> dict[str, Stamp]:
        """Take these before reading the site: a file changed while it is read then misses next time."""
        return site_files(site)

    def get(self, site: Path, today: dt.date, stamps: dict[str, Stamp]) -> tuple[Any, dict[str, Any]] | None:
        entry = self._read(self._entry_path(site))
        if (
            entry is None
            or entry.get("code") != code_version()
            or entry.get("today") != today.isoformat()
            or set(entry.get("files", ())) != set(stamps)
        ):
            self.misses += 1
            return None
        racy = entry.get("racy", {})
        for rel, stamp in stamps.items():
            if rel in racy:
                if _content_hash(site / rel) != racy[rel]:
                    self.misses += 1
                    return None
            elif entry["files"][rel] != stamp:
                self.misses += 1
                return None
        self.hits += 1
        return entry["settings"], entry["summary"]

    def put(self, site: Path, today: dt.date, stamps: dict[str, Stamp], settings: Any, summary: dict[str, Any]) -> None:
        now = time.time_ns()
        racy = {}
        for rel, (_size, mtime, _ino, ctime) in stamps.items():
            if now - max(mtime, ctime) < RACY_NS:
                digest = _content_hash(site / rel)
                if digest is None:
                    return
                racy[rel] = digest
        entry = {"code": code_version(), "today": today.isoformat(), "files": stamps, "racy": racy, "settings": settings,
                 "summary": summary}
        try:
            payload = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
            self.folder.mkdir(parents=True, exist_ok=True)
            target = self._entry_path(site)
            # A name of this process's own (mkstemp's random names cost a third of the writing).
            tmp = str(target.with_name(f".site.{target.stem}.{os.getpid()}.tmp"))
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(MAGIC + hashlib.sha256(payload).digest() + payload)
                os.replace(tmp, target)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise
        except (OSError, pickle.PicklingError, RecursionError):
            pass  # no cache this time: the next run reads the files again

    @staticmethod
    def _read(path: Path) -> dict[str, Any] | None:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        head = len(MAGIC) + 32
        if not data.startswith(MAGIC) or hashlib.sha256(data[head:]).digest() != data[len(MAGIC):head]:
            return None  # not ours, cut short or damaged: rebuilt
        try:
            entry = pickle.loads(data[head:])
        except Exception:  # noqa: BLE001 - whatever a damaged pickle raises, it is a miss
            return None
        return entry if isinstance(entry, dict) else None
