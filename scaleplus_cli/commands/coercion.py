"""Option values turned into Python values without building pydantic for it.

Typer coerces every command-line value through a pydantic TypeAdapter, and building pydantic and the
adapters for a command's three options costs more CPU time than `check` needs to read a small
project. The options scaleplus declares are plain: text, flags, whole numbers, paths and choices of
an Enum. Those are converted here with Typer's own helpers (the same choice matching, the same path
checks); any other option, and any value that does not convert cleanly, goes to Typer's own
coercion, so a bad value gets Typer's message, word for word.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path
from typing import Any

_DIGITS = re.compile(r"[0-9]{1,18}\Z")  # a plain whole number (longer ones go to Typer: its limits)


class _NotPlain(Exception):
    """A value this module leaves to Typer."""


def install() -> None:
    """Put the plain coercion in front of Typer's (once; nothing happens with a Typer whose
    internals differ from those this was written against: Typer's own coercion then does it all)."""
    try:
        from typer import core
        from typer._coercion import RuntimeParam
        from typer._param_types import coerce_cli_choice, coerce_cli_path
    except ImportError:  # pragma: no cover - another Typer
        return
    typers_own = getattr(core, "build_runtime_param", None)
    if typers_own is None or getattr(typers_own, "plain", False):
        return

    class PlainRuntimeParam(RuntimeParam):  # type: ignore[misc, valid-type]
        """A parameter coerced plainly when it can be, else by Typer's own (built only then)."""

        def __init__(self, descriptor: Any) -> None:
            object.__setattr__(self, "parameter_info", descriptor.parameter_info)
            object.__setattr__(self, "annotation", descriptor.annotation)
            object.__setattr__(self, "descriptor", descriptor)
            object.__setattr__(self, "own", None)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            try:
                return self.plain(value, param, ctx)
            except Exception:  # noqa: BLE001 - Typer's own says what is wrong, in its words
                pass
            if self.own is None:
                object.__setattr__(self, "own", typers_own(self.descriptor))
            return self.own._coerce_value(value, param=param, ctx=ctx)

        def plain(self, value: Any, param: Any, ctx: Any) -> Any:
            info, annotation = self.parameter_info, self.annotation
            if getattr(info, "parser", None) is not None or getattr(info, "click_type", None) is not None:
                raise _NotPlain
            if not isinstance(annotation, type):
                raise _NotPlain  # a list, a tuple, a Literal: Typer's
            if annotation is str and isinstance(value, str):
                return value
            if annotation is bool and isinstance(value, bool):
                return value
            if annotation is int and not getattr(info, "clamp", False):
                if type(value) is str and _DIGITS.match(value):
                    value = int(value)
                if type(value) is not int:
                    raise _NotPlain
                low, high = getattr(info, "min", None), getattr(info, "max", None)
                if (low is not None and value < low) or (high is not None and value > high):
                    raise _NotPlain
                return value
            if issubclass(annotation, Enum):
                choices = tuple(annotation)
                return coerce_cli_choice(value, choices=choices, case_sensitive=info.case_sensitive, ctx=ctx)
            if issubclass(annotation, Path) and getattr(info, "path_type", None) is None:
                if not isinstance(value, annotation):
                    if not isinstance(value, str) or not value:
                        raise _NotPlain
                    value = annotation(value)
                return coerce_cli_path(value, info, path_type=annotation, param=param, ctx=ctx)
            raise _NotPlain

    def build_runtime_param(descriptor: Any) -> Any:
        if descriptor.file_annotation is not None:
            return typers_own(descriptor)
        return PlainRuntimeParam(descriptor)

    build_runtime_param.plain = True  # type: ignore[attr-defined]
    core.build_runtime_param = build_runtime_param
