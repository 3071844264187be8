"""Plain observations from the person's own days, never a diagnosis.

For each thing a day can hold (a tag, the person's own words, feeling safe,
a good night's sleep), the days with it are compared with the days without:
"On days you went outside, your mood was higher on average (3.8 vs 3.1;
12 days vs 9)". Only when both sides have at least MIN_DAYS days, and only
a difference of at least CLOSE counts as higher or lower; closer than that
is said to be about the same. Nothing here claims a cause.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from mood.checkins import TAGS
from mood.days import Day, mean

MIN_DAYS = 5
CLOSE = Decimal("0.3")
GOOD_SLEEP = 7
HIGHER, LOWER, SAME = "higher", "lower", "same"

# How each observation names its days: "On days you ..." in the sentence.
TAG_PHRASES = {
    "outside": _("went outside"),
    "friend": _("saw or talked to a friend"),
    "slept": _("slept well"),
    "moved": _("moved your body"),
    "ate": _("ate properly"),
    "rest": _("took time to rest"),
    "contact": _("had contact with them"),
}


@dataclass(frozen=True)
class Observation:
    key: str
    about: str  # "went outside"
    direction: str  # HIGHER, LOWER or SAME
    with_average: Decimal
    without_average: Decimal
    with_days: int
    without_days: int

    @property
    def gap(self) -> Decimal:
        return abs(self.with_average - self.without_average)


def _compare(key: str, about, days: list[Day], holds: Callable[[Day], bool | None]):
    """`holds(day)`: True, False, or None where the day says nothing either way."""
    with_, without = [], []
    for day in days:
        answer = holds(day)
        if answer is True:
            with_.append(day.average)
        elif answer is False:
            without.append(day.average)
    if len(with_) < MIN_DAYS or len(without) < MIN_DAYS:
        return None
    a, b = mean(with_), mean(without)
    direction = SAME if abs(a - b) < CLOSE else HIGHER if a > b else LOWER
    return Observation(key, str(about), direction, a, b, len(with_), len(without))


def observe(days: list[Day]) -> list[Observation]:
    """What the days show, the biggest differences first."""
    logged = [d for d in days if d.level is not None]
    found = []
    for tag in TAGS:
        found.append(_compare(tag, TAG_PHRASES[tag], logged, lambda d, t=tag: t in d.tags))
    own = {}
    for day in logged:
        own.update(day.own_tags)
    for folded, word in sorted(own.items()):
        phrase = _("noted “%(word)s”") % {"word": word}
        found.append(_compare(f"own:{folded}", phrase, logged, lambda d, f=folded: f in d.own_tags))
    found.append(
        _compare(
            "safe",
            _("felt safe"),
            logged,
            lambda d: None if not d.safe else all(answer == "yes" for answer in d.safe),
        )
    )
    found.append(
        _compare(
            "sleep",
            _("slept seven hours or more"),
            logged,
            lambda d: None if not d.sleep else max(d.sleep) >= GOOD_SLEEP,
        )
    )
    return sorted((o for o in found if o), key=lambda o: (-o.gap, o.key))
