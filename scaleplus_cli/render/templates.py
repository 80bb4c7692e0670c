"""Where templates come from: the project's templates/ folder first, then the packaged defaults
(inside the installed package, or the repository's top-level templates/ in an editable install)."""

from __future__ import annotations

import os
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


def _inside(path: Path, folder: Path) -> bool:
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(folder))
        return True
    except ValueError:
        return False


def find_template(name: str, root: Path | None) -> Path:
    """The template file called name: the project's own override if it has one, else the default.
    A project's template that is a link to a file outside the project is refused: a project folder
    travels by git and USB, and its templates must not read the rest of the computer."""
    if root is not None:
        own = Path(root) / PROJECT_TEMPLATES / name
        if own.is_symlink() or own.is_file():
            if not _inside(own, Path(root)):
                raise ScaleplusError(
                    f"{PROJECT_TEMPLATES}/{name} links to a file outside the project; scaleplus reads templates only"
                    " from inside the project and from its own, so copy the file into templates/ instead"
                )
            if own.is_file():
                return own
    default = packaged_templates() / name
    if default.is_file():
        return default
    raise ScaleplusError(f"no template {name!r} in the project's templates/ folder nor among the packaged templates")


def loader(folder: Path):
    """A Jinja loader for `{% include %}` and `{% extends %}` that reads only files whose real place
    is inside folder (a link pointing out of it is refused like a missing file would be)."""
    import jinja2

    class Loader(jinja2.FileSystemLoader):
        def get_source(self, environment, template):  # noqa: ANN001, ANN201
            path = Path(folder) / template
            if path.exists() and not _inside(path, Path(folder)):
                raise ScaleplusError(
                    f"{path}: the template links to a file outside its folder; scaleplus does not follow it"
                )
            return super().get_source(environment, template)

    return Loader(str(folder))
