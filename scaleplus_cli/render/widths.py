"""How wide a spreadsheet column must be for its header: the work plan's tables and the small tables
of its Charts sheet, in every language (French and Portuguese headers run longer than English)."""

from __future__ import annotations

SOFT_HYPHEN = "\u00ad"
BOLD_WIDTH = 1.15  # units of column width per character of a bold header (a width unit is one digit)
HEADER_LINES = 2  # lines the header row holds


def header_width(header: str, lines: int = HEADER_LINES) -> float:
    """The width a header needs: its longest word on one line (a header is never broken inside a
    word), and the whole of it in at most `lines` lines."""
    header = header.replace(SOFT_HYPHEN, "")
    longest = max((len(w) for w in header.split()), default=0)
    return round(max(longest, -(-len(header) // lines)) * BOLD_WIDTH + 1.5, 1)
