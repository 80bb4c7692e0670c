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

INTRO = (
    "Thank you again for what {{ recipient.committed_by }} committed to at the {{ project.name }} retreat"
    "{% if project.dates %} ({{ project.dates }}){% endif %}. The whole system is counting on it, and we are"
    ' writing to check in on {{ "the commitment" if count == 1 else "the commitments" }} that'
    ' {% if overdue_count == count %}{{ "is" if count == 1 else "are" }} now past {{ "its" if count == 1 else "their" }}'
    " due date{% elif overdue_count %}are past their due date or fall due soon"
    '{% else %}{{ "falls" if count == 1 else "fall" }} due soon{% endif %}:'
)
ASK = (
    "Could you let us know where things stand? A short reply or a call is enough. If something is in the way,"
    " tell us: the team can help find a partner, resources or advice, and if a date needs to move, we will"
    " agree a new one together."
)


def reminder() -> Document:
    doc = new_document("Reminder")
    para(doc, "A friendly reminder", "Kicker")
    para(doc, "{{ recipient.name }}", "Heading 1").paragraph_format.space_before = Pt(0)
    labelled(doc, "For", "{{ recipient.attention }}", "recipient.attention")
    labelled(doc, "Contact", "{{ recipient.contact }}", "recipient.contact")
    labelled(doc, "Date", "{{ project.prepared }}")
    _rule(para(doc, after=10), "bottom", "1F4E4C")
    para(doc, "Dear {{ recipient.greeting }},", after=8)
    para(doc, INTRO, after=8)
    loop_table(
        doc,
        "c in commitments",
        [
            ("#", 0.8, "{{ c.number }}"),
            (
                "Commitment",
                10.2,
                cell_lines(
                    ("bold", "{{ c.text }}"),
                    "{%p if c.last_update %}",
                    ("Cell Small", "Last update ({{ c.last_update }}{% if c.last_status %}, {{ c.last_status }}{% endif %}):"
                     " {{ c.last_note if c.last_note else 'no note' }}"),
                    "{%p else %}",
                    ("Cell Small", "We have no update on this one yet."),
                    "{%p endif %}",
                ),
            ),
            ("Due", 3.0, "{{ c.due_text }}"),
            ("When", 3.0, "{{ c.how_late }}"),
        ],
    )
    para(doc, after=6)
    para(doc, ASK, after=8)
    para(doc, "Thank you for everything you are doing for {{ project.name }}.", after=14)
    para(doc, "Warm regards,", after=16)
    para(doc, "{{ signed }}", bold=True, after=0)
    para(doc, "{{ project.name }}", color=MUTED)
    return doc


HEADLINE = (
    "{% if delivered_count %}{{ delivered_count }} commitment{{ 's' if delivered_count != 1 }} delivered"
    "{% if champions %} by {{ champions | length }} champion{{ 's' if champions | length != 1 }}"
    "{% if champion_sector_count > 1 %} from {{ champion_sector_count }} sectors{% endif %}{% endif %},"
    " {{ updates_count }} progress update{{ 's' if updates_count != 1 }} recorded"
    "{% if indicators_moved %}, and {{ indicators_moved }} shared indicator{{ 's' if indicators_moved != 1 }}"
    " measured again{% endif %}. Thank you to everyone who made it happen."
    "{% else %}{{ updates_count }} progress update{{ 's' if updates_count != 1 }} recorded"
    "{% if indicators_moved %} and {{ indicators_moved }} shared indicator{{ 's' if indicators_moved != 1 }}"
    " measured again{% endif %}. The first deliveries are on their way.{% endif %}"
)
STILL_OPEN = (
    "Of {{ total }} commitment{{ 's' if total != 1 }}, {{ done_count }} {{ 'is' if done_count == 1 else 'are' }} done ({{ done_share }}),"
    " {{ in_progress_count }} in progress and {{ pledged_count }} pledged{% if dropped_count %};"
    " {{ dropped_count }} {{ 'was' if dropped_count == 1 else 'were' }} set aside{% endif %}.{% if overdue_count %}"
    " {{ overdue_count }} {{ 'is' if overdue_count == 1 else 'are' }} past {{ 'its' if overdue_count == 1 else 'their' }}"
    " date: the team is following up, and help is welcome.{% endif %}"
)


