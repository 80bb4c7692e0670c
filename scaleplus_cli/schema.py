"""Field types: one declaration per field serves the YAML loader, `add`, `import` and `export`.

A type reads a value two ways: `from_node` from a composed YAML node (so every value keeps its line
and column), and `coerce` from a plain Python value (an option, a spreadsheet cell). Both raise
`Invalid` with a message a facilitator can act on.
"""

from __future__ import annotations

import datetime as dt
import difflib
from functools import lru_cache
import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp"))

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")
ID_MAX = 64
_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_TIME_TEXT = re.compile(r"(\d{1,2}):(\d{2})\Z")
_constructor = SafeConstructor()

# A file that expands past this many values (through YAML aliases) is refused, not expanded.
MAX_VALUES = 100_000


def is_valid_id(text: str) -> bool:
    return len(text) <= ID_MAX and ID_PATTERN.match(text) is not None


@dataclass(slots=True)
class Source:
    """Where an entity was read from: its path (relative to the project root) and its YAML node."""

    path: str
    node: Any = field(default=None, repr=False, compare=False)

    def locate(self, *keys: str | int) -> tuple[int, int]:
        """Line and column (1-based) of the value at keys, or of the nearest parent that exists."""
        node = self.node
        if node is None:
            return 1, 1
        for key in keys:
            child = None
            if isinstance(node, SequenceNode) and isinstance(key, int):
                if 0 <= key < len(node.value):
                    child = node.value[key]
            elif isinstance(node, MappingNode):
                child = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1, node.start_mark.column + 1


