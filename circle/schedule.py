"""When a check-in falls due, and when its reminder goes.

Times are typed in the person's own time zone (their browser says which;
without JavaScript, the server's) and stored in UTC.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django.conf import settings

HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name) if name in _zones() else ZoneInfo(settings.TIME_ZONE)
    except ZoneInfoNotFoundError:
        return ZoneInfo("UTC")


_known: frozenset[str] | None = None


def _zones() -> frozenset[str]:
    global _known
    if _known is None:
        _known = frozenset(available_timezones())
    return _known


def known_zone(name: str) -> bool:
    return name in _zones()


def _at(day: datetime.date, at: datetime.time, tz: ZoneInfo) -> datetime.datetime:
    return datetime.datetime.combine(day, at, tzinfo=tz)


def once(now: datetime.datetime, at: datetime.time, tz: ZoneInfo) -> datetime.datetime:
    """The next time the clock reads `at`: tonight, or tomorrow if it has passed."""
    local = now.astimezone(tz)
    due = _at(local.date(), at, tz)
    if due <= local:
        due = _at(local.date() + DAY, at, tz)
    return due.astimezone(datetime.UTC)


def weekly(
    after: datetime.datetime, weekday: int, at: datetime.time, tz: ZoneInfo
) -> datetime.datetime:
    """The first `weekday` at `at` strictly after `after`."""
    local = after.astimezone(tz)
    ahead = (weekday - local.weekday()) % 7
    due = _at(local.date() + datetime.timedelta(days=ahead), at, tz)
    if due <= local:
        due = _at(local.date() + datetime.timedelta(days=ahead + 7), at, tz)
    return due.astimezone(datetime.UTC)


def hour_of(moment: datetime.datetime) -> datetime.datetime:
    """Rounded down to the hour: all we keep of when Haven was last opened."""
    return moment.replace(minute=0, second=0, microsecond=0)


def away(seen_hour: datetime.datetime, days: int) -> datetime.datetime:
    return seen_hour + days * DAY


def reminder_lead(kind: str, days: int | None = None) -> datetime.timedelta:
    """How long before the deadline the person is reminded."""
    if kind == "away":
        return DAY if (days or 0) > 1 else 6 * HOUR
    if kind == "weekly":
        return HOUR
    return datetime.timedelta(minutes=30)
