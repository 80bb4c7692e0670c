"""Documents in the participants' language: complete catalogs, no English word left in a French,
Spanish or Portuguese document, dates and numbers as each language writes them, a stakeholder's own
language for their sheet and letter, and a located error for a language scaleplus does not speak."""

from __future__ import annotations

import importlib.util
import re
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document
from openpyxl import load_workbook

from conftest import REPO, SAMPLE

LANGUAGES = ("fr", "es", "pt")


def load_catalogs_tool():
    spec = importlib.util.spec_from_file_location("catalogs", REPO / "tools" / "catalogs.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def catalogs():
    return load_catalogs_tool()


@pytest.fixture(scope="module")
def extracted(catalogs):
    return catalogs.extracted()


# -- the catalogs -------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["en", *LANGUAGES])
def test_each_catalog_holds_every_message_the_documents_use_and_nothing_stale(catalogs, extracted, code):
    assert catalogs.problems(code, extracted) == []


def test_a_missing_stale_or_untranslated_message_is_reported(catalogs, extracted):
    from babel.messages.catalog import Message

    catalog = catalogs.read("fr")
    catalog.delete("Our commitments")
    catalog.add("Retreat agenda (old wording)", "Programme (ancien)")
    catalog["Leverage points"].string = ""
    assert sorted(catalogs.problems("fr", extracted, catalog)) == [
        "fr.po: missing 'Our commitments'",
        "fr.po: stale 'Retreat agenda (old wording)' (no longer used)",
        "fr.po: untranslated 'Leverage points'",
    ]
    assert isinstance(catalog["Retreat agenda"], Message)


def test_the_word_templates_and_the_code_are_searched_for_messages(extracted):
    locations = {path for message in extracted for path, _ in message.locations}
    assert {"templates/workplan.docx", "templates/reminder.docx", "templates/agenda.md.j2"} <= locations
    assert "scaleplus_cli/render/excel.py" in locations  # the workbook's sheet names and headers
    assert "Signature, for %(name)s" in extracted  # a Word template's own words


# -- a whole project rendered in each language ------------------------------------------------


def set_language(root: Path, code: str, currency: str | None = "USD") -> None:
    path = root / "scaleplus.yaml"
    import re

    text = path.read_text(encoding="utf-8").replace("language: en", f"language: {code}")
    text = re.sub(r"(?m)^currency:.*\n", "", text)  # the sample's own, replaced by the one asked for
    if currency:
        text += f"currency: {currency}\n"
    path.write_text(text, encoding="utf-8")


def typed_strings(root: Path) -> list[str]:
    """Every text the people typed into the project (and every file's id), line by line, longest first."""
    found: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)
        elif isinstance(value, str):
            found.update(line.strip() for line in value.splitlines() if line.strip())

    for path in root.rglob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
        found.add(path.stem)
    return sorted(found, key=len, reverse=True)


def html_text(html: str) -> list[str]:
    from html.parser import HTMLParser

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.lines: list[str] = []
            self.skip = 0

        def handle_starttag(self, tag, attrs):
            self.skip += tag == "style"

        def handle_endtag(self, tag):
            self.skip -= tag == "style"

        def handle_data(self, data):
            if not self.skip and data.strip():
                self.lines.append(data.strip())

    parser = Text()
    parser.feed(html)
    return parser.lines


def document_texts(folder: Path) -> dict[str, list[str]]:
    """The text a reader sees in every document of a folder: Markdown lines, Word paragraphs, table
    cells, headers and footers, Excel sheet names and cells."""
    texts: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix == ".md":
            texts[str(path)] = path.read_text(encoding="utf-8").splitlines()
        elif path.suffix == ".docx":
            doc = Document(str(path))
            lines = [p.text for p in doc.paragraphs]
            lines += [p.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs]
            for section in doc.sections:
                lines += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
            texts[str(path)] = lines
        elif path.suffix == ".html":  # the page's text and its pictures' (inline SVG), not its style sheet
            texts[str(path)] = html_text(path.read_text(encoding="utf-8"))
        elif path.suffix == ".xlsx":
            book = load_workbook(path)
            lines = list(book.sheetnames)
            for ws in book.worksheets:
                lines += [str(v) for row in ws.iter_rows(values_only=True) for v in row if isinstance(v, str)]
            texts[str(path)] = lines
    return texts


