"""What the workbook says to the person filling it in, in the workbook's language: its `about` sheet
(how the round trip works, then what every column of every sheet holds, from the declarations) and
the message a cell's drop-down or range check shows. The values themselves (ids, choices such as
`private_sector`, dates) are what is typed in any language, so they are shown as they are."""

from __future__ import annotations

from typing import Any

from scaleplus_cli.documents.formatting import N_, Language, language
from scaleplus_cli.models import KINDS
from scaleplus_cli.schema import Bool, Choice, Date, FieldType, Integer, ListOf, Number, Ref
from scaleplus_cli.spreadsheet import IMPORTABLE, columns, left_out
from scaleplus_cli.spreadsheet.headings import header, sheet_title

TITLE = N_("About this workbook")
ROUND_TRIP = (
    N_("This workbook was written by `scaleplus export`; bring changes back with `scaleplus import FILE`."),
    N_("One sheet per kind: %(sheets)s. The first column is the id (the file name)."),
    N_("Change a cell to change that value. Add a row to add an entity: leave its id empty to make one from the name."),
    N_("An empty cell leaves the value as it was (import with --clear-empty to remove it)."),
    N_("Lists (%(lists)s) hold ids separated by '; '."),
    N_("Columns with choices offer them in a drop-down; %(scores)s take 1 to 5."),
    N_("A commitment's progress log (updates) is not in the sheet and import never changes it: use `scaleplus update`."),
    N_("Deleting a row does not delete anything: import only creates and updates."),
)
SHEET = N_("The %(sheet)s sheet:")
COLUMN = N_("%(column)s: %(about)s")
REQUIRED = N_("required")
DEFAULT = N_("default %(value)s")
# What a column holds, by the kind of its field.
TEXT, NUMBER, DATE, TRUE_FALSE = N_("text"), N_("number"), N_("date (YYYY-MM-DD)"), N_("true or false")
WHOLE_RANGE, WHOLE_FROM, ONE_OF = N_("whole number %(low)s–%(high)s"), N_("whole number from %(low)s"), N_("one of %(values)s")
ONE_ID = {"stakeholder": N_("stakeholder id"), "barrier": N_("barrier id"), "circle": N_("circle id"), "goal": N_("goal id")}
IDS = {"stakeholder": N_("list of stakeholder ids"), "barrier": N_("list of barrier ids"), "circle": N_("list of circle ids"),
       "goal": N_("list of goal ids")}
# A cell's message when what is typed is not what the column takes.
CHOOSE, TYPE_WHOLE, TYPE_DATE = N_("Choose one of: %(values)s"), N_("Type a whole number from %(low)s to %(high)s"), N_(
    "Type a date, like 2026-12-15")
NOT_AN_ID = N_("Not an id on the %(sheet)s sheet")


def lines(code: str | None) -> list[tuple[str, bool]]:
    """The about sheet, a (text, bold) pair a row."""
    words = language(code)
    titles = {folder: sheet_title(folder, code) for folder in IMPORTABLE}
    lists = [header(name, code) for name in ("raised_by", "goals", "barriers")]
    scores = [header(name, code) for name in ("influence", "interest", "severity")]
    values = {"sheets": ", ".join(titles.values()), "lists": ", ".join(lists), "scores": words.and_list(scores)}
    found = [(words._(TITLE), True)]
    found += [(words._(line) % values if "%(" in line else words._(line), False) for line in ROUND_TRIP]
    for folder in IMPORTABLE:
        found += [("", False), (words._(SHEET, sheet=titles[folder]), True)]
        found += [("  " + line, False) for line in _columns(folder, words, code)]
    return found


def _columns(folder: str, words: Language, code: str | None) -> list[str]:
    schema = KINDS[folder].schema
    found = []
    for name in columns(folder):
        spec = schema.by_name.get(name)
        if spec is None or name in left_out(folder):
            continue
        need = words._(REQUIRED) if spec.required else (
            words._(DEFAULT, value=spec.default) if spec.default is not None else "")
        help_text = words.pgettext("help", spec.help) if spec.help else ""
        about = "; ".join(part for part in (help_text, what(spec.type, words), need) if part)
        found.append(words._(COLUMN, column=header(name, code), about=about))
    return found


def what(kind: FieldType, words: Language) -> str:
    """What a column of this kind holds, in words."""
    if isinstance(kind, ListOf) and isinstance(kind.item, Ref):
        return " / ".join(words._(IDS[k]) for k in kind.item.kinds)
    if isinstance(kind, Ref):
        return " / ".join(words._(ONE_ID[k]) for k in kind.kinds)
    if isinstance(kind, Choice):
        return ", ".join(kind.choices)
    if isinstance(kind, Bool):
        return words._(TRUE_FALSE)
    if isinstance(kind, Integer):
        if kind.allowed:
            return words._(ONE_OF, values=", ".join(map(str, kind.allowed)))
        if kind.high is not None:
            return words._(WHOLE_RANGE, low=kind.low, high=kind.high)
        return words._(WHOLE_FROM, low=kind.low)
    if isinstance(kind, Number):
        return words._(NUMBER)
    if isinstance(kind, Date):
        return words._(DATE)
    return words._(TEXT)


def rule_message(kind: Any, code: str | None, stakeholders_sheet: str) -> str | None:
    """What a cell says when a value it cannot take is typed (None: the column has no check)."""
    words = language(code)
    if isinstance(kind, Choice):
        return words._(CHOOSE, values=", ".join(kind.choices))
    if isinstance(kind, Integer) and kind.allowed:
        return words._(CHOOSE, values=", ".join(map(str, kind.allowed)))
    if isinstance(kind, Integer) and kind.high is not None:
        return words._(TYPE_WHOLE, low=kind.low, high=kind.high)
    if isinstance(kind, Date):
        return words._(TYPE_DATE)
    if isinstance(kind, Ref) and kind.kind == "stakeholder":
        return words._(NOT_AN_ID, sheet=stakeholders_sheet)
    return None
