"""Merge conflicts git left in a project file, named for `check`: one error per conflict, with its
lines, the key both laptops changed and both values, instead of a YAML syntax error."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from scaleplus_cli.errors import Problem

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
