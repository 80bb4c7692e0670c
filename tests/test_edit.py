"""Edits change only the lines they mean to: everything else stays byte for byte."""

import datetime as dt

import pytest

from scaleplus_cli.edit import EditError, YamlEdit
from scaleplus_cli.models import COMMITMENT

ORDER = [f.name for f in COMMITMENT.fields]

COMMITMENT_TEXT = """\
# Pledged on day 3, read aloud.
stakeholder: fisheries-office   # the district office
text: Two patrol boats on the water
barriers: [no-boats, rules-not-enforced]
horizon: 100
status: pledged
updates:
- date: 2026-10-01
  note: |
    Boat one bought.
    Engine still missing.

  status: in_progress
# keep this comment
"""


def test_append_update_adds_only_the_new_lines():
    edit = YamlEdit(COMMITMENT_TEXT)
    edit.append(["updates"], {"date": dt.date(2026, 11, 1), "note": "Both boats out", "status": "done"})
    assert edit.result == COMMITMENT_TEXT.replace(
        "  status: in_progress\n",
        "  status: in_progress\n- date: 2026-11-01\n  note: Both boats out\n  status: done\n",
    )


def test_set_scalar_changes_one_line_and_keeps_its_comment():
    edit = YamlEdit(COMMITMENT_TEXT)
    edit.set(["stakeholder"], "council")
    edit.set(["status"], "in_progress")
    expected = COMMITMENT_TEXT.replace("stakeholder: fisheries-office ", "stakeholder: council ").replace(
        "status: pledged", "status: in_progress"
    )
    assert edit.result == expected


def test_flow_list_stays_flow():
    edit = YamlEdit(COMMITMENT_TEXT)
    edit.set(["barriers"], ["no-boats"])
    assert "barriers: [no-boats]\n" in edit.result


def test_missing_key_goes_in_schema_order():
    edit = YamlEdit("stakeholder: a\ntext: b\nhorizon: 100\n# end\n")
    edit.set(["resources"], "two boats", order=ORDER)
    edit.append(["updates"], {"date": dt.date(2026, 1, 2), "note": "x"}, order=ORDER)
    assert edit.result == (
        "stakeholder: a\ntext: b\nhorizon: 100\nresources: two boats\nupdates:\n  - date: 2026-01-02\n    note: x\n# end\n"
    )


def test_multiline_text_becomes_a_block_and_reads_back():
    edit = YamlEdit("text: one\nhorizon: 100\n")
    edit.set(["text"], "line <1>\nline & 2")
    assert edit.result == "text: |-\n  line <1>\n  line & 2\nhorizon: 100\n"


def test_crlf_files_keep_crlf():
    edit = YamlEdit("text: one\r\nhorizon: 100\r\n")
    edit.set(["text"], "two")
    assert edit.result == "text: two\r\nhorizon: 100\r\n"


def test_empty_value_is_filled_in_place():
    edit = YamlEdit("name: A\nemail:\nphone: 1\n")
    edit.set(["email"], "a@b.org")
    assert edit.result == "name: A\nemail: a@b.org\nphone: 1\n"


def test_remove_key_removes_its_lines_only():
    edit = YamlEdit("name: A\nnotes: |\n  x\n  y\nphone: 1\n")
    edit.remove(["notes"])
    assert edit.result == "name: A\nphone: 1\n"


def test_flow_mapping_is_refused_not_rewritten():
    with pytest.raises(EditError):
        YamlEdit("{name: A, sector: media}\n").set(["name"], "B")


def test_mixed_line_endings_are_refused_not_normalised():
    with pytest.raises(EditError, match="mixes"):
        YamlEdit("text: one\r\nhorizon: 100\n")


def test_block_scalar_at_the_end_of_the_file_gains_no_blank_line():
    edit = YamlEdit("name: A\nnotes: |\n  one\n  two\n")
    edit.set(["notes"], "one\nthree\n")
    assert edit.result == "name: A\nnotes: |\n  one\n  three\n"


def test_shared_values_are_written_out_not_aliased():
    from scaleplus_cli.serialize import to_yaml

    day = dt.date(2026, 12, 1)
    tags = ["a", "b"]
    text = to_yaml({"start": day, "end": day, "x": tags, "y": tags})
    assert "&" not in text and "*" not in text
    assert text == "start: 2026-12-01\nend: 2026-12-01\nx:\n  - a\n  - b\ny:\n  - a\n  - b\n"


@pytest.mark.parametrize("empty", ["updates: []  # the log", "updates:   # the log", "updates: ~  # the log", "updates: Null  # the log"])
def test_filling_an_empty_list_keeps_the_comment_on_its_line(empty):
    edit = YamlEdit(f"text: a\n{empty}\nstatus: pledged\n")
    edit.append(["updates"], {"date": dt.date(2026, 11, 1), "note": "n"})
    spaces = " " * (3 if empty == "updates:   # the log" else 2)
    assert edit.result == f"text: a\nupdates:{spaces}# the log\n  - date: 2026-11-01\n    note: n\nstatus: pledged\n"


def test_a_list_that_grows_keeps_its_comments():
    text = "raised_by:\n  # day 1\n  - radio   # spoke first\n  - council\nsector: media\n"
    edit = YamlEdit(text)
    edit.set(["raised_by"], ["radio", "council", "elders"])
    assert edit.result == text.replace("  - council\n", "  - council\n  - elders\n")
    edit = YamlEdit(text)
    edit.set(["raised_by"], ["radio", "lodge"])
    assert edit.result == text.replace("  - council\n", "  - lodge\n")


def test_an_anchored_value_is_refused_not_broken():
    edit = YamlEdit("status: &s pledged\nresources: *s\n")
    with pytest.raises(EditError, match="anchor"):
        edit.set(["status"], "done")
    assert edit.result == "status: &s pledged\nresources: *s\n"
