"""Check-ins made straight through the actions, for tests that need many days."""

import datetime

from django.utils import timezone

from mood import actions
from mood.checkins import Entry


def log(owner, box, day: datetime.date, mood: int, *, hour: int = 20, **details):
    """A check-in about `day`, made that evening, as the person would have."""
    at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    entry = Entry(id=None, day=day, mood=mood, **details)
    return actions.add(owner, box, entry, at=at)
