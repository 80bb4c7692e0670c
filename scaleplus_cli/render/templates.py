"""Where templates come from: the project's templates/ folder first, then the packaged defaults
(inside the installed package, or the repository's top-level templates/ in an editable install)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import scaleplus_cli
from scaleplus_cli.errors import ScaleplusError

PROJECT_TEMPLATES = "templates"


def packaged_templates() -> Path:
    """The folder of default templates shipped with scaleplus."""
    inside = Path(scaleplus_cli.__file__).resolve().parent / "templates"
    if inside.is_dir():
        return inside
    return Path(scaleplus_cli.__file__).resolve().parent.parent / "templates"


@contextmanager
def template_in_use(template: Path) -> Iterator[None]:
    """A template that cannot be read or filled (a Jinja syntax error, an unknown name, a file that
    is not a Word document) becomes an error naming the template, not a crash."""
    try:
        yield
    except ScaleplusError:
        raise
    except Exception as e:
        line = getattr(e, "lineno", None)
        where = f"{template}:{line}" if line else str(template)
        detail = getattr(e, "message", None) or str(e) or type(e).__name__
        raise ScaleplusError(f"{where}: the template cannot be used: {detail}") from None


def guarded_render(template: Path, render: Callable[..., str]) -> Callable[..., str]:
    """A compiled template's render function whose failures name the template."""

    def run(*args: Any, **kwargs: Any) -> str:
        with template_in_use(template):
            return render(*args, **kwargs)

    return run


def find_template(name: str, root: Path | None) -> Path:
    """The template file called name: the project's own override if it has one, else the default."""
    if root is not None:
        own = Path(root) / PROJECT_TEMPLATES / name
        if own.is_file():
            return own
    default = packaged_templates() / name
    if default.is_file():
        return default
    raise ScaleplusError(f"no template {name!r} in the project's templates/ folder nor among the packaged templates")
