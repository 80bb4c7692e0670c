"""Builds the default Word templates (agenda.docx, runsheet.docx, commitments.docx, workplan.docx) in templates/.

The .docx files are committed; run this script again only to change their layout in code:

    python tools/build_templates.py

A facilitator can also open any of them in Word, restyle it (fonts, colours, logo, margins) and
save it in a project's templates/ folder: the {{ ... }} and {%...%} tags are docxtpl (Jinja) tags
and must stay as they are.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Pt, RGBColor

HERE = Path(__file__).resolve().parent


def T(message: str, **values: str) -> str:
    """A fixed word of the document, translated when it is rendered: {{ _("message", name=value) }}."""
    args = "".join(f", {k}={v}" for k, v in values.items())
    return '{{ _("' + message + '"' + args + ") }}"

TEMPLATES = HERE.parent / "templates"  # where the packaged templates live

FONT = "Arial"
INK = RGBColor(0x26, 0x32, 0x38)  # body text
ACCENT = RGBColor(0x1F, 0x4E, 0x4C)  # deep teal: titles, headings
MUTED = RGBColor(0x6B, 0x77, 0x7D)  # labels, header and footer
HEAD_FILL = "1F4E4C"  # table header rows
BAND_FILL = "EEF3F3"  # light panels
RULE = "B8C4C6"  # table rules


# -- styles and page ----------------------------------------------------------------------------


def _font(style, size: float, *, bold: bool = False, color: RGBColor = INK, italic: bool = False) -> None:
    style.font.name = FONT
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = italic
    style.font.color.rgb = color


def new_document(kind: str, *, landscape: bool = False, count_pages: bool = True) -> Document:
    doc = Document()
    styles = doc.styles
    _font(styles["Normal"], 10)
    normal = styles["Normal"].paragraph_format
    normal.space_after = Pt(4)
    normal.line_spacing = 1.1
    _font(styles["Title"], 24, bold=True, color=ACCENT)
    styles["Title"].paragraph_format.space_after = Pt(4)
    title_ppr = styles["Title"].element.pPr
    for border in title_ppr.findall(qn("w:pBdr")):  # the default Title has a blue rule under it
        title_ppr.remove(border)
    _font(styles["Subtitle"], 12, color=MUTED)
    styles["Subtitle"].paragraph_format.space_after = Pt(10)
    for name, size, before in (("Heading 1", 15, 16), ("Heading 2", 12, 12), ("Heading 3", 10.5, 8)):
        style = styles[name]
        _font(style, size, bold=True, color=ACCENT)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(5)
        style.paragraph_format.keep_with_next = True
    label = styles.add_style("Kicker", 1)
    label.base_style = styles["Normal"]
    _font(label, 8.5, bold=True, color=MUTED)
    label.font.all_caps = True
    label.paragraph_format.space_after = Pt(2)
    meta = styles.add_style("Meta", 1)
    meta.base_style = styles["Normal"]
    _font(meta, 9.5, color=INK)
    meta.paragraph_format.space_after = Pt(1)
    meta.paragraph_format.keep_with_next = True  # a plan's details stay with its table
    cell = styles.add_style("Cell", 1)
    cell.base_style = styles["Normal"]
    _font(cell, 9)
    cell.paragraph_format.space_after = Pt(1)
    cell.paragraph_format.line_spacing = 1.0
    small = styles.add_style("Cell Small", 1)
    small.base_style = cell
    _font(small, 8, color=MUTED)
    head = styles.add_style("Cell Head", 1)
    head.base_style = cell
    _font(head, 8.5, bold=True, color=RGBColor(0xFF, 0xFF, 0xFF))
    head.paragraph_format.keep_with_next = True  # a table's header row stays with its first row
    for name in ("Header", "Footer"):
        _font(styles[name], 8, color=MUTED)

    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_height, section.page_width = section.page_width, section.page_height
    section.top_margin = section.bottom_margin = Cm(2.0)
    section.left_margin = section.right_margin = Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)
    _header_footer(doc, kind, count_pages)
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):  # python-docx starts with one empty paragraph
        body.remove(p)
    return doc


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out the page."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, code, separate, shown, end):
        run._r.append(element)
    run.font.size = Pt(8)
    run.font.color.rgb = MUTED


def _rule(paragraph, side: str = "bottom", color: str = RULE) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    line = OxmlElement(f"w:{side}")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), "6")
    line.set(qn("w:space"), "4")
    line.set(qn("w:color"), color)
    borders.append(line)
    ppr.append(borders)


def _small_run(paragraph, text: str, *, bold: bool = False):
    run = paragraph.add_run(text)
    run.font.size = Pt(8)
    run.font.color.rgb = MUTED
    run.bold = bold
    return run


def _right_tab_only(paragraph, width) -> None:
    """One right-aligned tab at the margin (the Header and Footer styles bring centre and right tabs of their own)."""
    stops = paragraph.paragraph_format.tab_stops
    for position in (Inches(3.25), Inches(6.5)):
        stops.add_tab_stop(position, WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)


def _header_footer(doc: Document, kind: str, count_pages: bool) -> None:
    """count_pages: "Page 2 of 7", else "Page 2" (for documents of several handouts, each numbered on its
    own: LibreOffice does not fill in SECTIONPAGES, the pages of one section)."""
    section = doc.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    head = section.header.paragraphs[0]
    _right_tab_only(head, width)
    _small_run(head, "{{ project.name }}", bold=True)
    _small_run(head, f"\t{T(kind)}")
    _rule(head)
    foot = section.footer.paragraphs[0]
    _right_tab_only(foot, width)
    _rule(foot, "top")
    _small_run(foot, T("Prepared %(date)s", date="project.prepared") + "\t" + T("Page") + " ")
    _field(foot, "PAGE")
    if count_pages:
        _small_run(foot, " " + T("of") + " ")
        _field(foot, "NUMPAGES")


# -- building blocks ----------------------------------------------------------------------------


def para(doc_or_cell, text: str = "", style: str = "Normal", *, bold: bool = False, italic: bool = False,
         color: RGBColor | None = None, align=None, after: float | None = None):
    p = doc_or_cell.add_paragraph(style=style)
    if text:
        run = p.add_run(text)
        run.bold = bold or None
        run.italic = italic or None
        if color is not None:
            run.font.color.rgb = color
    if align is not None:
        p.alignment = align
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def keep_with_next(paragraph):
    """A paragraph that introduces a table stays on the page of its table (and of its heading)."""
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def tag(doc_or_cell, text: str):
    """A paragraph holding only a docxtpl block tag ({%p ... %}); docxtpl removes it when rendering."""
    return doc_or_cell.add_paragraph(text, style="Normal")


def labelled(doc, label: str, value: str, condition: str | None = None) -> None:
    if condition:
        tag(doc, f"{{%p if {condition} %}}")
    p = para(doc, style="Meta")
    run = p.add_run(f"{label if '{{' in label else T(label)}  ")
    run.bold = True
    run.font.color.rgb = MUTED
    p.add_run(value)
    if condition:
        tag(doc, "{%p endif %}")


def page_break_unless_first(doc) -> None:
    tag(doc, "{%p if not loop.first %}")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    tag(doc, "{%p endif %}")


def _cell_margins(table, top=60, bottom=60, left=90, right=90) -> None:
    margins = OxmlElement("w:tblCellMar")
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        m = OxmlElement(f"w:{side}")
        m.set(qn("w:w"), str(value))
        m.set(qn("w:type"), "dxa")
        margins.append(m)
    table._tbl.tblPr.append(margins)


def _borders(table, *, inside: bool = True, color: str = RULE) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = OxmlElement(f"w:{side}")
        visible = side in ("top", "bottom") or (side == "insideH" and inside)
        b.set(qn("w:val"), "single" if visible else "nil")
        if visible:
            b.set(qn("w:sz"), "4")
            b.set(qn("w:color"), color)
        borders.append(b)
    table._tbl.tblPr.append(borders)


def shade(cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _cant_split(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    trpr.append(OxmlElement("w:cantSplit"))


def _clear(cell) -> None:
    """A new cell holds one empty paragraph; drop it so content can be added with add_paragraph."""
    for p in list(cell.paragraphs):
        p._p.getparent().remove(p._p)


def loop_table(doc, loop: str, columns: list[tuple[str, float, object]], *, align_right: tuple[int, ...] = ()):
    """A table with a shaded header row and one data row repeated by docxtpl ({%tr for ... %}).

    columns: (header, width in cm, content) where content is a tag string or a function(cell)
    that fills the cell.
    """
    table = doc.add_table(rows=4, cols=len(columns))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _borders(table)
    _cell_margins(table)
    head, start, data, end = table.rows
    _repeat_header(head)
    _cant_split(data)
    for n, (title, width, content) in enumerate(columns):
        table.columns[n].width = Cm(width)
        for row in table.rows:
            row.cells[n].width = Cm(width)
        cell = head.cells[n]
        _clear(cell)
        p = para(cell, title, "Cell Head")
        if n in align_right:
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        shade(cell, HEAD_FILL)
        cell = data.cells[n]
        _clear(cell)
        if callable(content):
            content(cell)
            if n in align_right:
                for p in cell.paragraphs:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            p = para(cell, content, "Cell")
            if n in align_right:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    start.cells[0].paragraphs[0].add_run(f"{{%tr for {loop} %}}")
    end.cells[0].paragraphs[0].add_run("{%tr endfor %}")
    return table


def cell_lines(*lines: tuple[str, str] | str):
    """Cell content of several paragraphs: plain tags, or (style, text) pairs; '{%p' lines are tags."""

    def fill(cell) -> None:
        for line in lines:
            if isinstance(line, str):
                if line.startswith("{%p"):
                    tag(cell, line)
                else:
                    para(cell, line, "Cell")
            else:
                style, text = line
                if style == "bold":
                    para(cell, text, "Cell", bold=True)
                elif style == "italic":
                    para(cell, text, "Cell", italic=True)
                else:
                    para(cell, text, style)

    return fill


def title_block(doc, kicker: str, subtitle_lines: list[tuple[str, str, str | None]]) -> None:
    para(doc, kicker, "Kicker")
    para(doc, "{{ project.name }}", "Title")
    for label, value, condition in subtitle_lines:
        labelled(doc, label, value, condition)
    spacer = para(doc, after=6)
    _rule(spacer, "bottom", "1F4E4C")


# -- the three templates ------------------------------------------------------------------------


def session_cell(shading: str):
    """A session's title and its length (the cell's shading tag sits in the title, which every row has)."""
    return cell_lines(
        ("bold", f"{shading}{{{{ s.title }}}}"),
        "{%p if s.duration and not s.is_gap %}",
        ("Cell Small", "{{ s.duration }}"),
        "{%p endif %}",
    )


BREAK_SHADING = "{% cellbg s.is_break and 'EEF3F3' or 'FFFFFF' %}"  # a break or meal's row, shaded


def day_heading(doc) -> None:
    """A day of the agenda or run sheet: on a page of its own, its number and date, theme and objective."""
    page_break_unless_first(doc)
    h = para(doc, "{{ day.title }}", "Heading 1")
    h.add_run("{% if day.date_text %}  ·  {{ day.date_text }}{% endif %}")
    day_theme(doc)


def end_of_days(doc) -> None:
    """Closes the loop over the days; an agenda without days says so."""
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if not days %}")
    para(doc, T("The agenda has no days yet."), italic=True)
    tag(doc, "{%p endif %}")


def day_theme(doc) -> None:
    """The day's theme and objective under its heading, when it has them."""
    tag(doc, "{%p if day.theme %}")
    para(doc, "{{ day.theme }}", "Heading 3")
    tag(doc, "{%p endif %}")
    labelled(doc, "Objective", "{{ day.objective }}", "day.objective")


