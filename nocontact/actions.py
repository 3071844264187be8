"""Reading and writing the sealed no-contact document.

Shapes inside the sealed JSON:
  counter:  {"mode": "none" | "low", "start": "2026-03-01", "allowed": ["app", ...],
             "allowed_note": str, "name": str, "longest": int}
  contacts: {"items": [{"id", "on": "2026-03-04", "who", "how", "felt", "note"}]}
  urges:    {"items": [{"id", "on", "before": "0".."10", "after", "helped": [...], "note"}],
             "writings": [{"id", "on", "text"}]}
  lists:    {"miss": [str], "lived": [str]}
Lists are kept newest first.
"""

from __future__ import annotations

import datetime
import uuid

from django.db import transaction
from django.utils import timezone

from nocontact import counter as counting
from nocontact.models import Steady
from vault.box import Box

SECTIONS = ("counter", "contacts", "urges", "lists")


def open_section(owner, box: Box, section: str) -> dict:
    assert section in SECTIONS
    doc = Steady.objects.filter(owner=owner).first()
    if doc is None:
        return {}
    return box.open_json(doc, section, {}) or {}


def open_all(owner, box: Box, sections: tuple[str, ...] = SECTIONS) -> dict[str, dict]:
    """The opened sections (all, or those named), from one query."""
    doc = Steady.objects.filter(owner=owner).only("id", *sections).first()
    return {s: (box.open_json(doc, s, {}) or {}) if doc else {} for s in sections}


COUNTED = ("counter", "contacts")


def _save(doc: Steady, box: Box, section: str, value: dict) -> None:
    setattr(doc, section, box.seal_json(doc, section, value))
    doc.save(update_fields=[section, "updated_at"])


def _locked(owner) -> Steady:
    doc, _created = Steady.objects.select_for_update().get_or_create(owner=owner)
    return doc


def _items(box: Box, doc: Steady, section: str) -> dict:
    return box.open_json(doc, section, {}) or {}


def count_of(parts: dict[str, dict], today: datetime.date | None = None) -> counting.Count:
    """The count from an already opened document (see open_all)."""
    return counting.count(
        parts["counter"], parts["contacts"].get("items", []), today or timezone.localdate()
    )


def current_count(owner, box: Box, today: datetime.date | None = None) -> counting.Count:
    return count_of(open_all(owner, box, COUNTED), today)


def _remembered_longest(box: Box, doc: Steady, today: datetime.date) -> int:
    """The longest stretch so far, so changing the start or the log never loses it."""
    counter = _items(box, doc, "counter")
    contacts = _items(box, doc, "contacts").get("items", [])
    return counting.count(counter, contacts, today).longest


def save_counter(owner, box: Box, values: dict) -> None:
    today = timezone.localdate()
    with transaction.atomic():
        doc = _locked(owner)
        longest = _remembered_longest(box, doc, today)
        start = values.get("start")
        _save(
            doc,
            box,
            "counter",
            {
                "mode": values.get("mode") or counting.NONE,
                "start": start.isoformat() if start else "",
                "allowed": list(values.get("allowed") or []),
                "allowed_note": values.get("allowed_note", ""),
                "name": values.get("name", ""),
                "longest": longest,
            },
        )


def log_contact(owner, box: Box, values: dict) -> bool:
    """Note a contact; True when it starts the count again."""
    today = timezone.localdate()
    with transaction.atomic():
        doc = _locked(owner)
        counter = _items(box, doc, "counter")
        contacts = _items(box, doc, "contacts")
        item = {
            "id": str(uuid.uuid4()),
            "on": (values.get("on") or today).isoformat(),
            "who": values.get("who", ""),
            "how": values.get("how", ""),
            "felt": values.get("felt", ""),
            "note": values.get("note", ""),
        }
        contacts["items"] = [item, *contacts.get("items", [])]
        _save(doc, box, "contacts", contacts)
        return bool(counter.get("start")) and counting.restarts(counter, item)


def remove_contact(owner, box: Box, contact_id: str) -> None:
    with transaction.atomic():
        doc = _locked(owner)
        contacts = _items(box, doc, "contacts")
        # What the person had reached stays remembered.
        longest = _remembered_longest(box, doc, timezone.localdate())
        contacts["items"] = [c for c in contacts.get("items", []) if c.get("id") != contact_id]
        _save(doc, box, "contacts", contacts)
        counter = _items(box, doc, "counter")
        if counter:
            _save(doc, box, "counter", {**counter, "longest": longest})


def save_lists(owner, box: Box, miss: list[str], lived: list[str]) -> None:
    with transaction.atomic():
        _save(_locked(owner), box, "lists", {"miss": miss, "lived": lived})


def add_writing(owner, box: Box, text: str) -> None:
    with transaction.atomic():
        doc = _locked(owner)
        urges = _items(box, doc, "urges")
        item = {"id": str(uuid.uuid4()), "on": timezone.localdate().isoformat(), "text": text}
        urges["writings"] = [item, *urges.get("writings", [])]
        _save(doc, box, "urges", urges)


def log_urge(owner, box: Box, values: dict) -> None:
    with transaction.atomic():
        doc = _locked(owner)
        urges = _items(box, doc, "urges")
        item = {
            "id": str(uuid.uuid4()),
            "on": timezone.localdate().isoformat(),
            "before": values.get("before", ""),
            "after": values.get("after", ""),
            "helped": list(values.get("helped") or []),
            "note": values.get("note", ""),
        }
        urges["items"] = [item, *urges.get("items", [])]
        _save(doc, box, "urges", urges)
