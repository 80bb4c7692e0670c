"""The pictures of the Word documents (pictures.py draws them) as paragraphs a `{{p ...}}` tag of a
template puts in place: drawn only when the template prints them, while docxtpl renders, since the
image must join the document being rendered. The Gantt chart of a plan gets a landscape section of
its own."""

from __future__ import annotations

import io
import struct
from copy import deepcopy
from contextlib import contextmanager
from typing import Any, Callable, Iterator

CM = 360000  # EMU per centimetre
PORTRAIT_TEXT = (17.0, 23.0)  # cm of an A4 page within 2 cm margins, less room for a heading
LANDSCAPE_TEXT = (25.7, 14.8)


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height in pixels, from the PNG header."""
    return struct.unpack(">II", png[16:24])


def fit(png: bytes, box: tuple[float, float]) -> int:
    """The width in EMU that fits the picture in a box of (width, height) cm, never enlarged past 100%."""
    from scaleplus_cli.pictures import DPI

    w, h = png_size(png)
    natural = w / DPI * 2.54
    scale = min(box[0] / natural, box[1] / (h / DPI * 2.54), 1.0)
    return int(natural * scale * CM)


class Picture:
    """A paragraph (or several) of WordprocessingML holding pictures, made when the template prints it."""

    def __init__(self, template: Callable[[], Any], make: Callable[[Any], str]) -> None:
        self.template = template
        self.make = make

    def __html__(self) -> str:
        return self.make(self.template())

    __str__ = __html__


def _image_paragraph(tpl, png: bytes, box: tuple[float, float], *, keep_next: bool = False) -> str:
    from docx.shared import Emu

    inline = tpl.current_rendering_part.new_pic_inline(io.BytesIO(png), Emu(fit(png, box)), None).xml
    keep = "<w:keepNext/>" if keep_next else ""
    return (
        f'<w:p><w:pPr>{keep}<w:spacing w:before="60" w:after="120"/><w:jc w:val="center"/></w:pPr>'
        f"<w:r><w:drawing>{inline}</w:drawing></w:r></w:p>"
    )


def _heading(text: str, style: str = "Heading3") -> str:
    from xml.sax.saxutils import escape

    return f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:keepNext/></w:pPr><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def picture(template: Callable[[], Any], drawing: "Drawing", box: tuple[float, float] = PORTRAIT_TEXT) -> Picture:
    """One picture, centred, in a paragraph of its own."""
    return Picture(template, lambda tpl: _image_paragraph(tpl, drawing.png(), box))


# -- drawing beside the rendering --------------------------------------------------------------
# Pictures are most of the time a work plan takes: they are drawn in a second process (matplotlib
# imported there once, early) while this one renders the other documents and the Word text, on
# machines with a core to spare. Where a process cannot be started, each is drawn here instead.

_POOL: Any = None


def _worker_start() -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the command; it ends this process
    from scaleplus_cli import pictures

    pictures.warm()


def drawing_pool():
    global _POOL
    if _POOL is None:
        try:
            import multiprocessing
            import os
            from concurrent.futures import ProcessPoolExecutor

            if (os.cpu_count() or 1) < 2 or os.environ.get("SCALEPLUS_DRAW_HERE"):
                raise OSError("no core to spare")
            _POOL = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_worker_start)
            import atexit

            atexit.register(_shut_down, _POOL)  # before the interpreter tears down
        except (OSError, ImportError, ValueError, NotImplementedError):
            _POOL = False
    return _POOL or None


def _shut_down(pool: Any) -> None:
    try:
        pool.shutdown(wait=True, cancel_futures=True)
    except KeyboardInterrupt:  # Ctrl-C once the command is done: nothing is left to interrupt
        pass


@contextmanager
def _started_deaf() -> Iterator[None]:
    """Ctrl-C blocked while the drawing process starts, so that it inherits the block: a Ctrl-C in a
    terminal reaches every process of the command, and one arriving while the new interpreter is still
    starting would print its traceback before `_worker_start` could ignore it. The command itself
    answers Ctrl-C and then ends the drawing process. (Where signals cannot be blocked, Windows,
    a console's Ctrl-C is the console's to deliver.)"""
    import signal

    block = getattr(signal, "pthread_sigmask", None)
    if block is None:
        yield
        return
    before = block(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        block(signal.SIG_SETMASK, before)


def _submit(pool: Any, function: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    with _started_deaf():  # the process starts with the first task
        return pool.submit(function, *args, **kwargs)


def warm_up() -> None:
    """Start the drawing process now, so that matplotlib is imported while other documents render."""
    pool = drawing_pool()
    if pool is not None:
        try:
            _submit(pool, int)
        except Exception:  # noqa: BLE001 - a pool that cannot start: pictures are drawn here
            pass


class Drawing:
    """One picture: pictures.NAME(*args, **kwargs), drawn in the drawing process when there is one."""

    def __init__(self, name: str, *args: Any, **kwargs: Any) -> None:
        self.name, self.args, self.kwargs = name, args, kwargs
        self.future = None
        pool = drawing_pool()
        if pool is not None:
            from scaleplus_cli import pictures

            try:
                self.future = _submit(pool, getattr(pictures, name), *args, **kwargs)
            except Exception:  # noqa: BLE001 - a broken pool: drawn here when needed
                self.future = None

    def png(self) -> bytes:
        if self.future is not None:
            try:
                return self.future.result()
            except Exception:  # noqa: BLE001 - the process failed (killed, no memory): draw here, where an error shows
                pass
        from scaleplus_cli import pictures

        return getattr(pictures, self.name)(*self.args, **self.kwargs)


def _section_breaks(tpl) -> tuple[str, str]:
    """Paragraphs that end a portrait section (the document's own page set-up, header and footer)
    and a landscape one."""
    from lxml import etree

    from docx.oxml.ns import qn

    body = tpl.docx.element.body.sectPr
    portrait = deepcopy(body)
    for numbering in portrait.findall(qn("w:pgNumType")):  # page numbers run on
        portrait.remove(numbering)
    landscape = deepcopy(portrait)
    size = landscape.find(qn("w:pgSz"))
    if size is not None:
        w, h = size.get(qn("w:w")), size.get(qn("w:h"))
        if w and h and int(w) < int(h):
            size.set(qn("w:w"), h)
            size.set(qn("w:h"), w)
        size.set(qn("w:orient"), "landscape")
    _landscape_headers(tpl, portrait, landscape)

    def ending(sect) -> str:
        return f"<w:p><w:pPr>{etree.tostring(sect, encoding='unicode')}</w:pPr></w:p>"

    return ending(portrait), ending(landscape)


def _text_width(sect) -> int | None:
    """The width between the margins of a section, in twentieths of a point."""
    from docx.oxml.ns import qn

    size, margins = sect.find(qn("w:pgSz")), sect.find(qn("w:pgMar"))
    try:
        return int(size.get(qn("w:w"))) - int(margins.get(qn("w:left"))) - int(margins.get(qn("w:right")))
    except (AttributeError, TypeError, ValueError):
        return None


def _landscape_headers(tpl, portrait, landscape) -> None:
    """Headers and footers of their own for the landscape section: the same as the document's, with
    their tab stops moved from the portrait margins to the landscape ones, so that the right-aligned
    part (the document's name, the page number) ends at the right margin. Made once per document;
    docxtpl fills them in with the others, as it renders headers and footers after the body."""
    from lxml import etree

    from docx.opc.packuri import PackURI
    from docx.opc.part import XmlPart
    from docx.oxml.ns import qn

    narrow, wide = _text_width(portrait), _text_width(landscape)
    if not (narrow and wide) or narrow == wide:
        return
    made = tpl.__dict__.setdefault("_landscape_parts", {})  # original rId -> its landscape twin's rId
    document = tpl.docx.part
    for reference in [*landscape.findall(qn("w:headerReference")), *landscape.findall(qn("w:footerReference"))]:
        rid = reference.get(qn("r:id"))
        if rid not in made:
            rel = document.rels[rid]
            original = rel.target_part
            element = etree.fromstring(original.blob)
            for tab in element.iter(qn("w:tab")):
                pos, kind = tab.get(qn("w:pos")), tab.get(qn("w:val"))
                if pos is None or kind == "clear":
                    continue
                if kind == "right" and abs(int(pos) - narrow) <= 20:
                    tab.set(qn("w:pos"), str(wide))
                elif kind == "center" and abs(int(pos) - narrow // 2) <= 20:
                    tab.set(qn("w:pos"), str(wide // 2))
            kind = "header" if reference.tag == qn("w:headerReference") else "footer"
            name = tpl.docx.part.package.next_partname(f"/word/{kind}%d.xml")
            twin = XmlPart(PackURI(name), original.content_type, element, original.package)
            for inner in original.rels.values():  # a picture in the header, say
                twin.rels.load_rel(inner.reltype, inner._target, inner.rId, inner.is_external)
            made[rid] = document.relate_to(twin, rel.reltype)
        reference.set(qn("r:id"), made[rid])


def gantt(template: Callable[[], Any], drawings: list["Drawing"], title: str) -> Picture:
    """A plan's Gantt chart on landscape pages of their own: a heading, then one picture per
    GANTT_ROWS actions."""

    def make(tpl) -> str:
        end_portrait, end_landscape = _section_breaks(tpl)
        parts = [end_portrait, _heading(title)]
        for drawing in drawings:
            parts.append(_image_paragraph(tpl, drawing.png(), LANDSCAPE_TEXT))
        parts.append(end_landscape)
        return "".join(parts)

    return Picture(template, make)


def sector_counts(context: dict[str, Any]) -> list[tuple[str, int]]:
    """(sector label, stakeholders) of a work plan's context, for the eight named sectors and `other`
    when someone is in it: a body and its offices once, as `status` counts them."""
    return [(row["label"], row["stakeholders"]) for row in context["sector_counts"]]


DRAWINGS = "_drawings"  # where drawings() leaves them in a document's context, for add_pictures


def drawings(document: str, values: dict[str, Any]) -> dict[str, Any]:
    """The pictures of a Word document, set drawing (in the drawing process, when there is one) and
    kept in its context: called as soon as the context exists, they are drawn while the other
    documents render. Keys: sectors, grid, leverage, indicators, and gantt:<plan id>."""
    if DRAWINGS in values:
        return values[DRAWINGS]
    from scaleplus_cli import pictures
    from scaleplus_cli.documents.formatting import language
    from scaleplus_cli.models import SECTORS

    code = language(values.get("language")).code
    words = language(code)
    found: dict[str, Any] = {}
    if document == "workplan":
        today = values["project"]["today"]
        stakeholders = values["stakeholders"]
        if stakeholders:
            found["sectors"] = Drawing("sector_coverage", sector_counts(values), lang=code)
        if any(s.get("influence") and s.get("interest") for s in stakeholders):
            found["grid"] = Drawing("influence_grid", stakeholders, {k: words.label(k) for k in SECTORS}, lang=code)
        if values["leverage"]:
            found["leverage"] = Drawing("leverage_scores", values["leverage"], lang=code)
        if values["indicators"]:
            found["indicators"] = Drawing("indicator_progress", values["indicators"], lang=code)
        for plan in values["plans"]:
            if plan["actions"]:
                found[f"gantt:{plan['id']}"] = [
                    Drawing("gantt", chunk, today, plan["horizon"], "png", lang=code)
                    for chunk in pictures.gantt_pages(plan["actions"])
                ]
    elif document == "bulletin" and values.get("indicators"):
        # compact: the bulletin is a handout of two pages at most
        found["indicators"] = Drawing("indicator_progress", values["indicators"], width_cm=14.0, row_cm=0.32, lang=code)
    values[DRAWINGS] = found
    return found


def add_pictures(document: str, values: dict[str, Any], template: Callable[[], Any]) -> None:
    """The pictures a Word template may print, into its values: for the work plan `pictures.sectors`,
    `pictures.grid`, `pictures.leverage`, `pictures.indicators` and each plan's `gantt`; for the
    bulletin `pictures.indicators`. An empty picture is an empty string (its paragraph goes)."""
    found = drawings(document, values)
    shown = {k: picture(template, found[k]) for k in ("sectors", "grid", "leverage", "indicators") if k in found}
    if document == "workplan":
        values["horizons"] = [
            dict(h, plans=[
                dict(p, gantt=gantt(template, found[f"gantt:{p['id']}"], p["title"]))
                if f"gantt:{p['id']}" in found else dict(p, gantt="")
                for p in h["plans"]
            ])
            for h in values["horizons"]
        ]
    values["pictures"] = {k: shown.get(k, "") for k in ("sectors", "grid", "leverage", "indicators")}