class Invalid(Exception):
    """A value does not fit its field; `node` says where, when the value came from YAML."""

    def __init__(self, message: str, node: Node | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


class TooLarge(Exception):
    """The file expands past MAX_VALUES values (an alias bomb, or a recursive alias)."""

    def __init__(self, message: str, node: Node) -> None:
        super().__init__(message)
        self.message = message
        self.node = node


def short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


MAX_DIGITS = 40  # far beyond any count, budget or year; Python refuses to read past 4,300 digits


def _digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


def _yaml_int(node: ScalarNode, label: str) -> int:
    """A YAML integer, refused with the node's location when it is too long to be a quantity."""
    value = node.value
    if len(value) < 16 and value.isdigit() and value.isascii() and (value[0] != "0" or len(value) == 1):
        return int(value)  # plain decimal digits, most numbers: what PyYAML makes of them, sooner
    if len(value) > MAX_DIGITS and (n := _digits(value)) > MAX_DIGITS:
        raise Invalid(f"expected {label}, got a number {n:,} digits long", node)
    return _constructor.construct_yaml_int(node)


def describe(node: Node) -> str:
    """What a node holds, in a few words, never expanding it."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == NULL:
        return "an empty value"
    if node.tag == BOOL:
        return f"the yes/no value {node.value}"
    if node.tag in (INT, FLOAT):
        if len(node.value) <= MAX_DIGITS or (n := _digits(node.value)) <= MAX_DIGITS:
            return f"the number {node.value}"
        return f"a number {n:,} digits long"
    if node.tag == TIMESTAMP:
        return f"the date {node.value}"
    return f"the text {short(node.value)}"


def describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return f"the yes/no value {value}"
    if isinstance(value, (int, float)):
        if isinstance(value, int) and value.bit_length() > 3 * MAX_DIGITS + 10:
            return "a number too long to show"
        return f"the number {value:g}" if isinstance(value, float) else f"the number {value}"
    if isinstance(value, (dt.date, dt.datetime)):
        return f"the date {value.isoformat()}"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"the text {short(str(value))}"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    return _did_you_mean(word, tuple(choices))


@lru_cache(maxsize=256)
def _did_you_mean(word: str, choices: tuple[str, ...]) -> str:
    """Remembered: a national project repeats one unknown name in many files, and comparing it with
    thousands of ids takes a while each time."""
    starting = [c for c in choices if word and c.lower().startswith(word.lower())]
    close = starting if len(starting) == 1 else difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


_STANDARD_TAGS = frozenset(TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map"))


def check_tag(node: Node) -> None:
    """YAML's own types only: a tag such as !!python/object is refused, never read past."""
    if node.tag not in _STANDARD_TAGS:
        tag = node.tag.replace(TAG, "!!")
        raise Invalid(f"the tag {tag} is not allowed here; write plain values", node)


class Walk:
    """State of reading one file: its problems, and a count of values against alias bombs."""

    __slots__ = ("problems", "steps", "active")

    def __init__(self) -> None:
        self.problems: list[tuple[Node, str]] = []
        self.steps = 0
        self.active: set[int] = set()

    def report(self, node: Node, message: str) -> None:
        self.problems.append((node, message))

    def enter(self, node: Node) -> None:
        self.steps += 1
        if self.steps > MAX_VALUES or id(node) in self.active:
            self.refuse(node)

    def refuse(self, node: Node) -> None:
        """Stop reading at node: too many values, or an alias inside itself. (Schema.read, which
        enters a quarter of a million values in a national project, counts them itself.)"""
        if self.steps > MAX_VALUES:
            raise TooLarge(
                f"the file expands to more than {MAX_VALUES:,} values (YAML aliases?); refusing to read it",
                node,
            )
        raise TooLarge("a YAML alias refers to itself; refusing to read the file", node)


class FieldType:
    label = "a value"

    def from_node(self, node: Node, walk: Walk) -> Any:
        raise NotImplementedError

    def coerce(self, value: Any) -> Any:
        raise NotImplementedError

    def scalar(self, node: Node) -> ScalarNode:
        if not isinstance(node, ScalarNode):
            raise Invalid(f"expected {self.label}, got {describe(node)}", node)
        check_tag(node)
        return node


# Characters that make a terminal act rather than print (escape sequences that recolour, retitle or
# hide text; backspace, bell). YAML refuses them written raw; "\e" in double quotes makes one.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


def control_problem(value: str) -> str | None:
    m = CONTROL.search(value)
    if m is None:
        return None
    code = ord(m.group())
    name = {0x1B: "escape", 0x07: "bell", 0x08: "backspace", 0x00: "null", 0x7F: "delete"}.get(code, "control")
    return (
        f"the text holds a control character (U+{code:04X}, {name}) that would make a terminal act"
        " rather than print; remove it"
    )


class Text(FieldType):
    """Any scalar, taken as the text it was written as: `name: 2024` is the text "2024"."""

    label = "text"

    def from_node(self, node: Node, walk: Walk) -> str | None:
        if not isinstance(node, ScalarNode) or node.tag not in _STANDARD_TAGS:
            node = self.scalar(node)  # refused, with the reason
        if node.tag == NULL and not node.style:
            return None
        if node.style == '"' and CONTROL.search(node.value):  # only escapes in double quotes can make one
            raise Invalid(control_problem(node.value) or "", node)
        return node.value

    def coerce(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, bool):
            raise Invalid(f"expected {self.label}, got {describe_value(value)}")
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        if isinstance(value, (dt.date, dt.datetime)):
            return value.isoformat()
        if isinstance(value, (list, dict, tuple)):
            raise Invalid(f"expected {self.label}, got {describe_value(value)}")
        text = str(value)
        if CONTROL.search(text):
            raise Invalid(control_problem(text) or "")
        return text


class Ref(Text):
    """The id of another entity (of one of `kinds`); whether it exists is a rule of the whole project.
    `strict=False`: other text is allowed, with a warning (a plan's owner may be written as a name)."""

    def __init__(self, kind: str, *more: str, strict: bool = True) -> None:
        self.kind = kind
        self.kinds = (kind, *more)
        self.strict = strict
        self.label = f"a {' or '.join(self.kinds)} id"


class Bool(FieldType):
    """yes/no: true or false (YAML's own spellings, and yes/no, y/n, 1/0 in a cell or an option)."""

    label = "true or false"
    WORDS = {"true": True, "yes": True, "y": True, "1": True, "false": False, "no": False, "n": False, "0": False}

    def from_node(self, node: Node, walk: Walk) -> bool | None:
        node = self.scalar(node)
        if node.tag == NULL and not node.style:
            return None
        if node.tag == BOOL:
            return _constructor.construct_yaml_bool(node)
        raise Invalid(f"expected {self.label}, got {describe(node)}", node)

    def coerce(self, value: Any) -> bool | None:
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, int) and value in (0, 1):
            return bool(value)
        word = str(value).strip().lower()
        if word in self.WORDS:
            return self.WORDS[word]
        raise Invalid(f"expected {self.label}, got {describe_value(value)}")


