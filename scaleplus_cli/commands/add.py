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


def _ask(spec: Field, required: bool) -> Any:
    """Prompt until the answer fits the field (enum fields show their choices); an optional field may
    be left empty with Enter."""
    from scaleplus_cli.schema import Invalid

    item = spec.type.item if isinstance(spec.type, ListOf) else spec.type
    choices = f" ({', '.join(item.choices)})" if isinstance(item, Choice) else ""
    hint = "" if required else " [Enter to skip]"
    while True:
        answer = typer.prompt(f"{spec.name.replace('_', ' ').capitalize()}{choices}{hint}", default="" if not required else None,
                              show_default=False)
        if not required and not answer.strip():
            return None
        try:
            if spec.type.coerce(answer) not in (None, "", []):
                return answer.split(";") if isinstance(spec.type, ListOf) else answer
        except Invalid as e:
            typer.echo(f"  {e.message}", err=True)


def _prompt_for(schema, given: dict[str, Any], no_input: bool, optional: tuple[str, ...] = ()) -> None:
    """Fill in, on a terminal, the required fields not given (an error without one), then the fields a
    facilitator would usually fill (declared `ask`) when no option was given at all."""
    from scaleplus_cli import adding
    from scaleplus_cli.errors import UsageError

    missing = adding.missing_required(schema, given, optional)
    if missing and (no_input or not has_terminal()):
        names = ", ".join(adding.option_name(m, schema) for m in missing)
        why = "--no-input" if no_input else "no terminal to ask on"
        raise UsageError(f"missing required {names} ({why})")
    asking = bool(missing) and not no_input
    for name in missing:
        given[name] = _ask(schema.by_name[name], required=True)
    if asking:  # the person is being asked anyway: ask for what they would usually fill in too
        for spec in schema.fields:
            if spec.ask and _empty(given.get(spec.name)):
                given[spec.name] = _ask(spec, required=False)


def _empty(value: Any) -> bool:
    return value is None or value == [] or value == ""


def has_terminal() -> bool:
    import sys

    return sys.stdin.isatty()


def _add(folder: str, project: Any, entity_id: str | None, no_input: bool, given: dict[str, Any]) -> None:
    from scaleplus_cli import adding, console
    from scaleplus_cli.commands import locked_project
    from scaleplus_cli.dates import today
    from scaleplus_cli.ids import slugify

    kind = KINDS[folder]
    _prompt_for(kind.schema, given, no_input, ("actions",))
    values = adding.coerce(kind.schema, given)
    with locked_project(project, f"adding the {kind.singular}") as loaded:
        path, warnings = adding.create(loaded, folder, values, entity_id, today=today())
    console.wrote(path)
    console.print_problems(warnings, loaded.root, to_stderr=True)
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
    from scaleplus_cli.commands.completion import ids_of

    many = isinstance(spec.type, ListOf)
    item = spec.type.item if many else spec.type
    complete = ids_of(*item.kinds) if isinstance(item, Ref) else None
    annotation = Annotated[
        Optional[List[str]] if many else Optional[str],
        typer.Option(spec.option_name, help=_help(spec), show_default=False, autocompletion=complete),
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


def _record_command(name: str, record, where: list[inspect.Parameter], skip: tuple[str, ...], doc: str, place: Callable[..., Any]):
    """`add goal|action|indicator`: the record's fields as options, and options (or an argument) saying
    where it goes; `place(project, **where)` finds the list it joins."""
    fields = [spec for spec in record.fields if _entered(spec) and spec.name not in skip and not isinstance(spec.type, Record)]
    fields = [spec for spec in fields if not (isinstance(spec.type, ListOf) and isinstance(spec.type.item, Record))]
    where_names = [p.name for p in where]

    def add(**options: Any) -> None:
        from scaleplus_cli import adding, console
        from scaleplus_cli.commands import locked_project
        from scaleplus_cli.dates import today

        no_input, project = options.pop("no_input"), options.pop("project")
        located = {n: options.pop(n) for n in where_names}
        _prompt_for(record, options, no_input, ("id",) if name in ("goal", "outcome") else ())
        values = adding.coerce(record, options)
        with locked_project(project, f"adding the {name}") as loaded:
            if name == "goal" and "id" not in values:
                values["id"] = adding.next_goal_id(loaded)
            if name == "outcome":
                values["id"] = adding.outcome_id(loaded, values)
            path = adding.append(loaded, place(loaded, **located), record, values, today=today())
        console.wrote(path)

    params = [*where, *(_option(spec) for spec in fields)]
    params += [
        inspect.Parameter("no_input", inspect.Parameter.KEYWORD_ONLY, default=False, annotation=NoInput),
        inspect.Parameter("project", inspect.Parameter.KEYWORD_ONLY, default=None, annotation=ProjectOption),
    ]
    add.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    add.__annotations__ = {p.name: p.annotation for p in params} | {"return": None}
    add.__name__ = add.__qualname__ = f"add_{name}"
    add.__doc__ = doc
    return add


def _where(name: str, help: str, *kinds: str, argument: bool = False) -> inspect.Parameter:
    from scaleplus_cli.commands.completion import ids_of

    complete = ids_of(*kinds) if kinds else None
    if argument:
        info = typer.Argument(metavar=name.upper(), help=help, autocompletion=complete, show_default=False)
        return inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Annotated[str, info])
    info = typer.Option(f"--{name}", help=help, autocompletion=complete, show_default=False)
    return inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=Annotated[Optional[str], info])


def _goal_place(project):
    from scaleplus_cli import adding

    return adding.goal_place()


def _action_place(project, plan):
    from scaleplus_cli import adding

    return adding.action_place(project, plan)


def _indicator_place(project, commitment, plan, action):
    from scaleplus_cli import adding

    return adding.indicator_place(project, plan, action, commitment)


def _outcome_place(project):
    from scaleplus_cli import adding

    return adding.outcome_place()


def _record_commands() -> dict[str, Callable[..., None]]:
    from scaleplus_cli.models import ACTION, GOAL, INDICATOR, OUTCOME

    return {
        "goal": _record_command(
            "goal", GOAL, [], (), "Add a common goal to scaleplus.yaml (its id: G1, G2, ... unless --id).", _goal_place,
        ),
        "action": _record_command(
            "action", ACTION,
            [_where("plan", "The plan: its id, a prefix of it, or its title.", "plan", argument=True)], (),
            "Add an action to a plan, with every field of an action as an option.",
            _action_place,
        ),
        "indicator": _record_command(
            "indicator", INDICATOR,
            [
                _where("commitment", "The commitment it measures (or --plan and --action).", "commitment"),
                _where("plan", "The plan of the action it measures.", "plan"),
                _where("action", "The action it measures: its number (1, 2, ...) or title."),
            ],
            (),
            "Add an indicator to a commitment, or to an action of a plan.",
            _indicator_place,
        ),
        "outcome": _record_command(
            "outcome", OUTCOME, [], (),
            "Add an outcome to the theory of change (theory.yaml, started when missing); its id is made from its text unless --id.",
            _outcome_place,
        ),
    }


COMMANDS: dict[str, Callable[..., None]] = {
    **{kind.singular: command_for(kind) for kind in KINDS.values()},
    **_record_commands(),
}