def agenda() -> Document:
    doc = new_document("Retreat agenda")
    title_block(
        doc,
        T("Whole-System-in-the-Room retreat · Agenda"),
        [
            ("Venue", "{{ project.venue }}", "project.venue"),
            ("Dates", "{{ project.dates }}", "project.dates"),
            ("Location", "{{ project.location }}", "project.location"),
            ("Facilitators", "{{ project.facilitators_text }}", "project.facilitators_text"),
        ],
    )
    tag(doc, "{%p for day in days %}")
    day_heading(doc)
    tag(doc, "{%p if day.sessions %}")
    para(doc, T("From %(start)s to %(end)s", start="day.start", end="day.end"), "Meta", color=MUTED, after=6)
    tag(doc, "{%p endif %}")
    shading = BREAK_SHADING
    time = (T("Time"), 2.6, f"{shading}{{{{ s.start }}}}–{{{{ s.end }}}}")
    lead = (T("Lead"), 3.6, f"{shading}{{{{ s.lead }}}}")
    method = (T("Method"), 4.2, f"{shading}{{{{ s.method }}}}")
    # A column empty for the whole day is left out: one table per combination, the Session column
    # taking the width the others leave.
    tag(doc, "{%p if day.sessions %}")
    for show_lead in (True, False):
        for show_method in (True, False):
            others = [c for c, shown in ((lead, show_lead), (method, show_method)) if shown]
            width = 17.0 - time[1] - sum(c[1] for c in others)
            tag(doc, f"{{%p if {'' if show_lead else 'not '}day.show_lead and {'' if show_method else 'not '}day.show_method %}}")
            loop_table(doc, "s in day.sessions", [time, (T("Session"), width, session_cell(shading)), *others])
            tag(doc, "{%p endif %}")
    no_sessions_yet(doc)
    end_of_days(doc)
    return doc


