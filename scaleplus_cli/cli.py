"""The root Typer app: global options, every verb registered, and the one error boundary that
turns a ScaleplusError into `error: ...` on stderr and its exit code (never a traceback)."""

from __future__ import annotations

import functools
from typing import Annotated, Any, Callable, Optional

import typer

from scaleplus_cli import __version__
from scaleplus_cli.commands import check, init, listing, show
from scaleplus_cli.commands import add as add_commands


def guarded(command: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        from scaleplus_cli import console
        from scaleplus_cli.errors import ScaleplusError

        try:
            return command(*args, **kwargs)
        except ScaleplusError as e:
            if e.problems:
                root = e.root if e.root is not None else _project_root(kwargs)
                console.print_problems(e.problems, root, to_stderr=True)
            console.error(e.message)
            raise typer.Exit(e.exit_code) from None
        except OSError as e:
            where = f"{e.filename}: " if e.filename else ""
            console.error(f"{where}{e.strerror or e}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            console.error("interrupted; no file was left half-written")
            raise typer.Exit(130) from None

    return run


def _project_root(kwargs: dict[str, Any]):
    from scaleplus_cli.store import find_root

    try:
        return find_root(kwargs.get("project"))
    except Exception:
        from pathlib import Path

        return Path.cwd()


class App(typer.Typer):
    """A Typer app whose commands all pass through the error boundary."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        register = super().command(*args, **kwargs)

        def decorator(f: Callable[..., Any]) -> Callable[..., Any]:
            register(guarded(f))
            return f

        return decorator


def _version(value: bool) -> None:
    if value:
        typer.echo(f"scaleplus {__version__}")
        raise typer.Exit()


app = App(
    name="scaleplus",
    help="Keep a Whole-System-in-the-Room retreat in plain YAML files: stakeholders, barriers, "
    "commitments and action plans. Check it, plan from it, and print its documents.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def root(
    version: Annotated[
        Optional[bool],
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
) -> None:
    """Keep a Whole-System-in-the-Room retreat in plain YAML files."""


add_app = App(
    name="add",
    help="Add one stakeholder, barrier, commitment or plan (one new YAML file).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
for _name, _command in add_commands.COMMANDS.items():
    add_app.command(_name, help=_command.__doc__)(_command)

app.command("init")(init.init)
app.add_typer(add_app)
app.command("list")(listing.list_entities)
app.command("show")(show.show)
app.command("check")(check.check)

from scaleplus_cli.commands import progress as progress_commands  # noqa: E402
from scaleplus_cli.commands import remind as remind_command  # noqa: E402

app.command("update")(progress_commands.update)
app.command("measure")(progress_commands.measure)
app.command("remind")(remind_command.remind)


from scaleplus_cli.commands import plan as plan_command  # noqa: E402
from scaleplus_cli.commands import status as status_command  # noqa: E402

app.command("plan")(plan_command.plan)
app.command("status")(status_command.status)

from scaleplus_cli.commands import report as report_command  # noqa: E402

app.command("report")(report_command.report)

from scaleplus_cli.commands import spreadsheet as spreadsheet_commands  # noqa: E402

app.command("export")(spreadsheet_commands.export)
app.command("import")(spreadsheet_commands.import_)


def main() -> None:
    app()
