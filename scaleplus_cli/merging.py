"""Merging what two laptops did to one project file: git's merge driver for the YAML files.

Both sides' entries of the append-only logs (`updates`, `measurements`, assessment `entries`) are
kept, in date order, without duplicates; changes to different keys are all kept; only a value both
sides changed differently is a conflict, written in git's usual marker form for `check` to name.
The result is ours, edited in place (our comments and layout stay), with their changes spliced in
as they wrote them. A file this cannot merge by its structure falls back to git's line merge.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scaleplus_cli.edit import EditError, YamlEdit
from scaleplus_cli.errors import Problem

LOGS = frozenset({"updates", "measurements", "entries"})  # lists that only ever grow, one dated entry each
OURS, THEIRS = "ours", "theirs"
DRIVER = "scaleplus"
ATTRIBUTES_LINE = f"*.yaml merge={DRIVER}"
_MAX_NODES = 200_000  # a file whose aliases expand past this is merged by lines, never expanded

Path_ = Sequence[str | int]


class Unmergeable(Exception):
    """The file is written in a way the structural merge cannot handle: merge it by lines."""


@dataclass
class Merged:
    text: str
    conflicts: int


# -- comparing --------------------------------------------------------------------------------


def _same(a: Node | None, b: Node | None) -> bool:
    if a is None or b is None:
        return a is b
    return _canon(a) == _canon(b)


def _canon(node: Node, budget: list[int] | None = None) -> Any:
    """A node's value, comparable and hashable: equal values written differently compare equal."""
    budget = budget if budget is not None else [_MAX_NODES]
    budget[0] -= 1
    if budget[0] < 0:
        raise Unmergeable("too many values")
    if isinstance(node, ScalarNode):
        return node.tag, node.value
    if isinstance(node, SequenceNode):
        return "seq", tuple(_canon(n, budget) for n in node.value)
    return "map", frozenset((_canon(k, budget), _canon(v, budget)) for k, v in node.value)


def _pairs(node: MappingNode) -> dict[str, Node]:
    pairs: dict[str, Node] = {}
    for k, v in node.value:
        if not isinstance(k, ScalarNode) or k.value in pairs:
            raise Unmergeable("a key that is not text, or a key given twice")
        pairs[k.value] = v
    return pairs


def _date(node: Node) -> str | None:
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if isinstance(k, ScalarNode) and k.value == "date" and isinstance(v, ScalarNode):
                return v.value
    return None


def _python(node: Node) -> Any:
    return yaml.constructor.SafeConstructor().construct_document(node)


# -- the merge ----------------------------------------------------------------------------------


@dataclass
class _Conflict:
    path: list[str | int]
    theirs_removed: bool = False


