"""Builds the Word templates of the follow-up documents (reminder.docx, bulletin.docx) in templates/,
with the styles and building blocks of build_templates.py so that every document looks alike.

The .docx files are committed; run this script again only to change their layout in code:

    python tools/build_progress_templates.py

As with the other templates, a facilitator may restyle a copy in Word and save it in a project's
templates/ folder; the {{ ... }} and {%...%} tags must stay as they are.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE.parent / "templates"  # where the packaged templates live
sys.path.insert(0, str(HERE))

from build_templates import (  # noqa: E402
    ACCENT,
    T,
    MUTED,
    _rule,
    cell_lines,
    labelled,
    loop_table,
    new_document,
    para,
    save,
    tag,
)
from docx import Document  # noqa: E402
from docx.shared import Pt  # noqa: E402

ASK = T(
    "Could you let us know where things stand? A short reply to this message or a call is enough. If something is"
    " in the way, tell us: the team can help find a partner, resources or advice, and if a date needs to move,"
    " we will agree a new one together."
)


def reminder() -> Document:
    doc = new_document("Reminder")
    para(doc, T("A friendly reminder"), "Kicker")
    para(doc, "{{ recipient.name }}", "Heading 1").paragraph_format.space_before = Pt(0)
    labelled(doc, "For", "{{ recipient.attention }}", "recipient.attention")
    labelled(doc, "Contact", "{{ recipient.contact }}", "recipient.contact")
    labelled(doc, "Date", "{{ project.prepared }}")
    _rule(para(doc, after=10), "bottom", "1F4E4C")
    para(doc, "{{ recipient.salutation }}", after=8)
    para(doc, "{{ opening }}", after=8)
    loop_table(
        doc,
        "c in commitments",
        [
            ("#", 0.8, "{{ c.number }}"),
            (
                T("Commitment"),
                10.2,
                cell_lines(
                    ("bold", "{{ c.text }}"),
                    "{%p if c.partners_text %}",
                    ("Cell Small", T("A joint commitment with %(partners)s, who receive a copy of this message.", partners="c.partners_text")),
                    "{%p endif %}",
                    "{%p if c.last_update %}",
                    ("Cell Small", "{% if c.last_status %}" + T("The last update we have (%(date)s, %(status)s):", date="c.last_update", status="c.last_status")
                     + "{% else %}" + T("The last update we have (%(date)s):", date="c.last_update") + "{% endif %}"
                     + " {{ c.last_note if c.last_note else _('no note') }}"),
                    "{%p else %}",
                    ("Cell Small", T("We have no update on this one yet.")),
                    "{%p endif %}",
                ),
            ),
            (T("Due"), 3.0, "{{ c.due_text }}"),
            (T("When"), 3.0, "{{ c.how_late }}"),
        ],
    )
    para(doc, after=6)
    para(doc, ASK, after=8)
    para(doc, T("Thank you for everything you are doing for %(project)s.", project="project.name"), after=14)
    tag(doc, "{%p if project.contact_text and project.team %}")  # the backbone circle by its name
    para(doc, T("You can reply to %(team)s: %(contact)s.", team="project.team", contact="project.contact_text"), after=14)
    tag(doc, "{%p elif project.contact_text %}")
    para(doc, T("You can reply to the Systems Integration Team: %(contact)s.", contact="project.contact_text"), after=14)
    tag(doc, "{%p endif %}")
    para(doc, T("Warm regards,"), after=16)
    para(doc, "{{ signed }}", bold=True, after=0)
    para(doc, "{{ project.name }}", color=MUTED)
    return doc


def bulletin() -> Document:
    doc = new_document("Progress bulletin")
    para(doc, T("Progress bulletin · %(date)s", date="project.prepared"), "Kicker")
    para(doc, "{{ project.name }}", "Title")
    para(doc, "{{ news_for_everyone }}", "Subtitle")
    headline = para(doc, "{{ headline }}", bold=True, color=ACCENT, after=8)
    headline.runs[0].font.size = Pt(12)
    _rule(headline, "bottom", "1F4E4C")

    para(doc, T("Delivered"), "Heading 1")
    tag(doc, "{%p if delivered %}")
    loop_table(
        doc,
        "c in delivered",
        [
            ("#", 0.8, "{{ c.number }}"),
            (T("Who"), 5.2, cell_lines(("bold", "{{ c.stakeholder }}"),
                                    ("Cell Small", "{{ c.sector }}{% if c.done_text %} · {{ c.done_short }}{% endif %}"))),
            (T("What they delivered"), 11.0, cell_lines("{{ c.text }}", "{%p if c.story %}",
                                                     ("Cell Small", "{{ c.story }}"), "{%p endif %}")),
        ],
    )
    tag(doc, "{%p else %}")
    para(doc, T("Nothing was marked done in this period yet."), italic=True)
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if champions %}")
    para(doc, T("Our champions"), "Heading 1")
    para(doc, "{{ champions_sentence }}", after=6)
    names = para(doc, "{% for c in champions %}", after=6)
    names.add_run("{{ c.name }}").bold = True
    names.add_run(" ({{ c.sector }}{% if c.delivered > 1 %}, {{ c.delivered_text }}{% endif %})"
                  "{% if not loop.last %}  ·  {% endif %}{% endfor %}")
    tag(doc, "{%p endif %}")

    para(doc, T("Our shared indicators"), "Heading 1")
    tag(doc, "{%p if indicators %}")
    loop_table(
        doc,
        "i in indicators",
        [
            (T("Indicator"), 6.2, cell_lines(("bold", "{{ i.name }}"))),
            (T("Started at"), 2.2, "{{ i.baseline_with_unit }}"),
            (T("Now"), 2.6, cell_lines("{{ i.now_text }}", ("Cell Small", "{{ i.measured_text }}"))),
            (T("Target"), 2.2, "{{ i.target_with_unit }}"),
            (T("Progress"), 3.8, "{{ (i.bar ~ ' ') if i.bar else '' }}{{ i.progress_text }}"),
        ],
    )
    tag(doc, "{{p pictures.indicators }}")
    tag(doc, "{%p if indicators_note %}")
    para(doc, "{{ indicators_note }}", "Meta", color=MUTED)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    para(doc, T("No indicator has been measured in this period yet."), italic=True)
    tag(doc, "{%p endif %}")

    para(doc, T("Latest updates"), "Heading 1")
    tag(doc, "{%p if updates %}")
    loop_table(
        doc,
        "u in updates",
        [
            (T("Date"), 2.4, "{{ u.date_short }}"),
            (T("Who"), 4.6, cell_lines(("bold", "{{ u.stakeholder }}"), "{%p if u.status %}",
                                    ("Cell Small", "{{ u.status }}"), "{%p endif %}")),
            (T("Update"), 10.0, "{{ u.note if u.note else u.commitment }}"),
        ],
    )
    tag(doc, "{%p if updates_more %}")
    para(doc, "{{ updates_more_text }}", "Meta", color=MUTED)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    para(doc, T("No update was recorded in this period."), italic=True)
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if changes %}")
    para(doc, T("What changed in the system"), "Heading 1")
    para(doc, "{{ changes_period }}", "Meta", color=MUTED)
    tag(doc, "{%p for section in changes %}")
    para(doc, "{{ section.heading }}", "Heading 3")
    tag(doc, "{%p for line in section.lines %}")
    para(doc, "{{ line }}", after=2)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    para(doc, T("Still open"), "Heading 1")
    para(doc, "{{ still_open }}", after=6)
    tag(doc, "{%p if upcoming %}")
    para(doc, "{{ upcoming_title }}", "Heading 3")
    loop_table(
        doc,
        "c in upcoming",
        [
            (T("Due"), 2.4, "{{ c.due_short }}"),
            (T("Who"), 4.6, cell_lines(("bold", "{{ c.stakeholder }}"))),
            (T("Commitment"), 10.0, "{{ c.text }}"),
        ],
    )
    tag(doc, "{%p if upcoming_more %}")
    para(doc, "{{ upcoming_more_text }}", "Meta", color=MUTED)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    closing = para(doc, T("Have news to share? Tell %(team)s, and it will be in the next bulletin.", team="team"), italic=True, after=0)
    closing.paragraph_format.space_before = Pt(12)
    return doc


def main() -> None:
    builders = {"reminder": reminder, "bulletin": bulletin}
    names = sys.argv[1:] or list(builders)
    for name in names:
        path = TEMPLATES / f"{name}.docx"
        save(builders[name](), path)
        print(path.name)


if __name__ == "__main__":
    main()