def no_sessions_yet(doc) -> None:
    """Closes `{%p if day.sessions %}`: a day whose sessions are not planned yet says so, instead of
    printing an empty table."""
    tag(doc, "{%p else %}")
    para(doc, T("Sessions to be planned."), italic=True, color=MUTED)
    tag(doc, "{%p endif %}")


def runsheet() -> Document:
    """The facilitators' agenda: every session with its lead, method, materials and notes, landscape."""
    doc = new_document("Run sheet", landscape=True)
    title_block(
        doc,
        T("Whole-System-in-the-Room retreat · Run sheet for the facilitators"),
        [
            ("Venue", "{{ project.venue }}", "project.venue"),
            ("Dates", "{{ project.dates }}", "project.dates"),
            ("Facilitators", "{{ project.facilitators_text }}", "project.facilitators_text"),
        ],
    )
    tag(doc, "{%p for day in days %}")
    day_heading(doc)
    shading = BREAK_SHADING
    # Lead, materials and notes keep their columns when empty: a run sheet is written on at the venue.
    tag(doc, "{%p if day.sessions %}")
    loop_table(
        doc,
        "s in day.sessions",
        [
            (T("Time"), 2.4, cell_lines(f"{shading}{{{{ s.start }}}}–{{{{ s.end }}}}")),
            (T("Session"), 8.2, cell_lines(
                ("bold", f"{shading}{{{{ s.title }}}}"),
                "{%p if s.method %}",
                ("Cell Small", "{{ s.method }}"),
                "{%p endif %}",
                "{%p if s.duration and not s.is_gap %}",
                ("Cell Small", "{{ s.duration }}"),
                "{%p endif %}",
            )),
            (T("Lead"), 3.6, f"{shading}{{{{ s.lead }}}}"),
            (T("Materials"), 4.4, f"{shading}{{{{ s.materials }}}}"),
            (T("Notes"), 7.1, f"{shading}{{{{ s.notes }}}}"),
        ],
    )
    no_sessions_yet(doc)
    end_of_days(doc)
    return doc


