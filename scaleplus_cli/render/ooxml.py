"""Word files in schema order: the children of the property elements scaleplus and docxtpl write
(paragraph, run, table, cell and section properties, borders) put in the order ECMA-376 gives them.
Word may "repair" a file, or drop its borders, when they are not; LibreOffice forgives either way."""

from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

ORDER = {
    "pPr": (
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs"
        " suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi"
        " adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection"
        " textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
    ),
    "rPr": (
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint noProof snapToGrid"
        " vanish webHidden color spacing w kern position sz szCs highlight u effect bdr shd fitText vertAlign rtl"
        " cs em lang eastAsianLayout specVanish oMath"
    ),
    "tblPr": (
        "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc tblCellSpacing"
        " tblInd tblBorders shd tblLayout tblCellMar tblLook tblCaption tblDescription"
    ),
    "tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd noWrap tcMar textDirection tcFitText vAlign hideMark",
    "pBdr": "top left bottom right between bar",
    "tblBorders": "top left start bottom right end insideH insideV",
    "tblCellMar": "top left start bottom right end",
}
RANKS = {f"{W}{parent}": {f"{W}{name}": n for n, name in enumerate(names.split())} for parent, names in ORDER.items()}


def in_schema_order(root) -> None:
    """Reorders, in place, the children of every property element under root (lxml element). Children
    the table does not know keep their place at the end, in their order."""
    for parent in root.iter(*RANKS):
        ranks = RANKS[parent.tag]
        children = list(parent)
        keyed = [(ranks.get(c.tag, len(ranks)), n) for n, c in enumerate(children)]
        if keyed == sorted(keyed):
            continue
        for _, n in sorted(keyed):
            parent.append(children[n])  # append moves the element to the end, in sorted order