class Code(Text):
    """A short code written in capitals, like an ISO 4217 currency (GHS) or a shared indicator code."""

    def __init__(self, pattern: str, label: str) -> None:
        self.pattern = re.compile(pattern)
        self.label = label

    def check(self, text: str, node: Node | None = None) -> str:
        if not self.pattern.fullmatch(text):
            raise Invalid(f"expected {self.label}, got {short(text)}", node)
        return text

    def from_node(self, node: Node, walk: Walk) -> str | None:
        text = super().from_node(node, walk)
        return None if text is None else self.check(text, node)

    def coerce(self, value: Any) -> str | None:
        text = super().coerce(value)
        return None if text is None else self.check(text.strip())


class Choice(FieldType):
    def __init__(self, name: str, choices: Iterable[str], labels: dict[str, str] | None = None) -> None:
        self.name = name
        self.choices = tuple(choices)
        self.labels = {c: (labels or {}).get(c) or c.replace("_", " ").capitalize() for c in self.choices}
        self.label = f"one of {', '.join(self.choices)}"

    def check(self, text: str, node: Node | None = None) -> str:
        if text in self.choices:
            return text
        hint = did_you_mean(text, self.choices) or did_you_mean(text.lower().replace(" ", "_"), self.choices)
        raise Invalid(f"{short(text)} is not a valid {self.name}{hint}; choose from {', '.join(self.choices)}", node)

    def from_node(self, node: Node, walk: Walk) -> str | None:
        if not isinstance(node, ScalarNode) or node.tag not in _STANDARD_TAGS:
            node = self.scalar(node)  # refused, with the reason
        if node.tag == NULL and not node.style:
            return None
        return self.check(node.value, node)

    def coerce(self, value: Any) -> str | None:
        if value is None:
            return None
        return self.check(str(value).strip())


class Integer(FieldType):
    def __init__(self, low: int, high: int | None = None, allowed: tuple[int, ...] = ()) -> None:
        self.low, self.high, self.allowed = low, high, allowed
        if allowed:
            self.label = " or ".join(str(a) for a in allowed)
        elif high is None:
            self.label = f"a whole number of at least {low}"
        else:
            self.label = f"a whole number from {low} to {high}"

    def check(self, number: int, what: str) -> int:
        if self.allowed and number not in self.allowed:
            raise Invalid(f"expected {self.label}, got {what}")
        if number < self.low or (self.high is not None and number > self.high):
            raise Invalid(f"expected {self.label}, got {what}")
        return number

    def from_node(self, node: Node, walk: Walk) -> int | None:
        if not isinstance(node, ScalarNode) or node.tag not in _STANDARD_TAGS:
            node = self.scalar(node)  # refused, with the reason
        if node.tag == NULL and not node.style:
            return None
        if node.tag != INT:
            raise Invalid(f"expected {self.label}, got {describe(node)}", node)
        number = _yaml_int(node, self.label)
        if (not self.allowed or number in self.allowed) and self.low <= number and (self.high is None or number <= self.high):
            return number
        try:
            return self.check(number, describe(node))
        except Invalid as e:
            raise Invalid(e.message, node) from None

    def coerce(self, value: Any) -> int | None:
        if value is None:
            return None
        number: int | None = None
        if isinstance(value, bool):
            pass
        elif isinstance(value, int):
            number = value
        elif isinstance(value, float) and value.is_integer():
            number = int(value)
        elif isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            if _digits(value) > MAX_DIGITS:
                raise Invalid(f"expected {self.label}, got a number {_digits(value):,} digits long")
            number = int(value)
        if number is None:
            raise Invalid(f"expected {self.label}, got {describe_value(value)}")
        return self.check(number, describe_value(number))  # typed "9" is the number 9, not "the text '9'"


# A number as people type it: groups of three digits set apart by spaces (as French and Portuguese
# print them), commas or points, and a decimal point or comma.
_GROUPED = re.compile(r"(?P<sign>[+-]?)(?P<whole>\d{1,3}(?:(?P<sep>[ ,.'\u00a0\u202f])\d{3})(?:(?P=sep)\d{3})*|\d+)"
                      r"(?:(?P<mark>[.,])(?P<fraction>\d+))?")


