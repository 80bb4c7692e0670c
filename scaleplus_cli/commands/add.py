"""`scaleplus add stakeholder|barrier|commitment|plan`: one option per field of the kind's declaration
(models.py); a missing required field is asked for on a terminal, and is an error with --no-input or
without one. The commands are built from the declarations, so a new field is a new option."""

from __future__ import annotations

import inspect
from typing import Annotated, Any, Callable, List, Optional

import typer

from scaleplus_cli.commands import ProjectOption
from scaleplus_cli.models import KINDS, Kind
from scaleplus_cli.schema import Choice, Field, ListOf, Record, Ref, Text

IdOption = Annotated[Optional[str], typer.Option("--id", help="Id to use instead of one made from the name.")]
NoInput = Annotated[bool, typer.Option("--no-input", help="Never prompt; a missing required field is an error.")]


def _ask(folder: str, field: str) -> Any:
    """Prompt until the answer fits the field (enum fields show their choices)."""
    from scaleplus_cli.schema import Invalid

    spec = KINDS[folder].schema.by_name[field]
    choices = f" ({', '.join(spec.type.choices)})" if isinstance(spec.type, Choice) else ""
    while True:
        answer = typer.prompt(f"{field.replace('_', ' ').capitalize()}{choices}")
        try:
            if spec.type.coerce(answer) not in (None, ""):
                return answer
        except Invalid as e:
            typer.echo(f"  {e.message}", err=True)


def has_terminal() -> bool:
    import sys

    return sys.stdin.isatty()


def _add(folder: str, project: Any, entity_id: str | None, no_input: bool, given: dict[str, Any]) -> None:
    from scaleplus_cli import adding, console
    from scaleplus_cli.commands import locked_project
    from scaleplus_cli.dates import today
    from scaleplus_cli.errors import UsageError
    from scaleplus_cli.ids import slugify

    kind = KINDS[folder]
    missing = adding.missing_required(folder, given)
    if missing and (no_input or not has_terminal()):
        names = ", ".join(adding.option_name(m, folder) for m in missing)
        why = "--no-input" if no_input else "no terminal to ask on"
        raise UsageError(f"missing required {names} ({why})")
    for field in missing:
        given[field] = _ask(folder, field)
    values = adding.coerce(folder, given)
    with locked_project(project, f"adding the {kind.singular}") as loaded:
        path = adding.create(loaded, folder, values, entity_id, today=today())
    console.wrote(path)
    if entity_id is None and kind.folder != "commitments" and not slugify(values[kind.name_field]):
        console.warning(f"the name has no Latin letters or digits to make an id from, so the id is {path.stem!r};"
                        " give one with --id if you prefer")


def _help(spec: Field) -> str:
    """An option's help, from the field's declaration: what it is, then the values it takes."""
    from scaleplus_cli.reference import describe

    text = spec.help or spec.name.replace("_", " ")
    text = text[:1].upper() + text[1:]
    item = spec.type.item if isinstance(spec.type, ListOf) else spec.type
    if isinstance(item, Choice):
        text += f": {', '.join(item.choices)}"
    elif not isinstance(item, (Text, Record)) or isinstance(item, Ref):
        text += f" ({describe(item).replace('`', '').replace('date (YYYY-MM-DD)', 'YYYY-MM-DD')})"
    if spec.default is not None:
        text += f"; default {spec.default}"
    if isinstance(spec.type, ListOf):
        text += " (repeat, or separate with ;)"
    return text + "."


def _option(spec: Field) -> inspect.Parameter:
    many = isinstance(spec.type, ListOf)
    annotation = Annotated[
        Optional[List[str]] if many else Optional[str],
        typer.Option(spec.option_name, help=_help(spec), show_default=False),
    ]
    return inspect.Parameter(spec.name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation)


def _entered(spec: Field) -> bool:
    """Fields `add` offers: not the logs, and nested records only where a title is enough to start one."""
    if spec.log:
        return False
    if isinstance(spec.type, ListOf) and isinstance(spec.type.item, Record):
        return spec.option != ""
    return True


def command_for(kind: Kind) -> Callable[..., None]:
    """The `add KIND` command: its signature is built from the kind's fields, for Typer to read."""
    fields = [spec for spec in kind.schema.fields if _entered(spec)]

    def add(**options: Any) -> None:
        entity_id, no_input, project = options.pop("entity_id"), options.pop("no_input"), options.pop("project")
        _add(kind.folder, project, entity_id, no_input, options)

    params = [_option(spec) for spec in fields]
    params += [
        inspect.Parameter("entity_id", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=IdOption),
        inspect.Parameter("no_input", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=NoInput),
        inspect.Parameter("project", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=ProjectOption),
    ]
    add.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    add.__annotations__ = {p.name: p.annotation for p in params} | {"return": None}
    add.__name__ = add.__qualname__ = f"add_{kind.singular}"
    add.__doc__ = f"Add {kind.help}."
    return add


COMMANDS: dict[str, Callable[..., None]] = {kind.singular: command_for(kind) for kind in KINDS.values()}
