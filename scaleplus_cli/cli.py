"""The root Typer app: global options, every verb registered, and the one error boundary that
turns a ScaleplusError into `error: ...` on stderr and its exit code (never a traceback)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
import os
import sys
from typing import Annotated, Any, Callable, Optional

import typer
from typer.core import TyperCommand, TyperGroup

from scaleplus_cli import __version__
from scaleplus_cli import commands  # noqa: F401  (plain option values read without pydantic, from the first option on)


_interruption_said = False


def guarded(command: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        from scaleplus_cli import console
        from scaleplus_cli.errors import ScaleplusError

        try:
            return command(*args, **kwargs)
        except BrokenPipeError:
            console.reader_gone()
        except ScaleplusError as e:
            if e.problems:
                root = e.root if e.root is not None else _project_root(kwargs)
                console.print_problems(e.problems, root, to_stderr=True)
            for where, message in e.located:  # an option (--sector) or a cell (FILE:ROW:COLUMN)
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
            global _interruption_said
            console.error("interrupted; no file was left half-written")
            _interruption_said = True
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


_TYPE_WORDS = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "Path": "PATH", "datetime": "DATE"}


def _plain_help(param: Any) -> None:
    """Help shows what to type, not Python types: Typer 0.26 and later write `<str>` after options and
    arguments and `<bool>` after flags. Flags get no word; values get Click's words (TEXT, INTEGER),
    as older Typer shows them; choices keep their list. Nor is a default of None shown."""
    if param.default is None and getattr(param, "show_default", None) is True:
        param.show_default = False
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or descriptor.is_choice:  # older Typer shows Click's own words; choices stay
        return
    if param.param_type_name == "argument":  # its name already says what to type (DIR, ID)
        param.display_type_rich = lambda ctx: None
    elif param.metavar is not None:
        return
    elif getattr(param, "is_flag", False) or getattr(param, "count", False):
        param.metavar = ""
    else:
        python_type = param.bare_type().removeprefix("list[").removesuffix("]")
        param.metavar = _TYPE_WORDS.get(python_type, "VALUE")


class PlainHelp:
    """Mixed into our commands and groups: their parameters, the help option included, shown plainly."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            _plain_help(param)
        return params


class Command(PlainHelp, TyperCommand):
    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """The usage line as Click writes it, whichever Typer: an argument in capitals, bare when it
        is required and in brackets when not (Typer 0.26 and later write a required one in braces)."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name != "argument":
                pieces.extend(param.get_usage_pieces(ctx))
                continue
            name = param.metavar or param.name.upper()
            name = name if param.required else f"[{name}]"
            pieces.append(name + ("..." if param.nargs != 1 else ""))
        return pieces


class Group(PlainHelp, TyperGroup):
    """Our groups. At the root, a usage error (bad option, missing argument) is one line, like every other error."""

    def main(self, args: Any = None, prog_name: Any = None, complete_var: Any = None,
             standalone_mode: bool = True, **extra: Any) -> Any:
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
            param = getattr(e, "param", None)
            if getattr(param, "param_type_name", "") == "argument" and getattr(e, "param_hint", None) is None:
                # an argument by its name, whichever Typer: older ones name it by its whole usage ('[DOCUMENT]:[agenda|...]')
                e.param_hint = f"'{param.metavar or param.name}'"
            message = e.format_message().replace("Value error, ", "").rstrip(".")
            hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            console.error(message[:1].lower() + message[1:] + hint)
            sys.exit(e.exit_code)
        if code == 130 and not _interruption_said:  # Typer makes a Ctrl-C outside a command a silent exit
            sys.stderr.write("error: interrupted; no file was left half-written\n")
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        """A verb mistyped is answered with the closest verbs, as Typer does for the groups it holds whole;
        the root knows its verbs by name only (they are built when used), so it says it here itself."""
        try:
            return super().resolve_command(ctx, args)
        except Exception as e:
            if not _is_click_exception(e) or not args or "did you mean" in e.message.lower():
                raise
            import difflib

            shown = [name for name in self.list_commands(ctx) if not getattr(self.get_command(ctx, name), "hidden", False)]
            close = difflib.get_close_matches(args[0], shown)
            if close:
                e.message = f"{e.message.rstrip('.')}. Did you mean {', '.join(repr(name) for name in close)}?"
            raise


class App(typer.Typer):
    """A Typer app whose commands all pass through the error boundary."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        kwargs.setdefault("cls", Command)
        register = super().command(*args, **kwargs)

        def decorator(f: Callable[..., Any]) -> Callable[..., Any]:
            register(guarded(f))
            return f

        return decorator


def _version(value: bool) -> None:
    if value:
        typer.echo(f"scaleplus {__version__}")
        raise typer.Exit()