def number_text(value: str) -> str:
    """The text of a typed number as Python reads it: '1 500 000' -> '1500000', '6,5' -> '6.5',
    '1.234,5' -> '1234.5', '1,234,567' -> '1234567'. A point alone is a decimal point ('1.500' is 1.5);
    a comma alone before exactly three digits ('1,500') could be a thousands separator or a decimal
    comma: it is refused, never guessed. Other text is returned as it is, for the caller to refuse."""
    text = value.strip()
    found = _GROUPED.fullmatch(text)
    if found is None or "_" in text:
        return text.replace("_", " ")  # Python's 1_000 is not how people write a number
    whole, separator, mark, fraction = found["whole"], found["sep"], found["mark"], found["fraction"]
    if separator in (",", ".") and mark is None and whole.count(separator) == 1:
        whole, fraction = whole.split(separator)  # one group: a decimal mark, unless it is ambiguous
        mark, separator = separator, None
    if separator is not None and separator == mark:
        return text  # '1.234.5': one sign cannot both group digits and mark the decimals
    if mark == "," and separator is None and len(fraction) == 3 and len(whole) <= 3 and whole.lstrip("0"):
        decimal = f"{whole}.{fraction.rstrip('0') or '0'}"
        raise Invalid(f"{text!r} could be {int(whole + fraction)} (a thousands comma) or {decimal} (a decimal comma): "
                      f"write {int(whole + fraction)} or {decimal}")
    if separator is not None:
        whole = whole.replace(separator, "")
    return found["sign"] + whole + ("." + fraction if mark else "")


class Number(FieldType):
    def __init__(self, minimum: float | None = None) -> None:
        self.minimum = minimum
        self.label = "a number" if minimum is None else f"a number of at least {minimum:g}"

    LIMIT = 10**15  # larger than any budget or indicator, small enough for Excel and floats to hold exactly

    def check(self, number: float, what: str) -> float:
        if isinstance(number, float) and (math.isnan(number) or math.isinf(number)) or abs(number) > self.LIMIT:
            raise Invalid(f"expected {self.label} (at most 10^15 in size), got {what if len(what) <= 40 else what[:39] + '…'}")
        if self.minimum is not None and number < self.minimum:
            raise Invalid(f"expected {self.label}, got {what}")
        return number

    def from_node(self, node: Node, walk: Walk) -> int | float | None:
        node = self.scalar(node)
        if node.tag == NULL and not node.style:
            return None
        if node.tag == INT:
            number = _yaml_int(node, self.label + " (at most 10^15 in size)")
        elif node.tag == FLOAT:
            number = _constructor.construct_yaml_float(node)
        else:
            raise Invalid(f"expected {self.label}, got {describe(node)}", node)
        try:
            return self.check(number, describe(node))
        except Invalid as e:
            raise Invalid(e.message, node) from None

    def coerce(self, value: Any) -> int | float | None:
        if value is None:
            return None
        number: int | float | None = None
        if isinstance(value, bool):
            pass
        elif isinstance(value, (int, float)):
            number = value
        elif isinstance(value, str):
            text = number_text(value)
            try:
                if _digits(text) > MAX_DIGITS:
                    raise ValueError(text)  # read as a float: inf, refused by check below
                number = int(text)
            except ValueError:
                try:
                    number = float(text)
                except ValueError:
                    pass
        if number is None:
            raise Invalid(f"expected {self.label}, got {describe_value(value)}")
        if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
            number = int(number)
        return self.check(number, describe_value(number) if abs(number) <= self.LIMIT else describe_value(value))


class Date(FieldType):
    """A calendar date between 1900 and 2199: what plans, Excel and date arithmetic can all hold."""

    label = "a date (YYYY-MM-DD)"
    first, last = dt.date(1900, 1, 1), dt.date(2199, 12, 31)

    def in_range(self, day: dt.date) -> dt.date:
        if not self.first <= day <= self.last:
            raise Invalid(f"{day.isoformat()} is outside the years 1900 to 2199")
        return day

    def parse_text(self, text: str) -> dt.date:
        text = text.strip()
        if _DATE_TEXT.match(text):
            try:
                day = dt.date.fromisoformat(text)
            except ValueError:
                raise Invalid(f"{text} is not a date of the calendar") from None
            return self.in_range(day)
        raise Invalid(f"expected {self.label}, got {short(text)}")

    def from_node(self, node: Node, walk: Walk) -> dt.date | None:
        if not isinstance(node, ScalarNode) or node.tag not in _STANDARD_TAGS:
            node = self.scalar(node)  # refused, with the reason
        if node.tag == NULL and not node.style:
            return None
        if node.tag in (TIMESTAMP, STR):
            try:
                return self.parse_text(node.value)
            except Invalid as e:
                raise Invalid(e.message, node) from None
        raise Invalid(f"expected {self.label}, got {describe(node)}", node)

    def coerce(self, value: Any) -> dt.date | None:
        if value is None:
            return None
        if isinstance(value, dt.datetime):
            if value.time() != dt.time(0):
                raise Invalid(f"expected {self.label}, got a date with a time of day")
            return self.in_range(value.date())
        if isinstance(value, dt.date):
            return self.in_range(value)
        if isinstance(value, str):
            return self.parse_text(value)
        raise Invalid(f"expected {self.label}, got {describe_value(value)}")