@dataclass
class _Merge:
    base: YamlEdit | None
    ours: YamlEdit
    theirs: YamlEdit
    out: YamlEdit
    conflicts: list[_Conflict] = field(default_factory=list)

    # -- text from their file ------------------------------------------------------------------

    def _their_text(self, path: Path_, column: int) -> str:
        """Their key (or item) at path as text from the key on, its later lines moved to `column`."""
        start, own, end = self.theirs.span(path)
        return _reindent(self.theirs.text[own:end], column, self.theirs.text[start:own])

    # -- the walk ------------------------------------------------------------------------------

    def mapping(self, path: list[str | int], b: Node | None, o: Node, t: Node) -> None:
        if not isinstance(o, MappingNode) or not isinstance(t, MappingNode):
            raise Unmergeable("not mappings")
        if o.flow_style is True or t.flow_style is True:
            raise Unmergeable("a mapping in flow style")
        base = _pairs(b) if isinstance(b, MappingNode) else {}
        ours, theirs = _pairs(o), _pairs(t)
        previous: str | None = None
        for key, tv in theirs.items():
            bv, ov = base.get(key), ours.get(key)
            if ov is not None:
                self.value([*path, key], bv, ov, tv)
            elif bv is None:
                self.insert(path, key, previous)
            elif not _same(tv, bv):
                self.conflicts.append(_Conflict([*path, key]))
            if key in ours or bv is None:
                previous = key
        for key, ov in ours.items():
            if key not in theirs and key in base:
                if _same(ov, base[key]):
                    self.remove([*path, key])
                else:
                    self.conflicts.append(_Conflict([*path, key], theirs_removed=True))

    def value(self, path: list[str | int], b: Node | None, o: Node, t: Node) -> None:
        if _same(o, t) or (b is not None and _same(t, b)):
            return
        if b is not None and _same(o, b):
            self.take_theirs(path)
            return
        key = path[-1]
        seqs = isinstance(o, SequenceNode) and isinstance(t, SequenceNode) and (b is None or isinstance(b, SequenceNode))
        if seqs and key in LOGS:
            self.log(path, b, o, t)
        elif isinstance(o, MappingNode) and isinstance(t, MappingNode) and (b is None or isinstance(b, MappingNode)):
            self.mapping(path, b, o, t)
        elif seqs and b is not None and self.sequence(path, b, o, t):
            pass
        else:
            self.conflicts.append(_Conflict(path))

    def sequence(self, path: list[str | int], b: Node, o: Node, t: Node) -> bool:
        """Lists both sides changed: ids added and removed on each side; records changed in place
        or added at the end. False when the changes cannot be told apart (a conflict)."""
        items = [*b.value, *o.value, *t.value]
        if all(isinstance(n, ScalarNode) for n in items):
            removed = {_canon(n) for n in b.value} - {_canon(n) for n in t.value}
            kept = [n for n in o.value if _canon(n) not in removed]
            known = {_canon(n) for n in [*b.value, *o.value]}
            added = [n for n in t.value if _canon(n) not in known]
            self.out.set(path, [_python(n) for n in [*kept, *added]])
            return True
        if len(o.value) < len(b.value) or len(t.value) < len(b.value):
            return False
        for n, bv in enumerate(b.value):
            ov, tv = o.value[n], t.value[n]
            if isinstance(bv, MappingNode) and isinstance(ov, MappingNode) and isinstance(tv, MappingNode):
                self.mapping([*path, n], bv, ov, tv)
            elif not (_same(ov, tv) or _same(tv, bv)):
                if not _same(ov, bv):
                    return False
                self.take_theirs([*path, n])
        ours_extra = {_canon(n) for n in o.value[len(b.value):]}
        for n in range(len(b.value), len(t.value)):
            if _canon(t.value[n]) not in ours_extra:
                self.append_item(path, n)
        return True

    def log(self, path: list[str | int], b: Node | None, o: Node, t: Node) -> None:
        """Both sides' entries, in date order, each once; an entry one side removed stays removed."""
        if o.flow_style is True and o.value:
            raise Unmergeable("a log in flow style")
        base = {_canon(n) for n in b.value} if b is not None else set()
        ours = {_canon(n) for n in o.value}
        theirs = {_canon(n) for n in t.value}
        for n in reversed(range(len(o.value))):
            c = _canon(o.value[n])
            if c in base and c not in theirs:  # they removed it (a correction)
                self._remove_item([*path, n])
        seen = set(ours)
        for n, item in enumerate(t.value):
            c = _canon(item)
            if c in seen or c in base:
                continue
            seen.add(c)
            self.insert_entry(path, n, _date(item))

    # -- edits ---------------------------------------------------------------------------------

    def take_theirs(self, path: list[str | int]) -> None:
        start, own, end = self.out.span(path)
        column = own - start
        self.out.replace(own, end, self._their_text(path, column))

    def insert(self, path: list[str | int], key: str, previous: str | None) -> None:
        mapping = self.out.node(path)
        if not isinstance(mapping, MappingNode) or not mapping.value or mapping.flow_style is True:
            raise Unmergeable("nowhere to add the key")
        first = mapping.value[0][0]
        column = first.start_mark.column
        line_start = self.out.text.rfind("\n", 0, first.start_mark.index) + 1
        text = " " * column + self._their_text([*path, key], column)
        if previous is not None and self.out.span([*path, previous]) is not None:
            at = self.out.span([*path, previous])[2]
        elif self.out.text[line_start : first.start_mark.index].strip():  # `- first: ...`: add after it
            at = self.out.span([*path, first.value])[2]
        else:
            at = line_start
        self.out.replace(at, at, text)

    def remove(self, path: list[str | int]) -> None:
        try:
            self.out.remove(path)
        except EditError as e:
            raise Unmergeable(str(e)) from None

    def _remove_item(self, path: list[str | int]) -> None:
        start, _, end = self.out.span(path)
        self.out.replace(start, end, "")

    def append_item(self, path: list[str | int], n: int) -> None:
        self._insert_item(path, n, None)

    def insert_entry(self, path: list[str | int], n: int, date: str | None) -> None:
        self._insert_item(path, n, date)

    def _insert_item(self, path: list[str | int], n: int, date: str | None) -> None:
        """Their item n of the list at path, into our list: after our last entry dated on or before
        it (at the end when it has no date)."""
        ours = self.out.node(path)
        if not isinstance(ours, SequenceNode) or not ours.value or ours.flow_style is True:
            items = _python(self.out.node(path)) if isinstance(ours, SequenceNode) else []
            self.out.set(path, [*items, _python(self.theirs.node([*path, n]))])
            return
        position = len(ours.value)
        if date is not None:
            position = 0
            for i, item in enumerate(ours.value):
                when = _date(item)
                if when is None or when <= date:
                    position = i + 1
        if position < len(ours.value):
            at, own, _ = self.out.span([*path, position])
            dash = self.out.text[at:own]
        else:
            start, own, at = self.out.span([*path, len(ours.value) - 1])
            dash = self.out.text[start:own]
        if dash.strip() != "-":
            raise Unmergeable("a list item sharing its line")
        self.out.replace(at, at, dash + self._their_text([*path, n], len(dash)))

    # -- conflicts -----------------------------------------------------------------------------

    def write_conflicts(self, marker: int) -> str:
        """Our text with each conflict in git's marker form, from the last to the first."""
        regions = []
        for conflict in self.conflicts:
            span = self.out.span(conflict.path)
            if span is None:  # we removed it, they changed it: their version goes at the end of the mapping
                parent = self.out.node(conflict.path[:-1])
                if not isinstance(parent, MappingNode) or not parent.value:
                    raise Unmergeable("nowhere to show the conflict")
                column = parent.value[0][0].start_mark.column
                at = self.out.span([*conflict.path[:-1], parent.value[-1][0].value])[2]
                regions.append((at, at, "", " " * column + self._their_text(conflict.path, column)))
            else:
                start, own, end = span
                prefix = self.out.text[start:own]
                theirs = "" if conflict.theirs_removed else prefix + self._their_text(conflict.path, own - start)
                regions.append((start, end, None, theirs))
        text = self.out.text
        regions = [(start, end, text[start:end] if ours is None else ours, theirs) for start, end, ours, theirs in regions]
        for start, end, ours, theirs in sorted(regions, reverse=True):
            block = (
                f"{'<' * marker} {OURS}\n{_line_end(ours)}{'=' * marker}\n{_line_end(theirs)}{'>' * marker} {THEIRS}\n"
            )
            text = text[:start] + block + text[end:]
        return text


