"""Word documents from docxtpl templates: .docx files with Jinja tags that a facilitator can restyle
in Word itself. Text is escaped (autoescape), and characters XML cannot hold are dropped first."""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape
from pathlib import Path
from typing import Any

from scaleplus_cli.render import save_atomic
from scaleplus_cli.render.templates import find_template

# Characters an XML 1.0 document cannot contain (the C0 controls but tab and line feed, lone
# surrogates, U+FFFE/U+FFFF). Carriage returns become line feeds, which docxtpl turns into line breaks.
XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Shading of the timeline: filled months, empty months, the header row.
TIMELINE_FILL, TIMELINE_EMPTY, TIMELINE_HEAD = "2E7D7A", "EEF3F3", "1F4E4C"


def clean(value: Any) -> Any:
    """The context with every string made safe for Word, recursively (dicts and lists copied)."""
    if isinstance(value, str):
        return XML_ILLEGAL.sub("", value.replace("\r\n", "\n").replace("\r", "\n")).rstrip("\n")
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean(v) for v in value]
    return value


def environment():
    import jinja2

    return jinja2.Environment(autoescape=True)


def write(document: str, context: dict[str, Any], path: Path, root: Path) -> None:
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(find_template(f"{document}.docx", root)))
    values = clean(context)
    for horizon in values.get("horizons", []):
        for plan in horizon["plans"]:
            plan["timeline_table"] = timeline_table(plan) if plan["timeline"] else ""
    template.render(values, environment(), autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    save_atomic(path, buffer.getvalue())


def timeline_table(plan: dict[str, Any]):
    """A Gantt chart of one plan's actions as a Word table (raw WordprocessingML, inserted by a
    {{p ...}} tag): one column per month or quarter, filled across each action's span."""
    from markupsafe import Markup

    columns = plan["timeline"]
    label_width = 3970  # twentieths of a point: 7 cm
    cell_width = min(850, 5670 // max(1, len(columns)))

    def cell(text: str, width: int, fill: str, *, white: bool = False, center: bool = False, size: int = 15) -> str:
        color = '<w:color w:val="FFFFFF"/><w:b/>' if white else ""
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
    head = cell("Action", label_width, TIMELINE_HEAD, white=True) + "".join(
        cell(col["label"], cell_width, TIMELINE_HEAD, white=True, center=True, size=13) for col in columns
    )
    rows = [f'<w:tr><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr>']
    for action in plan["actions"]:
        cells = cell(f"{action['ref']}  {action['title']}", label_width, "FFFFFF") + "".join(
            cell("", cell_width, TIMELINE_FILL if filled else TIMELINE_EMPTY) for filled in action["timeline"]
        )
        rows.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>')
    return Markup(
        '<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="60" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar>'
        f'</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{"".join(rows)}</w:tbl>'
    )
