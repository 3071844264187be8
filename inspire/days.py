"""Which reminder belongs to which day.

Every day has one reminder, the same for everyone: the library in its file
order, one a day from FIRST_DAY, then round again. It depends only on the date
and the library, so it stays put across restarts and between web workers.
Days are the server's own (settings.TIME_ZONE), since the page is the same for
everyone. Adding reminders at the end of the file keeps every past day's
reminder in place until the cycle first reaches the new ones.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.urls import register_converter
from django.utils import timezone

from inspire.models import Reminder

# The first day with a reminder: the archive goes no further back.
FIRST_DAY = datetime.date(2026, 1, 1)
ARCHIVE_PAGE = 30


def today() -> datetime.date:
    return timezone.localdate()


def is_shown(day: datetime.date) -> bool:
    """Only days that have come: never a future one, never before the first."""
    return FIRST_DAY <= day <= today()


def library() -> list[Reminder]:
    return list(Reminder.objects.order_by("position", "slug"))


def index_for(day: datetime.date, count: int) -> int:
    return (day - FIRST_DAY).days % count


def reminder_for(day: datetime.date) -> Reminder | None:
    """The day's reminder (two small queries), or None when the library is empty."""
    count = Reminder.objects.count()
    if not count:
        return None
    return Reminder.objects.order_by("position", "slug")[index_for(day, count)]


@dataclass(frozen=True)
class Day:
    day: datetime.date
    reminder: Reminder


def archive(page: int) -> tuple[list[Day], bool]:
    """One page of past days, newest first, and whether earlier days remain."""
    newest = today() - datetime.timedelta(days=ARCHIVE_PAGE * (page - 1))
    reminders = library()
    days: list[Day] = []
    if not reminders:
        return days, False
    day = newest
    while day >= FIRST_DAY and len(days) < ARCHIVE_PAGE:
        days.append(Day(day, reminders[index_for(day, len(reminders))]))
        day -= datetime.timedelta(days=1)
    return days, day >= FIRST_DAY


def pages() -> int:
    return (today() - FIRST_DAY).days // ARCHIVE_PAGE + 1


class DayConverter:
    """A day in an address: 2026-03-14."""

    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> datetime.date:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            # Looks like a date but is none (2026-02-30): no such page.
            raise ValueError(value) from None

    def to_url(self, value: datetime.date) -> str:
        return value.isoformat()


register_converter(DayConverter, "day")
