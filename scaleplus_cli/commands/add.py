"""`scaleplus add stakeholder|barrier|commitment|plan`: one option per field; a missing required
field is asked for on a terminal, and is an error with --no-input or without one."""

from __future__ import annotations

from typing import Annotated, Any, Callable, List, Optional

import typer

from scaleplus_cli.commands import ProjectOption

IdOption = Annotated[Optional[str], typer.Option("--id", help="Id to use instead of one made from the name.")]
NoInput = Annotated[bool, typer.Option("--no-input", help="Never prompt; a missing required field is an error.")]
Many = Optional[List[str]]


def _opt(help: str, *names: str) -> Any:
    return typer.Option(*names, help=help, show_default=False)


def _ask(folder: str, field: str) -> Any:
    """Prompt until the answer fits the field (enum fields show their choices)."""
    from scaleplus_cli.models import KINDS
    from scaleplus_cli.schema import Choice, Invalid

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
    from scaleplus_cli.commands import open_project
    from scaleplus_cli.ids import slugify
    from scaleplus_cli.models import KINDS
    from scaleplus_cli.errors import UsageError

    loaded = open_project(project)
    missing = adding.missing_required(folder, given)
    if missing and (no_input or not has_terminal()):
        names = ", ".join(adding.option_name(m) for m in missing)
        why = "--no-input" if no_input else "no terminal to ask on"
        raise UsageError(f"missing required {names} ({why})")
    for field in missing:
        given[field] = _ask(folder, field)
    values = adding.coerce(folder, given)
    path = adding.create(loaded, folder, values, entity_id)
    console.wrote(path)
    kind = KINDS[folder]
    if entity_id is None and kind.folder != "commitments" and not slugify(values[kind.name_field]):
        console.warning(f"the name has no Latin letters or digits to make an id from, so the id is {path.stem!r};"
                        " give one with --id if you prefer")


def add_stakeholder(
    name: Annotated[Optional[str], _opt("Person or organisation as shown on documents.", "--name")] = None,
    sector: Annotated[Optional[str], _opt("government, private_sector, civil_society, community, academia, media, faith_traditional, donor or other.", "--sector")] = None,
    organization: Annotated[Optional[str], _opt("Organisation.", "--organization")] = None,
    representative: Annotated[Optional[str], _opt("The person in the room.", "--representative")] = None,
    role: Annotated[Optional[str], _opt("Role.", "--role")] = None,
    group: Annotated[Optional[str], _opt("Stakeholder group at the retreat.", "--group")] = None,
    email: Annotated[Optional[str], _opt("E-mail address.", "--email")] = None,
    phone: Annotated[Optional[str], _opt("Phone number.", "--phone")] = None,
    influence: Annotated[Optional[str], _opt("Power to move the barriers, 1-5.", "--influence")] = None,
    interest: Annotated[Optional[str], _opt("Stake in the outcome, 1-5.", "--interest")] = None,
    notes: Annotated[Optional[str], _opt("Notes.", "--notes")] = None,
    entity_id: IdOption = None,
    no_input: NoInput = False,
    project: ProjectOption = None,
) -> None:
    """Add a stakeholder: someone in the room, from any sector."""
    given = dict(name=name, sector=sector, organization=organization, representative=representative, role=role,
                 group=group, email=email, phone=phone, influence=influence, interest=interest, notes=notes)
    _add("stakeholders", project, entity_id, no_input, given)


def add_barrier(
    title: Annotated[Optional[str], _opt("What blocks the goals, in a few words.", "--title")] = None,
    category: Annotated[Optional[str], _opt("governance, structural, economic, social, awareness, technology, training or organizational.", "--category")] = None,
    description: Annotated[Optional[str], _opt("Description.", "--description")] = None,
    severity: Annotated[Optional[str], _opt("1-5 (default 3).", "--severity")] = None,
    raised_by: Annotated[Many, _opt("Stakeholder id who raised it (repeat, or separate with ;).", "--raised-by")] = None,
    goals: Annotated[Many, _opt("Goal id it blocks (repeat, or separate with ;).", "--goal")] = None,
    entity_id: IdOption = None,
    no_input: NoInput = False,
    project: ProjectOption = None,
) -> None:
    """Add a barrier the room named."""
    given = dict(title=title, category=category, description=description, severity=severity,
                 raised_by=raised_by, goals=goals)
    _add("barriers", project, entity_id, no_input, given)


def add_commitment(
    stakeholder: Annotated[Optional[str], _opt("Id of the stakeholder who commits.", "--stakeholder")] = None,
    text: Annotated[Optional[str], _opt("What they commit to.", "--text")] = None,
    barriers: Annotated[Many, _opt("Barrier id it works on (repeat, or separate with ;).", "--barrier")] = None,
    horizon: Annotated[Optional[str], _opt("100 or 1000 (days).", "--horizon")] = None,
    due: Annotated[Optional[str], _opt("Due date YYYY-MM-DD (default: retreat start + horizon).", "--due")] = None,
    resources: Annotated[Optional[str], _opt("What they put in.", "--resources")] = None,
    status: Annotated[Optional[str], _opt("pledged (default), in_progress, done or dropped.", "--status")] = None,
    entity_id: IdOption = None,
    no_input: NoInput = False,
    project: ProjectOption = None,
) -> None:
    """Add a commitment a stakeholder made."""
    given = dict(stakeholder=stakeholder, text=text, barriers=barriers, horizon=horizon, due=due,
                 resources=resources, status=status or "pledged")
    _add("commitments", project, entity_id, no_input, given)


def add_plan(
    title: Annotated[Optional[str], _opt("Title of the action plan.", "--title")] = None,
    horizon: Annotated[Optional[str], _opt("100 or 1000 (days).", "--horizon")] = None,
    owner: Annotated[Optional[str], _opt("Task force, action circle or stakeholder group.", "--owner")] = None,
    start: Annotated[Optional[str], _opt("Start date YYYY-MM-DD.", "--start")] = None,
    goals: Annotated[Many, _opt("Goal id it serves (repeat, or separate with ;).", "--goal")] = None,
    actions: Annotated[Many, _opt("Title of an action to start with (repeat).", "--action")] = None,
    entity_id: IdOption = None,
    no_input: NoInput = False,
    project: ProjectOption = None,
) -> None:
    """Add an action plan (100-day or 1000-day)."""
    given = dict(title=title, horizon=horizon, owner=owner, start=start, goals=goals, actions=actions)
    _add("plans", project, entity_id, no_input, given)


COMMANDS: dict[str, Callable[..., None]] = {
    "stakeholder": add_stakeholder,
    "barrier": add_barrier,
    "commitment": add_commitment,
    "plan": add_plan,
}
