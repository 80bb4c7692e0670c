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
    days: Annotated[str, typer.Option(metavar="INTEGER", help="Length of the retreat in days, 1 to 60.")] = "3",
    location: Annotated[Optional[str], typer.Option(help="District, region or country of the system.")] = None,
    donor: Annotated[Optional[str], typer.Option(help="The main donor.")] = None,
    currency: Annotated[Optional[str], typer.Option(help="ISO 4217 code of the budgets' currency: USD, GHS, XOF, ...")] = None,
    language: Annotated[str, typer.Option(help="Language of the documents: en, fr, es or pt.")] = "en",
    no_git: Annotated[bool, typer.Option("--no-git", help="Do not run git init and a first commit.")] = False,
) -> None:
    """Start a new project folder: scaleplus.yaml, a default agenda, the entity folders."""
    from scaleplus_cli import console
    from scaleplus_cli.dates import parse_date_option
    from scaleplus_cli.scaffold import Scaffold, create_project

    first_day = parse_date_option(start, "--start")
    given = settings_options(currency=currency, language=language)
    length = retreat_days(days)
    result = create_project(
        directory,
        Scaffold(name=name, challenge=challenge, venue=venue, start=first_day, days=length, location=location,
                 donor=donor, currency=given["currency"], language=given["language"]),
        git=not no_git,
    )
    for path in result.written:
        console.wrote(path)
    for path in result.kept:
        console.warning(f"{console.display_path(path)} already exists; kept as it was")
    for note in result.notes:
        console.warning(note)
    console.err().print(f"New project in {console.display_path(directory)}: next, 'scaleplus add stakeholder'.")


def settings_options(**given: str | None) -> dict:
    """Option values read with scaleplus.yaml's own field types, so that init writes nothing check refuses."""
    from scaleplus_cli.errors import UsageError
    from scaleplus_cli.models import SETTINGS
    from scaleplus_cli.schema import Invalid

    values = {}
    for name, raw in given.items():
        try:
            values[name] = SETTINGS.by_name[name].type.coerce(raw)
        except Invalid as e:
            raise UsageError(f"--{name}: {e.message}") from None
    return values


def retreat_days(typed: str) -> int:
    """--days within what scaleplus.yaml's `retreat.days` allows, so that init writes nothing check refuses."""
    import re

    from scaleplus_cli.errors import UsageError
    from scaleplus_cli.models import RETREAT

    allowed = RETREAT.by_name["days"].type
    if not re.fullmatch(r"\s*[+-]?[0-9]{1,9}\s*", typed):
        raise UsageError(f"--days: expected a whole number of days, got {typed!r}")
    days = int(typed)
    if days < allowed.low:
        raise UsageError(f"--days: {days} is less than {allowed.low}: a retreat has at least one day")
    if days > allowed.high:
        raise UsageError(f"--days: {days} is more than {allowed.high}, the most a retreat can have")
    return days
