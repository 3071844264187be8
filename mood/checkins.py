"""What a check-in holds, and the words for each answer.

A check-in is one sealed JSON document (`CheckIn.data`). `Entry` is that
document opened, with its row's id and creation time; `document()` turns an
entry back into what is sealed. Every value coming from a form or an
imported file passes `valid_document` first.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

MOODS = {
    1: _("Very low"),
    2: _("Low"),
    3: _("Okay"),
    4: _("Good"),
    5: _("Very good"),
}
ENERGY = {
    1: _("Empty"),
    2: _("Low"),
    3: _("Some"),
    4: _("Good"),
    5: _("Lots"),
}
SAFE = {
    "yes": _("Yes"),
    "mostly": _("Mostly"),
    "no": _("No"),
}
TAGS = {
    "outside": _("Went outside"),
    "friend": _("Saw or talked to a friend"),
    "slept": _("Slept well"),
    "moved": _("Moved my body"),
    "ate": _("Ate properly"),
    "rest": _("Took time to rest"),
    "contact": _("Contact with them"),
}
# How far back a check-in may speak for: the day it was made, or up to this
# many days before (a forgotten evening). It also bounds which rows a range
# of days has to open: a row made after a range's last day + BACK can't be in it.
BACK = 31
NOTE_MAX = 500
OWN_TAGS_MAX = 120
SLEEP_MAX = 24


@dataclass
class Entry:
    id: Any
    day: datetime.date
    mood: int
    energy: int | None = None
    sleep: float | None = None
    safe: str = ""
    tags: list[str] = field(default_factory=list)
    own_tags: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def mood_words(self):
        return MOODS[self.mood]

    @property
    def energy_words(self):
        return ENERGY.get(self.energy) if self.energy else ""

    @property
    def safe_words(self):
        return SAFE.get(self.safe, "")

    @property
    def tag_words(self) -> list:
        return [TAGS[tag] for tag in self.tags if tag in TAGS] + list(self.own_tags)

    @property
    def has_details(self) -> bool:
        return bool(
            self.energy or self.sleep is not None or self.safe or self.tag_words or self.note
        )

    def document(self) -> dict:
        return {
            "day": self.day.isoformat(),
            "mood": self.mood,
            "energy": self.energy,
            "sleep": self.sleep,
            "safe": self.safe,
            "tags": list(self.tags),
            "own_tags": list(self.own_tags),
            "note": self.note,
        }

    @classmethod
    def from_document(cls, row_id, data: dict) -> Entry:
        return cls(
            id=row_id,
            day=datetime.date.fromisoformat(data["day"]),
            mood=int(data["mood"]),
            energy=data.get("energy"),
            sleep=data.get("sleep"),
            safe=data.get("safe") or "",
            tags=list(data.get("tags") or []),
            own_tags=list(data.get("own_tags") or []),
            note=data.get("note") or "",
        )


def split_own_tags(text: str) -> list[str]:
    """ "choir, Baking ,choir" -> ["choir", "Baking"]: commas part them, repeats go."""
    seen: dict[str, str] = {}
    for part in text.split(","):
        word = " ".join(part.split())
        if word and word.casefold() not in seen:
            seen[word.casefold()] = word
    return list(seen.values())


def _is_int_in(value, allowed) -> bool:
    return type(value) is int and value in allowed


def valid_document(data: Any) -> bool:
    """A check-in document this Haven can show (used on restore, where a file
    may have been shaped by hand)."""
    if not isinstance(data, dict):
        return False
    try:
        datetime.date.fromisoformat(data["day"])
    except (KeyError, TypeError, ValueError):
        return False
    sleep = data.get("sleep")
    tags, own = data.get("tags") or [], data.get("own_tags") or []
    return (
        _is_int_in(data.get("mood"), MOODS)
        and (data.get("energy") is None or _is_int_in(data["energy"], ENERGY))
        and (sleep is None or (type(sleep) in (int, float) and 0 <= sleep <= SLEEP_MAX))
        and (data.get("safe") or "") in ("", *SAFE)
        and isinstance(tags, list)
        and all(tag in TAGS for tag in tags)
        and isinstance(own, list)
        and all(isinstance(word, str) for word in own)
        and isinstance(data.get("note") or "", str)
    )
