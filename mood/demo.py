"""Mood's part of the demo member's space, and of every new decoy space.

`seed` gives the demo member about four months of check-ins, most days one,
some days two, a few days missed, so the week, month and year views and the
observations have something real to show. The numbers come from a seeded
random generator (the same demo every time), drifting slowly upward, with
days outside, with a friend or with movement a little brighter and days with
contact a little heavier, as people often notice in their own notes.

`seed_decoy` gives a decoy space two ordinary weeks: okay-to-good days, a walk,
a friend, sleep. No "felt safe" answers and no contact tag: nothing in it may
hint at what the real space is for.
"""

from __future__ import annotations

import datetime
import random

from django.utils import timezone
from django.utils.translation import gettext as _

from mood import actions
from mood.checkins import Entry

DEMO_DAYS = 120
DECOY_DAYS = 14
DEMO_NOTES = [
    "Slow morning, better after lunch.",
    "Long walk by the river.",
    "Tired, but I got the washing done.",
    "Coffee with Sam. Laughed a lot.",
    "Hard evening. Early night.",
    "",
]


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 15)))


def seed(user, box, *, today: datetime.date | None = None) -> None:
    today = today or actions.today()
    rng = random.Random(4101)
    for back in range(DEMO_DAYS, -1, -1):
        day = today - datetime.timedelta(days=back)
        if rng.random() < 0.12 and back:
            continue  # a missed day now and then
        chances = (("outside", 0.5), ("friend", 0.3), ("moved", 0.35))
        tags = [tag for tag, chance in chances if rng.random() < chance]
        if rng.random() < 0.4:
            tags.append("slept")
        if rng.random() < 0.15:
            tags.append("contact")
        base = 2.2 + 1.3 * (DEMO_DAYS - back) / DEMO_DAYS
        lift = 0.5 * sum(t in tags for t in ("outside", "friend", "moved")) - (
            0.9 if "contact" in tags else 0
        )
        mood = max(1, min(5, round(base + lift + rng.uniform(-0.8, 0.8))))
        sleep = round(rng.uniform(5, 8.5) + (0.8 if "slept" in tags else 0), 1)
        entry = Entry(
            id=None,
            day=day,
            mood=mood,
            energy=max(1, min(5, mood + rng.choice((-1, 0, 0, 1)))),
            sleep=min(sleep, 10.0),
            safe=rng.choice(("yes", "yes", "mostly")) if "contact" not in tags else "mostly",
            tags=tags,
            own_tags=["choir"] if rng.random() < 0.1 else [],
            note=rng.choice(DEMO_NOTES),
        )
        actions.add(user, box, entry, at=_moment(day, 20))
        if rng.random() < 0.2:
            morning = Entry(id=None, day=day, mood=max(1, mood - 1))
            actions.add(user, box, morning, at=_moment(day, 8))


def seed_decoy(user, box) -> None:
    today = actions.today()
    rng = random.Random()
    notes = [_("Walked to the shop and back."), _("Quiet evening, a good book."), ""]
    for back in range(DECOY_DAYS, 0, -1):
        if rng.random() < 0.25:
            continue
        day = today - datetime.timedelta(days=back)
        tags = [t for t in ("outside", "friend", "slept", "moved") if rng.random() < 0.35]
        entry = Entry(
            id=None,
            day=day,
            mood=rng.choice((3, 3, 4, 4, 4, 5)),
            energy=rng.choice((3, 3, 4)),
            tags=tags,
            note=rng.choice(notes),
        )
        actions.add(user, box, entry, at=_moment(day, 21))
