"""Schema order of Office Open XML: the child elements of the elements scaleplus writes must come in
the order ECMA-376 (Part 1, transitional schemas wml.xsd and sml.xsd) gives their sequences. Word
"repairs" a file, or drops what it cannot place, when they do not; LibreOffice forgives. A child
not in a table (an extension, an element of another namespace) is not judged.

    problems(path) -> ["word/document.xml: w:tcPr: w:shd before w:tcW", ...]
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

# parent -> its children in schema order; names in one tuple are a choice (any order among them)
WORD: dict[str, list[str | tuple[str, ...]]] = {
    "pPr": [
        "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
        "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
        "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid",
        "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection",
        "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
    ],
    "rPr": [
        ("rStyle", "ins", "del", "moveFrom", "moveTo"), "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps",
        "strike", "dstrike", "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish",
        "webHidden", "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
        "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath",
        "rPrChange",
    ],
    "tblPr": [
        "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize", "tblW",
        "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
        "tblCaption", "tblDescription", "tblPrChange",
    ],
    "tcPr": [
        "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
        "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel", "cellMerge", "tcPrChange",
    ],
    "sectPr": [
        ("headerReference", "footerReference"), "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
        "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg",
        "textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
    ],
    "tblBorders": [("top",), ("left", "start"), ("bottom",), ("right", "end"), "insideH", "insideV"],
    "tcBorders": [("top",), ("left", "start"), ("bottom",), ("right", "end"), "insideH", "insideV", "tl2br", "tr2bl"],
    "pBdr": ["top", "left", "bottom", "right", "between", "bar"],
    "tblCellMar": [("top",), ("left", "start"), ("bottom",), ("right", "end")],
    "tcMar": [("top",), ("left", "start"), ("bottom",), ("right", "end")],
    "tbl": [("tblPr",), ("tblGrid",), ("tr", "customXml", "sdt", "bookmarkStart", "bookmarkEnd")],
    "tr": [("tblPrEx",), ("trPr",), ("tc", "customXml", "sdt", "bookmarkStart", "bookmarkEnd")],
    "tc": [("tcPr",), ("p", "tbl", "customXml", "sdt", "bookmarkStart", "bookmarkEnd")],
    "p": [("pPr",), ("r", "hyperlink", "fldSimple", "bookmarkStart", "bookmarkEnd", "ins", "del", "proofErr",
                     "customXml", "sdt", "smartTag", "commentRangeStart", "commentRangeEnd")],
    "r": [("rPr",), ("t", "br", "tab", "drawing", "fldChar", "instrText", "cr", "noBreakHyphen", "softHyphen",
                     "sym", "lastRenderedPageBreak", "pict", "object", "footnoteReference", "endnoteReference",
                     "commentReference", "ptab", "delText")],
    "style": [
        "name", "aliases", "basedOn", "next", "link", "autoRedefine", "hidden", "uiPriority", "semiHidden",
        "unhideWhenUsed", "qFormat", "locked", "personal", "personalCompose", "personalReply", "rsid", "pPr",
        "rPr", "tblPr", "trPr", "tcPr", "tblStylePr",
    ],
}
SHEET: dict[str, list[str | tuple[str, ...]]] = {
    "worksheet": [
        "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
        "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
        "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
        "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks",
        "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing",
        "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst",
    ],
    "sheetPr": ["tabColor", "outlinePr", "pageSetUpPr"],
    "headerFooter": ["oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"],
    "xf": ["alignment", "protection", "extLst"],
    "workbook": [
        "fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets",
        "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize", "customWorkbookViews",
        "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst",
    ],
    "styleSheet": ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs",
                   "tableStyles", "colors", "extLst"],
    "border": [("start", "left"), ("end", "right"), "top", "bottom", "diagonal", "vertical", "horizontal"],
}


def _positions(order: list[str | tuple[str, ...]]) -> dict[str, int]:
    return {name: n for n, group in enumerate(order) for name in ((group,) if isinstance(group, str) else group)}


def check_tree(root, namespace: str, orders: dict[str, list[str | tuple[str, ...]]], where: str) -> list[str]:
    tables = {parent: _positions(order) for parent, order in orders.items()}
    found = []
    prefix = "w" if namespace == W else "x"
    for element in root.iter(f"{{{namespace}}}*"):
        parent = etree.QName(element).localname
        table = tables.get(parent)
        if table is None:
            continue
        last, last_name = -1, ""
        for child in element:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child)
            if name.namespace != namespace or name.localname not in table:
                continue
            position = table[name.localname]
            if position < last:
                found.append(f"{where}: {prefix}:{parent}: {prefix}:{name.localname} after {prefix}:{last_name}")
            elif position > last:
                last, last_name = position, name.localname
    return found


def problems(path: Path) -> list[str]:
    """Every child out of schema order in a .docx or .xlsx file."""
    found: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not name.endswith(".xml"):
                continue
            root = etree.fromstring(archive.read(name))
            if path.suffix == ".docx" and name.startswith("word/"):
                found += check_tree(root, W, WORD, name)
            elif path.suffix == ".xlsx" and name.startswith("xl/"):
                found += check_tree(root, S, SHEET, name)
    return sorted(set(found))