PLACEHOLDER = re.compile(r"%\(\w+\)s")
# Words of English that no French, Spanish or Portuguese sentence holds: a fixed word missed by the
# catalogs (written in the code, not marked) shows up as one of these.
ENGLISH = ("the", "and", "of", "with", "is", "are", "was", "were", "day", "days", "from", "for", "by", "to",
           "our", "your", "this", "not", "yet", "due", "Prepared", "Page")


# Words English shares with the language, which a document in it may hold.
SAME_WORDS = {
    "fr": {"Action", "Actions", "Budget", "Coordination", "Date", "Dates", "Description", "Horizon", "Influence",
           "Instrument", "Organisation", "Page", "Plan", "Plans", "Score", "Signature", "Social", "champion",
           "champions", "min", "influence", "score", "Programme", "Total", "Site", "Sites", "Organisations", "Province",
           "District", "National", "Code"},
    "es": {"Academia", "Plan", "Sector", "Social", "min", "sector", "Total"},
    "pt": {"Academia", "Social", "for", "min", "Total"},  # "se for preciso"
}


def english_fragments(catalogs, code: str) -> list[str]:
    """The English words of the catalog (the parts of each message between its placeholders), less
    those the language writes the same way."""
    fragments = set(ENGLISH)
    for message in catalogs.read("en"):
        for english in (message.id if isinstance(message.id, tuple) else (message.id,)) if message.id else ():
            for part in PLACEHOLDER.split(english):
                part = part.strip(" .,:;()…+×·-\u00a0")
                if re.search(r"[A-Za-z]{2,}", part):
                    fragments.add(part)
    return sorted(fragments - SAME_WORDS[code], key=len, reverse=True)


@pytest.fixture(scope="module", params=LANGUAGES)
def rendered(request, tmp_path_factory):
    """sample_project in one language: every report, the bulletin and the reminder letters."""
    from typer.testing import CliRunner

    from scaleplus_cli.cli import app

    code = request.param
    root = Path(shutil.copytree(SAMPLE, tmp_path_factory.mktemp(code) / "sample"))
    set_language(root, code)
    runner = CliRunner()
    env = {"SCALEPLUS_TODAY": "2026-11-22", "COLUMNS": "200"}
    for args in (
        ["report", "all"],
        ["report", "bulletin"],
        ["report", "dashboard"],
        ["report", "commitments", "--split", "--format", "md"],
        ["remind", "--format", "md"],
        ["remind", "--format", "docx", "--out", str(root / "out" / "letters")],
    ):
        result = runner.invoke(app, [*args, "-p", str(root)], env=env)
        assert result.exit_code == 0, result.output
    return code, root


def test_a_document_in_french_spanish_or_portuguese_holds_no_fixed_english_word(rendered, catalogs):
    code, root = rendered
    data = typed_strings(root)
    fragments = english_fragments(catalogs, code)
    words = re.compile("|".join(rf"(?<![\w-]){re.escape(f)}(?![\w-])" for f in fragments))
    texts = document_texts(root / "out")
    assert len(texts) >= 20  # 4 reports in their formats, the split sheets, md and docx letters
    found = []
    for name, lines in texts.items():
        for line in lines:
            left = line
            piece = re.sub(r"^\w+\. ", "", line.strip())  # "G1. " before a goal's text
            if " " in piece and any(piece in typed for typed in data):
                continue  # one line of typed text wrapped to fit a picture's box
            for typed in data:
                if typed in left:
                    left = re.sub(rf"(?<!\w){re.escape(typed)}(?!\w)", " ", left)
                elif "…" in left:  # typed text cut short to fit (a picture's label, a to-do line)
                    for k in range(len(typed) - 1, 7, -1):
                        if typed[:k].rstrip() + "…" in left:
                            left = left.replace(typed[:k].rstrip() + "…", " ")
                            break
            hit = words.search(left)
            if hit:
                found.append(f"{Path(name).name}: {hit.group(0)!r} in {line!r}")
    assert found == [], "\n".join(found)


