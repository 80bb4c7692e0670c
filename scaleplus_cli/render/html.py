"""HTML pages from `.html.j2` Jinja templates (project override first, then the default), in the
document's language (_() and ngettext() as in the other templates), every value escaped (autoescape):
text from the YAML files is never markup. Control characters a page cannot
show are dropped, carriage returns become line ends."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from scaleplus_cli.render.templates import find_template, template_in_use

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(value: Any) -> Any:
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))
    return value


def render(document: str, context: dict[str, Any], root: Path | None) -> str:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    from scaleplus_cli.render.translation import install

    template = find_template(f"{document}.html.j2", root)
    # the sandbox keeps a template that came with a project folder from running code
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(str(template.parent)),
        autoescape=True,
        finalize=clean,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    install(env, context.get("language") or "en", escape=True)  # a translation is text, escaped like any other
    with template_in_use(template):
        return env.get_template(template.name).render(context)


def content(document: str, context: dict[str, Any], root: Path) -> str:
    return render(document, with_picture(document, context), root)


def with_picture(document: str, context: dict[str, Any]) -> dict[str, Any]:
    """The theory of change's pathway and the health check's conditions, as SVG inside the page
    (`picture`; empty when there is nothing to draw)."""
    if document not in ("theory", "assess"):
        return context
    from markupsafe import Markup

    from scaleplus_cli.dashboard import inline_svg
    from scaleplus_cli.render import conditions_picture, pathway_picture

    values = dict(context, picture="")
    if document == "theory" and context.get("has_outcomes"):
        values["picture"] = Markup(inline_svg(pathway_picture(context, "svg"), "pathway"))  # noqa: S704 - matplotlib escapes its texts
    elif document == "assess":
        values["picture"] = Markup(inline_svg(conditions_picture(context, "svg"), "conditions"))  # noqa: S704
    return values


def write(document: str, context: dict[str, Any], path: Path, root: Path) -> None:
    from scaleplus_cli.store import write_atomic

    write_atomic(path, content(document, context, root))
