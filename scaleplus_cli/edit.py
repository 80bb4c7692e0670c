"""Edits to an existing YAML file that change only the lines they mean to.

Values are found through PyYAML's marks and replaced, inserted or removed as text, so the user's
comments, key order, quoting and blank lines stay byte for byte everywhere else. Used by
`update`, `measure`, `plan --write` and `import`. An edit that cannot be made this way (a flow
mapping, say) raises EditError rather than re-dumping the file.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scaleplus_cli.serialize import to_yaml

Keys = Sequence[str | int]


class EditError(Exception):
    """The file is written in a way this edit cannot change without touching other lines."""


class YamlEdit:
    """A file's text and its composed node tree, edited in place: `text` is the result."""

    def __init__(self, text: str) -> None:
        if "\r\n" in text and text.count("\r\n") != text.count("\n"):
            raise EditError("the file mixes Windows (CRLF) and Unix (LF) line endings; save it with one kind")
        self.newline = "\r\n" if "\r\n" in text else "\n"
        self.text = text.replace("\r\n", "\n")
        self._compose()

    @property
    def result(self) -> str:
        return self.text.replace("\n", self.newline) if self.newline != "\n" else self.text

    def _compose(self) -> None:
        self.root = yaml.compose(self.text, Loader=yaml.SafeLoader)  # the pure-Python loader: marks index the text

    # -- finding ----------------------------------------------------------------------------

    def node(self, keys: Keys) -> Node | None:
        node = self.root
        for key in keys:
            node = _child(node, key)
            if node is None:
                return None
        return node

    def _pair(self, keys: Keys) -> tuple[MappingNode, ScalarNode, Node] | None:
        parent = self.node(keys[:-1])
        if not isinstance(parent, MappingNode):
            return None
        for k, v in parent.value:
            if isinstance(k, ScalarNode) and k.value == keys[-1]:
                return parent, k, v
        return None

    def span(self, keys: Keys) -> tuple[int, int, int] | None:
        """Where the key (or list item) at keys is written: the start of its first line, where its own
        text starts (after any `- `), and just past its last line (comments after it excluded)."""
        if keys and isinstance(keys[-1], int):
            item = self.node(keys)
            if item is None:
                return None
            return self._line_start(item.start_mark.index), item.start_mark.index, self._end(item)
        pair = self._pair(keys)
        if pair is None:
            return None
        _, key, value = pair
        return self._line_start(key.start_mark.index), key.start_mark.index, self._end(value)

    def replace(self, start: int, end: int, new: str) -> None:
        """Put new text in place of text[start:end]; the result must still be YAML (EditError if not)."""
        self._splice(start, end, new)

    def _line_start(self, index: int) -> int:
        return self.text.rfind("\n", 0, index) + 1

    def _after_line(self, index: int) -> int:
        """Index just past the newline ending the line that holds index (text gains one if needed)."""
        end = self.text.find("\n", index)
        if end == -1:
            if index == len(self.text) and self.text.endswith("\n"):  # already past the last line
                return index
            self.text += "\n"
            return len(self.text)
        return end + 1

    def _end(self, node: Node) -> int:
        """Index just past the last line of node's own text (not the comments after it)."""
        while True:
            if isinstance(node, MappingNode) and node.value and node.flow_style is not True:
                node = node.value[-1][1]
            elif isinstance(node, SequenceNode) and node.value and node.flow_style is not True:
                node = node.value[-1]
            else:
                break
        end = node.end_mark.index
        if isinstance(node, ScalarNode) and node.style in ("|", ">"):
            # A block scalar ends after its last line break (and any blank lines it kept).
            return end if self.text[end - 1 : end] == "\n" else self._after_line(end)
        if isinstance(node, ScalarNode) and node.value == "" and not node.style:
            return self._after_line(node.start_mark.index - 1 if node.start_mark.index else 0)
        return self._after_line(end)

    def _path_of(self, key: ScalarNode) -> list[str | int]:
        """The keys leading to the value of this key node (found by position, as nodes are rebuilt on every edit)."""

        def walk(node: Node, path: list[str | int]) -> list[str | int] | None:
            if isinstance(node, MappingNode):
                for k, v in node.value:
                    if k.start_mark.index == key.start_mark.index:
                        return [*path, k.value]
                    found = walk(v, [*path, k.value])
                    if found:
                        return found
            elif isinstance(node, SequenceNode):
                for n, v in enumerate(node.value):
                    found = walk(v, [*path, n])
                    if found:
                        return found
            return None

        return walk(self.root, []) or []

    def _indent(self, line_index: int) -> int:
        line = self.text[self._line_start(line_index) :]
        return len(line) - len(line.lstrip(" "))

    # -- editing ----------------------------------------------------------------------------

    def _splice(self, start: int, end: int, new: str) -> None:
        text = self.text[:start] + new + self.text[end:]
        try:
            self.root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError:  # e.g. the value carried an anchor (&) that an alias (*) elsewhere uses
            raise EditError("the value is shared through a YAML anchor (&) or alias (*); edit it by hand") from None
        self.text = text

    def _comment_after(self, index: int) -> str:
        """The `  # comment` ending the line that holds index (with the spaces before it), or ''."""
        match = re.match(r"\s*#.*", self.text[index : self._after_line(index)].rstrip("\n"))
        return match.group(0) if match else ""

    def _to_block(self, key: ScalarNode, old: Node, value: Any) -> None:
        """Replace an empty value (`key:`, `key: ~`, `key: []`) with a block value; a comment on the key's line stays."""
        if isinstance(old, ScalarNode) and old.value == "":
            end = self.text.index(":", key.end_mark.index) + 1  # an empty scalar's marks may lie on the next line
        else:
            end = old.end_mark.index
        comment = self._comment_after(end)
        first, _, rest = _lines({key.value: value}, key.start_mark.column).partition("\n")
        self._splice(self._line_start(key.start_mark.index), self._after_line(end), f"{first}{comment}\n{rest}")

    def set(self, keys: Keys, value: Any, order: Sequence[str] = ()) -> None:
        """Give keys[-1] of the mapping at keys[:-1] this value, inserting the key if it is missing."""
        pair = self._pair(keys)
        if pair is None:
            self.insert(keys, value, order)
            return
        mapping, key, old = pair
        if mapping.flow_style is True:
            raise EditError("the mapping is written in flow style ({...})")
        if isinstance(value, list) and all(not isinstance(v, (dict, list)) for v in value):
            self._set_list(key, old, value)
        elif isinstance(value, (dict, list)):
            start = self._line_start(key.start_mark.index)
            self._splice(start, self._end(old), _lines({key.value: value}, key.start_mark.column))
        else:
            self._set_scalar(key, old, value)

    def _set_scalar(self, key: ScalarNode, old: Node, value: Any) -> None:
        if not isinstance(old, ScalarNode):
            start = self._line_start(key.start_mark.index)
            self._splice(start, self._end(old), _lines({key.value: value}, key.start_mark.column))
            return
        block = old.style in ("|", ">")
        if old.value == "" and not old.style:  # `key:` with nothing after it
            colon = self.text.index(":", key.end_mark.index)
            self._splice(colon + 1, colon + 1, " " + _inline(value, key.start_mark.column, multiline_ok=False))
            return
        rest = self.text[old.end_mark.index : self._after_line(old.end_mark.index)].strip()
        if block:
            new = _inline(value, key.start_mark.column, multiline_ok=True)
            new = new if new.endswith("\n") else new + "\n"
            self._splice(old.start_mark.index, self._end(old), new)
        else:
            new = _inline(value, key.start_mark.column, multiline_ok=not rest)
            self._splice(old.start_mark.index, old.end_mark.index, new.rstrip("\n"))

    def _set_list(self, key: ScalarNode, old: Node, items: list) -> None:
        if isinstance(old, SequenceNode) and old.flow_style is True:
            self._splice(old.start_mark.index, old.end_mark.index, _flow(items))
            return
        if isinstance(old, SequenceNode) and old.value and all(isinstance(n, ScalarNode) for n in old.value):
            known = [n.value for n in old.value]
            if len(items) >= len(known) and all(str(i) == k for i, k in zip(items, known)):
                for item in items[len(known) :]:  # only new items at the end: add their lines alone
                    last = self.node([*self._path_of(key), -1])
                    dash = self._indent(last.start_mark.index)
                    at = self._end(last)
                    self._splice(at, at, _lines([item], dash))
                return
            if len(items) == len(known):  # items changed in place: change those lines alone
                for n, item in enumerate(items):
                    node = self.node([*self._path_of(key), n])
                    if node.value != str(item):
                        self._splice(node.start_mark.index, node.end_mark.index, _inline(item, 0, multiline_ok=False))
                return
        if isinstance(old, SequenceNode) and old.value:
            dash = self._indent(old.value[0].start_mark.index)
        else:
            dash = key.start_mark.column + 2
        start = self._line_start(key.start_mark.index)
        if not items:
            new = " " * key.start_mark.column + f"{key.value}: []\n"
        else:
            new = " " * key.start_mark.column + f"{key.value}:\n" + "".join(
                " " * dash + "- " + _inline(item, dash + 2, multiline_ok=False) + "\n" for item in items
            )
        self._splice(start, self._end(old), new)

    def insert(self, keys: Keys, value: Any, order: Sequence[str] = ()) -> None:
        """Add a key that is not there yet, after the keys that come before it in `order`."""
        mapping = self.node(keys[:-1])
        name = keys[-1]
        if not isinstance(mapping, MappingNode):
            raise EditError(f"there is no mapping to add {name!r} to")
        if mapping.flow_style is True:
            raise EditError("the mapping is written in flow style ({...})")
        if not mapping.value:
            raise EditError(f"the mapping to add {name!r} to is empty")
        column = mapping.value[0][0].start_mark.column
        before = set(order[: order.index(name)]) if name in order else None
        anchor = None
        for k, v in mapping.value:
            if before is None or k.value in before:
                anchor = v
        if anchor is not None:
            at = self._end(anchor)
        else:
            at = self._line_start(mapping.value[0][0].start_mark.index)
        self._splice(at, at, _lines({name: value}, column))

    def append(self, keys: Keys, item: Any, order: Sequence[str] = ()) -> None:
        """Add an item at the end of the list at keys, creating the list if the key is missing."""
        pair = self._pair(keys)
        if pair is None:
            self.insert(keys, [item], order)
            return
        _, key, old = pair
        if _is_null(old):
            self._to_block(key, old, [item])
            return
        if not isinstance(old, SequenceNode):
            raise EditError(f"{key.value!r} is not a list")
        if old.flow_style is True or not old.value:
            if isinstance(item, (dict, list)):
                if old.value:
                    raise EditError(f"{key.value!r} is written in flow style ([...])")
                self._to_block(key, old, [item])
                return
            items = [n.value for n in old.value]
            self._splice(old.start_mark.index, old.end_mark.index, _flow([*items, item]))
            return
        dash = self._indent(old.value[-1].start_mark.index)
        at = self._end(old)
        self._splice(at, at, _lines([item], dash))

    def remove(self, keys: Keys) -> None:
        """Delete a key and its value (their lines)."""
        pair = self._pair(keys)
        if pair is None:
            return
        mapping, key, old = pair
        if mapping.flow_style is True:
            raise EditError("the mapping is written in flow style ({...})")
        start = self._line_start(key.start_mark.index)
        if self.text[start : key.start_mark.index].strip() not in ("", "-"):
            raise EditError(f"{key.value!r} shares its line with another key")
        if self.text[start : key.start_mark.index].strip() == "-":
            raise EditError(f"{key.value!r} is the first key of a list item")
        self._splice(start, self._end(old), "")


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null" and not node.style