def _restart_numbering(sectpr) -> None:
    """A section whose pages count from 1 again."""
    for old in sectpr.findall(qn("w:pgNumType")):
        sectpr.remove(old)
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    # pgNumType comes after the page margins in a sectPr's sequence of elements
    sectpr.find(qn("w:pgMar")).addnext(numbering)


def section_break_unless_last(doc) -> None:
    """Ends the section of one loop item (a copy of the document's own page setup, header and footer,
    numbered from 1), so that each item is a handout of its own, its pages numbered from 1."""
    from copy import deepcopy

    last = doc.element.body.sectPr
    _restart_numbering(last)
    tag(doc, "{%p if not loop.last %}")
    p = doc.add_paragraph()
    p.paragraph_format.space_before = p.paragraph_format.space_after = Pt(0)
    p.paragraph_format.line_spacing = Pt(1)
    sectpr = deepcopy(last)
    kind = OxmlElement("w:type")
    kind.set(qn("w:val"), "nextPage")
    sectpr.insert(len(sectpr.findall(qn("w:headerReference")) + sectpr.findall(qn("w:footerReference"))), kind)
    p._p.get_or_add_pPr().append(sectpr)
    tag(doc, "{%p endif %}")


def commitments() -> Document:
    doc = new_document("Commitment sheet", count_pages=False)
    tag(doc, "{%p for sheet in sheets %}")
    para(doc, "{{ in_language(sheet.language) }}" + T("Commitment sheet · %(project)s", project="project.name"), "Kicker")
    para(doc, "{{ sheet.name }}", "Title")
    tag(doc, "{%p for d in sheet.details %}")
    labelled(doc, "{{ d.label }}", "{{ d.value }}")
    tag(doc, "{%p endfor %}")
    para(doc, T("Our commitments"), "Heading 2")
    tag(doc, "{%p if sheet.blank %}")
    para(doc, T("No commitment yet: write the commitments made at the retreat below, with their horizon (100 or 1000 days)."), "Meta", color=MUTED, after=6).paragraph_format.keep_with_next = True
    tag(doc, "{%p endif %}")
    blank = loop_table(
        doc,
        "c in sheet.commitments",
        [
            ("#", 0.8, "{{ c.number }}"),
            (
                T("Commitment"),
                8.9,
                cell_lines(
                    ("bold", "{{ c.text }}"),
                    "{%p if c.barriers_text %}",
                    ("Cell Small", T("Barriers:") + " {{ c.barriers_text }}"),
                    "{%p endif %}",
                    "{%p if c.goals_text %}",
                    ("Cell Small", T("Common goals:") + " {% for g in c.goals %}{{ g.id }} {{ g.text }}{% if not loop.last %} · {% endif %}{% endfor %}"),
                    "{%p endif %}",
                    "{%p if c.resources %}",
                    ("Cell Small", T("Resources:") + " {{ c.resources }}"),
                    "{%p endif %}",
                    "{%p if c.together_with %}",
                    ("Cell Small", T("Together with:") + " {{ c.together_with }}"),
                    "{%p endif %}",
                ),
            ),
            (T("Horizon"), 2.0, "{{ c.horizon_text }}{% if c.every %}, {{ c.every }}{% endif %}"),
            (T("Due"), 3.0, "{{ c.due_text }}"),
            (T("Status"), 2.3, "{{ c.status }}"),
        ],
    )
    # room to write by hand on a blank sheet (a typed commitment is taller anyway)
    from docx.enum.table import WD_ROW_HEIGHT_RULE

    blank.rows[2].height = Cm(1.3)
    blank.rows[2].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    para(doc, after=10)
    tag(doc, "{%p if sheet.project.team %}")  # the backbone circle by its name, else the method's term
    p = para(doc, T("By signing, we confirm these commitments and agree that %(team)s may follow up on them with us.",
                    team="sheet.project.team"), "Meta", color=MUTED, after=22)
    p.paragraph_format.keep_with_next = True
    tag(doc, "{%p else %}")
    p = para(doc, T("By signing, we confirm these commitments and agree that the Systems Integration Team "
                    "may follow up on them with us."), "Meta", color=MUTED, after=22)
    p.paragraph_format.keep_with_next = True
    tag(doc, "{%p endif %}")
    sign = doc.add_table(rows=2, cols=3)
    sign.alignment = WD_TABLE_ALIGNMENT.CENTER
    sign.autofit = False
    for n, width in enumerate((9.0, 1.0, 7.0)):
        sign.columns[n].width = Cm(width)
        for row in sign.rows:
            row.cells[n].width = Cm(width)
    for n in (0, 2):
        top = sign.rows[1].cells[n]
        tcpr = top._tc.get_or_add_tcPr()
        borders = OxmlElement("w:tcBorders")
        line = OxmlElement("w:top")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "8")
        line.set(qn("w:color"), "263238")
        borders.append(line)
        tcpr.append(borders)
    sign.rows[0].height = Cm(1.4)
    _cant_split(sign.rows[0])
    _clear(sign.rows[1].cells[0])
    para(sign.rows[1].cells[0], T("Signature, for %(name)s", name="sheet.name"), "Cell Small")
    tag(sign.rows[1].cells[0], "{%p if sheet.signatory %}")
    para(sign.rows[1].cells[0], "{{ sheet.signatory }}", "Cell")
    tag(sign.rows[1].cells[0], "{%p endif %}")
    _clear(sign.rows[1].cells[2])
    para(sign.rows[1].cells[2], T("Date"), "Cell Small")
    tag(doc, "{%p if sheet.project.contact_text and sheet.project.team %}")
    p = para(doc, T("Questions and progress: %(team)s, %(contact)s.", team="sheet.project.team",
                    contact="sheet.project.contact_text"), "Meta", color=MUTED)
    p.paragraph_format.space_before = Pt(14)
    tag(doc, "{%p elif sheet.project.contact_text %}")
    p = para(doc, T("Questions and progress: the Systems Integration Team, %(contact)s.", contact="sheet.project.contact_text"),
             "Meta", color=MUTED)
    p.paragraph_format.space_before = Pt(14)
    tag(doc, "{%p endif %}")
    section_break_unless_last(doc)
    tag(doc, "{%p endfor %}")
    # Back to the document's language after the last sheet: docxtpl renders the header and footer last.
    tag(doc, "{%p if not sheets or in_language('') %}")
    para(doc, T("No stakeholder has made a commitment yet."), italic=True)
    tag(doc, "{%p endif %}")
    return doc


