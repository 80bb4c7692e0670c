"""Carrying work between laptops on a USB stick: git bundles, merged with the project's merge driver.

Each laptop has a name of its own (`scaleplus.laptop` in the repository's config) and remembers,
under refs/scaleplus/, where each laptop's copy began (the commit it was cloned at) and the last
commit it knows each laptop had. A bundle holds every commit since the point all those laptops
share (everything, while no clone has been heard of), the sender's HEAD and what it knows
of the others: a laptop never heard of yet may receive it, so work passed A -> B -> C, in any
order, arrives whole. Nothing is ever reset: an import only fetches and merges, so no commit of
either side is lost.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from scaleplus_cli.errors import Problem, ScaleplusError, UsageError
from scaleplus_cli.merge_setup import configure_merge_driver
from scaleplus_cli.repository import Commit, GitError, Repository

LAPTOPS = "refs/scaleplus/laptops/"  # the last commit known of each laptop
STARTS = "refs/scaleplus/start/"  # where each laptop's copy began
INCOMING = "refs/scaleplus/incoming/"
KIND_OF_FOLDER = {"stakeholders": "stakeholder", "barriers": "barrier", "commitments": "commitment",
                  "plans": "plan", "circles": "circle"}


@dataclass
class Exported:
    path: Path
    commits: int
    since: Commit | None  # the commit every laptop is taken to have; None: everything
    uncommitted: list[str] = field(default_factory=list)  # changed files left out (not committed)


@dataclass
class Change:
    how: str  # added, changed, removed
    what: str  # "stakeholder coast-fm", "the project settings"


@dataclass
class Imported:
    new: bool = False  # the bundle held commits this laptop did not have
    commits: list[Commit] = field(default_factory=list)  # the work among them (merges aside)
    changes: list[Change] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)  # paths relative to the project
    problems: list[Problem] = field(default_factory=list)
    fast_forward: bool = False

    @property
    def authors(self) -> list[str]:
        return sorted({c.author for c in self.commits})


def laptop_name(repo: Repository) -> str:
    """This laptop's name in the exchange, made once from the git user name and kept in the config."""
    name = repo.run("config", "--get", "scaleplus.laptop", check=False).stdout.strip()
    if name:
        return name
    from scaleplus_cli.ids import slugify

    user = repo.run("config", "--get", "user.name", check=False).stdout.strip()
    name = f"{slugify(user, 40) or 'laptop'}-{secrets.token_hex(2)}"
    repo.run("config", "scaleplus.laptop", name)
    return name


def _refs(repo: Repository, prefix: str) -> dict[str, str]:
    lines = repo.out("for-each-ref", "--format=%(refname) %(objectname)", prefix).splitlines()
    return {ref[len(prefix):]: sha for ref, sha in (line.split() for line in lines)}


def _needs_commits(repo: Repository) -> None:
    if not repo.has_commits():
        raise GitError("the repository has no commits yet; commit the project first ('git add -A && git commit')")


def _start(repo: Repository, me: str) -> str | None:
    """Where this laptop's copy began: the commit it was cloned at (every clone of the same source
    has it); None for the laptop that started the project. Fixed the first time it is asked."""
    ref = f"{STARTS}{me}"
    known = repo.sha(ref)
    if known:
        return known
    remotes = repo.out("for-each-ref", "--format=%(objectname)", "refs/remotes/").split()
    if not remotes:
        return None
    start = repo.run("merge-base", "--octopus", "HEAD", *remotes, check=False).stdout.strip()
    if start:
        repo.run("update-ref", ref, start)
    return start or None


def export_bundle(root: Path, target: Path, everything: bool = False) -> Exported:
    """Write a bundle of the work another laptop may not have: everything since the point every
    laptop heard of shares (where the copies began), so that bundles passed on in any order apply."""
    repo = Repository(root)
    _needs_commits(repo)
    if target.suffix != ".bundle":
        raise UsageError(f"{target}: name the file .bundle (e.g. {target.stem}.bundle)")
    if not target.parent.is_dir():
        raise UsageError(f"{target.parent}: no such folder (is the USB stick plugged in?)")
    if target.is_dir():
        raise UsageError(f"{target}: a folder of that name is in the way")
    me = laptop_name(repo)
    _start(repo, me)
    repo.run("update-ref", f"{LAPTOPS}{me}", "HEAD")
    heads = _refs(repo, LAPTOPS)
    starts = _refs(repo, STARTS)
    basis = None
    if starts and not everything:
        basis = repo.run("merge-base", "--octopus", "HEAD", *starts.values(), *heads.values(), check=False).stdout.strip() or None
        if basis == repo.sha("HEAD"):
            basis = None  # nothing new since then: send everything rather than an empty bundle
    branch = repo.run("symbolic-ref", "-q", "HEAD", check=False).stdout.strip()  # so that a clone of the bundle has it
    refs = ["HEAD", *([branch] if branch else []), *(f"{LAPTOPS}{name}" for name in sorted(heads)),
            *(f"{STARTS}{name}" for name in sorted(starts))]
    count = int(repo.out("rev-list", "--count", "HEAD" if basis is None else f"{basis}..HEAD"))
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        repo.run("bundle", "create", "-q", str(tmp.resolve()), *refs, *([f"^{basis}"] if basis else []))
        tmp.replace(target)
    finally:
        if tmp.exists():
            tmp.unlink()
    since = repo.commit(basis) if basis else None
    return Exported(target, count, since, repo.uncommitted())


