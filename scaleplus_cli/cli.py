"""The root Typer app: global options, every verb registered, and the one error boundary that
turns a ScaleplusError into `error: ...` on stderr and its exit code (never a traceback)."""

from __future__ import annotations

import functools
import os
from typing import Annotated, Any, Callable, Optional

import typer
from typer.core import TyperGroup

from scaleplus_cli import __version__
from scaleplus_cli.commands import add as add_commands
from scaleplus_cli.commands import (
    check,
    export,
    import_,
    init,
    list_,
    measure,
    plan,
    remind,
    report,
    schema,
    show,
    status,
    update,
)


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
            for where, message in getattr(e, "located", ()):  # an option (--sector) or a cell (FILE:ROW:COLUMN)
                if where.startswith("-"):
                    console.error(f"{where}: {message}")
                else:
                    console.located_error(where, message)
            console.error(e.message)
            raise typer.Exit(e.exit_code) from None
        except OSError as e:
            where = f"{e.filename}: " if e.filename else ""
            console.error(f"{where}{e.strerror or e}")
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            console.error("interrupted; no file was left half-written")
            raise typer.Exit(130) from None
        except Exception as e:
            if hasattr(e, "exit_code") or os.environ.get("SCALEPLUS_DEBUG"):
                raise  # typer.Exit and usage errors pass through; SCALEPLUS_DEBUG=1 shows a bug's traceback
            console.error(
                f"internal error ({type(e).__name__}: {e}); files are written whole or not at all."
                " Please report it (SCALEPLUS_DEBUG=1 shows the details)"
            )
            raise typer.Exit(1) from None

    return run


def _project_root(kwargs: dict[str, Any]):
    from scaleplus_cli.store import find_root

    try:
        return find_root(kwargs.get("project"))
    except Exception:
        from pathlib import Path

        return Path.cwd()


def _is_click_exception(error: Exception) -> bool:
    """Click's own errors (usage, bad parameter), whichever Click Typer uses: recent Typer vendors its
    own copy under a private name, so they are known by their shape, not imported."""
    return any(cls.__name__ == "ClickException" for cls in type(error).__mro__)


class Group(TyperGroup):
    """The root group: a usage error (bad option, missing argument) is one line, like every other error."""

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
        import sys

        from scaleplus_cli import console

        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except typer.Abort:
            console.error("aborted; nothing was written")
            sys.exit(1)
        except Exception as e:
            if not _is_click_exception(e):
                raise
            if type(e).__name__ == "NoArgsIsHelpError":  # `scaleplus` alone: the help, as Click shows it
                e.show()
                sys.exit(e.exit_code)
            ctx = getattr(e, "ctx", None)
            message = e.format_message().replace("Value error, ", "").rstrip(".")
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            console.error(message[:1].lower() + message[1:] + hint)
            sys.exit(e.exit_code)
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


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
    cls=Group,
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

SETUP, RETREAT, AFTER = "Set up the project", "At the retreat", "After the retreat"
app.command("init", rich_help_panel=SETUP)(init.init)
app.add_typer(add_app, rich_help_panel=SETUP)
app.command("import", rich_help_panel=SETUP)(import_.import_)
app.command("export", rich_help_panel=SETUP)(export.export)
app.command("schema", rich_help_panel=SETUP)(schema.schema)
app.command("list", rich_help_panel=RETREAT)(list_.list_entities)
app.command("show", rich_help_panel=RETREAT)(show.show)
app.command("check", rich_help_panel=RETREAT)(check.check)
app.command("plan", rich_help_panel=RETREAT)(plan.plan)
app.command("report", rich_help_panel=RETREAT)(report.report)
app.command("status", rich_help_panel=AFTER)(status.status)
app.command("update", rich_help_panel=AFTER)(update.update)
app.command("measure", rich_help_panel=AFTER)(measure.measure)
app.command("remind", rich_help_panel=AFTER)(remind.remind)


def main() -> None:
    app()
