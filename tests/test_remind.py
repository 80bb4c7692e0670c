"""`remind`: whom to call, most overdue first, and a message each they could send as it is.

Today is 2026-11-22 in every test; the retreat started 2026-09-15.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import docx_text

STAKEHOLDERS = {
    "stakeholders/office.yaml": """
        name: Fisheries Office
        sector: government
        representative: Joseph Mwakilema
        phone: "+255 700 100 201"
        email: fisheries@kivuko.example
    """,
    "stakeholders/radio.yaml": "name: Sauti FM\nsector: media\nemail: news@sauti.example\n",
    "stakeholders/church.yaml": "name: Fr. Jose\nsector: faith_traditional\n",
    "stakeholders/lodge.yaml": "name: Eco Lodge\nsector: private_sector\n",
    "stakeholders/college.yaml": "name: Vocational College\nsector: academia\n",
}


def commitment(stakeholder: str, text: str, due: str | None, status: str = "pledged", extra: str = "") -> str:
    due_line = f"due: {due}\n" if due else ""
    return f"stakeholder: {stakeholder}\ntext: {text}\nhorizon: 100\n{due_line}status: {status}\n{extra}"


COMMITMENTS = {
    "commitments/office-boats.yaml": commitment("office", "Two patrol boats on the water", "2026-11-12", "in_progress",
        "updates:\n  - date: 2026-10-02\n    note: Engines assessed; parts ordered.\n    status: in_progress\n"),
    "commitments/office-fuel.yaml": commitment("office", "Fuel for patrols", "2026-10-23"),
    "commitments/radio-show.yaml": commitment("radio", "Weekly call-in show", "2026-11-22", "in_progress"),
    "commitments/church-homily.yaml": commitment("church", "Care for the sea homilies", "2026-12-06"),
    "commitments/lodge-boat.yaml": commitment("lodge", "Lend the lodge boat", "2026-12-07"),
    "commitments/lodge-done.yaml": commitment("lodge", "Guide jobs", "2026-11-01", "done"),
    "commitments/lodge-dropped.yaml": commitment("lodge", "Mangrove walk", "2026-11-01", "dropped"),
    "commitments/college-course.yaml": commitment("college", "Outboard repair course", None),  # due 2026-12-24
}


@pytest.fixture
def project(make_project):
    return make_project({**STAKEHOLDERS, **COMMITMENTS})


def test_whom_to_call_most_overdue_first(project, invoke):
    result = invoke("remind", "-p", project)
    assert result.exit_code == 0, result
    out = result.stdout
    assert "Whom to call: 4 commitments overdue or due within 14 days" in out
    order = [out.index(name) for name in ("Fisheries Office", "Sauti FM", "Fr. Jose")]
    assert order == sorted(order)
    assert "30 days overdue: Fuel for patrols" in out  # what was promised, in the words of the room
    assert "10 days overdue: Two patrol boats" in out
    assert out.index("Fuel for patrols") < out.index("Two patrol boats")
    assert "due today: Weekly call-in show" in out
    assert "due in 14 days: Care for the sea homilies" in out
    assert "Joseph Mwakilema" in out and "+255 700 100 201" in out and "news@sauti.example" in out
    for left_out in ("Eco Lodge", "lodge-boat", "lodge-done", "lodge-dropped", "college-course"):
        assert left_out not in out
    written = sorted(p.name for p in (project / "out/reminders").iterdir() if not p.name.startswith("."))
    assert written == ["church.md", "office.md", "radio.md"]
    assert "3 messages to send" in out
    assert "out/reminders/office.md" in out


def test_the_message_names_each_commitment_its_date_and_last_update(project, invoke):
    invoke("remind", "-p", project)
    office = (project / "out/reminders/office.md").read_text(encoding="utf-8")
    assert office.startswith("Subject: Test Bay: a friendly reminder about your commitments\n")
    assert "Dear Joseph Mwakilema," in office
    assert "check in on the commitments that are now past their due date:" in office
    assert "what Fisheries Office committed to at the Test Bay retreat (15–16 September 2026)" in office
    assert "1. Fuel for patrols" in office
    assert "This was due on 23 October 2026, 30 days ago." in office
    assert "2. Two patrol boats on the water" in office
    assert "This was due on 12 November 2026, 10 days ago." in office
    assert "The last update we have (2 October 2026, in progress): Engines assessed; parts ordered." in office
    assert "We have no update on this one yet." in office
    assert "{{" not in office and "{%" not in office
    radio = (project / "out/reminders/radio.md").read_text(encoding="utf-8")
    assert "about your commitment\n" in radio
    assert "Dear colleagues at Sauti FM," in radio  # no representative: the organisation's people
    assert "Thank you again for what you committed to at the Test Bay retreat" in radio
    assert "what Sauti FM committed to" not in radio
    assert "check in on the commitment that falls due soon:" in radio
    assert "This is due today, 22 November 2026." in radio
    church = (project / "out/reminders/church.md").read_text(encoding="utf-8")
    assert "Dear Fr. Jose," in church and "for what you committed to" in church  # a person, by name
    assert "This is due on 6 December 2026, in 14 days." in church
    assert "check in on the commitment that falls due soon:" in church


@pytest.mark.parametrize(
    "within, included, excluded",
    [
        ("0", ["office-fuel", "radio-show"], ["church-homily"]),
        ("13", ["radio-show"], ["church-homily"]),
        ("15", ["church-homily", "lodge-boat"], ["college-course"]),
        ("32", ["college-course"], ["lodge-done", "lodge-dropped"]),
        ("31", ["lodge-boat"], ["college-course"]),
    ],
)
def test_within_boundaries(project, invoke, within, included, excluded):
    result = invoke("remind", "--within", within, "--format", "json", "-p", project)
    assert result.exit_code == 0, result
    ids = [c["id"] for r in json.loads(result.stdout) for c in r["commitments"]]
    for c in included:
        assert c in ids
    for c in excluded:
        assert c not in ids


def test_json_is_the_only_thing_on_stdout_and_writes_no_files(project, invoke):
    result = invoke("remind", "--format", "json", "-p", project)
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [r["stakeholder"] for r in data] == ["office", "radio", "church"]
    office = data[0]
    assert office["representative"] == "Joseph Mwakilema"
    assert office["most_overdue_days"] == 30
    assert [(c["id"], c["due"], c["days_overdue"]) for c in office["commitments"]] == [
        ("office-fuel", "2026-10-23", 30),
        ("office-boats", "2026-11-12", 10),
    ]
    assert office["commitments"][1]["last_update"] == {
        "date": "2026-10-02", "note": "Engines assessed; parts ordered.", "status": "in_progress",
    }
    assert office["commitments"][0]["last_update"] is None
    assert "Dear Joseph Mwakilema," in office["message"]
    assert data[2]["commitments"][0]["days_overdue"] == -14
    assert not (project / "out").exists()


def test_nobody_to_remind(make_project, invoke):
    root = make_project({**STAKEHOLDERS, "commitments/lodge-boat.yaml": COMMITMENTS["commitments/lodge-boat.yaml"]})
    result = invoke("remind", "-p", root)
    assert result.exit_code == 0
    assert "Nobody has a commitment overdue or due within 14 days. Nothing to send." in result.stdout
    assert not (root / "out").exists()
    assert json.loads(invoke("remind", "--format", "json", "-p", root).stdout) == []


def test_out_folder_and_project_template(project, invoke, tmp_path):
    (project / "templates").mkdir()
    (project / "templates/reminder.md.j2").write_text(
        "Habari {{ recipient.greeting }}!\n{% for c in commitments %}- {{ c.text }}: {{ c.how_late }}\n{% endfor %}",
        encoding="utf-8",
    )
    result = invoke("remind", "--out", tmp_path / "letters", "-p", project)
    assert result.exit_code == 0, result
    office = (tmp_path / "letters/office.md").read_text(encoding="utf-8")
    assert office == "Habari Joseph Mwakilema!\n- Fuel for patrols: 30 days overdue\n- Two patrol boats on the water: 10 days overdue\n"
    assert not (project / "out").exists()


def test_user_text_arrives_as_typed(make_project, invoke):
    root = make_project(
        {
            "stakeholders/a.yaml": 'name: "<Bahari> & Sons"\nsector: private_sector\n',
            "commitments/a-x.yaml": commitment("a", """'"No undersize octopus" {{ not a tag }}'""", "2026-11-20"),
        }
    )
    result = invoke("remind", "-p", root)
    assert result.exit_code == 0, result
    text = (root / "out/reminders/a.md").read_text(encoding="utf-8")
    assert "Dear colleagues at &lt;Bahari> & Sons," in text  # Markdown that shows <Bahari>, not a tag
    assert '1. "No undersize octopus" {{ not a tag }}' in text


@pytest.mark.parametrize(
    "args, message",
    [(["--within", "-1"], "--within"), (["--within", "soon"], "--within"), (["--format", "odt"], "--format")],
)
def test_bad_options_are_usage_errors(project, invoke, args, message):
    result = invoke("remind", *args, "-p", project)
    assert result.exit_code == 2
    assert message in result.stderr


def test_a_project_with_errors_is_refused(make_project, invoke):
    root = make_project({**STAKEHOLDERS, "commitments/x.yaml": commitment("nobody", "Something", "2026-11-20")})
    result = invoke("remind", "-p", root)
    assert result.exit_code == 1
    assert "commitments/x.yaml:1:14: error: stakeholder: no stakeholder with id 'nobody'" in result.stderr
    assert not (root / "out").exists()


def test_the_sample_project(sample, invoke):
    result = invoke("remind", "-p", sample)
    assert result.exit_code == 0, result
    assert result.stdout.index("Wakivuko Fishing Families Council") < result.stdout.index("Kivuko Ice and Cold Storage")
    assert "21 days overdue: Persuade Wakivuko" in result.stdout
    invoke("remind", "--within", "30", "-p", sample)
    message = (sample / "out/reminders/kivuko-district-fisheries-office.md").read_text(encoding="utf-8")
    assert "Dear Joseph Mwakilema," in message
    assert "The last update we have (10 November 2026, in progress): Boat 1 relaunched on 8 November" in message


def test_word_letters_one_per_stakeholder(project, invoke):
    result = invoke("remind", "--format", "docx", "-p", project)
    assert result.exit_code == 0, result
    assert sorted(p.name for p in (project / "out/reminders").iterdir() if not p.name.startswith(".")) == ["church.docx", "office.docx", "radio.docx"]
    assert "out/reminders/office.docx" in result.stdout
    text = docx_text(project / "out/reminders/office.docx")
    assert "Dear Joseph Mwakilema," in text
    assert "check in on the commitments that are now past their due date:" in text
    assert "Fuel for patrols" in text and "23 October 2026 | 30 days overdue" in text
    assert "12 November 2026 | 10 days overdue" in text
    assert "The last update we have (2 October 2026, in progress): Engines assessed; parts ordered." in text
    assert "We have no update on this one yet." in text
    assert "{{" not in text and "{%" not in text
    assert "For  Joseph Mwakilema" in text
    church = docx_text(project / "out/reminders/church.docx")
    assert "6 December 2026 | due in 14 days" in church
    assert "Dear Fr. Jose," in church and "Thank you again for what you committed to" in church
    radio = docx_text(project / "out/reminders/radio.docx")
    assert "Dear colleagues at Sauti FM," in radio and "For " not in radio


def test_a_stakeholder_who_is_their_own_representative_is_thanked_as_you(make_project, invoke):
    root = make_project(
        {
            "stakeholders/sheikh.yaml": "name: Sheikh Abdallah\nsector: faith_traditional\nrepresentative: Sheikh Abdallah\n",
            "commitments/sheikh-khutba.yaml": commitment("sheikh", "Friday khutba on the fishing rules", "2026-11-20"),
        }
    )
    assert invoke("remind", "--format", "docx", "-p", root).exit_code == 0
    text = docx_text(root / "out/reminders/sheikh.docx")
    assert "Dear Sheikh Abdallah," in text and "Thank you again for what you committed to" in text
    assert "For " not in text  # the heading names him already


def test_out_must_be_a_folder(project, invoke, tmp_path):
    taken = tmp_path / "taken"
    taken.write_text("mine", encoding="utf-8")
    result = invoke("remind", "--out", taken, "-p", project)
    assert result.exit_code == 2
    assert "is a file, not a folder" in result.stderr
    assert taken.read_text(encoding="utf-8") == "mine"


def test_overdue_and_upcoming_together(make_project, invoke):
    root = make_project(
        {
            **STAKEHOLDERS,
            "commitments/radio-late.yaml": commitment("radio", "Jingle on the bylaws", "2026-11-21"),
            "commitments/radio-soon.yaml": commitment("radio", "Weekly call-in show", "2026-11-23"),
        }
    )
    assert invoke("remind", "-p", root).exit_code == 0
    text = (root / "out/reminders/radio.md").read_text(encoding="utf-8")
    assert "check in on the commitments that are past their due date or fall due soon:" in text
    assert "1. Jingle on the bylaws  \n   This was due yesterday, 21 November 2026." in text
    assert "2. Weekly call-in show  \n   This is due tomorrow, 23 November 2026." in text


@pytest.mark.parametrize("columns", [80, 60])
def test_a_narrow_terminal_keeps_ids_phones_and_addresses_whole(sample, invoke, monkeypatch, tmp_path, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    records = json.loads(invoke("remind", "-p", sample, "--format", "json").stdout)
    result = invoke("remind", "-p", sample, "--out", tmp_path / "messages")
    assert result.exit_code == 0, result
    table = result.stdout[: result.stdout.index("messages to send")]
    assert max(len(line) for line in table.splitlines()) <= columns
    assert len(records) == 8  # the Coastal Chronicle's monthly page is due on 6 December
    cells = [cell.strip() for line in table.splitlines() for cell in line.split("│")]
    columns_of = {}  # each column's text, top to bottom: a cell wrapped over lines reads whole again
    for line in table.splitlines():
        for n, cell in enumerate(line.split("│")):
            columns_of.setdefault(n, []).append(cell.strip())
    flowing = " ".join(" ".join(" ".join(column).split()) for column in columns_of.values())
    for r in records:
        assert r["name"] in flowing and r["representative"] in flowing  # wrapped between words at most
        for reach in (r["phone"], r["email"]):
            assert reach is None or reach in cells  # a number or address is never cut
        for c in r["commitments"]:
            assert " ".join(c["text"].split()[:2]) in flowing, c["id"]  # the promise in words, not its id
    assert flowing.index(records[0]["name"]) < flowing.index(records[1]["name"])  # the most overdue first


def test_a_wide_terminal_keeps_a_column_each(sample, invoke, monkeypatch, tmp_path):
    monkeypatch.setenv("COLUMNS", "160")
    out = invoke("remind", "-p", sample, "--out", tmp_path / "messages").stdout
    assert re.search(r"Stakeholder +┃ Representative +┃ Phone / e-mail +┃ Commitments \(most urgent first\)", out)
    assert "12 days overdue: Build ten improved fish-smoking" in out


def test_an_earlier_message_to_someone_no_longer_due_is_removed(invoke, make_project, monkeypatch):
    root = make_project({
        "stakeholders/a.yaml": "name: A\nsector: media\n",
        "stakeholders/b.yaml": "name: B\nsector: media\n",
        "commitments/a1.yaml": "stakeholder: a\ntext: T\nhorizon: 100\ndue: 2026-11-20\n",
        "commitments/b1.yaml": "stakeholder: b\ntext: U\nhorizon: 100\ndue: 2026-11-21\n",
    })
    assert invoke("remind", "-p", root).exit_code == 0
    (root / "out" / "reminders" / "notes.md").write_text("mine\n")
    invoke("update", "b1", "--status", "done", "-p", root)
    result = invoke("remind", "-p", root)
    assert result.exit_code == 0
    assert sorted(p.name for p in (root / "out" / "reminders").iterdir() if not p.name.startswith(".")) == ["a.md", "notes.md"]
    assert "removed" in result.stderr and "b.md" in result.stderr


def test_a_joint_commitment_is_one_letter_to_its_lead_copied_to_the_partners(invoke, make_project):
    root = make_project({
        "scaleplus.yaml": (
            "name: Test Bay\nchallenge: Fish stocks are falling.\nretreat:\n  start: 2026-09-15\n"
            "contact:\n  name: Halima Said\n  email: si-team@example.org\n"
        ),
        "stakeholders/telecom.yaml": "name: Coast Telecom\nsector: private_sector\nrepresentative: Ama Owusu\n",
        "stakeholders/commission.yaml": "name: Fisheries Commission\nsector: government\n",
        "stakeholders/donor.yaml": "name: Blue Fund\nsector: donor\n",
        "commitments/app.yaml": (
            "stakeholder: telecom\npartners: [commission, donor]\ntext: A phone app for catch records\n"
            "horizon: 100\ndue: 2026-11-01\n"
        ),
    })
    result = invoke("remind", "-p", root)
    assert result.exit_code == 0, result
    letters = sorted(p.name for p in (root / "out" / "reminders").iterdir() if not p.name.startswith("."))
    assert letters == ["telecom.md"]  # one letter per promise, to its lead
    letter = (root / "out" / "reminders" / "telecom.md").read_text(encoding="utf-8")
    assert "A joint commitment with Fisheries Commission, Blue Fund, who receive a copy of this message." in letter
    assert "You can reply to the Systems Integration Team: Halima Said, si-team@example.org." in letter
    word = invoke("remind", "-p", root, "--format", "docx")
    assert word.exit_code == 0, word
    text = docx_text(root / "out" / "reminders" / "telecom.docx")
    assert "A joint commitment with Fisheries Commission, Blue Fund, who receive a copy of this message." in text
    assert "You can reply to the Systems Integration Team: Halima Said, si-team@example.org." in text