# One example in every command's help, each runnable as it stands inside the example retreat
# (sample_project/), in this order; tests/test_help.py runs them all there.
EXAMPLES = {
    "": "scaleplus check",
    "init": 'scaleplus init kivuko-retreat --name "Kivuko Bay Living Coast" --start 2026-09-15 --venue "Mwamba Community Hall"',
    "add": 'scaleplus add stakeholder --name "District Council" --sector government',
    "add stakeholder": 'scaleplus add stakeholder --name "Kivuko Boat Builders" --sector private_sector --influence 2',
    "add barrier": 'scaleplus add barrier --title "No ice at the landing site" --category economic --severity 4 --raised-by mwamba-beach-management-unit --goal G2',
    "add commitment": 'scaleplus add commitment --stakeholder kivuko-district-council --text "Ice plant land at Mwamba" --horizon 100 --barrier no-cold-chain-so-fish-spoils',
    "add plan": 'scaleplus add plan --title "Cold chain plan" --horizon 1000 --action "Solar ice maker at Mwamba"',
    "add goal": 'scaleplus add goal --text "Every landing site keeps its catch cold"',
    "add action": 'scaleplus add action "Kivuko Bay 100" --title "Train ice-plant operators" --lead kivuko-ice --start 2026-10-01 --end 2026-11-30',
    "add indicator": 'scaleplus add indicator --commitment kivuko-ice-and-cold-storage-co-ice-at-cost --name "Tonnes of ice sold at cost" --unit t --target 40',
    "add circle": 'scaleplus add circle --name "Cold chain task force" --kind task_force --lead "Kivuko Ice and Cold Storage Co" --member mwamba-beach',
    "add outcome": 'scaleplus add outcome --text "Landing sites keep fish cold" --level early --leads-to less-fish-spoils --barrier no-cold-chain',
    "assess": "scaleplus assess --format json",
    "export": "scaleplus export kivuko.xlsx",
    "import": "scaleplus import kivuko.xlsx --dry-run",
    "schema": "scaleplus schema --out schemas",
    "list": "scaleplus list commitments --status in_progress --horizon 100",
    "show": "scaleplus show no-boats-to-patrol-the-bay",
    "check": "scaleplus check --format json",
    "plan": "scaleplus plan --horizon 100",
    "report": "scaleplus report commitments --split --out printing",
    "status": "scaleplus status",
    "update": 'scaleplus update kivuko-district-fisheries-office-two-patrol-boats --status done --note "Boat 2 back on patrol."',
    "measure": 'scaleplus measure action-plan-100-day 1 "patrol boats" 2 --note "Both boats on the water"',
    "remind": "scaleplus remind --within 30",
    "diff": "scaleplus diff --format json",
    "rollup": "scaleplus rollup --format json",
    "sync": "scaleplus sync export kivuko.bundle",
    "sync export": "scaleplus sync export kivuko.bundle",
    "sync import": "scaleplus sync import kivuko.bundle",
}


def example(command: str) -> str | None:
    """The help's closing line; a command with no example yet still runs (tests/test_help.py asks for one)."""
    return f"Example: {EXAMPLES[command]}" if command in EXAMPLES else None


SETUP, RETREAT, AFTER = "Set up the project", "At the retreat", "After the retreat"


@dataclass(frozen=True)
class Verb:
    """One word after `scaleplus`: the function that runs it (module:function under
    scaleplus_cli.commands) or, for a group, its subcommands by name; its help panel; and its summary,
    the line `scaleplus --help` shows, which is the first paragraph of the function's docstring
    (tests/test_help.py keeps the two the same)."""

    name: str
    summary: str
    panel: str | None = None
    target: str = ""
    subcommands: str | tuple[tuple[str, str], ...] = ()  # a group's: (name, target) pairs, or a dict's target
    hidden: bool = False


