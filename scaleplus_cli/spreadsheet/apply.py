"""Writing an import: all of its files or none, through the project's one transaction."""

from __future__ import annotations

from scaleplus_cli.errors import ScaleplusError
from scaleplus_cli.spreadsheet.preview import Change, ImportPlan
from scaleplus_cli.transaction import FileChange, write_files


def apply(plan: ImportPlan) -> list[Change]:
    """Write every change of a plan without problems, all or none: the files written, in the plan's order."""
    if plan.problems:
        raise ScaleplusError("the import has errors; nothing was written")
    writes = plan.writes
    write_files([FileChange(c.path, c.rel, c.new_text or "", c.old_text) for c in writes])
    return writes