def test_the_check_for_english_words_finds_one(catalogs):
    fragments = english_fragments(catalogs, "fr")
    assert "Our commitments" in fragments and "Retreat agenda" in fragments and "the" in fragments
    assert "Budget" not in fragments  # the same word in French


DAYS = {
    "fr": "mardi 15 septembre 2026",
    "es": "martes, 15 de septiembre de 2026",
    "pt": "terça-feira, 15 de setembro de 2026",
}


def spaces(text: str) -> str:
    """Babel writes the spaces of numbers as no-break spaces (narrow in French)."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def test_dates_times_numbers_and_money_as_each_language_writes_them(rendered):
    code, root = rendered
    agenda = (root / "out" / "agenda.md").read_text(encoding="utf-8")
    assert DAYS[code] in agenda
    time = {"fr": "| 08:30–09:00 |", "es": "| 8:30–9:00 |", "pt": "| 08:30–09:00 |"}[code]
    assert time in agenda
    workplan = spaces((root / "out" / "workplan.md").read_text(encoding="utf-8"))
    money = {"fr": "18 500 $US", "es": "18.500 US$", "pt": "18 500 US$"}[code]
    assert f"| {money} |" in workplan
    total = {"fr": "45 600 $US", "es": "45.600 US$", "pt": "45 600 US$"}[code]
    assert total in workplan
    dates = {"fr": "20 septembre – 31 décembre 2026", "es": "20 de septiembre – 31 de diciembre de 2026",
             "pt": "20 de setembro – 31 de dezembro de 2026"}[code]
    assert dates in workplan


def test_the_workbook_sheets_and_headers_are_in_the_language(rendered):
    code, root = rendered
    book = load_workbook(root / "out" / "workplan.xlsx")
    first = {"fr": "Actions", "es": "Acciones", "pt": "Ações"}[code]
    assert book.sheetnames[0] == first
    headers = [c.value for c in book.worksheets[0][1]]
    assert {"fr": "Responsable", "es": "Responsable", "pt": "Responsável"}[code] in headers
    assert "Lead" not in headers and "Funding" not in headers


def test_every_workbook_column_fits_its_header_in_the_language(rendered):
    """No header is broken inside a word, nor runs past the two lines of the header row."""
    from openpyxl.utils import get_column_letter

    code, root = rendered
    book = load_workbook(root / "out" / "workplan.xlsx")
    checked = 0
    for ws in book.worksheets[:6]:  # the tables (the Charts sheet has titles, not headers)
        for n, cell in enumerate(ws[1], 1):
            if not isinstance(cell.value, str) or cell.alignment.text_rotation:  # a month of the timeline
                continue
            width = ws.column_dimensions[get_column_letter(n)].width
            per_line = width / 1.15 - 1  # characters of a bold header a line of this width holds
            longest = max(len(word) for word in cell.value.split())
            assert longest <= per_line, f"{ws.title}: {cell.value!r} in a column {width} wide"
            assert len(cell.value) <= 2 * per_line, f"{ws.title}: {cell.value!r} in a column {width} wide"
            checked += 1
    assert checked > 50
    charts = book.worksheets[6]  # the Charts sheet's small tables: headers in bold, one line each
    for row in charts.iter_rows():
        for cell in row:
            if cell.font.bold and isinstance(cell.value, str) and cell.column > 1 and cell.font.size != 12:
                width = charts.column_dimensions[get_column_letter(cell.column)].width
                assert len(cell.value) * 1.15 + 1 <= width + 0.6, f"Charts: {cell.value!r} in a column {width} wide"
    footer = book.worksheets[0].oddFooter.right.text
    assert footer == {"en": "Page &P of &N", "fr": "Page &P sur &N", "es": "Página &P de &N", "pt": "Página &P de &N"}[code]


def test_english_money_names_the_currency_and_plain_numbers_without_one(make_project, invoke, tmp_path):
    from scaleplus_cli.documents.formatting import language

    assert language("en", "USD").money(18500) == "$18,500"
    assert language("en").money(18500) == "18,500"
    assert language("en").money(1234.5) == "1,234.50"
    assert spaces(language("fr", "XOF").money(18500)) == "18 500 F CFA"
    assert spaces(language("fr").number(1234.25)) == "1 234,25"
    assert spaces(language("es").percent(0.25)) == "25 %"


def test_plural_rules_are_the_language_s(make_project):
    from scaleplus_cli.documents.formatting import language

    assert language("fr").days(0) == "0 jour"  # French counts 0 and 1 in the singular
    assert language("en").days(0) == "0 days"
    assert language("es").days(1) == "1 día" and language("pt").days(2) == "2 dias"


# -- a stakeholder's own language -----------------------------------------------------------------

PEOPLE = {
    "stakeholders/office.yaml": """
        name: Fisheries Office
        sector: government
        representative: Joseph Mwakilema
    """,
    "stakeholders/cooperative.yaml": """
        name: Coopérative des Pêcheuses
        sector: community
        language: fr
    """,
    "barriers/patrols.yaml": "title: No patrols\ncategory: structural\nseverity: 4\n",
    "commitments/office-boats.yaml": """
        stakeholder: office
        text: Repair two boats.
        barriers: [patrols]
        horizon: 100
        due: 2026-11-01
    """,
    "commitments/cooperative-kilns.yaml": """
        stakeholder: cooperative
        text: Build ten smoking kilns.
        barriers: [patrols]
        horizon: 100
        due: 2026-11-10
    """,
}


def test_a_stakeholder_s_sheet_and_letter_are_in_their_own_language(make_project, invoke):
    root = make_project(PEOPLE)
    assert invoke("report", "commitments", "-p", root).exit_code == 0
    md = (root / "out" / "commitments.md").read_text(encoding="utf-8")
    english, french = md.split("## Coopérative des Pêcheuses")
    assert "## Fisheries Office" in english and "### Our commitments" in english  # the project's language first
    assert "### Nos engagements" in french and "échéance le 10 novembre 2026" in french
    assert "Our commitments" not in french
    assert md.rstrip().endswith("prepared 22 November 2026")  # the document's own words again after the sheets
    word = Document(str(root / "out" / "commitments.docx"))
    text = [p.text for p in word.paragraphs]
    assert "Our commitments" in text and "Nos engagements" in text
    assert text.index("Our commitments") < text.index("Nos engagements")
    footer = word.sections[0].footer.paragraphs[0].text
    assert footer.startswith("Prepared 22 November 2026")

    assert invoke("report", "commitments", "--split", "-p", root).exit_code == 0
    own = Document(str(root / "out" / "commitments" / "cooperative.docx"))
    assert own.sections[0].footer.paragraphs[0].text.startswith("Établi le 22 novembre 2026")

    assert invoke("remind", "-p", root).exit_code == 0
    letter = (root / "out" / "reminders" / "cooperative.md").read_text(encoding="utf-8")
    assert letter.startswith("Objet\u00a0: Test Bay\u00a0: petit rappel au sujet de votre engagement")
    assert "Chères et chers collègues de Coopérative des Pêcheuses," in letter
    assert "Cet engagement arrivait à échéance le 10 novembre 2026, il y a 12 jours." in letter
    assert "Dear Joseph Mwakilema," in (root / "out" / "reminders" / "office.md").read_text(encoding="utf-8")


# -- a language scaleplus does not speak ----------------------------------------------------------


def test_an_unknown_language_or_currency_is_a_located_error_with_the_choices(make_project, invoke):
    root = make_project({
        "scaleplus.yaml": "name: Test Bay\nchallenge: Fish.\nlanguage: klingon\ncurrency: usd\n",
        "stakeholders/office.yaml": "name: Office\nsector: government\nlanguage: sw\n",
    })
    result = invoke("check", "-p", root)
    assert result.exit_code == 1
    assert "scaleplus.yaml:3:11: error: language: 'klingon' is not a valid language; choose from en, fr, es, pt" in result.output
    assert "scaleplus.yaml:4:11: error: currency: expected an ISO 4217 currency code in capitals, like USD, GHS or XOF, got 'usd'" in result.output
    assert "office.yaml:3:11: error: language: 'sw' is not a valid language; choose from en, fr, es, pt" in result.output


def test_init_writes_the_language_and_currency_and_refuses_others(invoke, tmp_path):
    assert invoke("init", tmp_path / "p", "--language", "fr", "--currency", "XOF", "--no-git").exit_code == 0
    text = (tmp_path / "p" / "scaleplus.yaml").read_text(encoding="utf-8")
    assert "language: fr" in text and "currency: XOF" in text
    assert invoke("check", "-p", tmp_path / "p").exit_code == 0
    result = invoke("init", tmp_path / "q", "--language", "de", "--no-git")
    assert result.exit_code == 2 and "--language: 'de' is not a valid language; choose from en, fr, es, pt" in result.stderr
    assert not (tmp_path / "q").exists()


# -- the export workbook --------------------------------------------------------------------------


def test_the_export_workbook_speaks_the_project_s_language_and_imports_back(sample, invoke, tmp_path):
    set_language(sample, "fr", currency=None)
    path = tmp_path / "fr.xlsx"
    assert invoke("export", path, "-p", sample).exit_code == 0
    book = load_workbook(path)
    assert book.sheetnames == ["parties prenantes", "obstacles", "engagements", "cercles", "à propos"]
    assert [c.value for c in book["parties prenantes"][1]][:4] == ["identifiant", "nom", "secteur", "organisation"]
    assert [c.value for c in book["obstacles"][1]][5] == "soulevé par"
    rules = [dv for dv in book["engagements"].data_validations.dataValidation if dv.type == "list"]
    assert any(dv.formula1.startswith("'parties prenantes'!$A$2") for dv in rules)  # the ids to choose from
    # what the cells say to the person typing, and the about sheet, in French too, naming the French columns
    said = {dv.errorTitle: dv.error for dv in book["parties prenantes"].data_validations.dataValidation}
    assert said["influence"] == "Saisissez un nombre entier de 1 à 5"
    assert said["rattaché à"] == "Pas un identifiant de la feuille « parties prenantes »"
    about = [row[0] for row in book["à propos"].iter_rows(values_only=True) if row[0]]
    assert about[0] == "À propos de ce classeur"
    assert "  soulevé par : qui l’a soulevé; liste d’identifiants de parties prenantes" in about
    assert "La feuille « cercles » :" in about
    assert not any(word in line for line in about for word in ("sheet", "required", "workbook"))
    sheet = book["parties prenantes"]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "bahari-fresh-fish-processors-ltd")
    sheet.cell(row, 6).value = "Directeur des opérations"  # fonction
    book.save(path)
    result = invoke("import", path, "-p", sample)
    assert result.exit_code == 0, result
    text = (sample / "stakeholders" / "bahari-fresh-fish-processors-ltd.yaml").read_text(encoding="utf-8")
    assert "role: Directeur des opérations" in text
    assert invoke("check", "-p", sample).exit_code == 0


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_workbook_with_headers_in_any_language_imports_into_any_project(make_project, invoke, tmp_path, code):
    from openpyxl import Workbook

    from scaleplus_cli.spreadsheet.headings import header, sheet_title

    root = make_project()  # in English
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title("stakeholders", code)
    sheet.append([header(name, code) for name in ("name", "sector", "representative", "language")])
    sheet.append(["Radio Kivuko", "media", "Amina Said", code])
    book.save(tmp_path / "people.xlsx")
    result = invoke("import", tmp_path / "people.xlsx", "-p", root)
    assert result.exit_code == 0, result
    text = (root / "stakeholders" / "radio-kivuko.yaml").read_text(encoding="utf-8")
    assert "representative: Amina Said" in text and f"language: {code}" in text


def test_no_header_means_two_fields_across_the_languages():
    from scaleplus_cli.models import LANGUAGES as ALL
    from scaleplus_cli.spreadsheet import IMPORTABLE, columns
    from scaleplus_cli.spreadsheet.headings import header, normal, sheet_title

    titles: dict[str, str] = {}
    for folder in IMPORTABLE:
        heard: dict[str, str] = {}
        for code in ALL:
            titles.setdefault(normal(sheet_title(folder, code)), folder)
            assert titles[normal(sheet_title(folder, code))] == folder
            for name in columns(folder):
                assert heard.setdefault(normal(header(name, code)), name) == name, (folder, code, name)


def test_french_writes_the_first_of_the_month_1er_and_the_others_do_not():
    import datetime as dt

    from scaleplus_cli.documents.formatting import language

    first = dt.date(2026, 9, 1)
    assert language("fr").day_date(first) == "mardi 1er septembre 2026"
    assert language("fr").date_range(first, dt.date(2026, 9, 3)) == "1er–3 septembre 2026"
    assert language("fr").long_date(dt.date(2026, 9, 2)) == "2 septembre 2026"
    assert language("es").long_date(first) == "1 de septiembre de 2026"
    assert language("en").long_date(first) == "1 September 2026"


def test_a_french_letter_reads_as_one_would_send_it(sample, invoke):
    set_language(sample, "fr", currency=None)
    assert invoke("remind", "-p", sample).exit_code == 0
    letter = (sample / "out" / "reminders" / "wakivuko-fishing-families-council.md").read_text(encoding="utf-8")
    assert "Bonjour Bi. Zuhura Mbaraka," in letter
    assert "Cet engagement arrivait à échéance le 1er novembre 2026, il y a 21 jours." in letter
    assert "Veuillez agréer nos salutations les plus cordiales," in letter
    other = (sample / "out" / "reminders" / "coastal-livelihoods-trust.md").read_text(encoding="utf-8")
    assert "Merci encore pour les engagements que Coastal Livelihoods Trust a pris lors de l’atelier" in other
    assert "\n   Dernier point reçu (18 novembre 2026, en cours)\u00a0: Two more BMUs trained" in other


def test_choice_labels_come_from_the_declarations_translated_in_their_context():
    from scaleplus_cli.documents.formatting import language

    fr = language("fr")
    assert fr.label("on_hold") == "En suspens"  # a status the declarations gained
    assert fr.label("donor") == "Bailleurs de fonds" and fr.sector("donor") == "Bailleur de fonds"
    assert fr.funding("private") == "Secteur privé" and fr.label("policy_reform") == "Réforme des politiques"
    assert language("en").label("organizational") == "Organisational"


def test_what_changed_in_the_system_is_told_in_the_bulletin_s_language(invoke, tmp_path, monkeypatch):
    from test_history import history

    root = history(invoke, tmp_path, monkeypatch)
    config = root / "scaleplus.yaml"
    config.write_text(config.read_text(encoding="utf-8") + "language: fr\n", encoding="utf-8")
    assert invoke("report", "bulletin", "--since", "2026-09-18", "--format", "md", "-p", root).exit_code == 0
    md = (root / "out" / "bulletin.md").read_text(encoding="utf-8")
    section = md.split("## Ce qui a changé dans le système\n")[1].split("## Ce qui reste à faire")[0]
    assert "Depuis le 18 septembre 2026 (Barriers of day 2)" in section  # the commit's subject is data
    assert "**Parties prenantes ajoutées**\n\n- Coast FM (Médias)\n" in section
    assert "No boats to patrol the bay : 2 engagements actifs de 2 secteurs" in spaces(section)
