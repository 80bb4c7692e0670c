"""The spreadsheet round trip: `export` writes a workbook with a sheet per kind (export.py); `import`
reads sheets back (sheets.py), works out every change and checks it before anything is written
(preview.py), then writes the files all at once (apply.py). What the four share lives here: the
columns of each kind's sheet.
"""

from __future__ import annotations

from scaleplus_cli.models import KINDS
from scaleplus_cli.schema import Field, ListOf, Record

# Kinds a sheet can hold, in the workbook's order.
IMPORTABLE = ("stakeholders", "barriers", "commitments", "circles")
SHEET_NAMES = ", ".join(IMPORTABLE[:-1]) + " or " + IMPORTABLE[-1]  # for messages
LIST_SEPARATOR = "; "
ABOUT_SHEET = "about"
EXCEL_TEXT_LIMIT = 32_767


def in_a_cell(spec: Field) -> bool:
    """A field that is one value per row: not a log (a commitment's updates), not a list of records
    (its indicators), which stay in their files."""
    return not spec.log and not (isinstance(spec.type, ListOf) and isinstance(spec.type.item, Record))


def left_out(folder: str) -> set[str]:
    """Fields that are not one value per row."""
    return {f.name for f in KINDS[folder].schema.fields if not in_a_cell(f)}


def columns(folder: str) -> list[str]:
    """The sheet's columns: `id`, then one per field in the declaration's order (those in a cell)."""
    return ["id", *(f.name for f in KINDS[folder].schema.fields if in_a_cell(f))]


def multiline(folder: str, name: str) -> bool:
    """A column of long text: wide, and wrapped."""
    spec = KINDS[folder].schema.by_name.get(name)
    return spec is not None and spec.multiline


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters

