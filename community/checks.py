"""What Haven looks for in a draft before it is posted.

Personal details (a phone number, an email, a street address, a full name)
bring a warning the writer may post past; crisis words bring the help lines
for their country first, and put the post at the front of the review queue;
watched words (chosen by the community's admins) stop, hold or flag a post.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from community.markup import tidy
from community.models import WatchedWord
from resources.api import sounds_like_crisis

PHONE = re.compile(r"(?<!\w)(?:\+|00)?\d[\d\s().-]{7,}\d(?!\w)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
STREET = re.compile(
    r"\b\d{1,5}\s+(?:[A-Za-z]+\s){0,3}"
    r"(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|way|court|ct|place|boulevard|blvd|"
    r"crescent|terrace|gardens|grove)\b",
    re.IGNORECASE,
)
# Two or three capitalised words in a row, not at the start of a sentence.
FULL_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s[A-Z][a-z]+){1,2}\b", re.MULTILINE)
NOT_NAMES = {
    "I",
    "Me",
    "Too",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Christmas",
    "God",
    "Haven",
}


@dataclass
class Findings:
    personal: list[str] = field(default_factory=list)
    crisis: bool = False
    blocked_by: str = ""
    hold_for: str = ""
    flag_for: str = ""


def personal_details(text: str) -> list[str]:
    found = []
    if PHONE.search(text):
        found.append(_("a phone number"))
    if EMAIL.search(text):
        found.append(_("an email address"))
    if STREET.search(text):
        found.append(_("a street address"))
    for match in FULL_NAME.finditer(text):
        if not set(match.group(0).split()) & NOT_NAMES:
            found.append(_("someone's full name"))
            break
    return found


def watched(text: str) -> dict[str, str]:
    """The first watched word found for each action: {action: word}."""
    lowered = text.casefold()
    hits: dict[str, str] = {}
    for word in WatchedWord.objects.all():
        pattern = r"(?<!\w)" + re.escape(word.word_key) + r"(?!\w)"
        if word.action not in hits and re.search(pattern, lowered):
            hits[word.action] = word.word
    return hits


def look_at(*texts: str) -> Findings:
    text = tidy("\n".join(t for t in texts if t))
    hits = watched(text)
    return Findings(
        personal=personal_details(text),
        crisis=sounds_like_crisis(text),
        blocked_by=hits.get(WatchedWord.Action.BLOCK, ""),
        hold_for=hits.get(WatchedWord.Action.HOLD, ""),
        flag_for=hits.get(WatchedWord.Action.FLAG, ""),
    )
