"""Markdown documents from the `.md.j2` Jinja templates (project override first, then the default)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scaleplus_cli.render.templates import find_template, template_in_use


# Characters a Markdown renderer reads as markup anywhere in a line (CommonMark, GitHub tables and
# strikethrough); each is escaped with a backslash, which CommonMark allows before any punctuation.
INLINE = re.compile(r"([\\`*_\[\]|~])")
# ... and what is markup only at the start of a line: a heading, a list item, a numbered item, a
# setext underline.
LINE_START = re.compile(r"^(\s*)([-+]|#{1,6}|\d{1,9}(?=[.)])|>|=+(?=\s*$))(?=[.)]?(\s|$)|(?<=>))", re.M)
ENTITY = re.compile(r"&(?=#?\w+;)")
TAG = re.compile(r"<(?=[A-Za-z/!?])")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def escape(value: Any) -> str:
    """Text from the project's files as Markdown that shows it exactly: markup characters escaped,
    HTML as text (&lt;b&gt;), carriage returns as line ends, control characters dropped."""
    text = "" if value is None else str(value)
    text = CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    # HTML only where a renderer would read it so: a tag (<b>, </i>, <!--) or an entity (&copy;);
    # "a < b" and "Faith & traditional" stay as they are, readable in the raw file too
    text = ENTITY.sub("&amp;", text)
    text = TAG.sub("&lt;", text)
    text = INLINE.sub(r"\\\1", text)
    return LINE_START.sub(lambda m: m.group(1) + (m.group(2) + "\\" if m.group(2)[0].isdigit() else "\\" + m.group(2)), text)


def finalize(value: Any) -> Any:
    """Every value a template prints is escaped, unless a filter below has made it Markdown already."""
    from markupsafe import Markup

    if isinstance(value, Markup) or not isinstance(value, str):
        return value
    return escape(value)


def table_cell(value: Any):
    """Text that stays inside one Markdown table cell: escaped, line breaks as <br>."""
    from markupsafe import Markup

    return Markup(escape(value).strip("\n").replace("\n", "<br>"))


def lines(value: Any, indent: int = 0):
    """Multi-line text kept line by line (a hard break at each line end), continuation lines indented."""
    from markupsafe import Markup

    return Markup(("  \n" + " " * indent).join(escape(value).rstrip("\n").split("\n")))


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
        finalize=finalize,
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