class Time(FieldType):
    """A time of day as minutes after midnight. Unquoted `9:30` is YAML 1.1's integer 570: still 09:30."""

    label = "a time of day (HH:MM)"

    def minutes(self, hours: int, mins: int, what: str) -> int:
        if not (0 <= hours < 24 and 0 <= mins < 60):
            raise Invalid(f"expected {self.label}, got {what}")
        return hours * 60 + mins

    def from_node(self, node: Node, walk: Walk) -> int | None:
        node = self.scalar(node)
        if node.tag == NULL and not node.style:
            return None
        try:
            if node.tag == INT:
                if ":" not in node.value:  # `start: 9` would be 00:09
                    raise Invalid(f'expected {self.label}, got the number {node.value} (write it as "{node.value}:00")')
                return self.coerce(_yaml_int(node, self.label))
            if node.tag == STR:
                return self.coerce(node.value)
        except Invalid as e:
            raise Invalid(e.message, node) from None
        raise Invalid(f"expected {self.label}, got {describe(node)}", node)

    def coerce(self, value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, dt.time):
            return value.hour * 60 + value.minute
        if isinstance(value, int) and not isinstance(value, bool):
            if 0 <= value < 24 * 60:
                return value
            raise Invalid(f"expected {self.label}, got the number {value}")
        if isinstance(value, str):
            m = _TIME_TEXT.match(value.strip())
            if m:
                return self.minutes(int(m.group(1)), int(m.group(2)), short(value))
        raise Invalid(f"expected {self.label}, got {describe_value(value)}")


class ListOf(FieldType):
    """A YAML list; in a spreadsheet cell or an option, items separated by `;` (or commas)."""

    def __init__(self, item: FieldType) -> None:
        self.item = item
        self.label = f"a list of {item.label}"

    def from_node(self, node: Node, walk: Walk) -> list:
        if isinstance(node, ScalarNode) and node.tag == NULL and not node.style:
            return []
        if not isinstance(node, SequenceNode):
            raise Invalid(f"expected a list, got {describe(node)} (write each item on its own '- ' line)", node)
        check_tag(node)
        walk.enter(node)
        active = walk.active
        active.add(id(node))
        items = []
        for child in node.value:
            walk.steps += 1  # walk.enter(child), written out as in Schema.read
            if walk.steps > MAX_VALUES or id(child) in active:
                walk.refuse(child)
            try:
                value = self.item.from_node(child, walk)
            except Invalid as e:
                walk.report(e.node or child, e.message)
                continue
            if value is not None:
                items.append(value)
        walk.active.discard(id(node))
        return items

    def coerce(self, value: Any) -> list:
        if value is None:
            return []
        if isinstance(value, str):
            sep = ";" if ";" in value else ","
            parts = [p.strip() for p in value.split(sep)]
            value = [p for p in parts if p]
        elif not isinstance(value, (list, tuple)):
            value = [value]
        return [self.item.coerce(v) for v in value]


@dataclass(frozen=True)
class Field:
    """One key of a file: everything every reader of the field needs, declared once.

    listed: a column of `scaleplus list`; filter: `list --NAME` selects on it (also through a
    reference: commitments by their stakeholder's sector); multiline: long text (wide, wrapped
    sheet columns); log: an append-only log (updates, measurements), recorded by its own command,
    never typed in a sheet or an `add` option; option: the `add` option when not --NAME; ask: `add`
    asks for it on a terminal along with the required fields (a facilitator usually fills it).
    """

    name: str
    type: FieldType
    required: bool = False
    default: Any = None
    help: str = ""
    listed: bool = False
    filter: bool = False
    multiline: bool = False
    log: bool = False
    option: str = ""
    ask: bool = False

    @property
    def option_name(self) -> str:
        return self.option or "--" + self.name.replace("_", "-")

    def empty(self) -> Any:
        """The value of the field when the file does not give it."""
        if isinstance(self.type, ListOf):
            return []
        if isinstance(self.type, Record) and self.type.schema.build is not None:
            return self.type.schema.build()
        return self.default


