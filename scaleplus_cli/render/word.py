"""Word documents from docxtpl templates: .docx files with Jinja tags that a facilitator can restyle
in Word itself. Text is escaped (autoescape), and characters XML cannot hold are dropped first."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from xml.sax.saxutils import escape
from pathlib import Path
from typing import Any

from scaleplus_cli.store import write_atomic
from scaleplus_cli.render.templates import find_template, template_in_use

# Characters an XML 1.0 document cannot contain (the C0 controls but tab and line feed, lone
# surrogates, U+FFFE/U+FFFF). Carriage returns become line feeds, which docxtpl turns into line breaks.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Shading of the timeline: filled months, empty months, the header row.
TIMELINE_FILL, TIMELINE_EMPTY, TIMELINE_HEAD = "2E7D7A", "EEF3F3", "1F4E4C"


def clean(value: Any) -> Any:
    """A value as Word can hold it: strings without XML-illegal characters or a final line end."""
    if isinstance(value, str) and not hasattr(value, "__html__"):
        return XML_ILLEGAL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).rstrip("\n")
    return value


def environment(language: str | None = "en"):
    from jinja2.sandbox import SandboxedEnvironment

    from scaleplus_cli.render.translation import install

    # finalize cleans every value a template prints, so a restyled template cannot let one through;
    # the sandbox keeps a template that came with a project folder from running code
    env = SandboxedEnvironment(autoescape=True, finalize=clean)
    install(env, language, escape=True)
    return env


BREAKS = re.compile(r"(<w:t(?: [^>]*)?>)([^<]*[\n\t][^<]*)</w:t>")


def _breaks(m: re.Match) -> str:
    text = m.group(2).replace("\n", '</w:t><w:br/><w:t xml:space="preserve">')
    text = text.replace("\t", '</w:t><w:tab/><w:t xml:space="preserve">')
    return f'<w:t xml:space="preserve">{text}</w:t>'


def template_class():
    from docxtpl import DocxTemplate

    class Template(DocxTemplate):
        def resolve_listing(self, xml: str) -> str:
            """Line breaks and tabs in printed text become Word breaks and tabs. (docxtpl's own
            version rewrites every run of the document, a third of the rendering time; the other
            characters it handles, \\a and \\f, never get here: clean() drops them.)"""
            return BREAKS.sub(_breaks, xml)

    return Template


def write(document: str, context: dict[str, Any], path: Path, root: Path) -> None:
    write_atomic(path, content(document, context, root))


def content(document: str, context: dict[str, Any], root: Path) -> bytes:
    from scaleplus_cli.render.figures import add_pictures

    source = find_template(f"{document}.docx", root)
    from scaleplus_cli.documents.formatting import language

    if document == "reminder":  # one letter of many: the template is prepared once for all of them
        with template_in_use(source):
            letters = _prepared(str(source), source.stat().st_mtime_ns, context.get("language"))
            if letters is not None:
                return letters.render(context)
    values = dict(context)
    lang = language(context.get("language"))
    rendering = []  # the template being rendered, for the pictures drawn while it renders
    add_pictures(document, values, lambda: rendering[0])
    if "horizons" in values:
        values["horizons"] = [
            dict(h, plans=[dict(p, timeline_table=timeline_table(p, lang) if p["timeline"] else "") for p in h["plans"]])
            for h in values["horizons"]
        ]
    buffer = io.BytesIO()
    with template_in_use(source):
        template = template_class()(str(source))
        rendering.append(template)
        if "pathway" in values:  # the theory of change's picture, across the landscape page
            from docx.shared import Cm
            from docxtpl import InlineImage

            from scaleplus_cli.render import pathway_picture

            values["pathway_picture"] = InlineImage(template, io.BytesIO(pathway_picture(context)), width=Cm(24))
        if "conditions_chart" in values:  # the health check's picture of the five conditions
            from docx.shared import Cm
            from docxtpl import InlineImage

            from scaleplus_cli.render import conditions_picture

            values["conditions_picture"] = InlineImage(template, io.BytesIO(conditions_picture(context)), width=Cm(15))
        template.render(values, environment(lang.code), autoescape=True)
        in_schema_order_everywhere(template.docx)
        template.save(buffer)
    return buffer.getvalue()


def in_schema_order_everywhere(document) -> None:
    """The rendered body in schema order: docxtpl's {% cellbg %} puts a cell's shading before its
    width, and a restyled template may hold anything. (The default templates are saved in order.)"""
    from scaleplus_cli.render.ooxml import in_schema_order

    in_schema_order(document.element)


def timeline_table(plan: dict[str, Any], lang):
    """A Gantt chart of one plan's actions as a Word table (raw WordprocessingML, inserted by a
    {{p ...}} tag): one column per month or quarter, filled across each action's span."""
    from markupsafe import Markup

    columns = plan["timeline"]
    label_width = 3970  # twentieths of a point: 7 cm
    cell_width = min(850, 5670 // max(1, len(columns)))

    def cell(text: str, width: int, fill: str, *, white: bool = False, center: bool = False, size: int = 15) -> str:
        color = '<w:b/><w:color w:val="FFFFFF"/>' if white else ""
        align = '<w:jc w:val="center"/>' if center else ""
        run = (
            f'<w:r><w:rPr>{color}<w:sz w:val="{size}"/></w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
            if text
            else ""
        )
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
            f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/><w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>{align}</w:pPr>{run}</w:p></w:tc>'
        )

    borders = "".join(
        f'<w:{side} w:val="single" w:sz="6" w:space="0" w:color="FFFFFF"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = f'<w:gridCol w:w="{label_width}"/>' + f'<w:gridCol w:w="{cell_width}"/>' * len(columns)
    head = cell(lang._("Action"), label_width, TIMELINE_HEAD, white=True) + "".join(
        cell(col["label"], cell_width, TIMELINE_HEAD, white=True, center=True, size=13) for col in columns
    )
    rows = [f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr>']
    for action in plan["actions"]:
        cells = cell(clean(f"{action['ref']}  {action['title']}"), label_width, "FFFFFF") + "".join(
            cell("", cell_width, TIMELINE_FILL if filled else TIMELINE_EMPTY) for filled in action["timeline"]
        )
        rows.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>')
    return Markup(
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar>'
        f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )


class PreparedTemplate:
    """A Word template made ready once for many documents of the same shape (a thousand reminder
    letters): the Jinja of each part that has some (body, headers, footers) is patched as docxtpl
    patches it and compiled once; every other part of the file is copied as it is. Rendering one
    document is then filling the compiled parts and zipping, not opening the template again."""

    JINJA_PARTS = re.compile(r"word/(document|header\d*|footer\d*)\.xml")

    def __init__(self, source: str, language: str | None) -> None:
        import zipfile

        self.source = source
        self.template = template_class()(source)
        self.template.render_init()
        self.env = environment(language)  # the fixed words compiled in the letter's language
        self.parts: list[tuple[str, Any]] = []  # (name, compiled Jinja) or (name, the part packed once)
        with zipfile.ZipFile(source) as archive:
            for info in archive.infolist():
                data = archive.read(info)
                if self.JINJA_PARTS.fullmatch(info.filename) and (b"{{" in data or b"{%" in data):
                    xml = self.template.patch_xml(data.decode("utf-8"))
                    self.parts.append((info.filename, self.env.from_string(re.sub(r"<w:p([ >])", r"\n<w:p\1", xml))))
                else:
                    self.parts.append((info.filename, _packed(data)))

    @staticmethod
    def usable(source: str) -> bool:
        """Whether the prepared path gives what docxtpl would: no Jinja outside the body, headers and
        footers (document properties, footnotes), which only docxtpl's own rendering fills."""
        import zipfile

        with zipfile.ZipFile(source) as archive:
            for info in archive.infolist():
                if PreparedTemplate.JINJA_PARTS.fullmatch(info.filename) or not info.filename.endswith(".xml"):
                    continue
                data = archive.read(info)
                if b"{{" in data or b"{%" in data:
                    return False
        return True

    def render(self, context: dict[str, Any]) -> bytes:
        """One document: the filled parts packed now, the others as packed once (styles alone are
        most of a letter's bytes: packing them again for each letter took most of its time)."""
        parts = []
        for name, part in self.parts:
            if not isinstance(part, _Packed):
                part = _packed(self._fill(part, context).encode("utf-8"))
            parts.append((name, part))
        return _zip(parts)

    def _fill(self, compiled: Any, context: dict[str, Any]) -> str:
        """What docxtpl's render_xml_part and fix_tables make of one part."""
        from lxml import etree

        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", compiled.render(context))
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
        xml = self.template.resolve_listing(xml)
        if "<w:tbl" in xml:  # a row repeated by a loop: the table's columns are set right again
            declaration, _, body = xml.partition("?>") if xml.startswith("<?xml") else ("", "", xml)
            tree = self.template.fix_tables(body)
            xml = (declaration + "?>" if declaration else "") + etree.tostring(tree, encoding="unicode")
        return xml


_PREPARED: dict[tuple[str, int, str | None], PreparedTemplate | None] = {}


def _prepared(source: str, version: int, language: str | None) -> PreparedTemplate | None:
    """The prepared template of source as it is now, in one language (None: render it the ordinary way)."""
    key = (source, version, language)
    if key not in _PREPARED:
        _PREPARED[key] = PreparedTemplate(source, language) if PreparedTemplate.usable(source) else None
    return _PREPARED[key]


@dataclass(frozen=True)
class _Packed:
    crc: int
    size: int
    data: bytes  # deflated


def _packed(data: bytes) -> _Packed:
    import zlib

    packer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return _Packed(zlib.crc32(data), len(data), packer.compress(data) + packer.flush())


def _zip(parts: list[tuple[str, _Packed]]) -> bytes:
    """A zip archive of parts already deflated (the format's plain local headers, central
    directory and end record; no zip64: a Word document is far below 4 GB)."""
    import struct

    out = io.BytesIO()
    directory = []
    stamp = (0, (1 << 5) | 1)  # time 00:00, date 1980-01-01: the same bytes for the same letter
    for name, part in parts:
        encoded = name.encode("utf-8")
        offset = out.tell()
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x0800, 8, *stamp, part.crc, len(part.data),
                              part.size, len(encoded), 0))
        out.write(encoded)
        out.write(part.data)
        directory.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x0800, 8, *stamp, part.crc,
                                     len(part.data), part.size, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)
    start = out.tell()
    for entry in directory:
        out.write(entry)
    size = out.tell() - start
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(directory), len(directory), size, start, 0))
    return out.getvalue()
