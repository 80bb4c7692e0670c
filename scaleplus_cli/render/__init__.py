"""Writers that turn a document's context (see documents/) into files: Markdown, Word and Excel,
behind one interface: write(document, context, path, root). Each writer imports its heavy library
only when called."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

FORMATS = ("docx", "xlsx", "md", "html", "pdf")
# Formats written only when asked for by name (report --format pdf), made from these others.
PRINTED_FROM = {"pdf": ("docx", "xlsx")}


@dataclass(frozen=True)
class DocumentKind:
    """A document `report` can render, and the formats it has."""

    name: str
    formats: tuple[str, ...]
    title: str
    in_all: bool = True  # rendered by `report all` (the bulletin is asked for by name)


DOCUMENTS: dict[str, DocumentKind] = {
    d.name: d
    for d in (
        DocumentKind("agenda", ("docx", "md"), "agenda"),
        DocumentKind("runsheet", ("docx", "md"), "run sheet"),
        DocumentKind("commitments", ("docx", "md"), "commitment sheets"),
        DocumentKind("workplan", ("docx", "xlsx", "md"), "work plan"),
        DocumentKind("bulletin", ("docx", "md"), "progress bulletin", in_all=False),
        DocumentKind("dashboard", ("html",), "dashboard", in_all=False),
        DocumentKind("theory", ("docx", "md", "html"), "theory of change"),
        DocumentKind("assess", ("docx", "md", "html"), "health check", in_all=False),
    )
}

# format -> module in this package with write(document, context, path, root)
WRITERS = {"md": "markdown", "docx": "word", "xlsx": "excel", "html": "html"}


def write(fmt: str, document: str, context: dict[str, Any], path: Path, root: Path) -> None:
    """Render one document in one format to path (written whole or not at all)."""
    writer = importlib.import_module(f"scaleplus_cli.render.{WRITERS[fmt]}")
    writer.write(document, context, path, root)


def content(fmt: str, document: str, context: dict[str, Any], root: Path) -> str | bytes:
    """One document in one format, rendered in memory (text for Markdown, bytes for Word and Excel)."""
    writer = importlib.import_module(f"scaleplus_cli.render.{WRITERS[fmt]}")
    return writer.content(document, context, root)


@dataclass
class OutputFile:
    """One file `report` will write: where, and how to render it (contexts are built once per
    document and shared)."""

    path: Path
    render: Callable[[], str | bytes]
    waits: bool = False  # for pictures drawn in the drawing process: rendered after the others


def pathway_picture(context: dict[str, Any], fmt: str = "png") -> bytes:
    """The outcomes pathway of a theory-of-change context, drawn once per format."""
    from scaleplus_cli.render.pathway import draw

    cache = context.setdefault("_pictures", {})
    if fmt not in cache:
        cache[fmt] = draw(context["pathway"], fmt)
    return cache[fmt]


def conditions_picture(context: dict[str, Any], fmt: str = "png") -> bytes:
    """The five conditions of a health-check context, drawn once per format."""
    from scaleplus_cli.render.conditions import draw

    cache = context.setdefault("_pictures", {})
    if fmt not in cache:
        cache[fmt] = draw(context["conditions_chart"], fmt)
    return cache[fmt]


def selection(document: str, fmt: str | None, split: bool) -> list[tuple[str, str]]:
    """The (document, format) pairs asked for; a usage error for a format or option that does not apply."""
    from scaleplus_cli.errors import UsageError

    kinds = [k for k in DOCUMENTS.values() if k.in_all] if document == "all" else [DOCUMENTS[document]]
    if fmt is not None and not any(has_format(k, fmt) for k in kinds):
        has = ", ".join(kinds[0].formats + tuple(f for f in PRINTED_FROM if has_format(kinds[0], f)))
        raise UsageError(f"--format {fmt}: the {kinds[0].title} has no {fmt} form (it has {has})")
    if split and not any(k.name == "commitments" for k in kinds):
        raise UsageError("--split applies to the commitment sheets only (report commitments --split)")
    if fmt in PRINTED_FROM:
        return [(k.name, f"{fmt}:{f}") for k in kinds for f in k.formats if f in PRINTED_FROM[fmt]]
    return [(k.name, f) for k in kinds for f in k.formats if fmt in (None, f)]


def has_format(kind: DocumentKind, fmt: str) -> bool:
    return fmt in kind.formats or any(f in kind.formats for f in PRINTED_FROM.get(fmt, ()))


def output_files(
    project, today, folder: Path, pairs: list[tuple[str, str]], split: bool,
    options: dict[str, dict[str, Any]] | None = None,
) -> tuple[list[OutputFile], list[str]]:
    """The files to write for the pairs, and notes on documents left out (no agenda.yaml).
    options: keyword arguments for a document's context builder (the bulletin's since)."""
    from scaleplus_cli.documents import build
    from scaleplus_cli.errors import ScaleplusError, UsageError

    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--out: {folder} is a file, not a folder")
    contexts: dict[str, dict[str, Any]] = {}

    def context(document: str) -> dict[str, Any]:
        if document not in contexts:
            contexts[document] = build(document, project, today, **(options or {}).get(document, {}))
        return contexts[document]

    def job(fmt: str, document: str, path: Path, get: Callable[[], dict[str, Any]]) -> OutputFile:
        return OutputFile(path, lambda: content(fmt, document, get(), project.root))

    batch = None
    if any(":" in fmt for _, fmt in pairs):  # a printed form: LibreOffice first, before any file is written
        from scaleplus_cli.render import pdf

        batch = pdf.Batch(pdf.soffice())

    def printed(fmt: str, document: str, path: Path, get: Callable[[], dict[str, Any]]) -> OutputFile:
        """A PDF of the document as fmt ("pdf:docx"): rendered and converted in the batch, written as the others are."""
        from scaleplus_cli.render import pdf

        source_format = fmt.split(":")[1]
        converted = batch.add(
            path.with_suffix(f".{source_format}").name,
            lambda source: source.write_bytes(content(source_format, document, get(), project.root)),
        )
        target = path.with_name(pdf.pdf_name(path.stem, source_format))
        return OutputFile(target, lambda: batch.pdf(converted))

    drawn = [d for d, f in pairs if d in ("workplan", "bulletin") and f.split(":")[-1] == "docx"]
    if drawn:
        from scaleplus_cli.render import figures

        figures.warm_up()  # the drawing process imports matplotlib while the first documents render
        for document in drawn:  # ... and draws their pictures meanwhile
            figures.drawings(document, context(document))
    files: list[OutputFile] = []
    notes: list[str] = []
    documents = {d for d, _ in pairs}
    for document, fmt in pairs:
        if document in ("agenda", "runsheet") and project.agenda is None:
            if documents <= {"agenda", "runsheet"}:
                raise ScaleplusError(f"the project has no agenda.yaml, so there is no {DOCUMENTS[document].title} to render")
            if document == "agenda" and (fmt.split(":")[-1] == DOCUMENTS["agenda"].formats[0] or len(pairs) == 1):
                notes.append("no agenda.yaml: the agenda and the run sheet were left out")
            continue
        if document == "theory" and project.theory is None:
            if documents == {"theory"}:
                raise ScaleplusError("the project has no theory.yaml, so there is no theory of change to render"
                                     " (scaleplus add outcome starts one)")
            continue  # `all` renders it only when the project has one
        if document == "theory" and fmt == "md":  # the Markdown shows the picture from a file beside it
            files.append(OutputFile(folder / "theory-pathway.png", lambda: pathway_picture(context("theory"))))
        if document == "assess" and fmt == "md":
            files.append(OutputFile(folder / "assess-conditions.png", lambda: conditions_picture(context("assess"))))
        make = printed if ":" in fmt else job
        extension = fmt.split(":")[0]
        if document == "commitments" and split:
            for sheet in context("commitments")["sheets"]:
                files.append(
                    make(fmt, document, folder / "commitments" / f"{sheet['id']}.{extension}",
                         lambda sheet=sheet: dict(context("commitments"), sheets=[sheet], language=sheet["language"], project=sheet["project"]))
                )
            continue
        made = make(fmt, document, folder / f"{document}.{extension}", lambda document=document: context(document))
        made.waits = document in drawn and fmt.split(":")[-1] == "docx"
        files.append(made)
    return files, notes
