"""`scaleplus check`: every problem in the folder (and, for a programme, in every site below it), one
line each, then a summary."""

from __future__ import annotations

from typing import Annotated

import typer

from scaleplus_cli.commands import Output, ProjectOption, open_project


def check(
    project: ProjectOption = None,
    format: Annotated[Output, typer.Option("--format", "-f", help="text, or json for scripts.")] = Output.text,
) -> None:
    """Validate the whole project folder (a programme: every site below it): every problem in one run,
    as PATH:LINE:COL: error: MESSAGE."""
    import json

    from scaleplus_cli import console
    from scaleplus_cli.dates import today
    from scaleplus_cli.errors import errors_in
    import gc

    from scaleplus_cli.programme import check_programme, is_programme, load_programme
    from scaleplus_cli.validation import check as check_project

    loaded = open_project(project)
    sites = ""
    if is_programme(loaded):
        programme = load_programme(loaded.root, loaded, today(), problems=True)
        gc.freeze()  # as open_project does: the collector need not walk what the sites hold
        problems = check_programme(programme, today())
        files = programme.file_count
        n = len(programme.read)
        sites = f" in {n} site{'s' if n != 1 else ''}"
    else:
        problems = check_project(loaded, today())
        files = loaded.file_count
    errors = len(errors_in(problems))
    if format is Output.json:
        typer.echo(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        console.print_problems(problems, loaded.root)
        warnings = len(problems) - errors
        summary = (
            f"{files} files checked{sites}: {errors} error{'s' if errors != 1 else ''},"
            f" {warnings} warning{'s' if warnings != 1 else ''}"
        )
        console.out().print(summary, style="bold red" if errors else "bold green")
    raise typer.Exit(1 if errors else 0)
