"""Ids from names: "Ministère de la Pêche" -> ministere-de-la-peche; a clash gets -2, -3, ..."""

from __future__ import annotations

import re
import unicodedata
from typing import Container

from scaleplus_cli.schema import ID_MAX

# Letters that Unicode does not decompose into an ASCII base letter plus accents.
_SPECIAL = str.maketrans(
    {
        "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d",
        "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ł": "l", "Ł": "l", "ı": "i", "ŋ": "ng", "Ŋ": "ng",
        "&": " and ", "@": " at ", "'": "", "’": "",
    }
)


# An elided article or pronoun (French l', d', qu'; Italian dell' is a word of its own): two words.
_ELISION = re.compile(r"\b([^\W\d_]|[Qq]u)['’](?=[^\W\d_])")


def slugify(text: str, limit: int = ID_MAX) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens, cut at a word boundary. An
    apostrophe after one letter parts two words ("plan d'action" -> plan-d-action); within a word it
    is dropped ("Women's Group" -> womens-group)."""
    text = _ELISION.sub(r"\1 ", text)
    text = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) > limit:
        cut = slug[: limit + 1].rfind("-")
        slug = slug[:cut] if cut > 0 else slug[:limit]
    return slug.strip("-")


_SEPARATORS = re.compile(r"[\s\-_.,;:'’/()\[\]]+")
# The same for ASCII text, as bytes: upper case to lower, every separator and space to a space.
_ASCII_SEPARATORS = " \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f-_.,;:/()[]"
_ASCII_KEY = bytes.maketrans(
    bytes(range(ord("A"), ord("Z") + 1)) + _ASCII_SEPARATORS.encode("ascii"),
    bytes(range(ord("a"), ord("z") + 1)) + b" " * len(_ASCII_SEPARATORS),
)


def name_key(name: str) -> str:
    """What makes two names the same on a document: case, accents, spacing and separating
    punctuation aside. Letters of every script and symbols such as + count ("C++ Club" is not "C Club")."""
    if name.isascii():  # most names: no accents to take off, and bytes are quicker to map (a national
        data = name.encode("ascii")  # project has thousands of names to compare)
        if b"&" in data or b"@" in data or b"'" in data:
            data = data.replace(b"&", b" and ").replace(b"@", b" at ").replace(b"'", b"")
        return b" ".join(data.translate(_ASCII_KEY).split()).decode("ascii")
    return _any_name_key(name)


def _any_name_key(name: str) -> str:
    """name_key of any text, the long way."""
    text = unicodedata.normalize("NFKD", name.translate(_SPECIAL))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(_SEPARATORS.sub(" ", text).split())


def unique_id(base: str, taken: Container[str]) -> str:
    """base itself if free, else base-2, base-3, ... (kept within ID_MAX characters)."""
    if base not in taken:
        return base
    n = 2
    while True:
        suffix = f"-{n}"
        candidate = slugify(base, ID_MAX - len(suffix)) + suffix
        if candidate not in taken:
            return candidate
        n += 1
