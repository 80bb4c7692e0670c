"""The commitment sheets: one per stakeholder who made commitments, to read and sign at the retreat."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scaleplus_cli.documents.formatting import sort_key
from scaleplus_cli.documents.parts import commitment_order, commitment_row, header, stakeholder_row
from scaleplus_cli.models import Project


def build(project: Project, today: dt.date) -> dict[str, Any]:
    """One sheet per stakeholder who made commitments, sorted by name."""
    order = commitment_order(project)
    sheets = []
    for s in sorted(project.stakeholders.values(), key=lambda s: (sort_key(s.label), s.id)):
        made = sorted((c for c in project.commitments_by(s.id) if c.text), key=order)
        if not made:
            continue
        sheet = stakeholder_row(s)
        details = [
            ("Organisation", sheet["organization"] if sheet["organization"] != sheet["name"] else ""),
            ("Represented by", sheet["representative"] if sheet["representative"] != sheet["name"] else ""),
            ("Role", sheet["role"]),
            ("Sector", sheet["sector"]),
            ("Stakeholder group", sheet["group"]),
        ]
        sheet["details"] = [{"label": k, "value": v} for k, v in details if v]
        sheet["commitments"] = [commitment_row(project, c, n) for n, c in enumerate(made, 1)]
        sheet["signatory"] = sheet["representative"] or sheet["name"]
        sheets.append(sheet)
    return {"project": header(project, today), "sheets": sheets}
