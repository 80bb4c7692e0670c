"""Problems found in a project are values; ScaleplusError is what a command raises when it must stop."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One finding, located in a file of the project (path is relative to the project root)."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str

    def as_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity,
            "message": self.message,
        }


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


class ScaleplusError(Exception):
    """A command could not do its job; the CLI prints the message and exits with exit_code."""

    exit_code = 1

    def __init__(
        self, message: str, *, problems: Iterable[Problem] = (), root: Any = None, located: Iterable[tuple[str, str]] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)
        self.root = root  # the project folder the problems' paths are relative to
        # Problems said where the person typed them: (an option such as --sector, or FILE:ROW:COLUMN; message).
        self.located = list(located)


class UsageError(ScaleplusError):
    """The command was called wrongly: a bad option value, a missing argument, no project found."""

    exit_code = 2


class ProjectHasErrors(ScaleplusError):
    """The project has errors, so a command that needs a sound project refuses to run."""

    def __init__(self, problems: Iterable[Problem], doing: str, root: Any = None) -> None:
        problems = sorted(problems)
        n = len(errors_in(problems))
        super().__init__(
            f"the project has {n} error{'s' if n != 1 else ''}; fix {'them' if n != 1 else 'it'} before {doing}"
            f" (scaleplus check lists {'them' if n != 1 else 'it'})",
            problems=problems,
            root=root,
        )
