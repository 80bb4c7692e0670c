"""Every command that changes the project's files goes through here: its new texts are checked the
way `check` checks a project, on the project as it would be, and only then written, all or none.

A rule added to `check` therefore guards every writer (add, update, measure, import, plan --write)
without a line of their own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Callable

from scaleplus_cli import store, validation
from scaleplus_cli.edit import EditError, YamlEdit
from scaleplus_cli.errors import Problem, ScaleplusError, errors_in
from scaleplus_cli.models import Project
from scaleplus_cli.schema import Schema
from scaleplus_cli.serialize import ordered
from scaleplus_cli.transaction import FileChange, file_text, write_files

# Where a problem is shown to the person who caused it: an option (--sector), a cell (FILE:ROW:COLUMN).
Locate = Callable[[Problem], "str | None"]


class WouldBreak(ScaleplusError):
    """The change would leave the project with errors; nothing was written. `located` pairs each
    error with where the person typed it, when the command knows (an option, a cell)."""

    def __init__(self, problems: list[Problem], doing: str, root: Path, located: list[tuple[str, str]]) -> None:
        n = len(problems)
        super().__init__(
            f"nothing was written: {doing} would leave the project with {n} error{'s' if n != 1 else ''}",
            problems=[] if located else problems,
            root=root,
            located=located,
        )


def problems_after(project: Project, texts: dict[str, str | None], today: dt.date) -> list[Problem]:
    """Every problem `check` would find in the project with these texts written."""
    return validation.check(store.with_texts(project, texts), today)


def commit(
    project: Project,
    texts: dict[str, str | None],
    *,
    doing: str,
    today: dt.date,
    locate: Locate | None = None,
    exit_code: int = 1,
    warnings: list[Problem] | None = None,
) -> list[Path]:
    """Check the project as it would be with `texts`, then write them all or none (the paths written).

    Errors the project already had are not the change's doing and do not stop it; every new one is
    reported, all of them in one run, each where the person typed it when `locate` knows. `warnings`,
    when given, receives the warnings `check` will give in the files written.
    """
    found = problems_after(project, texts, today)
    if warnings is not None:
        warnings.extend(p for p in found if p.severity == "warning" and p.path in texts)
    after = errors_in(found)
    if after:  # only then is it worth asking which of them the project had already
        before = set(errors_in(validation.check(project, today)))
        after = [p for p in after if p not in before]
    if after:
        located = [(where, _without_key(p)) for p in after if locate and (where := locate(p))]
        error = WouldBreak(sorted(after), doing, project.root, located if len(located) == len(after) else [])
        error.exit_code = exit_code
        raise error
    root = project.root
    changes = [FileChange(root / rel, rel, text, file_text(root / rel)) for rel, text in texts.items()]
    write_files([c for c in changes if c.new != c.old])
    return [root / rel for rel in texts]


def _without_key(problem: Problem) -> str:
    """`sector: 'x' is not a valid sector` -> `'x' is not a valid sector`: the option or cell names the field."""
    head, sep, rest = problem.message.partition(": ")
    return rest if sep and " " not in head else problem.message


def key_at(text: str, line: int) -> str | None:
    """The top-level key of a file's text whose entry covers `line` (1-based), if any."""
    node, _ = store.parse_yaml(text, "")
    value = getattr(node, "value", None)
    if not isinstance(value, list):
        return None
    found = None
    for key, _child in value:
        if key.start_mark.line + 1 <= line:
            found = getattr(key, "value", None)
    return found if isinstance(found, str) else None


class CannotEdit(ScaleplusError):
    """The line-preserving editor cannot make this change to this file without touching other lines."""


def edit_text(
    text: str,
    rel: str,
    schema: Schema,
    change: Callable[[YamlEdit], None],
    expected: Callable[[dict[str, Any]], dict[str, Any]],
) -> str:
    """The file's text with `change` made by the line-preserving editor, confirmed to read back as
    `expected(old values)`: every line the change does not touch stays byte for byte."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    try:
        edit = YamlEdit(text[len(bom):])
        before, _, problems = store.parse_mapping(edit.text, rel, schema)
        change(edit)
        new_text = bom + edit.result
    except EditError as e:
        raise CannotEdit(f"{rel}: cannot make this change without rewriting lines you wrote ({e}); nothing was changed") from None
    after, _, after_problems = store.parse_mapping(new_text, rel, schema)
    if problems or after_problems or ordered(schema, after) != ordered(schema, expected(before)):
        raise CannotEdit(f"{rel} is laid out in a way this edit does not handle; nothing was changed")
    return new_text
