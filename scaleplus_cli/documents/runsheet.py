"""The run sheet: the agenda's days and sessions for the facilitators (its template shows the notes,
materials and leads)."""

from scaleplus_cli.documents.agenda import build

__all__ = ["build"]
