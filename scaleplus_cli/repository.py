"""The project's git repository: running git, naming revisions by date, reading files as they were.

Everything the sync, diff and `--as-of` features ask of git goes through here, and every way git
can fail (not installed, not a repository, an unknown revision) becomes one ScaleplusError line.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from scaleplus_cli.errors import ScaleplusError, UsageError

WORKING_TREE = "working tree"


class GitError(ScaleplusError):
    """git failed, or is missing, or the project is not in a repository."""


@dataclass(frozen=True)
class Commit:
    sha: str
    author: str
    date: dt.date
    subject: str


class Repository:
    """The git repository holding a project folder (which may be the repository's top or inside it)."""

    def __init__(self, root: Path) -> None:
        if shutil.which("git") is None:
            raise GitError("git is not installed; install git (https://git-scm.com) to use the project's history")
        self.root = root.resolve()
        done = self._run("rev-parse", "--show-toplevel")
        if done.returncode != 0:
            raise GitError(
                f"{root} is not in a git repository; run 'git init' there and commit the project"
                " (projects made by 'scaleplus init' have one)"
            )
        self.top = Path(done.stdout.strip()).resolve()
        self.prefix = "" if self.top == self.root else self.root.relative_to(self.top).as_posix() + "/"

    def _run(self, *args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
        env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
        return subprocess.run(
            ["git", *args], cwd=self.root, capture_output=True, text=input is None, input=input, env=env
        )

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        done = self._run(*args)
        if check and done.returncode != 0:
            message = (done.stderr or done.stdout).strip().splitlines()
            raise GitError(f"git {args[0]} failed: {message[-1] if message else 'exit code ' + str(done.returncode)}")
        return done

    def out(self, *args: str) -> str:
        return self.run(*args).stdout.strip()

    def has_commits(self) -> bool:
        return self._run("rev-parse", "--verify", "-q", "HEAD").returncode == 0

    def sha(self, revision: str) -> str | None:
        done = self._run("rev-parse", "--verify", "-q", f"{revision}^{{commit}}")
        return done.stdout.strip() if done.returncode == 0 else None

    # -- revisions as a facilitator names them ------------------------------------------------

    def first_commit(self) -> str:
        if not self.has_commits():
            raise GitError("the repository has no commits yet; commit the project first")
        return self.out("rev-list", "--max-parents=0", "HEAD").splitlines()[-1]

    def resolve(self, revision: str) -> str:
        """A commit from a revision (tag, branch, commit) or a date YYYY-MM-DD: the last commit on
        or before the end of that day. UsageError when it names nothing."""
        if not self.has_commits():
            raise GitError("the repository has no commits yet; commit the project first")
        day = as_date(revision)
        if day is not None:
            end = f"{(day + dt.timedelta(days=1)).isoformat()} 00:00:00"
            found = self.out("rev-list", "-1", f"--before={end}", "HEAD")
            if not found:
                first = self.commit(self.first_commit())
                raise UsageError(
                    f"no commit on or before {day.isoformat()}: the project's history starts on {first.date.isoformat()}"
                )
            return found
        sha = self.sha(revision)
        if sha is None:
            raise UsageError(f"{revision!r} is neither a date (YYYY-MM-DD) nor a revision of the project's history (a tag, branch or commit)")
        return sha

    def uncommitted(self) -> list[str]:
        """Changed and new files of the project not committed yet (paths relative to the project)."""
        entries = self.run("status", "--porcelain", "-z", "--untracked-files=all", "--", ".").stdout.split("\0")
        found, skip = [], False
        for entry in entries:
            if skip or not entry:
                skip = False
                continue
            skip = entry[0] in "RC"  # a rename or copy: the original path follows
            found.append(entry[3:])
        top = self.prefix
        return [path[len(top):] if path.startswith(top) else path for path in found]

    def commit(self, revision: str) -> Commit:
        sha, author, date, subject = self.out("log", "-1", "--format=%H%x00%an%x00%cs%x00%s", revision).split("\0", 3)
        return Commit(sha, author, dt.date.fromisoformat(date), subject)

    def commits(self, range_: str, merges: bool = True) -> list[Commit]:
        lines = self.out("log", "--format=%H%x00%an%x00%cs%x00%s", *([] if merges else ["--no-merges"]), range_).splitlines()
        commits = []
        for line in lines:
            sha, author, date, subject = line.split("\0", 3)
            commits.append(Commit(sha, author, dt.date.fromisoformat(date), subject))
        return commits

    # -- files as they were ---------------------------------------------------------------------

    def project_files(self, revision: str) -> dict[str, bytes]:
        """The project's files (paths relative to the project folder) at a commit, read from git."""
        listing = self._run("ls-tree", "-r", "-z", "--full-tree", revision, "--", self.prefix or ".")
        if listing.returncode != 0:
            raise GitError(f"git ls-tree failed: {listing.stderr.strip()}")
        entries = []
        for entry in listing.stdout.split("\0"):
            if not entry:
                continue
            meta, path = entry.split("\t", 1)
            mode, kind, sha = meta.split()
            if kind == "blob" and path.startswith(self.prefix) and mode != "120000":
                entries.append((path[len(self.prefix):], sha))
        if not entries:
            return {}
        batch = self._run("cat-file", "--batch", input="".join(f"{sha}\n" for _, sha in entries).encode())
        if batch.returncode != 0:
            raise GitError(f"git cat-file failed: {batch.stderr.decode(errors='replace').strip()}")
        data, files, at = batch.stdout, {}, 0
        for rel, _ in entries:
            header_end = data.index(b"\n", at)
            size = int(data[at:header_end].split()[2])
            files[rel] = data[header_end + 1 : header_end + 1 + size]
            at = header_end + 1 + size + 1
        return files


def as_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        return None