def _line_end(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def _reindent(text: str, column: int, prefix: str) -> str:
    """Text whose first line stood at len(prefix) (after `prefix`), with its later lines moved so that
    the first line may stand at `column`."""
    delta = column - len(prefix)
    if delta == 0 or "\n" not in text.rstrip("\n"):
        return _line_end(text)
    lines = text.splitlines(keepends=True)
    moved = [lines[0]]
    for line in lines[1:]:
        if not line.strip():
            moved.append(line)
        elif delta > 0:
            moved.append(" " * delta + line)
        elif line[: -delta].strip(" "):
            raise Unmergeable("lines that cannot be moved left")
        else:
            moved.append(line[-delta:])
    return _line_end("".join(moved))


def _document(text: str, rel: str) -> YamlEdit | None:
    from scaleplus_cli.store import parse_yaml

    if not text.strip():
        return None
    node, problems = parse_yaml(text, rel)
    if problems or not isinstance(node, MappingNode):
        raise Unmergeable("not a YAML mapping")
    try:
        return YamlEdit(text)
    except (EditError, yaml.YAMLError) as e:
        raise Unmergeable(str(e)) from None


def merge_texts(base: str, ours: str, theirs: str, rel: str = "file.yaml", marker: int = 7) -> Merged:
    """The three-way merge of one file's text; Unmergeable when its structure does not allow it."""
    b = _document(base, rel)
    o, t = _document(ours, rel), _document(theirs, rel)
    if o is None or t is None:
        raise Unmergeable("an empty side")
    merge = _Merge(b, o, t, YamlEdit(o.text))
    try:
        merge.mapping([], b.root if b else None, o.root, t.root)
        text = merge.write_conflicts(marker) if merge.conflicts else merge.out.text
    except (EditError, yaml.YAMLError, TypeError, ValueError) as e:
        raise Unmergeable(str(e)) from None
    if o.newline != "\n":
        text = text.replace("\n", o.newline)
    return Merged(text, len(merge.conflicts))


def merge_files(base: Path, ours: Path, theirs: Path, rel: str, marker: int = 7) -> int:
    """git's merge driver: merge into `ours` (git's %A); the number of conflicts left in it."""
    from scaleplus_cli.store import write_atomic

    try:
        texts = [p.read_bytes().decode("utf-8") for p in (base, ours, theirs)]
        merged = merge_texts(*texts, rel=rel, marker=marker)
    except Exception:  # noqa: BLE001 - whatever stops the structural merge, git's line merge still does its job
        return _merge_lines(base, ours, theirs, marker)
    write_atomic(ours, merged.text)
    return merged.conflicts


def _merge_lines(base: Path, ours: Path, theirs: Path, marker: int) -> int:
    """git's own line merge, for a file the structural merge cannot read."""
    done = subprocess.run(
        ["git", "merge-file", f"--marker-size={marker}", "-L", OURS, "-L", "base", "-L", THEIRS,
         str(ours), str(base), str(theirs)],
        capture_output=True,
    )
    return max(done.returncode, 0) if done.returncode < 128 else 1


# -- conflicts left in a file -------------------------------------------------------------------

_START = re.compile(r"^<{7,}(?: |$)")
_BASE = re.compile(r"^\|{7,}(?: |$)")
_MIDDLE = re.compile(r"^={7,}\s*$")
_END = re.compile(r"^>{7,}(?: |$)")


@dataclass
class ConflictBlock:
    first: int  # 1-based line of the <<<<<<< marker
    last: int  # line of the >>>>>>> marker
    ours: list[str]
    theirs: list[str]


def conflict_blocks(text: str) -> list[ConflictBlock]:
    blocks: list[ConflictBlock] = []
    state, first, ours, theirs = None, 0, [], []
    for n, line in enumerate(text.splitlines(), 1):
        if state is None and _START.match(line):
            state, first, ours, theirs = "ours", n, [], []
        elif state in ("ours", "base") and _MIDDLE.match(line):
            state = "theirs"
        elif state == "ours" and _BASE.match(line):
            state = "base"
        elif state == "theirs" and _END.match(line):
            blocks.append(ConflictBlock(first, n, ours, theirs))
            state = None
        elif state == "ours":
            ours.append(line)
        elif state == "theirs":
            theirs.append(line)
    return blocks


def has_conflict_markers(text: str) -> bool:
    return "<<<<<<<" in text and bool(conflict_blocks(text))


def conflict_problems(text: str, rel: str) -> list[Problem]:
    """One error per unresolved merge conflict: its lines, the key and both sides' values."""
    blocks = conflict_blocks(text)
    paths = _conflict_paths(text, blocks)
    problems = []
    for block, where in zip(blocks, paths):
        key, ours = _side(block.ours)
        their_key, theirs = _side(block.theirs)
        key = key or their_key
        if where:
            key = " > ".join(str(k + 1) if isinstance(k, int) else k for k in where)
        what = f"changed {key}" if key else "changed these lines"
        message = (
            f"unresolved merge conflict (lines {block.first}-{block.last}): both laptops {what}:"
            f" {ours} (ours) / {theirs} (theirs); keep one side and delete the marker lines"
        )
        problems.append(Problem(rel, block.first, 1, "error", message))
    return problems


def _side(lines: list[str]) -> tuple[str | None, str]:
    """The key one side of a conflict sets, and its value in a few words."""
    if not any(line.strip() for line in lines):
        return None, "(removed)"
    text = "\n".join(lines)
    first = lines[0]
    stripped = first.lstrip(" ")
    if stripped.startswith("- "):
        indent = len(first) - len(stripped)
        text = " " * (indent + 2) + stripped[2:] + "\n" + "\n".join(lines[1:])
    try:
        import textwrap

        data = yaml.safe_load(textwrap.dedent(text))
    except yaml.YAMLError:
        data = None
    if isinstance(data, dict) and data:
        key, value = next(iter(data.items()))
        more = [str(k) for k in list(data)[1:]]
        return str(key), _brief(value) + (f" (with {', '.join(more)})" if more else "")
    return None, _brief(" ".join(line.strip() for line in lines if line.strip()))


def _brief(value: Any, limit: int = 60) -> str:
    if isinstance(value, (list, dict)):
        import json

        text = json.dumps(value, ensure_ascii=False, default=str)
    else:
        text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _conflict_paths(text: str, blocks: list[ConflictBlock]) -> list[list[str | int] | None]:
    """The key path of each conflict, found in our side of the file (None where it cannot be read)."""
    lines = text.splitlines(keepends=True)
    kept: list[str] = []
    starts: dict[int, int] = {}  # block index -> 0-based line of its first kept line
    inside = None
    for n, line in enumerate(lines, 1):
        block = next((i for i, b in enumerate(blocks) if b.first <= n <= b.last), None)
        if block is None:
            kept.append(line)
            continue
        b = blocks[block]
        if n == b.first:
            starts[block] = len(kept)
            inside = "ours"
        elif _BASE.match(line) or _MIDDLE.match(line) or n == b.last:
            inside = None
        elif inside == "ours":
            kept.append(line)
    try:
        root = yaml.compose("".join(kept), Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return [None] * len(blocks)
    found: list[list[str | int] | None] = []
    for i, b in enumerate(blocks):
        found.append(_path_at(root, starts.get(i, -1)) if b.ours else None)
    return found


def _path_at(node: Node | None, line: int, path: list[str | int] | None = None) -> list[str | int] | None:
    path = path or []
    if isinstance(node, MappingNode):
        for k, v in node.value:
            if k.start_mark.line == line:
                return [*path, k.value]
            if v.start_mark.line <= line <= v.end_mark.line:
                found = _path_at(v, line, [*path, k.value])
                if found:
                    return found
    elif isinstance(node, SequenceNode):
        for n, v in enumerate(node.value):
            if v.start_mark.line <= line <= v.end_mark.line:
                return _path_at(v, line, [*path, n])
    return None


# -- the repository's set-up --------------------------------------------------------------------


def driver_command() -> str:
    """What git runs: this module itself, which loads in a quarter of the time the whole CLI takes
    (`scaleplus merge-driver` does the same for a person)."""
    return f'"{sys.executable}" -m scaleplus_cli.merging %O %A %B %L %P'


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
    repository, as init makes it) when its config lacks it. Cheap when it is there (one small file
    read); never fails a command (False when it could not be done)."""
    try:
        folder = root.resolve()
        if not (folder / ".git").exists():
            return False  # not a repository of its own: a project inside a larger one is set up by hand
        gitdir = git_dir(folder)
        if gitdir is None:
            return False
        config = gitdir / "config"
        if f'[merge "{DRIVER}"]' in config.read_text(encoding="utf-8", errors="replace"):
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


def main(argv: list[str]) -> int:
    """git's merge driver: BASE OURS THEIRS [MARKER_SIZE] [PATH]; exit 1 when a conflict is left."""
    if len(argv) < 3:
        print("usage: python -m scaleplus_cli.merging BASE OURS THEIRS [MARKER_SIZE] [PATH]", file=sys.stderr)
        return 2
    marker = int(argv[3]) if len(argv) > 3 and argv[3].isdigit() else 7
    ours = Path(argv[1])
    try:
        return 1 if merge_files(Path(argv[0]), ours, Path(argv[2]), argv[4] if len(argv) > 4 else ours.name, marker) else 0
    except OSError as e:
        print(f"scaleplus merge driver: {e.filename}: {e.strerror}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
