"""Where templates come from: the project's templates/ folder first, then the packaged defaults
(inside the installed package, or the repository's top-level templates/ in an editable install)."""

from __future__ import annotations

from pathlib import Path

import scaleplus_cli
from scaleplus_cli.errors import ScaleplusError

PROJECT_TEMPLATES = "templates"


def packaged_templates() -> Path:
    """The folder of default templates shipped with scaleplus."""
    inside = Path(scaleplus_cli.__file__).resolve().parent / "templates"
    if inside.is_dir():
        return inside
    return Path(scaleplus_cli.__file__).resolve().parent.parent / "templates"


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
