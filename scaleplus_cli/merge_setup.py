"""Handing a project's YAML files to scaleplus's merge driver: `.gitattributes` (written by init)
and the repository's git config (set up by any command run in a repository that lacks it)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

DRIVER = "scaleplus"
ATTRIBUTES_LINE = f"*.yaml merge={DRIVER}"
_DRIVER_LINE = re.compile(r"^\s*driver\s*=\s*(.+?)\s*$", re.M)


def driver_command() -> str:
    """What git runs: this module itself, which loads in a quarter of the time the whole CLI takes
    (`scaleplus merge-driver` does the same for a person). git runs it through sh, Git for Windows
    too: the interpreter's path with forward slashes, quoted for sh, holds on every system, spaces,
    quotes and network paths included (double quotes would eat a backslash of those)."""
    return f"{shlex.quote(Path(sys.executable).as_posix())} -m scaleplus_cli.merging %O %A %B %L %P"


def configured_python(config: str) -> str | None:
    """The Python that a driver we wrote runs, read from the text of a git config as sh would read
    the command (git's own escapes undone first); None when no driver of ours is there."""
    for line in _DRIVER_LINE.finditer(config):
        value = line.group(1)
        if len(value) > 1 and value[0] == value[-1] == '"':
            value = value[1:-1]
        value = value.replace('\\"', '"').replace("\\\\", "\\")
        if " -m scaleplus_cli" in value:
            try:
                return shlex.split(value)[0]
            except (ValueError, IndexError):
                return None
    return None


def git_dir(folder: Path) -> Path | None:
    """The .git folder of the repository holding folder (a worktree's common one), or None."""
    for here in (folder, *folder.parents):
        dot = here / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():
            try:
                pointer = dot.read_text(encoding="utf-8").strip()
            except OSError:
                return None
            if not pointer.startswith("gitdir:"):
                return None
            gitdir = (here / pointer[7:].strip()).resolve()
            common = gitdir / "commondir"
            if common.is_file():
                return (gitdir / common.read_text(encoding="utf-8").strip()).resolve()
            return gitdir
    return None


def ensure_merge_driver(root: Path) -> bool:
    """Configure the merge driver in the project's repository (a project at the top of its own
    repository, as init makes it) when its config lacks it, or names a Python that is gone (scaleplus
    installed afresh). Cheap when it is there (one small file read and a look at one path); never
    fails a command (False when it could not be done)."""
    try:
        folder = root.resolve()
        if not (folder / ".git").exists():
            return False  # inside a larger repository: init or sync import sets it up there
        gitdir = git_dir(folder)
        if gitdir is None:
            return False
        text = (gitdir / "config").read_text(encoding="utf-8", errors="replace")
        if f'[merge "{DRIVER}"]' in text:
            python = configured_python(text)
            if python is None or Path(python).exists():
                return True
        if shutil.which("git") is None:
            return False
        return configure_merge_driver(folder, gitdir)
    except OSError:
        return False


def configure_merge_driver(folder: Path, gitdir: Path | None = None) -> bool:
    """Write the driver into the repository's git config; and, for a project whose .gitattributes
    does not hand its YAML files to it, into the repository's own (uncommitted) attributes."""
    def git(*args: str) -> bool:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True).returncode == 0

    ok = git("config", f"merge.{DRIVER}.name", "scaleplus: keeps both laptops' updates and measurements")
    ok = ok and git("config", f"merge.{DRIVER}.driver", driver_command())
    gitdir = gitdir or git_dir(folder)
    if ok and gitdir is not None and not _attributes_set(folder / ".gitattributes"):
        info = gitdir / "info" / "attributes"
        top = gitdir.parent if gitdir.name == ".git" else None
        pattern = ATTRIBUTES_LINE
        if top is not None and folder != top and top in folder.parents:
            pattern = f"/{folder.relative_to(top).as_posix()}/**/*.yaml merge={DRIVER}"
        if not _attributes_set(info, pattern):
            info.parent.mkdir(parents=True, exist_ok=True)
            existing = info.read_text(encoding="utf-8") if info.exists() else ""
            with open(info, "a", encoding="utf-8") as f:
                f.write(("" if not existing or existing.endswith("\n") else "\n") + pattern + "\n")
    return ok


def _attributes_set(path: Path, line: str = ATTRIBUTES_LINE) -> bool:
    try:
        return line in path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
