"""What the documents say: a project turned into plain, sorted dicts for the templates and writers,
one module per document (agenda, commitments, workplan, bulletin), each with build(project, today).
formatting.py writes every date, time, number and label; parts.py holds what several documents show."""

from __future__ import annotations

import importlib
from typing import Any

DOCUMENTS = ("agenda", "runsheet", "commitments", "workplan", "bulletin", "dashboard", "theory", "assess")


def build(document: str, project, today, **options: Any) -> dict[str, Any]:
    """The context of one document, from its module's build()."""
    return importlib.import_module(f"scaleplus_cli.documents.{document}").build(project, today, **options)