def workplan() -> Document:
    doc = new_document("Work plan")
    title_block(
        doc,
        T("Whole-System-in-the-Room · Work plan"),
        [
            ("Location", "{{ project.location }}", "project.location"),
            ("Retreat", "{{ project.dates }}{% if project.venue %}, {{ project.venue }}{% endif %}", "project.dates"),
            ("Facilitators", "{{ project.facilitators_text }}", "project.facilitators_text"),
            ("Donor", "{{ project.donor }}", "project.donor"),
        ],
    )

    para(doc, "1. " + T("The challenge"), "Heading 1")
    para(doc, "{{ project.challenge }}")

    para(doc, "2. " + T("Common goals"), "Heading 1")
    tag(doc, "{%p if goals %}")
    loop_table(doc, "g in goals", [(T("Goal"), 1.6, cell_lines(("bold", "{{ g.id }}"))), (T("What the whole system works towards"), 15.4, "{{ g.text }}")])
    tag(doc, "{%p else %}")
    para(doc, T("No common goals recorded yet."), italic=True)
    tag(doc, "{%p endif %}")

    para(doc, "3. " + T("Who was in the room"), "Heading 1")
    keep_with_next(para(doc, "{{ room }}"))
    loop_table(
        doc,
        "s in sectors",
        [(T("Sector"), 3.8, cell_lines(("bold", "{{ s.label }}"))), (T("Number"), 1.6, "{{ s.count }}"), (T("Stakeholders"), 11.6, "{{ s.names_text }}")],
        align_right=(1,),
    )
    tag(doc, "{{p pictures.sectors }}")
    tag(doc, "{%p if pictures.grid %}")
    para(doc, T("Influence and interest"), "Heading 2")
    keep_with_next(para(doc, T("Each stakeholder placed by their power to move the barriers and their stake in the outcome.")))
    tag(doc, "{{p pictures.grid }}")
    tag(doc, "{%p endif %}")

    para(doc, "4. " + T("Leverage points"), "Heading 1")
    keep_with_next(para(doc, T("Barriers ranked by %(ranking)s.", ranking="ranked_by") + " " + T("A high score marks a leverage point: a small push there moves the whole system.")))
    loop_table(
        doc,
        "b in leverage",
        [
            (T("Rank"), 1.2, "{{ b.rank }}"),
            (T("Barrier"), 4.9, cell_lines(("bold", "{{ b.title }}"), ("Cell Small", "{{ b.formula }}"))),
            (T("Category"), 2.7, "{{ b.category }}"),
            (T("Score"), 1.3, cell_lines(("bold", "{{ b.score_text }}"))),
            (T("Live commitments"), 1.6, "{{ b.live }}"),
            (T("Sectors committing"), 2.9, "{{ b.committing_sectors_text }}"),
            (T("Suggested instruments"), 2.4, "{{ b.instruments }}"),
        ],
        align_right=(0, 3, 4),
    )
    tag(doc, "{{p pictures.leverage }}")

    para(doc, "5. " + T("Gaps: where technical assistance should go"), "Heading 1")
    tag(doc, "{%p if gaps %}")
    keep_with_next(para(doc, T("A gap is a barrier of severity 3 or more that no live commitment works on, or whose commitments all come from one sector.")))
    loop_table(
        doc,
        "g in gaps",
        [
            (T("Barrier"), 5.6, cell_lines(("bold", "{{ g.title }}"))),
            (T("Category"), 2.8, "{{ g.category }}"),
            (T("Severity"), 1.6, "{{ g.severity }}"),
            (T("Why it is a gap"), 4.2, "{{ g.reason }}"),
            (T("Suggested instruments"), 2.8, "{{ g.instruments }}"),
        ],
        align_right=(2,),
    )
    tag(doc, "{%p else %}")
    para(doc, T("No gaps: every serious barrier has live commitments from more than one sector."), italic=True)
    tag(doc, "{%p endif %}")

    para(doc, "6. " + T("Action plans"), "Heading 1")
    tag(doc, "{%p for h in horizons %}")
    tag(doc, "{%p for plan in h.plans %}")
    para(doc, "{{ plan.title }}", "Heading 2")
    labelled(doc, "Horizon", "{{ plan.horizon_text }}", "plan.horizon_text")
    labelled(doc, "Owner", "{{ plan.owner }}", "plan.owner")
    labelled(doc, "Period", "{{ plan.period }}", "plan.period")
    labelled(doc, "Goals", "{{ plan.goals_text }}", "plan.goals_text")
    labelled(doc, "Budget", "{{ plan.budget_text }}", "plan.budget_text")
    para(doc, after=2).paragraph_format.keep_with_next = True  # the heading and details stay with the table
    loop_table(
        doc,
        "a in plan.actions",
        [
            ("#", 1.4, "{{ a.ref }}"),
            (
                T("Action"),
                3.6,
                cell_lines(
                    ("bold", "{{ a.title }}"),
                    "{%p if a.partners_text %}",
                    ("Cell Small", T("With:") + " {{ a.partners_text }}"),
                    "{%p endif %}",
                    "{%p if a.barriers_text %}",
                    ("Cell Small", T("Barriers:") + " {{ a.barriers_text }}"),
                    "{%p endif %}",
                ),
            ),
            (T("Lead"), 2.4, "{{ a.lead }}"),
            (T("Dates"), 2.0, cell_lines("{{ a.start_text }}", "{%p if a.end_text %}", T("to %(date)s", date="a.end_text"), "{%p endif %}")),
            # the longest words of these columns fit whole in every language ("Gouvernement",
            # "Renforcement"; longer ones carry soft hyphens), and a budget ("250 000 F CFA") on one line
            (T("Instrument"), 2.5, "{{ a.instrument }}"),
            (T("Budget"), 2.5, "{{ a.budget_text }}"),
            (T("Funding"), 2.6, "{{ a.funding }}"),
        ],
        align_right=(5,),
    )
    tag(doc, "{{p plan.gantt }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if not horizons %}")
    para(doc, T("No action plan yet: scaleplus plan --write drafts one from the commitments."), italic=True)
    tag(doc, "{%p endif %}")

    para(doc, "7. " + T("Indicators"), "Heading 1")
    tag(doc, "{%p if indicators %}")
    keep_with_next(para(doc, T("Current value: the latest measurement, or the recorded actual. Progress: the share of the way from baseline to target.")))
    loop_table(
        doc,
        "i in indicators",
        [
            ("#", 1.3, "{{ i.ref }}"),
            (T("Indicator"), 7.2, cell_lines(("bold", "{{ i.name }}"), ("Cell Small", "{{ i.action }}"))),
            (T("Unit"), 1.8, "{{ i.unit }}"),
            (T("Baseline"), 1.7, "{{ i.baseline_text }}"),
            (T("Target"), 1.6, "{{ i.target_text }}"),
            (T("Current"), 1.7, cell_lines("{{ i.current_text }}", "{%p if i.measured_text %}", ("Cell Small", "{{ i.measured_text }}"), "{%p endif %}")),
            (T("Progress"), 1.7, "{{ i.progress_text }}"),
        ],
        align_right=(3, 4, 5, 6),
    )
    tag(doc, "{{p pictures.indicators }}")
    tag(doc, "{%p else %}")
    para(doc, T("No indicators recorded yet."), italic=True)
    tag(doc, "{%p endif %}")
    return doc


