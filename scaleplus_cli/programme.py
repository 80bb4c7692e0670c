"""A programme: a project and every site below it (its `sites`, their `sites`, ...), each read as a
project of its own and kept as its settings and its summary (site_summary.py), from the parse cache
when the site's files have not changed. What cannot be read is a located problem in the parent's
scaleplus.yaml and the rest is still read; every problem's path is relative to the programme's root."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scaleplus_cli.documents.formatting import N_
from scaleplus_cli.errors import Problem
from scaleplus_cli.models import SITE_LEVELS, Project, Settings, SharedIndicator
from scaleplus_cli.schema import Source
from scaleplus_cli.site_summary import summarise

PROJECT_FILE = "scaleplus.yaml"


@dataclass
class Site:
    """One project of the programme, where it sits: `path` from the programme's root ("." for the
    root itself); `settings` and `summary` are None when the folder could not be read as a project
    (`unread` says why)."""

    path: str
    parent: str | None
    settings: Settings | None
    summary: dict[str, Any] | None = None
    unread: str = ""
    children: list[str] = field(default_factory=list)
    why: tuple[str, dict] = ("", {})  # unread as a message to translate, and its values

    @property
    def is_read(self) -> bool:
        return self.summary is not None

    @property
    def level(self) -> str | None:
        return self.settings.level if self.settings else None

    @property
    def name(self) -> str:
        return (self.settings.name if self.settings else None) or self.path


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
        return [s for s in self.sites.values() if s.is_read]

    @property
    def file_count(self) -> int:
        return sum(s.summary["file_count"] for s in self.read)

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


def load_programme(
    root: Path, top: Project | None = None, today: dt.date | None = None, *, cache: bool = True, problems: bool = False
) -> Programme:
    """The project at root (`top`, when already loaded) and every site below it, each summarised as of
    today, with every site's problems when asked for (`check`); a site's summary comes from the parse
    cache when its files are the same (cache=False: read every file). Never raises for bad content."""
    import gc

    # As in store.load_project: what is read stays alive as long as the programme, and the cyclic
    # collector walking it again after every site made reading 1,000 sites quadratic.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_programme(Path(root), top, today or _today(), cache, problems)
    finally:
        if collecting:
            gc.enable()


def _today() -> dt.date:
    from scaleplus_cli.dates import today

    return today()


def _load_programme(root: Path, top: Project | None, today: dt.date, cache: bool, problems: bool) -> Programme:
    from scaleplus_cli.cache import SiteCache
    from scaleplus_cli.store import load_project

    store = SiteCache(root) if cache else None

    def read(folder: Path, key: str) -> tuple[Settings, dict[str, Any]]:
        """The site's settings and summary: from the cache when its files are the same."""
        if store is None:
            project = load_project(folder)
            return kept(project.settings), summarise(project, today, problems)
        stamps = store.stamps(folder)  # before reading: a file changed meanwhile misses next time
        found = store.get(key, today, stamps)
        if found is None or (problems and found[1]["problems"] is None):
            project = load_project(folder)
            found = kept(project.settings), summarise(project, today, problems)
            store.put(key, today, stamps, *found)
        return found

    # The root is read by the command already (and was read before any stamp could be taken): its
    # summary is made afresh, never cached.
    top = top or load_project(root)
    programme = Programme(root=root, sites={".": Site(".", None, top.settings, summarise(top, today, problems))})
    real = {os.path.realpath(root): "."}  # folder -> site path: a folder is one site, once
    stack = ["."]
    while stack:
        path = stack.pop()
        site = programme.sites[path]
        settings = site.settings
        source = settings.source
        added = []
        for n, entry in enumerate(settings.sites):
            where = source.locate("sites", n)
            folder = (root / path / entry) if path != "." else root / entry
            child_path = _site_path(root, folder)
            rel_file = settings_file(path)

            def bad(message: str, reason: str, **values: str) -> None:
                programme.problems.append(Problem(rel_file, *where, "error", f"sites: {message}"))
                if child_path not in programme.sites:
                    programme.sites[child_path] = Site(child_path, path, None, unread=reason % values, why=(reason, values))
                    added.append(child_path)

            if Path(entry).is_absolute():
                bad(f"{entry!r} is an absolute path; give the site's folder relative to this file", N_("an absolute path"))
                continue
            if not folder.is_dir():
                if folder.exists():
                    bad(f"the site folder {entry} is a file, not a folder (relative to this file's folder)",
                        N_("a file, not a folder"))
                else:
                    bad(f"the site folder {entry} does not exist (relative to this file's folder)", N_("the folder does not exist"))
                continue
            if not (folder / PROJECT_FILE).is_file():
                bad(f"{entry} is not a scaleplus project (it has no {PROJECT_FILE})", N_("not a project (no scaleplus.yaml)"))
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
            child_settings, child_summary = read(folder, key)
            parent_level, child_level = settings.level, child_settings.level
            if parent_level and child_level and SITE_LEVELS.index(child_level) > SITE_LEVELS.index(parent_level):
                bad(f"{entry} is a {child_level} site, higher than this {parent_level} one; list it the other way round",
                    N_("a %(level)s site under a %(parent)s one"), level=child_level, parent=parent_level)
                continue
            programme.sites[child_path] = Site(child_path, path, child_settings, child_summary)
            added.append(child_path)
        site.children = added
        stack.extend(c for c in reversed(added) if programme.sites[c].is_read)
    if store is not None:
        store.save()
    _declare(programme)
    # Depth-first order, as the files list the sites.
    programme.sites = {s.path: s for s in programme.below(".")}
    return programme


