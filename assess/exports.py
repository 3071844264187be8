"""Kept checks and the reconciliation record, for the person's own export and restore."""

from __future__ import annotations

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from accounts.export_tables import Table, export_tables, restore_tables
from assess import content
from assess.models import Conditions, Observation, SavedCheck, Step
from core.pdf import Writer

VERSION = 1
TITLE = _("Checks and reconciliation")


def _dated(documents: dict) -> bool:
    """The timeline is sorted by the date inside the document: it must be a date."""
    try:
        datetime.date.fromisoformat(documents["data"]["on"])
    except (KeyError, TypeError, ValueError):
        return False
    return True


TABLES = [
    Table(SavedCheck, "saved_checks", json=["data"], plain=["kind"]),
    Table(Observation, "reconciliation_notes", json=["data"], valid=_dated),
    Table(Step, "reconciliation_steps", json=["data"], valid=_dated),
    Table(Conditions, "conditions", text=["conditions", "trusted_person"], single=True),
]


def export(user, box) -> dict:
    return export_tables(user, box, TABLES, VERSION)


def restore(user, box, data) -> None:
    restore_tables(user, box, data, TABLES, VERSION)


def _day(row: dict) -> str:
    moment = parse_datetime(str(row.get("created_at", "")))
    return timezone.localtime(moment).date().isoformat() if moment else ""


def _relationship(out: Writer, row: dict) -> None:
    data = row.get("data") or {}
    out.heading(_("Relationship check, %(date)s") % {"date": _day(row)})
    about = content.RELATIONSHIP_LABELS.get(data.get("relationship"), data.get("relationship"))
    if about:
        out.small(_("About: %(who)s") % {"who": about})
    answers = data.get("answers") or {}
    for pattern in content.PATTERNS:
        answer = answers.get(pattern.key)
        if answer:
            frequency = content.FREQUENCY_LABELS.get(answer, answer)
            out.line(f"{pattern.label}: {frequency}")


def _danger(out: Writer, row: dict) -> None:
    answers = (row.get("data") or {}).get("answers") or {}
    labels = dict(content.YES_NO_UNSURE)
    out.heading(_("Danger screen, %(date)s") % {"date": _day(row)})
    for sign in content.DANGER_SIGNS:
        answer = answers.get(sign.key)
        if answer:
            out.line(f"{sign.question} {labels.get(answer, answer)}")


def readable(out: Writer, data: dict) -> None:
    checks = data.get("saved_checks") or []
    if checks:
        out.section(_("Checks you kept"))
    for row in checks:
        if row.get("kind") == SavedCheck.DANGER:
            _danger(out, row)
        else:
            _relationship(out, row)

    notes = data.get("reconciliation_notes") or []
    if notes:
        out.section(_("Reconciliation notes"))
    for row in sorted(notes, key=lambda r: (r.get("data") or {}).get("on", "")):
        note = row.get("data") or {}
        sign = content.RECONCILE_SIGN_LABELS.get(note.get("sign"), note.get("sign", ""))
        status = content.OBSERVATION_STATUS_LABELS.get(note.get("status"), note.get("status", ""))
        out.line(f"{note.get('on', '')}  {sign}: {status}")
        if note.get("note"):
            out.small(note["note"])

    conditions = data.get("conditions") or {}
    steps = data.get("reconciliation_steps") or []
    if conditions or steps:
        out.section(_("If you go ahead"))
    if conditions.get("conditions"):
        out.line(_("My conditions"))
        for line in conditions["conditions"].splitlines():
            if line.strip():
                out.small(f"• {line.strip()}")
    if conditions.get("trusted_person"):
        out.line(_("Who I trust to be involved"))
        out.small(conditions["trusted_person"])
    for row in sorted(steps, key=lambda r: (r.get("data") or {}).get("on", "")):
        step = row.get("data") or {}
        out.line(f"{step.get('on', '')}  {step.get('text', '')}")
        if step.get("check"):
            out.small(step["check"])

    if not (checks or notes or conditions or steps):
        out.small(_("Nothing kept here yet."))