def save(doc: Document, path: Path) -> None:
    """Saves the template with its elements in schema order (python-docx appends what we add last)."""
    from scaleplus_cli.render.ooxml import in_schema_order

    in_schema_order(doc.element)
    for section in doc.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            if not part.is_linked_to_previous:
                in_schema_order(part._element)
    in_schema_order(doc.styles.element)
    doc.save(path)


def theory() -> Document:
    """The theory of change on A4 landscape: the pathway picture, then the outcomes level by level."""
    doc = new_document("Theory of change", landscape=True)
    title_block(
        doc,
        T("Theory of change"),
        [
            ("Location", "{{ project.location }}", "project.location"),
        ],
    )
    tag(doc, "{%p if has_outcomes %}")
    para(doc, "{{ pathway_picture }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    tag(doc, "{%p for level in levels %}")
    tag(doc, "{%p if level.outcomes %}")
    para(doc, "{{ level.title }}", "Heading 1")
    tag(doc, "{%p for o in level.outcomes %}")
    para(doc, "{{ o.text }}", "Heading 2")
    labelled(doc, "Leads to", "{{ o.leads_to_text }}", "o.leads_to")
    labelled(doc, "Removes the barriers", "{{ o.barriers_text }}", "o.barriers")
    labelled(doc, "Served by", "{{ o.served_by_text }}", "o.served_by")
    labelled(doc, "Rationale", "{{ o.rationale }}", "o.rationale")
    labelled(doc, "Assumptions", "{{ o.assumptions_text }}", "o.assumptions")
    labelled(doc, "Indicators", "{{ o.indicators_text }}", "o.indicators")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endfor %}")
    para(doc, T("What has been measured"), "Heading 1")
    tag(doc, "{%p if measured %}")
    loop_table(
        doc,
        "m in measured",
        [
            (T("Outcome"), 7.0, "{{ m.outcome }}"),
            (T("Indicator"), 6.0, "{{ m.name }}"),
            (T("Started at"), 2.6, "{{ m.baseline_text }}"),
            (T("Now"), 3.4, "{{ m.current_text }}{% if m.measured_text %} ({{ m.measured_text }}){% endif %}"),
            (T("Target"), 2.6, "{{ m.target_text }}"),
            (T("Progress"), 2.6, "{{ m.progress_text }}"),
        ],
        align_right=(2, 3, 4, 5),
    )
    tag(doc, "{%p else %}")
    para(doc, T("No indicator of the theory of change has been measured yet."), italic=True)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    para(doc, T("The theory of change has no outcomes yet."), italic=True)
    tag(doc, "{%p endif %}")
    return doc


