"""The sheet names and column headers of the workbook in each language: `export` writes the project's
language, `import` knows all four (a French team's workbook comes back as it went out). A header is
its field's name in English, translated with the context "column" in the catalogs; a sheet name is
its folder's, with the context "sheet" (tools/catalogs.py adds every field of the importable kinds)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from scaleplus_cli.models import LANGUAGES
from scaleplus_cli.spreadsheet import ABOUT_SHEET, IMPORTABLE, columns


def normal(text: Any) -> str:
    """A header or sheet name as compared: lower case, spaces and hyphens as underscores."""
    return re.sub(r"[\s\-]+", "_", str(text).strip().lower())


def sheet_title(folder: str, code: str | None) -> str:
    """stakeholders -> parties prenantes (fr)"""
    from scaleplus_cli.documents.formatting import language

    return language(code).pgettext("sheet", folder)


def header(name: str, code: str | None) -> str:
    """raised_by -> soulevé par (fr)"""
    from scaleplus_cli.documents.formatting import language

    return language(code).pgettext("column", name)


@lru_cache(maxsize=None)
def _sheets() -> dict[str, str]:
    return {normal(sheet_title(folder, code)): folder for folder in (*IMPORTABLE, ABOUT_SHEET) for code in LANGUAGES}


@lru_cache(maxsize=None)
def _headers(folder: str) -> dict[str, str]:
    return {normal(header(name, code)): name for name in columns(folder) for code in LANGUAGES}


def folder_of(title: str) -> str | None:
    """The kind a sheet holds, from its name in any of the languages (about: the notes sheet)."""
    return _sheets().get(normal(title))


def field_of(folder: str, text: Any) -> str | None:
    """The field a column holds, from its header in any of the languages."""
    return _headers(folder).get(normal(text))
