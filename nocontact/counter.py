"""The day count, worked out from the person's settings and the contacts they logged.

Day numbers: the day a stretch starts is day 1. A contact that counts starts
a new stretch on its own day ("Day 1 again"); the stretch it ended lasted
as many days as the counter showed on its last day. Under low contact, a
contact through a channel the person allows is noted and the count goes on.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

NONE = "none"
LOW = "low"


def _day(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def restarts(counter: dict, contact: dict) -> bool:
    """Whether this contact starts the count again (low contact's allowed ways don't)."""
    if counter.get("mode") == LOW and contact.get("how") in set(counter.get("allowed") or ()):
        return False
    return True


@dataclass(frozen=True)
class Count:
    started: bool
    day: int = 0  # today's day number in the current stretch
    longest: int = 0  # the longest stretch so far, this one included
    since: datetime.date | None = None  # the current stretch's first day
    restarted: bool = False  # the current stretch began with a contact, not the chosen start


def count(counter: dict, contacts: list[dict], today: datetime.date) -> Count:
    start = _day(counter.get("start", ""))
    if start is None:
        return Count(started=False, longest=int(counter.get("longest") or 0))
    since, longest, restarted = start, int(counter.get("longest") or 0), False
    days = sorted(
        day
        for contact in contacts
        if restarts(counter, contact) and (day := _day(contact.get("on", ""))) is not None
    )
    for day in days:
        if day < since or day > today:
            continue  # before this count began, or not yet
        if day > since:
            longest = max(longest, (day - since).days)
            since = day
        restarted = True
    current = max(0, (today - since).days + 1) if since <= today else 0
    return Count(True, current, max(longest, current), since, restarted)