# In the order `scaleplus --help` shows them. A verb's module is imported only when the verb is used,
# so that `scaleplus --help`, and every command's start, pays for none of the others (`add` and
# `list` build their options from the declarations, which costs the model's import).
VERBS = (
    Verb("init", "Start a new project folder: scaleplus.yaml, a default agenda, the entity folders.",
         SETUP, "init:init"),
    Verb("add", "Add a stakeholder, barrier, commitment, plan or circle (one new YAML file).", SETUP,
         subcommands="add:COMMANDS"),
    Verb("export", "Write stakeholders, barriers, commitments and circles to an Excel workbook, a sheet each, "
         "to edit and import back.", SETUP, "export:export"),
    Verb("import", "Create and update stakeholders, barriers, commitments or circles from a spreadsheet: "
         "every row or none.", SETUP, "import_:import_"),
    Verb("schema", "Write a JSON Schema (draft 2020-12) for every file kind: completion, choices and help in "
         "an editor.", SETUP, "schema:schema"),
    Verb("list", "List stakeholders, barriers, commitments, plans or circles.", RETREAT, "list_:list_entities"),
    Verb("show", "Show one entity, with what refers to it.", RETREAT, "show:show"),
    Verb("check", "Validate the whole project folder (a programme: every site below it): every problem in one "
         "run, as PATH:LINE:COL: error: MESSAGE.", RETREAT, "check:check"),
    Verb("plan", "Leverage points and gaps: where technical assistance will move the system most.",
         RETREAT, "plan:plan"),
    Verb("report", "Render the agenda, the commitment sheets and the work plan (Word, Excel, Markdown) into "
         "out/; or the progress bulletin.", RETREAT, "report:report"),
    Verb("status", "One-screen dashboard: counts, sector coverage, commitments, overdue, leverage and gaps, "
         "indicators, funding.", AFTER, "status:status"),
    Verb("assess", "Score the Collective Impact preconditions and conditions 0-3 from the project's evidence, "
         "then tick the checklist of its phase and network phase.", AFTER, "assess:assess"),
    Verb("update", "Record progress on a commitment: add an update and set its status.", AFTER, "update:update"),
    Verb("measure", "Record a measurement of an indicator of an action plan or of a commitment.",
         AFTER, "measure:measure"),
    Verb("remind", "Remind stakeholders of commitments overdue or due soon: whom to call, and one message each.",
         AFTER, "remind:remind"),
    Verb("diff", "What changed in the system: stakeholders, barriers, commitments, statuses, measurements, "
         "gaps, leverage.", AFTER, "diff:diff"),
    Verb("rollup", "The programme over all its sites (a project without sites is a programme of one): "
         "organisations by sector, commitments, overdue, gaps, shared barriers and shared indicators, per "
         "site, level and in total.", AFTER, "rollup:rollup"),
    Verb("sync", "Carry work between laptops on a USB stick: export a bundle here, import it there.", AFTER,
         subcommands=(("export", "sync:export"), ("import", "sync:import_"))),
    Verb("merge-driver", "Merge one project file for git: both sides' log entries kept, a real clash left as a "
         "conflict.", target="merge_driver:merge_driver", hidden=True),  # for git, not for people
)


def _function(target: str) -> Any:
    from importlib import import_module

    module, name = target.split(":")
    return getattr(import_module(f"scaleplus_cli.commands.{module}"), name)


def build(verb: Verb) -> Any:
    """The Click command (or group) of one verb, built by Typer from its function's signature."""
    if not verb.subcommands:
        one = App(pretty_exceptions_enable=False, add_completion=False)
        one.command(verb.name, rich_help_panel=verb.panel, epilog=example(verb.name), hidden=verb.hidden)(
            _function(verb.target))
        return typer.main.get_command(one)
    group = App(cls=Group, name=verb.name, help=verb.summary, epilog=example(verb.name), no_args_is_help=True,
                pretty_exceptions_enable=False, add_completion=False, rich_help_panel=verb.panel)
    given = verb.subcommands
    subcommands = _function(given).items() if isinstance(given, str) else [(n, _function(t)) for n, t in given]
    for name, function in subcommands:
        group.command(name, help=function.__doc__, epilog=example(f"{verb.name} {name}"))(function)
    return typer.main.get_command(group)


class Root(Group):
    """`scaleplus`: its verbs are known by name and summary (enough for its help and for completing a
    verb's name); a verb's own command is built only when it is run, asked for help or completed."""

    verbs = {verb.name: verb for verb in VERBS}

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.verbs)

    def get_command(self, ctx: Any, name: str) -> Any:
        verb = self.verbs.get(name)
        if verb is None:
            return None
        return TyperCommand(verb.name, help=verb.summary, rich_help_panel=verb.panel, hidden=verb.hidden)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, _summary, rest = super().resolve_command(ctx, args)
        return name, build(self.verbs[name]), rest


def every_command() -> dict[str, Any]:
    """Every command and group by the words that call it ('' for scaleplus itself), each built."""
    found: dict[str, Any] = {"": typer.main.get_command(app)}
    for verb in VERBS:
        command = build(verb)
        found[verb.name] = command
        for name, sub in getattr(command, "commands", {}).items():
            found[f"{verb.name} {name}"] = sub
    return found


app = App(
    cls=Root,
    name="scaleplus",
    help="Keep a Whole-System-in-the-Room retreat in plain YAML files: stakeholders, barriers, "
    "commitments and action plans. Check it, plan from it, and print its documents.",
    epilog=example(""),
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


def utf8_when_redirected() -> None:
    """Output into a file or another program is UTF-8 everywhere. Python would otherwise write the
    locale's code page there (Windows' cp1252; ASCII in a POSIX "C" locale) and stop at the first
    name outside it. A terminal, or a PYTHONIOENCODING the user set, decides for itself."""
    if os.environ.get("PYTHONIOENCODING"):
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            if not stream.isatty() and stream.encoding.lower().replace("-", "") != "utf8":
                stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError, OSError):
            pass  # not a real text stream (a test runner's): leave it


def main() -> None:
    utf8_when_redirected()
    try:
        try:
            app(prog_name="scaleplus")  # the same name in help and messages, however it was started
        finally:
            sys.stdout.flush()  # here, where a reader gone away can still be answered quietly
    except BrokenPipeError:
        from scaleplus_cli import console

        console.reader_gone()
