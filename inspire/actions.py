"""The person's board of saved reminders: one sealed document per member.

An item is a library reminder they kept ({"id", "slug", "saved_on", "note"})
or words of their own ({"id", "own", "saved_on"}), newest first.

Views parse and check; these open, change and seal the board inside one
transaction, the row locked, so two taps at once can't lose a save.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from inspire.models import Reminder, SavedReminders
from vault.box import Box

NOTE_MAX = 500
OWN_MAX = 200


@dataclass(frozen=True)
class Saved:
    id: str
    # A library reminder, or None for the person's own words (`own`).
    reminder: Reminder | None
    saved_on: str
    note: str = ""
    own: str = ""

    @property
    def text(self) -> str:
        return self.reminder.text if self.reminder else self.own


def open_board(owner, box: Box) -> list[dict]:
    board = SavedReminders.objects.filter(owner=owner).first()
    data = box.open_json(board, "data", {}) if board else {}
    return list(data.get("items", []))


def saved_slugs(owner, box: Box) -> set[str]:
    return {item["slug"] for item in open_board(owner, box) if item.get("slug")}


def board(owner, box: Box) -> list[Saved]:
    """The person's own words and the saved reminders still in the library, newest first."""
    return _shown(open_board(owner, box))


BOARD_PAGE_SIZE = 20


@dataclass
class BoardPage:
    items: list[Saved]
    number: int
    has_next: bool
    slugs: set[str]  # every saved reminder's slug, on this page or not


def board_page(owner, box: Box, number: int, size: int = BOARD_PAGE_SIZE) -> BoardPage:
    """One page of the board. The board is one sealed document, opened whole;
    only the page's reminders are fetched and only they are drawn."""
    items = open_board(owner, box)
    last = max(1, -(-len(items) // size))
    number = min(max(1, number), last)
    part = items[(number - 1) * size : number * size]
    slugs = {item["slug"] for item in items if item.get("slug")}
    return BoardPage(_shown(part), number, number < last, slugs)


def _shown(items: list[dict]) -> list[Saved]:
    slugs = [item["slug"] for item in items if item.get("slug")]
    found = Reminder.objects.in_bulk(slugs, field_name="slug")
    shown = []
    for item in items:
        if item.get("slug") in found:
            reminder = found[item["slug"]]
            shown.append(Saved(item["id"], reminder, item["saved_on"], item.get("note", "")))
        elif item.get("own"):
            shown.append(Saved(item["id"], None, item["saved_on"], own=item["own"]))
    return shown


def find(owner, box: Box, item_id) -> Saved | None:
    return next((s for s in board(owner, box) if s.id == str(item_id)), None)


def _change(owner, box: Box, change) -> None:
    with transaction.atomic():
        row = SavedReminders.objects.select_for_update().filter(owner=owner).first()
        if row is None:
            row = SavedReminders(owner=owner)
            items: list[dict] = []
        else:
            items = list(box.open_json(row, "data", {}).get("items", []))
        items = change(items)
        row.data = box.seal_json(row, "data", {"items": items})
        row.save()


def save(owner, box: Box, slug: str, note: str = "") -> None:
    """Keep a reminder on the board (saving one already there changes nothing)."""

    def add(items: list[dict]) -> list[dict]:
        if any(item["slug"] == slug for item in items):
            return items
        new = {
            "id": str(uuid.uuid4()),
            "slug": slug,
            "saved_on": timezone.localdate().isoformat(),
            "note": note,
        }
        return [new, *items]

    _change(owner, box, add)


def add_own(owner, box: Box, text: str) -> None:
    """Words of the person's own, kept on the board beside the library's."""
    new = {"id": str(uuid.uuid4()), "own": text, "saved_on": timezone.localdate().isoformat()}
    _change(owner, box, lambda items: [new, *items])


def remove(owner, box: Box, item_id: str) -> None:
    _change(owner, box, lambda items: [item for item in items if item["id"] != item_id])


def unsave(owner, box: Box, slug: str) -> None:
    _change(owner, box, lambda items: [item for item in items if item.get("slug") != slug])


def set_note(owner, box: Box, item_id: str, note: str) -> None:
    def write(items: list[dict]) -> list[dict]:
        return [dict(item, note=note) if item["id"] == item_id else item for item in items]

    _change(owner, box, write)


def set_own(owner, box: Box, item_id: str, text: str) -> None:
    def write(items: list[dict]) -> list[dict]:
        return [dict(item, own=text) if item["id"] == item_id else item for item in items]

    _change(owner, box, write)