@dataclass
class Schema:
    """The keys of one kind of mapping, in the order the files are written."""

    name: str
    fields: list[Field]
    build: Callable[..., Any] | None = None
    by_name: dict[str, Field] = field(init=False)

    def __post_init__(self) -> None:
        self.by_name = {f.name: f for f in self.fields}

    def read(self, node: Node, walk: Walk) -> dict[str, Any]:
        """Valid values by key; every problem goes to `walk`, none stops the reading."""
        if not isinstance(node, MappingNode):
            raise Invalid(f"expected a mapping of keys for {self.name}, got {describe(node)}", node)
        check_tag(node)
        walk.enter(node)
        active = walk.active
        active.add(id(node))
        values: dict[str, Any] = {}
        seen: dict[str, Node] = {}
        for key_node, value_node in node.value:
            walk.steps += 1  # walk.enter(value_node), written out: this loop reads every value of a project
            if walk.steps > MAX_VALUES or id(value_node) in active:
                walk.refuse(value_node)
            if not isinstance(key_node, ScalarNode):
                walk.report(key_node, f"a key must be a plain word, got {describe(key_node)}")
                continue
            key = key_node.value
            if key in seen:
                walk.report(key_node, f"key {key!r} is given twice (first on line {seen[key].start_mark.line + 1})")
                continue
            seen[key] = key_node
            spec = self.by_name.get(key)
            if spec is None:
                if key == "<<":
                    walk.report(key_node, "YAML merge keys (<<) are not supported; write the keys out")
                else:
                    walk.report(key_node, f"unknown key {key!r} in {self.name}{did_you_mean(key, self.by_name)}")
                continue
            try:
                value = spec.type.from_node(value_node, walk)
            except Invalid as e:
                walk.report(e.node or value_node, f"{key}: {e.message}")
                continue
            if value is None or (isinstance(value, str) and not value.strip()):
                if spec.required:
                    walk.report(value_node, f"{key}: a value is required")
                continue
            values[key] = value
        walk.active.discard(id(node))
        for spec in self.fields:
            if spec.required and spec.name not in seen:
                walk.report(node, f"missing required key {spec.name!r} in {self.name}")
        return values



class Record(FieldType):
    """A nested mapping (an action, an indicator, a goal), built into its dataclass."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema
        self.label = f"a mapping of keys for {schema.name}"

    def from_node(self, node: Node, walk: Walk) -> Any:
        values = self.schema.read(node, walk)
        return self.schema.build(**values) if self.schema.build else values

    def coerce(self, value: Any) -> Any:
        raise Invalid(f"{self.schema.name} cannot be given as a single value")


def record(schema: Schema, *, keyed: bool = False, source: str | None = None) -> Callable[[type], type]:
    """Class decorator: the class becomes the dataclass of the schema's fields, in the schema's order
    (`id` first when keyed, `source` last when the record is a file), keeping its own properties and
    methods. The schema is then the only declaration of what the record holds."""

    def make(cls: type) -> type:
        import dataclasses

        specs: list[Any] = [("id", str)] if keyed else []
        for f in schema.fields:
            if isinstance(f.type, (ListOf, Record)):
                specs.append((f.name, Any, dataclasses.field(default_factory=f.empty)))
            else:
                specs.append((f.name, Any, dataclasses.field(default=f.default)))
        if keyed or source:
            default = (lambda: Source(source)) if source else (lambda: None)
            specs.append(("source", Any, dataclasses.field(default_factory=default, repr=False)))
        namespace = {k: v for k, v in vars(cls).items() if k not in ("__dict__", "__weakref__")}
        built = dataclasses.make_dataclass(cls.__name__, specs, namespace=namespace, slots=True)
        built.__module__, built.__qualname__ = cls.__module__, cls.__qualname__
        schema.build = built
        return built

    return make
