"""Check-ins, for the person's own export and restore."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.export_tables import Table, export_tables, restore_tables
from core.pdf import Writer
from mood.checkins import Entry, valid_document
from mood.models import CheckIn

VERSION = 1
TITLE = gettext_lazy("How I felt")
TABLES = [
    Table(
        CheckIn,
        "check_ins",
        json=["data"],
        valid=lambda documents: valid_document(documents["data"]),
    )
]


def export(user, box) -> dict:
    return export_tables(user, box, TABLES, VERSION)


def restore(user, box, data) -> None:
    restore_tables(user, box, data, TABLES, VERSION)


def readable(out: Writer, data: dict) -> None:
    """The export's PDF: each check-in, oldest day first, with what was added."""
    out.section(_("Check-ins, day by day"))
    rows = [row for row in data.get("check_ins") or [] if row.get("data")]
    if not rows:
        out.small(_("Nothing written here yet."))
        return
    entries = [Entry.from_document(None, row["data"]) for row in rows]
    for entry in sorted(entries, key=lambda e: e.day):
        out.line(f"{entry.day.isoformat()}: {entry.mood_words} ({entry.mood}/5)")
        facts = []
        if entry.energy:
            facts.append(f"{_('Energy')}: {entry.energy_words}")
        if entry.sleep is not None:
            facts.append(_("%(hours)s hours of sleep") % {"hours": f"{entry.sleep:g}"})
        if entry.safe:
            facts.append(f"{_('Felt safe')}: {entry.safe_words}")
        if entry.tag_words:
            facts.append(", ".join(str(word) for word in entry.tag_words))
        if facts:
            out.small(" · ".join(facts))
        if entry.note:
            out.small(entry.note)