def bulletin() -> Document:
    doc = new_document("Progress bulletin")
    para(doc, "Progress bulletin · {{ project.prepared }}", "Kicker")
    para(doc, "{{ project.name }}", "Title")
    para(doc, "News for everyone in the system, {{ period }}", "Subtitle")
    headline = para(doc, HEADLINE, bold=True, color=ACCENT, after=8)
    headline.runs[0].font.size = Pt(12)
    _rule(headline, "bottom", "1F4E4C")

    para(doc, "Delivered", "Heading 1")
    tag(doc, "{%p if delivered %}")
    loop_table(
        doc,
        "c in delivered",
        [
            ("#", 0.8, "{{ c.number }}"),
            ("Who", 5.2, cell_lines(("bold", "{{ c.stakeholder }}"),
                                    ("Cell Small", "{{ c.sector }}{% if c.done_text %} · {{ c.done_short }}{% endif %}"))),
            ("What they delivered", 11.0, cell_lines("{{ c.text }}", "{%p if c.story %}",
                                                     ("Cell Small", "{{ c.story }}"), "{%p endif %}")),
        ],
    )
    tag(doc, "{%p else %}")
    para(doc, "Nothing was marked done in this period yet.", italic=True)
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if champions %}")
    para(doc, "Our champions", "Heading 1")
    para(doc, "{{ champions_sentence }}", after=6)
    names = para(doc, "{% for c in champions %}", after=6)
    names.add_run("{{ c.name }}").bold = True
    names.add_run(" ({{ c.sector }}{% if c.delivered > 1 %}, {{ c.delivered }} delivered{% endif %})"
                  "{% if not loop.last %}  ·  {% endif %}{% endfor %}")
    tag(doc, "{%p endif %}")

    para(doc, "Our shared indicators", "Heading 1")
    tag(doc, "{%p if indicators %}")
    loop_table(
        doc,
        "i in indicators",
        [
            ("Indicator", 6.2, cell_lines(("bold", "{{ i.name }}"))),
            ("Started at", 2.2, "{{ i.baseline_with_unit }}"),
            ("Now", 2.6, cell_lines("{{ i.now_text }}", ("Cell Small", "{{ i.measured_text }}"))),
            ("Target", 2.2, "{{ i.target_with_unit }}"),
            ("Progress", 3.8, "{{ (i.bar ~ ' ') if i.bar else '' }}{{ i.progress_text }}"),
        ],
    )
    tag(doc, "{{p pictures.indicators }}")
    tag(doc, "{%p if indicators_more or indicators_not_measured %}")
    para(doc, "{% if indicators_more %}{{ indicators_more }} more indicator{{ 's were' if indicators_more != 1 else ' was' }}"
              " measured in this period (the work plan lists them all). {% endif %}{% if indicators_not_measured %}"
              "{{ indicators_not_measured }} other indicator{{ 's have' if indicators_not_measured != 1 else ' has' }}"
              " not been measured in this period yet.{% endif %}", "Meta", color=MUTED)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    para(doc, "No indicator has been measured in this period yet.", italic=True)
    tag(doc, "{%p endif %}")

    para(doc, "Latest updates", "Heading 1")
    tag(doc, "{%p if updates %}")
    loop_table(
        doc,
        "u in updates",
        [
            ("Date", 2.4, "{{ u.date_short }}"),
            ("Who", 4.6, cell_lines(("bold", "{{ u.stakeholder }}"), "{%p if u.status %}",
                                    ("Cell Small", "{{ u.status }}"), "{%p endif %}")),
            ("Update", 10.0, "{{ u.note if u.note else u.commitment }}"),
        ],
    )
    tag(doc, "{%p if updates_more %}")
    para(doc, "… and {{ updates_more }} more update{{ 's' if updates_more != 1 }}.", "Meta", color=MUTED)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p else %}")
    para(doc, "No update was recorded in this period.", italic=True)
    tag(doc, "{%p endif %}")

    tag(doc, "{%p if changes %}")
    para(doc, "What changed in the system", "Heading 1")
    para(doc, "{{ changes_period }}", "Meta", color=MUTED)
    tag(doc, "{%p for section in changes %}")
    para(doc, "{{ section.heading }}", "Heading 3")
    tag(doc, "{%p for line in section.lines %}")
    para(doc, "{{ line }}", after=2)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")

    para(doc, "Still open", "Heading 1")
    para(doc, STILL_OPEN, after=6)
    tag(doc, "{%p if upcoming %}")
    para(doc, "Coming up in the next {{ upcoming_days }} days", "Heading 3")
    loop_table(
        doc,
        "c in upcoming",
        [
            ("Due", 2.4, "{{ c.due_short }}"),
            ("Who", 4.6, cell_lines(("bold", "{{ c.stakeholder }}"))),
            ("Commitment", 10.0, "{{ c.text }}"),
        ],
    )
    tag(doc, "{%p if upcoming_more %}")
    para(doc, "… and {{ upcoming_more }} more.", "Meta", color=MUTED)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p endif %}")
    closing = para(doc, "Have news to share? Tell {{ team }}, and it will be in the next bulletin.", italic=True, after=0)
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
