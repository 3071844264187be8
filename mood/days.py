"""From check-ins to days: a day's mood is the average of that day's check-ins.

Averages, not the last check-in: a hard morning and a calmer evening make a
middling day, which is closer to how the day went than either alone. The
charts colour a day by its average rounded to the nearest level (halves go
up), and the tables give the average itself to one decimal.
"""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from mood.checkins import MOODS, TAGS, Entry

FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass
class Day:
    date: datetime.date
    moods: list[int] = field(default_factory=list)
    tags: set[str] = field(default_factory=set)
    # Own words, case folded: "Choir" and "choir" are one.
    own_tags: dict[str, str] = field(default_factory=dict)
    safe: list[str] = field(default_factory=list)
    sleep: list[float] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.moods)

    # Read only once the day's check-ins are all in (by_day).
    @cached_property
    def average(self) -> Decimal | None:
        """The day's mood to one decimal (3.5), None without a check-in."""
        if not self.moods:
            return None
        mean = Decimal(sum(self.moods)) / Decimal(len(self.moods))
        return mean.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @cached_property
    def level(self) -> int | None:
        """The level the charts colour the day by: the average, rounded."""
        if not self.moods:
            return None
        mean = Decimal(sum(self.moods)) / Decimal(len(self.moods))
        return int(mean.quantize(Decimal("1"), rounding=ROUND_HALF_UP))

    @property
    def words(self):
        return MOODS[self.level] if self.level else ""


def by_day(entries: list[Entry], first: datetime.date, last: datetime.date) -> list[Day]:
    """One Day for every date from first to last, empty where nothing was logged."""
    days = {first + datetime.timedelta(days=n): None for n in range((last - first).days + 1)}
    out = {date: Day(date) for date in days}
    for entry in entries:
        day = out.get(entry.day)
        if day is None:
            continue
        day.moods.append(entry.mood)
        day.tags.update(tag for tag in entry.tags if tag in TAGS)
        for word in entry.own_tags:
            day.own_tags.setdefault(word.casefold(), word)
        if entry.safe:
            day.safe.append(entry.safe)
        if entry.sleep is not None:
            day.sleep.append(float(entry.sleep))
    return list(out.values())


def mean(values) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    total = Decimal(sum(values)) / Decimal(len(values))
    return total.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# ---- Periods ----------------------------------------------------------------


def week_of(date: datetime.date) -> tuple[datetime.date, datetime.date]:
    """Monday to Sunday around `date`."""
    monday = date - datetime.timedelta(days=date.weekday())
    return monday, monday + datetime.timedelta(days=6)


def month_of(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, month, 1), datetime.date(
        year, month, calendar.monthrange(year, month)[1]
    )


def year_of(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def in_range(year: int) -> bool:
    return FIRST_YEAR <= year <= LAST_YEAR


def next_month(year: int, month: int, step: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + step
    return index // 12, index % 12 + 1
