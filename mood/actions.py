"""Making, changing and opening check-ins. Every value is sealed before it
reaches the database and opened only for the request that shows it."""

from __future__ import annotations

import datetime

from django.utils import timezone

from mood.checkins import BACK, Entry
from mood.models import CheckIn
from vault.box import Box


def today() -> datetime.date:
    return timezone.localdate()


def check_in(owner, box: Box, mood: int, *, day: datetime.date | None = None, at=None) -> Entry:
    """The first tap: a mood for today (or `day`), saved at once."""
    row = CheckIn(owner=owner)
    if at is not None:
        row.created_at = at
    entry = Entry(id=row.pk, day=day or today(), mood=mood)
    row.data = box.seal_json(row, "data", entry.document())
    row.save()
    return entry


def save(row: CheckIn, box: Box, entry: Entry) -> None:
    row.data = box.seal_json(row, "data", entry.document())
    row.save(update_fields=["data", "updated_at"])


def add(owner, box: Box, entry: Entry, *, at=None) -> CheckIn:
    """A whole check-in at once (demo, decoy, tests)."""
    row = CheckIn(owner=owner)
    if at is not None:
        row.created_at = at
    row.data = box.seal_json(row, "data", entry.document())
    row.save()
    return row


def open_row(row: CheckIn, box: Box) -> Entry:
    return Entry.from_document(row.pk, box.open_json(row, "data"))


def _made_between(first: datetime.date, last: datetime.date):
    """Rows that can speak for a day in first..last: made on or after `first`
    (a check-in is never about a later day than it was made), and at most BACK
    days after `last`; a day's margin either side for the clock's time zone."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(first - datetime.timedelta(days=1), datetime.time(), zone)
    end = datetime.datetime.combine(last + datetime.timedelta(days=BACK + 2), datetime.time(), zone)
    return start, end


def open_days(owner, box: Box, first: datetime.date, last: datetime.date) -> list[Entry]:
    """Every check-in about a day from `first` to `last`, oldest first."""
    start, end = _made_between(first, last)
    rows = CheckIn.objects.filter(owner=owner, created_at__gte=start, created_at__lt=end).only(
        "id", "data"
    )
    entries = [open_row(row, box) for row in rows]
    return sorted((e for e in entries if first <= e.day <= last), key=lambda e: e.day)


def open_today(owner, box: Box) -> list[Entry]:
    day = today()
    return open_days(owner, box, day, day)


def delete(row: CheckIn) -> None:
    row.delete()