def import_bundle(root: Path, bundle: Path) -> Imported:
    """Fetch a bundle, merge its work with the merge driver, and say what came in; under the
    project's lock, so that no other scaleplus command writes while git merges."""
    from scaleplus_cli.transaction import project_lock

    with project_lock(root, "importing the bundle"):
        return _import(root, bundle)


def _import(root: Path, bundle: Path) -> Imported:
    repo = Repository(root)
    _needs_commits(repo)
    if not bundle.is_file():
        raise UsageError(f"{bundle}: no such file")
    if repo.sha("MERGE_HEAD"):
        raise ScaleplusError(
            "a merge is still under way: resolve the conflicts 'scaleplus check' names, then"
            " 'git add -A && git commit', before importing more"
        )
    waiting = repo.uncommitted()
    if waiting:
        listed = ", ".join(waiting[:5]) + (f" and {len(waiting) - 5} more" if len(waiting) > 5 else "")
        raise ScaleplusError(
            f"commit your own work first, so that nothing is lost in the merge: {listed}"
            " ('git add -A && git commit -m \"what I did\"')"
        )
    if repo.run("symbolic-ref", "-q", "HEAD", check=False).returncode != 0:
        raise ScaleplusError("HEAD is not on a branch; 'git switch' to your branch first")
    _verify(repo, bundle)
    configure_merge_driver(repo.root)
    me = laptop_name(repo)
    _start(repo, me)
    source = str(bundle.resolve())
    repo.run("fetch", "-q", "--no-tags", source, f"+HEAD:{INCOMING}head", f"+{LAPTOPS}*:{INCOMING}laptops/*",
             f"+{STARTS}*:{INCOMING}start/*")
    theirs = repo.sha(f"{INCOMING}head")
    base = repo.run("merge-base", "HEAD", theirs, check=False).stdout.strip()
    if not base:
        raise ScaleplusError(
            f"{bundle} holds the history of another project (nothing in common with this one); nothing was merged"
        )
    _learn_laptops(repo, me)

    result = Imported()
    result.new = repo.out("rev-list", "--count", f"HEAD..{theirs}") != "0"
    if not result.new:
        return result
    result.commits = repo.commits(f"HEAD..{theirs}", merges=False)  # the work; merges made by imports aside
    result.changes = _changes(repo, base, theirs)
    result.fast_forward = base == repo.sha("HEAD")
    authors = ", ".join(result.authors) or "another laptop"
    merge = repo.run("merge", "--no-edit", "-m", f"Work from {authors} (scaleplus sync import)", theirs, check=False)
    if merge.returncode != 0:
        unmerged = repo.out("diff", "--name-only", "--diff-filter=U", "--relative").splitlines()
        if not unmerged:
            raise GitError(f"git merge failed: {(merge.stderr or merge.stdout).strip().splitlines()[-1]}")
        result.conflicts = unmerged
    from scaleplus_cli.dates import today
    from scaleplus_cli.store import load_project
    from scaleplus_cli.validation import check

    result.problems = check(load_project(root), today())
    return result


def _verify(repo: Repository, bundle: Path) -> None:
    done = repo.run("bundle", "verify", str(bundle.resolve()), check=False)
    if done.returncode == 0:
        return
    message = done.stderr or ""
    if "prerequisite" in message:
        missing = len(re.findall(r"^(?:error: )?[0-9a-f]{40}\b", message, flags=re.M))
        raise ScaleplusError(
            f"{bundle} continues work this laptop has not received yet ({missing} earlier"
            f" commit{'s' if missing != 1 else ''}): import the earlier bundles first, or ask for a full one"
            " ('scaleplus sync export --all FILE.bundle')"
        )
    raise ScaleplusError(f"{bundle} is not a bundle made by 'scaleplus sync export' (git cannot read it)")


def _learn_laptops(repo: Repository, me: str) -> None:
    """What the bundle knows of the laptops, kept where it is newer than what we knew."""
    _start(repo, me)
    for prefix, incoming in ((LAPTOPS, f"{INCOMING}laptops/"), (STARTS, f"{INCOMING}start/")):
        known = _refs(repo, prefix)
        for name, sha in _refs(repo, incoming).items():
            current = known.get(name)
            if name != me and (
                current is None or repo.run("merge-base", "--is-ancestor", current, sha, check=False).returncode == 0
            ):
                repo.run("update-ref", f"{prefix}{name}", sha)
            repo.run("update-ref", "-d", f"{incoming}{name}")


def _changes(repo: Repository, base: str, theirs: str) -> list[Change]:
    lines = repo.out("diff", "--name-status", "--no-renames", "--relative", base, theirs).splitlines()
    changes = []
    for line in lines:
        status, path = line.split("\t", 1)
        what = entity_name(path)
        if what is None:
            continue
        how = {"A": "added", "D": "removed"}.get(status[0], "changed")
        changes.append(Change(how, what))
    return sorted(changes, key=lambda c: (c.what.startswith("the "), c.what))


def entity_name(path: str) -> str | None:
    """What a project file holds, in words: 'stakeholder coast-fm', 'the agenda'; None for other files."""
    named = {"scaleplus.yaml": "the project settings", "agenda.yaml": "the agenda",
             "theory.yaml": "the theory of change", "assessment.yaml": "the assessment"}
    if path in named:
        return named[path]
    folder, _, name = path.partition("/")
    if folder in KIND_OF_FOLDER and name.endswith(".yaml") and "/" not in name:
        return f"{KIND_OF_FOLDER[folder]} {name[:-5]}"
    return None
