"""The spreadsheet round trip: `export` writes a workbook with a sheet per kind (export.py); `import`
reads sheets back (sheets.py), works out every change and checks it before anything is written
(preview.py), then writes the files all at once (apply.py). What the four share lives here: the
columns of each kind's sheet.
"""

from __future__ import annotations

from scaleplus_cli.models import KINDS

# Kinds a sheet can hold, in the order an import handles them: later kinds refer to earlier ones.
IMPORTABLE = ("stakeholders", "barriers", "commitments")
LIST_SEPARATOR = "; "
ABOUT_SHEET = "about"
EXCEL_TEXT_LIMIT = 32_767


def left_out(folder: str) -> set[str]:
    """Fields that are not one value per row: the logs (a commitment's updates) stay in their files."""
    return {f.name for f in KINDS[folder].schema.fields if f.log}


def columns(folder: str) -> list[str]:
    """The sheet's columns: `id`, then one per field in the declaration's order (not the logs)."""
    return ["id", *(f.name for f in KINDS[folder].schema.fields if not f.log)]


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

