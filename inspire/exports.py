"""The person's saved reminders, for their own export and restore."""

from __future__ import annotations

import datetime
import re
import uuid
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.export_tables import Table, export_tables, restore_tables
from core.pdf import Writer
from inspire.actions import NOTE_MAX, OWN_MAX
from inspire.models import Reminder, SavedReminders

VERSION = 1
TITLE = gettext_lazy("Saved notes")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def _item_ok(item: Any) -> bool:
    """A kept library reminder (slug, note) or the person's own words (own)."""
    if not isinstance(item, dict) or set(item) - {"id", "slug", "saved_on", "note", "own"}:
        return False
    try:
        uuid.UUID(str(item.get("id")))
        datetime.date.fromisoformat(item.get("saved_on") or "")
    except (ValueError, TypeError):
        return False
    if "own" in item:
        own = item["own"]
        only_own = set(item) == {"id", "own", "saved_on"}
        return only_own and isinstance(own, str) and 0 < len(own) <= OWN_MAX
    slug, note = item.get("slug"), item.get("note", "")
    return (
        isinstance(slug, str)
        and len(slug) <= 80
        and bool(SLUG.match(slug))
        and isinstance(note, str)
        and len(note) <= NOTE_MAX
    )


def _valid(documents: dict[str, Any]) -> bool:
    """A board from a file: a list of saved items, each as Haven writes them."""
    data = documents.get("data")
    if data is None:
        return True
    items = data.get("items", [])
    if not isinstance(items, list) or set(data) - {"items"}:
        return False
    slugs = [item["slug"] for item in items if isinstance(item, dict) and "slug" in item]
    return all(_item_ok(item) for item in items) and len(slugs) == len(set(slugs))


TABLES = [Table(SavedReminders, "saved_reminders", json=["data"], single=True, valid=_valid)]


def export(user, box) -> dict:
    return export_tables(user, box, TABLES, VERSION)


def restore(user, box, data) -> None:
    restore_tables(user, box, data, TABLES, VERSION)


def readable(out: Writer, data: dict) -> None:
    items = ((data.get("saved_reminders") or {}).get("data") or {}).get("items") or []
    if not items:
        out.small(_("Nothing saved here yet."))
    slugs = [item["slug"] for item in items if item.get("slug")]
    texts = Reminder.objects.in_bulk(slugs, field_name="slug")
    for item in items:
        if "own" in item:
            out.line(f"• {item['own']}")
            out.small(_("In your own words"))
            continue
        reminder = texts.get(item.get("slug"))
        out.line(f"• {reminder.text if reminder else item.get('slug', '')}")
        if item.get("saved_on"):
            out.small(_("Saved on %(day)s") % {"day": item["saved_on"]})
        if item.get("note"):
            out.small(item["note"])
