"""Merging what two laptops did to one project file: git's merge driver for the YAML files.

Both sides' entries of the append-only logs (`updates`, `measurements`, assessment `entries`) are
kept, in date order, without duplicates; changes to different keys are all kept; only a value both
sides changed differently is a conflict, written in git's usual marker form for `check` to name.
The result is ours, edited in place (our comments and layout stay), with their changes spliced in
as they wrote them. A file this cannot merge by its structure falls back to git's line merge.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scaleplus_cli.edit import EditError, YamlEdit

LOGS = frozenset({"updates", "measurements", "entries"})  # lists that only ever grow, one dated entry each
OURS, THEIRS = "ours", "theirs"
_MARKER = re.compile(r"^(<{7}|>{7})( |$)", re.M)
_MAX_NODES = 200_000  # a file whose aliases expand past this is merged by lines, never expanded

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
    """Their changes (from base to theirs) applied to `out`, a copy of ours being edited."""

    theirs: YamlEdit
    out: YamlEdit
    conflicts: list[_Conflict] = field(default_factory=list)

    # -- text from their file ------------------------------------------------------------------

    def _their_text(self, path: list[str | int], column: int) -> str:
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
        records = [all(isinstance(n, MappingNode) for n in trio) for trio in zip(b.value, o.value, t.value)]
        for record, bv, ov, tv in zip(records, b.value, o.value, t.value):
            if not record and not (_same(ov, tv) or _same(tv, bv) or _same(ov, bv)):
                return False  # before any edit: the whole list is then one conflict
        for n, (record, bv, ov, tv) in enumerate(zip(records, b.value, o.value, t.value)):
            if record:
                self.mapping([*path, n], bv, ov, tv)
            elif not (_same(ov, tv) or _same(tv, bv)):
                self.take_theirs([*path, n])
        ours_extra = {_canon(n) for n in o.value[len(b.value):]}
        for n in range(len(b.value), len(t.value)):
            if _canon(t.value[n]) not in ours_extra:
                self.insert_item(path, n, None)
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
            self.insert_item(path, n, _date(item))

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

    def insert_item(self, path: list[str | int], n: int, date: str | None) -> None:
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


def _document(text: str) -> YamlEdit | None:
    """One side, composed by the line-preserving editor (PyYAML's pure loader: a file nested too deep
    fails with RecursionError, aliases are never expanded). Git runs the driver once per file, so it
    does without store.py and the model, whose loading would cost a third of its time."""
    if not text.strip():
        return None
    if _MARKER.search(text):
        raise Unmergeable("conflict markers left by an earlier merge")
    try:
        document = YamlEdit(text)
    except (EditError, yaml.YAMLError, RecursionError) as e:
        raise Unmergeable(str(e)) from None
    if not isinstance(document.root, MappingNode):
        raise Unmergeable("not a YAML mapping")
    return document


def merge_texts(base: str, ours: str, theirs: str, marker: int = 7) -> Merged:
    """The three-way merge of one file's text; Unmergeable when its structure does not allow it."""
    b = _document(base)
    o, t = _document(ours), _document(theirs)
    if o is None or t is None:
        raise Unmergeable("an empty side")
    merge = _Merge(t, YamlEdit(o.text))
    try:
        merge.mapping([], b.root if b else None, o.root, t.root)
        text = merge.write_conflicts(marker) if merge.conflicts else merge.out.text
    except (EditError, yaml.YAMLError, TypeError, ValueError) as e:
        raise Unmergeable(str(e)) from None
    if o.newline != "\n":
        text = text.replace("\n", o.newline)
    return Merged(text, len(merge.conflicts))


def merge_files(base: Path, ours: Path, theirs: Path, marker: int = 7) -> int:
    """git's merge driver: merge into `ours` (git's %A); the number of conflicts left in it."""
    from scaleplus_cli.store import write_atomic

    try:
        texts = [p.read_bytes().decode("utf-8") for p in (base, ours, theirs)]
        merged = merge_texts(*texts, marker=marker)
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


def marker_size(rest: list[str]) -> int:
    """The conflict marker length among what git passes after %O %A %B: `%L %P`, `%P` or nothing."""
    return int(rest[0]) if rest and rest[0].isdigit() else 7


def main(argv: list[str]) -> int:
    """git's merge driver: BASE OURS THEIRS [MARKER_SIZE] [PATH]; exit 1 when a conflict is left."""
    if len(argv) < 3:
        print("usage: python -m scaleplus_cli.merging BASE OURS THEIRS [MARKER_SIZE] [PATH]", file=sys.stderr)
        return 2
    try:
        return 1 if merge_files(Path(argv[0]), Path(argv[1]), Path(argv[2]), marker_size(argv[3:])) else 0
    except OSError as e:
        print(f"scaleplus merge driver: {e.filename}: {e.strerror}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