def _child(node: Node | None, key: str | int) -> Node | None:
    if isinstance(node, MappingNode) and isinstance(key, str):
        return next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == key), None)
    if isinstance(node, SequenceNode) and isinstance(key, int) and -len(node.value) <= key < len(node.value):
        return node.value[key]
    return None


def _lines(data: Any, column: int) -> str:
    """data dumped as block YAML, every line indented by column spaces."""
    text = to_yaml(data)
    return "".join(" " * column + line if line.strip() else line for line in text.splitlines(keepends=True))


def _inline(value: Any, column: int, *, multiline_ok: bool) -> str:
    """A scalar's YAML text to stand after `key: `; multi-line text becomes a block indented under the key."""
    if isinstance(value, str) and "\n" in value.strip("\n") and not multiline_ok:
        return yaml.dump(value, Dumper=yaml.SafeDumper, allow_unicode=True, default_style='"', width=1_000_000).rstrip("\n")
    text = to_yaml({"k": value})[3:]
    if text.endswith("\n...\n"):
        text = text[:-5]
    first, _, rest = text.partition("\n")
    if not rest:
        return first
    return first + "\n" + "".join(" " * column + line if line.strip() else line for line in rest.splitlines(keepends=True))


def _flow(items: list) -> str:
    return "[" + ", ".join(_inline(i, 0, multiline_ok=False) for i in items) + "]"
