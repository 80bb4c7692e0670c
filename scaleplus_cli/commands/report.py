"""`scaleplus report`: the agenda, the commitment sheets and the work plan, rendered through the
templates into out/ (Word, Excel, Markdown)."""

from __future__ import annotations

from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Iterator, Optional

import typer

from scaleplus_cli.commands import PROGRESS_FILES, ProjectOption, open_project, project_root, sound_project, write_documents

# More files than this, or a project this large, and a terminal gets a progress bar.
PROGRESS_ENTITIES = 300  # a project this large shows a progress bar even for one document


class Document(str, Enum):
    agenda = "agenda"
    runsheet = "runsheet"
    commitments = "commitments"
    workplan = "workplan"
    bulletin = "bulletin"
    dashboard = "dashboard"
    theory = "theory"
    assess = "assess"
    rollup = "rollup"
    all = "all"


class Format(str, Enum):
    docx = "docx"
    xlsx = "xlsx"
    md = "md"
    html = "html"
    pdf = "pdf"


def report(
    document: Annotated[
        Document, typer.Argument(help="What to render: agenda, runsheet, commitments, workplan, theory, all (those five; theory when theory.yaml exists), bulletin, assess (the health check), rollup (a programme over its sites) or dashboard (HTML).")
    ] = Document.all,
    project: ProjectOption = None,
    format: Annotated[
        Optional[Format],
        typer.Option("--format", "-f", help="docx, xlsx, md, html (the dashboard, theory and assess), or pdf (printed by LibreOffice from the Word and Excel forms); default: every format the document has but pdf.", show_default=False),
    ] = None,
    out: Annotated[
        Optional[Path], typer.Option("--out", "-o", help="Folder to write into (default: out/ in the project).", show_default=False)
    ] = None,
    split: Annotated[bool, typer.Option("--split", help="Commitment sheets: one file per stakeholder.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Render even when the project has errors (what is complete).")] = False,
    since: Annotated[
        Optional[str],
        typer.Option("--since", help="Bulletin: news since this date, YYYY-MM-DD (default: the retreat start).", show_default=False),
    ] = None,
    as_of: Annotated[
        Optional[str],
        typer.Option("--as-of", metavar="REV", help="The documents as the project stood at a date (YYYY-MM-DD) or git revision, read from git.", show_default=False),
    ] = None,
) -> None:
    """Render the agenda, the commitment sheets and the work plan (Word, Excel, Markdown) into out/; or the progress bulletin."""
    from scaleplus_cli import console
    from scaleplus_cli.dates import parse_date_option, today
    from scaleplus_cli.errors import UsageError
    from scaleplus_cli.render import output_files, selection

    if document is Document.rollup:
        _rollup(project, format, out, split, since, as_of)
        return
    pairs = selection(document.value, format.value if format else None, split)  # usage errors first
    if since is not None and document is not Document.bulletin:
        raise UsageError("--since applies to the bulletin only (report bulletin --since DATE)")
    since_date = parse_date_option(since, "--since")
    if since_date is not None and since_date > today():
        raise UsageError(
            f"--since {since_date.isoformat()} is after today ({today().isoformat()}):"
            " the bulletin reports what has happened, so give a date up to today"
        )
    options = {"bulletin": {"since": since_date}}
    with _the_project(project, as_of, force) as (loaded, day, root, moment):
        if document is Document.bulletin:
            from scaleplus_cli.history import changes_since

            start = since_date or loaded.settings.retreat.start
            options["bulletin"]["changes"] = changes_since(root, start, moment and moment.sha) if start else None
        folder = out if out is not None else root / "out"
        files, notes = output_files(loaded, day, folder, pairs, split, options)
        for note in notes:
            console.warning(note)
        size = len(loaded.stakeholders) + len(loaded.commitments)
        write_documents(
            files, show_progress=len(files) >= PROGRESS_FILES or size >= PROGRESS_ENTITIES, root=root, folder=folder
        )


def _rollup(project: Path | None, format, out: Path | None, split: bool, since: str | None, as_of: str | None) -> None:
    """The programme report over every site, as Word and Excel: it is rendered as the sites are, a site
    that cannot be read named in it (as `rollup` does), so it needs no --force."""
    from scaleplus_cli import console
    from scaleplus_cli.dates import today
    from scaleplus_cli.documents.formatting import project_language
    from scaleplus_cli.documents.rollup import build
    from scaleplus_cli.errors import UsageError
    import gc

    from scaleplus_cli.programme import load_programme
    from scaleplus_cli.render import OutputFile
    from scaleplus_cli.render import rollup as writers
    from scaleplus_cli.rollup import rollup as roll_up

    for given, option in ((split, "--split"), (since, "--since"), (as_of, "--as-of")):
        if given:
            raise UsageError(f"{option} does not apply to the rollup (it reads every site as it is now)")
    if format is Format.md:
        raise UsageError("--format md: the rollup has no md form (it has docx, xlsx)")
    loaded = open_project(project)
    programme = load_programme(loaded.root, loaded)
    gc.freeze()  # as open_project does: the collector need not walk what the sites hold
    for problem in sorted(programme.problems):
        if problem.message.startswith("sites:"):
            console.print_problems([problem], loaded.root, to_stderr=True)
    context = build(roll_up(programme, today()), project_language(loaded))
    folder = out if out is not None else loaded.root / "out"
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out: {folder} is a file, not a folder")
    files = [
        OutputFile(folder / f"rollup.{fmt}", lambda fmt=fmt: getattr(writers, fmt)(context))
        for fmt in ("docx", "xlsx") if format is None or format.value == fmt
    ]
    write_documents(files, show_progress=False, root=loaded.root, folder=folder)


@contextmanager
def _the_project(project: Path | None, as_of: str | None, force: bool) -> Iterator[tuple]:
    """(project, the day its documents are dated, its folder, the moment of history or None): the
    project as it is, or as it stood at `as_of`, read from git into a temporary copy."""
    from scaleplus_cli.dates import today

    doing = "rendering documents (or pass --force)"
    if as_of is None:
        loaded = open_project(project) if force else sound_project(project, doing)
        yield loaded, today(), loaded.root, None
        return
    from scaleplus_cli.errors import ProjectHasErrors, errors_in
    from scaleplus_cli.history import project_at
    from scaleplus_cli.validation import check

    root = project_root(project)
    with project_at(root, as_of) as (loaded, moment):
        day = moment.day(as_of)
        _say_what_as_of_leaves_out(root, moment, day, today())
        problems = check(loaded, day)
        if errors_in(problems) and not force:
            raise ProjectHasErrors(problems, f"rendering documents as of {moment.label} (or pass --force)", root)
        yield loaded, day, root, moment


def _say_what_as_of_leaves_out(root: Path, moment: Any, day: Any, now: Any) -> None:
    """--as-of reads the project from git: work not committed yet is not in it, which a date of today
    or later would otherwise hide; and documents dated after today are said to be so."""
    from scaleplus_cli import console
    from scaleplus_cli.repository import Repository

    repo = Repository(root)
    if moment.sha == repo.sha("HEAD"):
        waiting = [path for path in repo.uncommitted() if not path.startswith("out/")]
        if waiting:
            n = len(waiting)
            console.warning(f"{n} changed file{'s are' if n != 1 else ' is'} not committed yet ({waiting[0]}"
                            f"{', …' if n > 1 else ''}), so not in these documents: --as-of reads the last commit,"
                            f" {moment.label}; commit first, or leave out --as-of")
    if day is not None and day > now:
        console.warning(f"{day.isoformat()} is after today: the documents are dated then, with the project as last committed")