def kept(settings: Settings) -> Settings:
    """A site's settings as the programme keeps them: the YAML of its scaleplus.yaml only when the
    programme will point into it (at its `sites` or its `indicators`), not for a thousand communities."""
    if settings.sites or settings.indicators:
        return settings
    return dataclasses.replace(settings, source=Source(settings.source.path))


def _declare(programme: Programme) -> None:
    """Collect the shared indicators; a code given twice (in one file, or by a site and an ancestor with
    another unit) is an error where it is given again."""
    for site in programme.below("."):
        if not site.is_read:
            continue
        source = site.settings.source
        seen: dict[str, int] = {}
        for n, shared in enumerate(site.settings.indicators):
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


def indicator_codes(programme: Programme, today: dt.date) -> list[Problem]:
    """A site's indicator with a code no ancestor (nor the site) declares, or in another unit, is an error."""
    from scaleplus_cli.schema import did_you_mean

    problems = []
    for site in programme.read:
        scope = programme.in_scope(site.path)
        for indicator in site.summary["indicators"]:
            code = indicator["code"]
            shared = scope.get(code)
            if shared is None:
                message = (f"code: {code!r} is not a shared indicator of the programme"
                           f"{did_you_mean(code, scope)}; the programme's scaleplus.yaml declares its codes under indicators")
                problems.append(located(Problem(indicator["file"], *indicator["at_code"], "error", message), site.path))
                continue
            unit = shared.indicator.unit
            if indicator["unit"] and unit and indicator["unit"] != unit:
                message = f"unit: {code!r} is counted in {unit} ({settings_file(shared.declared_in)}), not in {indicator['unit']}"
                problems.append(located(Problem(indicator["file"], *indicator["at_unit"], "error", message), site.path))
    return problems


def check_programme(programme: Programme, today: dt.date) -> list[Problem]:
    """Everything wrong in every site, located from the programme's root, and in the programme itself
    (the programme loaded with problems=True)."""
    problems = list(programme.problems)
    for site in programme.read:
        problems.extend(located(p, site.path) for p in site.summary["problems"])
    problems.extend(indicator_codes(programme, today))
    return sorted(set(problems))
