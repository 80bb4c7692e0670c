"""The commitment sheets: one per stakeholder who made commitments, to read and sign at the retreat."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scaleplus_cli.documents.formatting import N_, project_language, sort_key
from scaleplus_cli.documents.parts import commitment_order, commitment_row, header, stakeholder_row
from scaleplus_cli.models import LANGUAGES, Project

DETAILS = (
    (N_("Organisation"), "organization"),
    (N_("Represented by"), "representative"),
    (N_("Role"), "role"),
    (N_("Sector"), "sector"),
    (N_("Stakeholder group"), "group"),
)


BLANK_LINES = 4  # lines to write commitments on, on the sheet of a stakeholder with none yet
BLANK_COMMITMENT = {
    "text": "", "barriers_text": "", "goals": [], "goals_text": "", "resources": "", "horizon_text": "",
    "due_text": "", "status": "",
}


def build(project: Project, today: dt.date) -> dict[str, Any]:
    """One sheet per stakeholder (dropped commitments left out; numbered blank lines for one with
    none yet, to write them on at the retreat), each in the stakeholder's own language (the
    project's when they have none): the sheets in the project's language first, then those of each
    other language, by name within each."""
    lang = project_language(project)
    order = commitment_order(project)
    first = [lang.code, *(code for code in LANGUAGES if code != lang.code)]
    sheets = []
    for s in sorted(project.stakeholders.values(), key=lambda s: (sort_key(s.label), s.id)):
        made = sorted((c for c in project.commitments_by(s.id) if c.text and c.status != "dropped"), key=order)
        own = project_language(project, s.language)
        sheet = stakeholder_row(s, own)
        shown = {
            "organization": sheet["organization"] if sheet["organization"] != sheet["name"] else "",
            "representative": sheet["representative"] if sheet["representative"] != sheet["name"] else "",
        }
        sheet["details"] = [
            {"label": own._(title), "value": shown.get(key, sheet[key])} for title, key in DETAILS if shown.get(key, sheet[key])
        ]
        sheet["blank"] = not made
        sheet["commitments"] = (
            [_on_the_sheet_of(project, s.id, c, commitment_row(project, c, own, n)) for n, c in enumerate(made, 1)]
            if made
            else [dict(BLANK_COMMITMENT, number=n) for n in range(1, BLANK_LINES + 1)]
        )
        # the person who signs; under the line only when it is not the organisation named above it
        sheet["signatory"] = sheet["representative"] if sheet["representative"] != sheet["name"] else ""
        sheet["language"] = own.code
        sheet["project"] = header(project, today, own)
        sheets.append(sheet)
    sheets.sort(key=lambda sheet: first.index(sheet["language"]))
    return {"project": header(project, today, lang), "language": lang.code, "sheets": sheets}


def _on_the_sheet_of(project: Project, stakeholder_id: str, c: Any, row: dict[str, Any]) -> dict[str, Any]:
    """A joint commitment on one co-owner's sheet names the others it is made with (each signs their own)."""
    others = [name for sid, name in zip(project.committers(c), row["owners"]) if sid != stakeholder_id]
    return dict(row, together_with=", ".join(others))
