"""A programme: a project and every site below it (its `sites`, their `sites`, ...), each read as a
project of its own. What cannot be read is a located problem in the parent's scaleplus.yaml and the
rest is still read; every problem's path is relative to the programme's root."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from scaleplus_cli.errors import Problem
from scaleplus_cli.models import LEVELS, Indicator, Project, SharedIndicator
from scaleplus_cli.schema import Source

PROJECT_FILE = "scaleplus.yaml"


@dataclass
class Site:
    """One project of the programme, where it sits: `path` from the programme's root ("." for the
    root itself); `project` is None when the folder could not be read as a project (`unread` says why)."""

    path: str
    parent: str | None
    project: Project | None
    unread: str = ""
    children: list[str] = field(default_factory=list)

    @property
    def level(self) -> str | None:
        return self.project.settings.level if self.project else None

    @property
    def name(self) -> str:
        return (self.project.settings.name if self.project else None) or self.path


@dataclass
class Shared:
    """A shared indicator as a programme declares it, and the site that declares it."""

    indicator: SharedIndicator
    declared_in: str  # a site path


@dataclass
class Programme:
    root: Path
    sites: dict[str, Site]  # by path, the root first, then depth first in the order `sites` lists them
    problems: list[Problem] = field(default_factory=list)  # the programme's own (sites listed badly, codes)
    shared: dict[str, Shared] = field(default_factory=dict)  # by code

    @property
    def read(self) -> list[Site]:
        return [s for s in self.sites.values() if s.project is not None]

    @property
    def file_count(self) -> int:
        return sum(s.project.file_count for s in self.read)

    def below(self, path: str) -> list[Site]:
        """The site and every site below it, depth first."""
        found = []
        stack = [path]
        while stack:
            site = self.sites[stack.pop()]
            found.append(site)
            stack.extend(reversed(site.children))
        return found

    def ancestors(self, path: str) -> list[str]:
        chain = []
        parent = self.sites[path].parent
        while parent is not None:
            chain.append(parent)
            parent = self.sites[parent].parent
        return chain

    def in_scope(self, path: str) -> dict[str, Shared]:
        """The shared indicators a site reports into: its own and its ancestors' (the nearest wins)."""
        paths = [path, *self.ancestors(path)]
        found: dict[str, Shared] = {}
        for code, shared in self.shared.items():
            if shared.declared_in in paths:
                found[code] = shared
        return found

    def problems_of_sites(self) -> list[Problem]:
        """What loading found in every site read, located from the programme's root."""
        return [located(p, site.path) for site in self.read for p in site.project.problems]


def located(problem: Problem, site_path: str) -> Problem:
    """The problem with its path from the programme's root."""
    if site_path == ".":
        return problem
    return Problem(f"{site_path}/{problem.path}", problem.line, problem.column, problem.severity, problem.message)


def settings_file(site_path: str) -> str:
    """A site's scaleplus.yaml, from the programme's root."""
    return PROJECT_FILE if site_path == "." else f"{site_path}/{PROJECT_FILE}"


def _site_path(root: Path, folder: Path) -> str:
    rel = os.path.relpath(folder, root)
    return Path(rel).as_posix()


def is_programme(project: Project) -> bool:
    """A project that lists sites or declares shared indicators is read and checked as a programme."""
    return bool(project.settings.sites or project.settings.indicators)


def load_programme(root: Path, top: Project | None = None) -> Programme:
    """The project at root and every site below it. Never raises for bad content."""
    from scaleplus_cli.store import load_project

    root = Path(root)
    top = top or load_project(root)
    programme = Programme(root=root, sites={".": Site(".", None, top)})
    real = {os.path.realpath(root): "."}  # folder -> site path: a folder is one site, once
    stack = ["."]
    while stack:
        path = stack.pop()
        site = programme.sites[path]
        project = site.project
        settings = project.settings
        source = settings.source
        added = []
        for n, entry in enumerate(settings.sites):
            where = source.locate("sites", n)
            folder = (root / path / entry) if path != "." else root / entry
            child_path = _site_path(root, folder)
            rel_file = settings_file(path)

            def bad(message: str, reason: str) -> None:
                programme.problems.append(Problem(rel_file, *where, "error", f"sites: {message}"))
                if child_path not in programme.sites:
                    programme.sites[child_path] = Site(child_path, path, None, reason)
                    added.append(child_path)

            if Path(entry).is_absolute():
                bad(f"{entry!r} is an absolute path; give the site's folder relative to this file", "an absolute path")
                continue
            if not folder.is_dir():
                what = "is a file, not a folder" if folder.exists() else "does not exist"
                bad(f"the site folder {entry} {what} (relative to this file's folder)", f"the folder {what}")
                continue
            if not (folder / PROJECT_FILE).is_file():
                bad(f"{entry} is not a scaleplus project (it has no {PROJECT_FILE})", f"no {PROJECT_FILE}")
                continue
            key = os.path.realpath(folder)
            if key in real:
                other = real[key]
                chain = [path, *programme.ancestors(path)]
                if other in chain:
                    loop = " -> ".join([*reversed(chain[: chain.index(other) + 1]), other])
                    programme.problems.append(Problem(rel_file, *where, "error", f"sites: {entry} makes a cycle ({loop})"))
                else:
                    parent = programme.sites[other].parent
                    programme.problems.append(Problem(
                        rel_file, *where, "error",
                        f"sites: {entry} is already a site of the programme (listed by {parent}); a site rolls up into one parent",
                    ))
                continue
            real[key] = child_path
            child = load_project(folder)
            parent_level, child_level = settings.level, child.settings.level
            if parent_level and child_level and LEVELS.index(child_level) > LEVELS.index(parent_level):
                bad(f"{entry} is a {child_level} site, higher than this {parent_level} one; list it the other way round",
                    f"a {child_level} site under a {parent_level} one")
                continue
            programme.sites[child_path] = Site(child_path, path, child)
            added.append(child_path)
        site.children = added
        stack.extend(c for c in reversed(added) if programme.sites[c].project is not None)
    _declare(programme)
    # Depth-first order, as the files list the sites.
    programme.sites = {s.path: s for s in programme.below(".")}
    return programme


