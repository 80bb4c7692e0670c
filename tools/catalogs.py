"""Keeps the message catalogs (scaleplus_cli/locales/<code>.po) in step with the words the documents use.

    python tools/catalogs.py          # add new messages (empty, to translate), drop stale ones
    python tools/catalogs.py --check  # list what is missing, stale or untranslated; exit 1 if anything

The messages are found with Babel's extraction: _(), ngettext(), N_() and NC_() in the package's Python code,
_() and ngettext() in the Markdown and HTML templates and in the Word templates (after docxtpl has turned their
{%p %}/{%tr %} tags into plain Jinja). The English catalog repeats each message: English wording can
then change in the catalog alone. tests/test_language.py runs the check.
"""

from __future__ import annotations

import copy
import io
import sys
import zipfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "scaleplus_cli"
TEMPLATES = REPO / "templates"
LOCALES = PACKAGE / "locales"
LANGUAGES = ("en", "fr", "es", "pt")
PYTHON_KEYWORDS = {"_": None, "N_": None, "NC_": ((1, "c"), 2), "ngettext": (1, 2)}
JINJA_KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}
JINJA_OPTIONS = {"trim_blocks": "true", "lstrip_blocks": "true", "extensions": "jinja2.ext.i18n"}


def _jinja(fileobj, keywords, comment_tags, options):
    from jinja2.ext import babel_extract

    return babel_extract(fileobj, keywords, comment_tags, options)


def word_template_text(path: Path) -> str:
    """The Jinja source of a Word template: each part's XML after docxtpl's own preparation."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(path))
    parts = []
    with zipfile.ZipFile(path) as z:
        for name in sorted(z.namelist()):
            if name.startswith("word/") and name.endswith(".xml") and name.split("/")[1].startswith(("document", "header", "footer")):
                parts.append(template.patch_xml(z.read(name).decode("utf-8")))
    return "\n".join(parts)


def sources() -> list[tuple[str, str, bytes]]:
    """(method, name, content) of every file that holds messages."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        found.append(("python", str(path.relative_to(REPO)), path.read_bytes()))
    for path in sorted([*TEMPLATES.glob("*.md.j2"), *TEMPLATES.glob("*.html.j2")]):
        found.append(("jinja", str(path.relative_to(REPO)), path.read_bytes()))
    for path in sorted(TEMPLATES.glob("*.docx")):
        found.append(("jinja", str(path.relative_to(REPO)), word_template_text(path).encode("utf-8")))
    return found


def extracted() -> Catalog:
    """Every message the documents use, with where each is used."""
    catalog = Catalog(domain="scaleplus", project="scaleplus", charset="utf-8")
    for method, name, content in sources():
        keywords = PYTHON_KEYWORDS if method == "python" else JINJA_KEYWORDS
        how = "python" if method == "python" else _jinja
        for line, message, comments, context in extract(how, io.BytesIO(content), keywords, options=JINJA_OPTIONS):
            if not message:
                continue
            catalog.add(message, locations=[(name, line)], context=context)
    workbook_messages(catalog)
    choice_messages(catalog)
    return catalog


def choice_messages(catalog: Catalog) -> None:
    """The labels of the choices documents name, from the declarations, each with its choice's name as context."""
    from scaleplus_cli.documents.formatting import DOCUMENT_CHOICES

    for kind in DOCUMENT_CHOICES:
        for value in kind.choices:
            catalog.add(kind.labels[value], locations=[(f"scaleplus_cli/models.py ({kind.name})", 1)], context=kind.name)


def workbook_messages(catalog: Catalog) -> None:
    """The sheet names, column headers and column help of the exported workbook: every importable
    kind's fields, from their declarations (a new field is a new message to translate)."""
    from scaleplus_cli.spreadsheet import ABOUT_SHEET, IMPORTABLE, columns

    for folder in (*IMPORTABLE, ABOUT_SHEET):
        catalog.add(folder, locations=[("scaleplus_cli/spreadsheet/headings.py", 1)], context="sheet")
    from scaleplus_cli.models import KINDS

    for folder in IMPORTABLE:
        for name in columns(folder):
            catalog.add(name, locations=[(f"scaleplus_cli/models.py ({folder})", 1)], context="column")
            spec = KINDS[folder].schema.by_name.get(name)
            if spec is not None and spec.help:  # what the about sheet says the column holds
                catalog.add(spec.help, locations=[(f"scaleplus_cli/models.py ({folder})", 1)], context="help")


def read(code: str) -> Catalog:
    with (LOCALES / f"{code}.po").open("rb") as f:
        return read_po(f, locale=code, domain="scaleplus")


def problems(code: str, template: Catalog | None = None, catalog: Catalog | None = None) -> list[str]:
    """What is wrong with one language's catalog (the one in the repository unless given): missing,
    stale, untranslated or fuzzy messages."""
    template = template or extracted()
    catalog = catalog if catalog is not None else read(code)
    found = []
    def key(m) -> str:
        text = m.id if isinstance(m.id, str) else m.id[0]
        return f"{m.context}|{text}" if m.context else text

    wanted = {key(m): m for m in template if m.id}
    have = {key(m): m for m in catalog if m.id}
    for key in wanted:
        if key not in have:
            found.append(f"{code}.po: missing {key!r}")
        elif isinstance(wanted[key].id, tuple) != isinstance(have[key].id, tuple):
            found.append(f"{code}.po: {key!r} should {'' if isinstance(wanted[key].id, tuple) else 'not '}have plural forms")
    for key, message in have.items():
        if key not in wanted:
            found.append(f"{code}.po: stale {key!r} (no longer used)")
            continue
        strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
        if not all(strings):
            found.append(f"{code}.po: untranslated {key!r}")
        if message.fuzzy:
            found.append(f"{code}.po: fuzzy {key!r}")
    for message in catalog.obsolete.values():
        found.append(f"{code}.po: stale {message.id!r} (marked obsolete)")
    return found


def update() -> None:
    template = extracted()
    for code in LANGUAGES:
        path = LOCALES / f"{code}.po"
        if path.exists():
            catalog = read(code)
        else:
            catalog = Catalog(locale=code, domain="scaleplus", project="scaleplus", charset="utf-8")
        kept = catalog.creation_date, catalog.revision_date
        catalog.update(copy.deepcopy(template), no_fuzzy_matching=True)  # its new messages become the catalog's
        catalog.obsolete.clear()
        catalog.fuzzy = False  # a fuzzy header would be skipped, and with it the plural rule
        if path.exists():
            catalog.creation_date, catalog.revision_date = kept
        catalog.project, catalog.version = "scaleplus", ""
        catalog.copyright_holder = "scaleplus contributors"
        catalog.msgid_bugs_address = ""
        catalog.last_translator = catalog.language_team = "scaleplus contributors"
        if code == "en":
            for message in catalog:
                strings = message.string if isinstance(message.string, (tuple, list)) else (message.string,)
                if message.id and not all(strings):
                    message.string = message.id
        with path.open("wb") as f:
            write_po(f, catalog, width=110, omit_header=False, sort_output=False, include_previous=False)
        print(path.relative_to(REPO))


def main() -> int:
    if "--check" in sys.argv[1:]:
        template = extracted()
        found = [p for code in LANGUAGES for p in problems(code, template)]
        print("\n".join(found) or "catalogs complete")
        return 1 if found else 0
    update()
    return 0


if __name__ == "__main__":
    sys.exit(main())
