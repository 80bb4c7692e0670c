"""The project folder on disk: finding its root, reading its YAML safely with line marks, writing
files atomically. Reading never stops at the first bad file: every problem becomes a Problem."""

from __future__ import annotations

import gc
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scaleplus_cli.errors import Problem, UsageError
from scaleplus_cli.models import (
    AGENDA,
    ASSESSMENT,
    KINDS,
    SETTINGS,
    THEORY,
    Agenda,
    Assessment,
    Kind,
    Project,
    Settings,
    Theory,
)
from scaleplus_cli.schema import Invalid, Schema, Source, TooLarge, Walk, is_valid_id

PROJECT_FILE = "scaleplus.yaml"
AGENDA_FILE = "agenda.yaml"
THEORY_FILE = "theory.yaml"
ASSESSMENT_FILE = "assessment.yaml"
# The optional single files: file name -> (the Project attribute that holds it, its schema, its record).
OPTIONAL_FILES: dict[str, tuple[str, Schema, Any]] = {
    AGENDA_FILE: ("agenda", AGENDA, Agenda),
    THEORY_FILE: ("theory", THEORY, Theory),
    ASSESSMENT_FILE: ("assessment", ASSESSMENT, Assessment),
}
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# A plain scalar starting with none of these characters is text: no implicit resolver can match it.
_RESOLVABLE_START = frozenset(k for k in _BaseLoader.yaml_implicit_resolvers if k)
_WILDCARD = None in _BaseLoader.yaml_implicit_resolvers
_STR_TAG = "tag:yaml.org,2002:str"
_DEFAULT_TAGS = {
    ScalarNode: _BaseLoader.DEFAULT_SCALAR_TAG,
    SequenceNode: _BaseLoader.DEFAULT_SEQUENCE_TAG,
    MappingNode: _BaseLoader.DEFAULT_MAPPING_TAG,
}
_SHORT_MAX = 50_000


class Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The safe loader, with scalar tag resolution short-cut for the text that makes up most files.

    Resolution gives the same tags as PyYAML's; it only skips the regular expressions for scalars
    that no implicit resolver could match, and remembers the answer for short repeated scalars.
    """

    _short: dict[str, str] = {}  # short plain scalars seen (keys, enum values, ids), at most _SHORT_MAX

    def resolve(self, kind, value, implicit):  # noqa: ANN001, ANN201
        if kind is not ScalarNode or not implicit[0]:
            # a mapping, a list, a quoted scalar: the kind's own tag (what PyYAML's gives, quicker)
            return _DEFAULT_TAGS[kind] if not self.yaml_path_resolvers else super().resolve(kind, value, implicit)
        if value and value[0] not in _RESOLVABLE_START and not _WILDCARD:
            return _STR_TAG
        if len(value) <= 24:
            tag = self._short.get(value)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(self._short) < _SHORT_MAX:
                    self._short[value] = tag
            return tag
        return super().resolve(kind, value, implicit)

    def descend_resolver(self, current_node, current_index):  # noqa: ANN001, ANN201
        pass  # no path resolvers are registered: skip the per-node bookkeeping

    def ascend_resolver(self):  # noqa: ANN201
        pass


def find_root(project: str | os.PathLike | None = None, cwd: Path | None = None) -> Path:
    """The project folder: the one given, or the nearest one upward from cwd holding scaleplus.yaml."""
    if project is not None:
        root = Path(project)
        if root.name == PROJECT_FILE and root.is_file():  # -p path/to/scaleplus.yaml: its folder is meant
            return root.parent
        if not root.exists():
            raise UsageError(f"{root} does not exist")
        if not root.is_dir():
            raise UsageError(f"{root} is a file, not a project folder")
        if not (root / PROJECT_FILE).is_file():
            raise UsageError(f"{root} is not a scaleplus project (it has no {PROJECT_FILE})")
        return root
    here = (cwd or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / PROJECT_FILE).is_file():
            return folder
    raise UsageError(
        f"no {PROJECT_FILE} in this folder or any folder above it; "
        "run 'scaleplus init DIR' to start a project, or pass --project DIR"
    )


def _line_col(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_yaml(path: str | Path, rel: str) -> tuple[Node | None, list[Problem]]:
    """Compose one file into a YAML node tree (no Python objects built, aliases not expanded)."""

    def problem(line: int, column: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(rel, line, column, "error", message)]

    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        return problem(1, 1, f"cannot read the file: {e.strerror}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        return problem(line, column, f"the file is not valid UTF-8 text (byte 0x{data[e.start]:02x}); save it as UTF-8")
    if "<<<<<<<" in text:  # a merge left its conflict markers: name each conflict, not the syntax
        from scaleplus_cli.conflicts import conflict_problems

        conflicts = conflict_problems(text, rel)
        if conflicts:
            return None, conflicts
    return parse_yaml(text, rel)


def parse_yaml(text: str, rel: str) -> tuple[Node | None, list[Problem]]:
    """Compose YAML text (a file's, or one a command is about to write) into a node tree."""

    def problem(line: int, column: int, message: str) -> tuple[None, list[Problem]]:
        return None, [Problem(rel, line, column, "error", message)]

    if text.startswith("\ufeff"):
        text = text[1:]
    conflict = _conflict_marker(text)
    if conflict:
        return problem(conflict, 1, "a merge-conflict marker: git left two versions of a part of this file here;"
                       " keep the right one and delete the <<<<<<<, ======= and >>>>>>> lines")
    deep = _too_deep(text)
    if deep:
        return problem(*deep, f"the file nests more than {MAX_DEPTH} levels deep; refusing to read it")
    try:
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        message = e.problem or e.context or "invalid YAML"
        if e.context and e.problem:
            message = f"{e.problem} ({e.context})"
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if mark and text[mark.index : mark.index + 1] == "\t":
            message += " (a tab: indent with spaces)"
        elif e.problem and e.problem.startswith("mapping values are not allowed"):
            message += _colon_hint(text, line)
        return problem(line, column, f"YAML syntax: {message}")
    except yaml.reader.ReaderError as e:
        line, column = _line_col(text, min(e.position, len(text)))
        return problem(line, column, f"YAML syntax: character {e.character!r} is not allowed in a YAML file")
    except yaml.YAMLError as e:  # pragma: no cover - every PyYAML error above carries a mark
        return problem(1, 1, f"YAML syntax: {e}")
    except RecursionError:
        return problem(1, 1, "the file nests too deeply to read")
    if node is None:
        return problem(1, 1, "the file is empty; it needs at least the required keys")
    if "\t" in text:
        tab = _tab_as_space(text)
        if tab:
            return problem(*tab)
    return node, []


_KEY_AND_TEXT = re.compile(r"(?P<key>\s*(?:- )?[\w-]+:\s+)(?P<text>[^\"'|>].*?)\s*$")


def _colon_hint(text: str, line: int) -> str:
    """The usual cause, said with its fix: a colon and a space inside a text (French puts a space
    before its colons: 'Revenus : les familles'), which YAML reads as a key of its own."""
    lines = text.splitlines()
    found = _KEY_AND_TEXT.match(lines[line - 1]) if 0 < line <= len(lines) else None
    if found is None:
        return "; a ': ' inside a text needs the whole text in quotes"
    quoted = found["text"].replace("\\", "\\\\").replace('"', '\\"')
    fixed = f'{found["key"].strip()} "{quoted if len(quoted) <= 40 else quoted[:39] + "…"}"'
    return f"; a ': ' inside a text needs the whole text in quotes: {fixed}"


def _tab_as_space(text: str) -> tuple[int, int, str] | None:
    """Where a tab stands in for a space, if one does. The C parser accepts `status:<TAB>done`; the
    pure-Python one, which our editors use to keep a file's layout, does not: every reader of ours
    must read a file the same way, so such a file is refused with its location."""
    try:
        for _ in yaml.scan(text, Loader=yaml.SafeLoader):
            pass
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        if mark is None:
            return 1, 1, f"YAML syntax: {e.problem or e}"
        if "\t" in (e.problem or "") or text[mark.index : mark.index + 1] == "\t":
            return mark.line + 1, mark.column + 1, "YAML syntax: a tab where YAML needs a space (after a colon, or as indentation); use spaces"
        return mark.line + 1, mark.column + 1, f"YAML syntax: {e.problem or e.context}"
    return None


_CONFLICT = re.compile(r"^(<{7}|>{7})(?: |$)", re.M)


def _conflict_marker(text: str) -> int | None:
    """The line of the first merge-conflict marker git left in the text, if any."""
    if "<<<<<<<" not in text and ">>>>>>>" not in text:
        return None
    m = _CONFLICT.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


MAX_DEPTH = 100
SAFE_OPENERS = 2_000  # the C composer was seen to handle 20,000 levels and to crash at 200,000
_OPENERS = ("[", "{", "- ", "-\n", "-\r", "-\t")  # what can open a nested collection


def _too_deep(text: str) -> tuple[int, int] | None:
    """Where the nesting passes MAX_DEPTH, if it does. The C composer recurses without limit and
    would crash the process on a few kilobytes of `[[[[...`; its event parser does not recurse."""
    if len(text) < SAFE_OPENERS:
        return None  # shorter than the openers it would take: most files, and nothing to count
    openers = sum(text.count(mark) for mark in _OPENERS)
    if len(text) < 1_000_000 and openers < SAFE_OPENERS:
        return None  # too few openers to nest dangerously deep: the usual case, and cheap
    depth = 0
    try:
        for event in yaml.parse(text, Loader=Loader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1, event.start_mark.column + 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.MarkedYAMLError as e:
        if "nesting depth" in str(e.problem) and e.problem_mark:  # PyYAML >= 6.0.3 has a limit of its own
            return e.problem_mark.line + 1, e.problem_mark.column + 1
        return None  # compose reports the syntax error with its location
    except yaml.YAMLError:
        return None
    return None


def read_mapping(path: str | Path, rel: str, schema: Schema) -> tuple[dict[str, Any], Node | None, list[Problem]]:
    """Read a file that holds one mapping of `schema`: its valid values, its node, its problems."""
    return _values_of(*read_yaml(path, rel), rel, schema)


def parse_mapping(text: str, rel: str, schema: Schema) -> tuple[dict[str, Any], Node | None, list[Problem]]:
    """What `read_mapping` would make of text: every command that writes a file reads its new text
    back through this, with the same guards and the same problems, before it writes."""
    return _values_of(*parse_yaml(text, rel), rel, schema)


def _values_of(
    node: Node | None, problems: list[Problem], rel: str, schema: Schema
) -> tuple[dict[str, Any], Node | None, list[Problem]]:
    if node is None:
        return {}, None, problems
    walk = Walk()
    values: dict[str, Any] = {}
    try:
        values = schema.read(node, walk)
    except Invalid as e:
        walk.report(e.node or node, e.message.replace(f" for {schema.name}", " at the top of the file"))
    except TooLarge as e:
        walk.problems = [(e.node, e.message)]
        values = {}
    except RecursionError:
        walk.problems = [(node, "the file nests too deeply to read")]
        values = {}
    for at, message in walk.problems:
        mark = at.start_mark
        problems.append(Problem(rel, mark.line + 1, mark.column + 1, "error", message))
    return values, node, problems


def _read_settings(root: Path, problems: list[Problem]) -> Settings:
    values, node, found = read_mapping(root / PROJECT_FILE, PROJECT_FILE, SETTINGS)
    problems.extend(found)
    return Settings(**values, source=Source(PROJECT_FILE, node))


def _read_optional(root: Path, rel: str, problems: list[Problem]) -> Any:
    """An optional single file (agenda.yaml, theory.yaml, assessment.yaml) as its record; None when absent."""
    path = root / rel
    if not path.exists():
        return None
    _, schema, build = OPTIONAL_FILES[rel]
    values, node, found = read_mapping(path, rel, schema)
    problems.extend(found)
    return build(**values, source=Source(rel, node))


def _parse_optional(rel: str, text: str | None, problems: list[Problem]) -> Any:
    if text is None:
        return None
    _, schema, build = OPTIONAL_FILES[rel]
    values, node, found = parse_mapping(text, rel, schema)
    problems.extend(found)
    return build(**values, source=Source(rel, node))


def read_entity(kind: Kind, path: str | Path, entity_id: str, rel: str) -> tuple[Any, list[Problem]]:
    values, node, problems = read_mapping(path, rel, kind.schema)
    return kind.schema.build(id=entity_id, source=Source(rel, node), **values), problems


def entity_files(root: Path, kind: Kind) -> list[tuple[str, str]]:
    """(file name, path) of the files in a kind's folder, sorted by name."""
    folder = root / kind.folder
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [(e.name, e.path) for e in entries if not e.name.startswith(".")]


def load_project(root: Path) -> Project:
    """Read every file of the project. Never raises for bad content: see `project.problems`."""
    # Reading creates many small objects that all stay alive as long as the project; the cyclic
    # garbage collector would walk them again and again (it doubled the time on an 8,500-file
    # project), so it is paused while reading. (The CLI then freezes them out of its sight.)
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load(root)
    finally:
        if collecting:
            gc.enable()


def _load(root: Path) -> Project:
    from scaleplus_cli.ids import slugify

    problems: list[Problem] = []
    settings = _read_settings(root, problems)
    singles = {attr: _read_optional(root, rel, problems) for rel, (attr, _, _) in OPTIONAL_FILES.items()}
    project = Project(root=root, settings=settings, problems=problems, **singles)
    project.file_count = 1 + sum(single is not None for single in singles.values())
    for folder, kind in KINDS.items():
        entities = project.entities(folder)
        if os.path.exists(root / folder) and not os.path.isdir(root / folder):
            problems.append(Problem(
                folder, 1, 1, "error",
                f"{folder} is a file where the folder {folder}/ should be (one file per {kind.singular} goes in it),"
                f" so no {kind.singular} could be read; rename or move the file",
            ))
            continue
        for name, path in entity_files(root, kind):
            rel = f"{folder}/{name}"
            if not os.path.isfile(path):
                what = "a folder" if os.path.isdir(path) else "a link to nothing"
                problems.append(Problem(rel, 1, 1, "warning", f"ignored: {what}, not a {kind.singular} file"))
                continue
            if not name.endswith(".yaml"):
                stem, dot, suffix = name.rpartition(".")
                hint = f" (rename it to {stem}.yaml)" if dot and suffix.lower() in ("yaml", "yml") else ""
                problems.append(
                    Problem(rel, 1, 1, "warning", f"ignored: {kind.singular} files end in .yaml{hint}")
                )
                continue
            project.file_count += 1
            entity_id = name[:-5]
            if not is_valid_id(entity_id):
                hint = slugify(entity_id)
                problems.append(
                    Problem(
                        rel,
                        1,
                        1,
                        "error",
                        f"file name {entity_id!r} is not a valid id: use lower-case letters, digits and single"
                        f" hyphens, at most 64 characters" + (f" (rename it to {hint}.yaml)" if hint else ""),
                    )
                )
                problems.extend(read_entity(kind, path, entity_id, rel)[1])  # what else is wrong, said at once
                continue
            entity, found = read_entity(kind, path, entity_id, rel)
            problems.extend(found)
            entities[entity_id] = entity
    return project


def with_texts(project: Project, texts: dict[str, str | None]) -> Project:
    """The project as it would be if the files at these paths (relative to the root) held these texts
    (None: the file is gone): only those files are read anew, every other entity is the one loaded."""
    changed = set(texts)
    problems = [p for p in project.problems if p.path not in changed]
    settings = project.settings
    if PROJECT_FILE in texts:
        values, node, found = parse_mapping(texts[PROJECT_FILE] or "", PROJECT_FILE, SETTINGS)
        problems.extend(found)
        settings = Settings(**values, source=Source(PROJECT_FILE, node))
    singles = {attr: getattr(project, attr) for attr, _, _ in OPTIONAL_FILES.values()}
    file_count = project.file_count
    for rel, (attr, _, _) in OPTIONAL_FILES.items():
        if rel in texts:
            file_count += (texts[rel] is not None) - (singles[attr] is not None)
            singles[attr] = _parse_optional(rel, texts[rel], problems)
    future = Project(root=project.root, settings=settings, problems=problems, **singles)
    future.file_count = file_count
    for folder, kind in KINDS.items():
        entities = future.entities(folder)
        entities.update(project.entities(folder))
        for rel, text in texts.items():
            where, _, name = rel.partition("/")
            if where != folder or not name.endswith(".yaml"):
                continue
            entity_id = name[:-5]
            if entity_id in entities:
                del entities[entity_id]
                future.file_count -= 1
            if text is not None:
                values, node, found = parse_mapping(text, rel, kind.schema)
                problems.extend(found)
                entities[entity_id] = kind.schema.build(id=entity_id, source=Source(rel, node), **values)
                future.file_count += 1
    return future


# -- writing ------------------------------------------------------------------------------------


def _temp_beside(path: Path, content: str | bytes, sync: bool = True) -> str:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(content.encode("utf-8") if isinstance(content, str) else content)
            if sync:
                f.flush()
                os.fsync(f.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def _named(path: Path, error: OSError) -> OSError:
    """The same error, naming the file the user knows rather than our temporary one."""
    return type(error)(error.errno, error.strerror, str(path))


def stage(path: Path, content: str | bytes) -> str:
    """Write content to a temporary file beside path, not yet made durable (the caller syncs many
    at once) nor put in place (write_atomic or create_exclusive with staged= does that)."""
    try:
        return _temp_beside(path, content, sync=False)
    except OSError as e:
        raise _named(path, e) from None


def write_atomic(path: Path, content: str | bytes, staged: str | None = None) -> None:
    """Replace (or create) path with content (text is written as UTF-8) in one step: a reader sees
    the old file or the new one, never half of either."""
    if path.is_dir():
        raise IsADirectoryError(21, "a folder of that name is in the way", str(path))
    if path.exists() and not path.stat().st_mode & 0o200:
        raise PermissionError(13, "the file is read-only; make it writable to change it", str(path))
    target = Path(os.path.realpath(path)) if path.is_symlink() else path  # write through a link, keep the link
    if staged is not None and target is not path:
        os.unlink(staged)  # staged beside the link, not beside the file it points to
        staged = None
    try:
        _write_atomic(target, content, staged)
    except OSError as e:
        raise _named(path, e) from None


def _write_atomic(path: Path, content: str | bytes, staged: str | None = None) -> None:
    tmp = staged if staged is not None else _temp_beside(path, content)
    try:
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def create_exclusive(path: Path, text: str | bytes, staged: str | None = None) -> bool:
    """Create path with text, whole, only if it does not exist yet; False if it already does."""
    try:
        if staged is not None:
            return _create_exclusive(path, text, staged)
        return _create_exclusive(path, text)
    except OSError as e:
        raise _named(path, e) from None


def _create_exclusive(path: Path, text: str | bytes, staged: str | None = None) -> bool:
    tmp = staged if staged is not None else _temp_beside(path, text)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: exclusive, if not atomic
            try:
                with open(path, "xb") as f:
                    f.write(text.encode("utf-8") if isinstance(text, str) else text)
            except FileExistsError:
                return False
        return True
    finally:
        os.unlink(tmp)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
