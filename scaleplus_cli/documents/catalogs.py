"""The words of the documents in each language: the gettext catalogs scaleplus_cli/locales/<code>.po,
read with Babel when a document first needs them (no compiled .mo files to keep in step)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

LOCALES = Path(__file__).resolve().parent.parent / "locales"
DOMAIN = "scaleplus"


def catalog_path(code: str) -> Path:
    return LOCALES / f"{code}.po"


def read_catalog(code: str):
    """The babel Catalog of one language, as kept in the repository."""
    from babel.messages.pofile import read_po

    with catalog_path(code).open("rb") as f:
        return read_po(f, locale=code, domain=DOMAIN)


@lru_cache(maxsize=None)
def translations(code: str):
    """A gettext translations object for the language (fuzzy and empty entries fall back to English)."""
    import io

    from babel.messages.mofile import write_mo
    from babel.support import Translations

    buffer = io.BytesIO()
    write_mo(buffer, read_catalog(code))
    buffer.seek(0)
    return Translations(fp=buffer, domain=DOMAIN)