def assess() -> Document:
    """The Collective Impact health check on one page."""
    doc = new_document("Collective Impact health check")
    title_block(doc, T("Collective Impact health check"), [("Location", "{{ project.location }}", "project.location")])
    para(doc, "{{ conditions_picture }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    loop_table(doc, "s in preconditions", [(T("Preconditions"), 10.0, "{{ s.title }}"), (T("Score"), 2.0, "{{ s.score_text }}"),
                                            ("", 4.0, "{{ s.label }}")])
    para(doc, after=4)
    loop_table(doc, "s in conditions", [(T("Conditions of collective success"), 10.0, "{{ s.title }}"),
                                         (T("Score"), 2.0, "{{ s.score_text }}"), ("", 4.0, "{{ s.label }}")])
    tag(doc, "{%p for phase in phases %}")
    h = para(doc, "{{ phase.title }}", "Heading 2")
    h.add_run("  ({{ phase.progress }})")
    tag(doc, "{%p for step in phase.steps %}")
    para(doc, "{{ step.mark }}  {{ step.text }}", after=1)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    para(doc, T("The evidence behind each score, line by line, and the rule that produced it: scaleplus assess."), "Meta",
         italic=True, color=MUTED)
    return doc


def main() -> None:
    for name, build in (("agenda", agenda), ("runsheet", runsheet), ("commitments", commitments), ("workplan", workplan),
                        ("theory", theory), ("assess", assess)):
        path = TEMPLATES / f"{name}.docx"
        save(build(), path)
        print(path.name)


if __name__ == "__main__":
    main()
