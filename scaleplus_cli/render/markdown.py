"""Markdown documents from the `.md.j2` Jinja templates (project override first, then the default)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scaleplus_cli.render.templates import find_template, template_in_use


def table_cell(value: Any) -> str:
    """Text that stays inside one Markdown table cell: pipes escaped, line breaks as <br>."""
    text = "" if value is None else str(value)
    return text.replace("\r\n", "\n").rstrip("\n").replace("|", "\\|").replace("\n", "<br>")


def lines(value: Any, indent: int = 0) -> str:
    """Multi-line text kept line by line (a hard break at each line end), continuation lines indented."""
    text = "" if value is None else str(value)
    return ("  \n" + " " * indent).join(text.replace("\r\n", "\n").rstrip("\n").split("\n"))


def environment(template: Path, language: str | None = "en"):
    """The Jinja environment of a Markdown template, speaking language (env.speak(code) changes it)."""
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    from scaleplus_cli.render.templates import loader
    from scaleplus_cli.render.translation import install

    # The sandbox keeps a template that came with a project folder (by git, on a USB stick) from
    # running code; the loader reads only files inside the template's own folder.
    env = SandboxedEnvironment(
        loader=loader(template.parent),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["cell"] = table_cell
    env.filters["lines"] = lines
    env.speak = install(env, language)
    return env


def render(document: str, context: dict[str, Any], root: Path) -> str:
    template = find_template(f"{document}.md.j2", root)
    with template_in_use(template):
        return environment(template, context.get("language")).get_template(template.name).render(context)


def content(document: str, context: dict[str, Any], root: Path) -> str:
    return render(document, context, root)


def write(document: str, context: dict[str, Any], path: Path, root: Path) -> None:
    from scaleplus_cli.store import write_atomic

    write_atomic(path, render(document, context, root))