def _declare(programme: Programme) -> None:
    """Collect the shared indicators; a code given twice (in one file, or by a site and an ancestor with
    another unit) is an error where it is given again."""
    for site in programme.below("."):
        if site.project is None:
            continue
        source = site.project.settings.source
        seen: dict[str, int] = {}
        for n, shared in enumerate(site.project.settings.indicators):
            if not shared.code:
                continue
            if shared.code in seen:
                problem = _at(source, site.path, f"code: {shared.code!r} is declared twice (first in indicator {seen[shared.code] + 1})",
                              "indicators", n, "code")
                programme.problems.append(problem)
                continue
            seen[shared.code] = n
            above = programme.shared.get(shared.code)
            if above is not None and above.declared_in in programme.ancestors(site.path):
                if (above.indicator.unit or None) != (shared.unit or None):
                    problem = _at(source, site.path,
                                  f"unit: {shared.code!r} is counted in {above.indicator.unit or 'no unit'} in"
                                  f" {settings_file(above.declared_in)}; a site cannot count it in {shared.unit or 'no unit'}",
                                  "indicators", n, "unit")
                    programme.problems.append(problem)
                continue  # the ancestor's declaration holds
            if above is None:
                programme.shared[shared.code] = Shared(shared, site.path)


def _at(source: Source, site_path: str, message: str, *keys: str | int) -> Problem:
    line, column = source.locate(*keys)
    return located(Problem(source.path, line, column, "error", message), site_path)


def site_indicators(project: Project) -> Iterator[tuple[Source, tuple, Indicator]]:
    """Every indicator of a project, with its file and the keys to it: actions' and commitments'."""
    for plan in project.plans.values():
        for a, action in enumerate(plan.actions):
            for n, indicator in enumerate(action.indicators):
                yield plan.source, ("actions", a, "indicators", n), indicator
    for commitment in project.commitments.values():
        for n, indicator in enumerate(commitment.indicators):
            yield commitment.source, ("indicators", n), indicator


def indicator_codes(programme: Programme, today: dt.date) -> list[Problem]:
    """A site's indicator with a code no ancestor (nor the site) declares, or in another unit, is an error."""
    from scaleplus_cli.schema import did_you_mean

    problems = []
    for site in programme.read:
        scope = programme.in_scope(site.path)
        for source, keys, indicator in site_indicators(site.project):
            if not indicator.code:
                continue
            shared = scope.get(indicator.code)
            if shared is None:
                message = (f"code: {indicator.code!r} is not a shared indicator of the programme"
                           f"{did_you_mean(indicator.code, scope)}; the programme's scaleplus.yaml declares its codes under indicators")
                problems.append(_at(source, site.path, message, *keys, "code"))
                continue
            unit = shared.indicator.unit
            if indicator.unit and unit and indicator.unit != unit:
                message = f"unit: {indicator.code!r} is counted in {unit} ({settings_file(shared.declared_in)}), not in {indicator.unit}"
                problems.append(_at(source, site.path, message, *keys, "unit"))
    return problems


def check_programme(programme: Programme, today: dt.date) -> list[Problem]:
    """Everything wrong in every site, located from the programme's root, and in the programme itself."""
    from scaleplus_cli.validation import check

    problems = list(programme.problems)
    for site in programme.read:
        problems.extend(located(p, site.path) for p in check(site.project, today))
    problems.extend(indicator_codes(programme, today))
    return sorted(set(problems))
