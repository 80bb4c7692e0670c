"""The parse cache: what a programme's sites summarised to (site_summary.py), kept outside the project
and its git history, in the user's cache folder (SCALEPLUS_CACHE, else $XDG_CACHE_HOME/scaleplus, else
~/.cache/scaleplus), one file per programme holding an entry per site.

An entry is served only for exactly the files it was made from: every file of the site is listed
with its size, modification time (ns), inode and status-change time (ns, which no program can set
back, unlike the modification time), taken before the files were read, so a changed, touched or
replaced file (or one added or removed) misses. A file modified within RACY_NS of being
read could change again unseen within the file system's clock tick: the hash of its content, taken
with its stamp before it is read, is compared too. The file is written whole (a temporary file, then a rename), once at the end of a
command that read something afresh, so two commands at once each read an old file or a new one,
never half of one; a file that does not read back whole (a digest over its bytes) is rebuilt, never
trusted. One file rather than one per site: creating a thousand files cost a cold run more than
pickling what goes in them. The cache is an optimisation only: any failure to use it is a miss."""

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

MAGIC = b"scaleplus-programme-cache\n"
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


Stamp = tuple  # size, mtime_ns, inode, ctime_ns (and the content's hash, for a file changed just now)


def site_files(folder: Path) -> dict[str, Stamp]:
    """Every file the site's summary depends on, by its path in the site: the project's own files
    (scaleplus.yaml, agenda.yaml, ...) and whatever is in the entity folders (also what is not a
    .yaml file: it draws a warning). Paths as strings: a thousand sites hold sixty thousand files."""
    found: dict[str, Stamp] = {}
    base = os.fspath(folder) + os.sep
    for name in FILES:
        try:
            st = os.stat(base + name)
        except OSError:
            continue
        found[name] = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
    for kind in KINDS:
        try:
            entries = os.scandir(base + kind)
        except (FileNotFoundError, NotADirectoryError):
            try:
                st = os.stat(base + kind)  # a file where the folder should be
                found[kind] = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
            except OSError:
                pass
            continue
        prefix = kind + "/"
        with entries:
            for entry in entries:
                try:
                    st = entry.stat()  # through a link: what is read
                except OSError:
                    st = entry.stat(follow_symlinks=False)
                found[prefix + entry.name] = (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)
    return found


def _content_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class SiteCache:
    """The cache of one programme (its root folder): get(key, today, stamps) -> (settings,
    summary) or None; put(key, today, stamps, settings, summary); save() once every site is
    read. `key` names a site folder wherever it is reached from (its real path)."""

    def __init__(self, root: Path, folder: Path | None = None) -> None:
        self.folder = folder or cache_folder()
        name = hashlib.sha256(os.path.realpath(root).encode("utf-8", "surrogateescape")).hexdigest()[:32]
        self.path = self.folder / f"{name}.programme"
        self.hits = self.misses = 0
        self._entries: dict[str, dict[str, Any]] | None = None  # as read, by key
        self._kept: dict[str, dict[str, Any]] = {}  # what this run served or made: the next file
        self._changed = False

    def stamps(self, site: Path) -> dict[str, Stamp]:
        """Take these before reading the site: a file changed while it is read then misses next time.
        A file changed within RACY_NS has its content's hash in its stamp: a change within the same
        tick of the clock leaves the times as they were, not the hash."""
        found = site_files(site)
        now = time.time_ns()
        for rel, stamp in found.items():
            if now - max(stamp[1], stamp[3]) < RACY_NS:
                found[rel] = (*stamp, _content_hash(site / rel))
        return found

    def _read_entries(self) -> dict[str, dict[str, Any]]:
        if self._entries is None:
            found = self._read(self.path)
            sites = found.get("sites") if found is not None and found.get("code") == code_version() else None
            self._entries = sites if isinstance(sites, dict) else {}
        return self._entries

    def get(self, key: str, today: dt.date, stamps: dict[str, Stamp]) -> tuple[Any, dict[str, Any]] | None:
        entry = self._read_entries().get(key)
        if not self._fresh(entry, today, stamps):
            self.misses += 1
            return None
        self.hits += 1
        self._kept[key] = entry
        return entry["settings"], entry["summary"]

    @staticmethod
    def _fresh(entry: Any, today: dt.date, stamps: dict[str, Stamp]) -> bool:
        return (
            isinstance(entry, dict)
            and entry.get("today") == today.isoformat()
            and entry.get("files") == stamps
            and "settings" in entry
            and isinstance(entry.get("summary"), dict)
        )

    def put(self, key: str, today: dt.date, stamps: dict[str, Stamp], settings: Any, summary: dict[str, Any]) -> None:
        self._kept[key] = {"today": today.isoformat(), "files": stamps, "settings": settings, "summary": summary}
        self._changed = True

    def save(self) -> None:
        """Write what this run served and made, when anything was made afresh (or a site left the
        programme): the sites read now, nothing else."""
        if not self._changed and self._kept.keys() == self._read_entries().keys():
            return
        try:
            payload = pickle.dumps({"code": code_version(), "sites": self._kept}, protocol=pickle.HIGHEST_PROTOCOL)
            self.folder.mkdir(parents=True, exist_ok=True)
            # A name of this process's own: two commands at once never write into one temporary file.
            tmp = str(self.path.with_name(f".{self.path.stem}.{os.getpid()}.tmp"))
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                with os.fdopen(fd, "wb") as f:
                    f.write(MAGIC + hashlib.sha256(payload).digest() + payload)
                os.replace(tmp, self.path)
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
