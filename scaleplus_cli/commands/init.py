"""`scaleplus init DIR`: a new project folder with a default three-day WSR agenda."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def init(
    directory: Annotated[Path, typer.Argument(metavar="DIR", help="Folder for the new project (created if needed; '.' for this one).")],
    name: Annotated[Optional[str], typer.Option(help="Project name (default: from the folder name).")] = None,
    challenge: Annotated[Optional[str], typer.Option(help="The development challenge the system addresses.")] = None,
    venue: Annotated[Optional[str], typer.Option(help="Where the retreat takes place.")] = None,
    start: Annotated[Optional[str], typer.Option(help="First day of the retreat, YYYY-MM-DD.")] = None,
    days: Annotated[int, typer.Option(min=1, max=10, help="Length of the retreat in days.")] = 3,
    language: Annotated[str, typer.Option(help="Language of the documents: en, fr, es or pt.")] = "en",
    currency: Annotated[Optional[str], typer.Option(help="ISO 4217 code of the currency budgets are in (USD, XOF, ...).")] = None,
    no_git: Annotated[bool, typer.Option("--no-git", help="Do not run git init and a first commit.")] = False,
) -> None:
    """Start a new project folder: scaleplus.yaml, a default agenda, the four entity folders."""
    from scaleplus_cli import console
    from scaleplus_cli.dates import parse_date_option
    from scaleplus_cli.scaffold import Scaffold, create_project

    first_day = parse_date_option(start, "--start")
    scaffold = Scaffold(name=name, challenge=challenge, venue=venue, start=first_day, days=days)
    scaffold.language, scaffold.currency = checked_language(language, currency)
    result = create_project(
        directory,
        scaffold,
        git=not no_git,
    )
    for path in result.written:
        console.wrote(path)
    for path in result.kept:
        console.warning(f"{console.display_path(path)} already exists; kept as it was")
    for note in result.notes:
        console.warning(note)
    console.err().print(f"New project in {console.display_path(directory)}: next, 'scaleplus add stakeholder'.")


def checked_language(language: str, currency: str | None) -> tuple[str, str | None]:
    """--language and --currency as scaleplus.yaml takes them, or a usage error naming the choices."""
    from scaleplus_cli.errors import UsageError
    from scaleplus_cli.models import CURRENCY, LANGUAGES
    from scaleplus_cli.schema import Invalid

    if language not in LANGUAGES:
        raise UsageError(f"--language {language}: choose from {', '.join(LANGUAGES)}")
    try:
        return language, CURRENCY.coerce(currency)
    except Invalid as e:
        raise UsageError(f"--currency: {e}") from None
