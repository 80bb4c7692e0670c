"""Shell completion of the project's ids where a command expects one: Tab after `--stakeholder`
offers the stakeholders of the project the shell is in (or the one -p names), with their names."""

from __future__ import annotations

from typing import Any, Callable


def ids_of(*kinds: str) -> Callable[..., list[tuple[str, str]]]:
    """A Typer autocompletion callback offering the ids (with names) of entities of these kinds."""

    def complete(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
        try:
            from scaleplus_cli.refs import candidates
            from scaleplus_cli.store import find_root, load_project

            project = load_project(find_root((ctx.params or {}).get("project")))
            found = [c for kind in kinds for c in candidates(project, kind)]
        except Exception:  # completion never fails loudly: no project here, a broken file, ...
            return []
        typed = incomplete.casefold()
        return [(c.id, c.name) for c in found if c.id.startswith(typed) or c.name.casefold().startswith(typed)]

    return complete
