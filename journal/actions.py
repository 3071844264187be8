"""Writing, opening and finding a member's journal pages.

Everything a page holds is sealed in one JSON document. Lists, search, tags
and the calendar open the person's own pages in memory, in this request, and
look there: no word, tag or day is ever kept in the clear or indexed.
"""

from __future__ import annotations

import calendar
import datetime
import unicodedata
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache

from django.db.models import Q
from django.utils import timezone

from journal import modes
from journal.models import Entry
from vault.box import Box

PAGE_SIZE = 20
# Rows opened per query while searching: enough to fill a page in one go
# most of the time, small enough not to hold every sealed row in memory.
CHUNK = 250


@dataclass
class OpenEntry:
    """An Entry with its content opened, for one request."""

    entry: Entry
    mode: str = modes.DEFAULT
    title: str = ""
    answers: dict[str, str] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    day: datetime.date | None = None

    @property
    def pk(self):
        return self.entry.pk

    @property
    def created_at(self):
        return self.entry.created_at

    @property
    def mode_name(self):
        return modes.label(self.mode)

    @property
    def parts(self) -> list[tuple[object, str]]:
        """(prompt label, answer) for each answered prompt, in the mode's order."""
        mode = modes.get(self.mode)
        if mode is None:
            return [("", text) for text in self.answers.values() if text]
        return [
            (p.label, self.answers.get(p.key, "")) for p in mode.prompts if self.answers.get(p.key)
        ]

    @property
    def words(self) -> str:
        return "\n".join(text for text in self.answers.values() if text)

    @property
    def summary(self) -> str:
        text = " ".join(self.words.split())
        return text if len(text) <= 140 else text[:139].rstrip() + "…"

    def initial(self) -> dict[str, object]:
        from journal.forms import prompt_name

        return {
            "mode_key": self.mode,
            "title": self.title,
            "day": self.day,
            "tags": ", ".join(self.tags),
            **{prompt_name(key): text for key, text in self.answers.items()},
        }


def _content(mode: str, cleaned: dict) -> dict:
    day = cleaned.get("day") or timezone.localdate()
    return {
        "mode": mode,
        "title": (cleaned.get("title") or "").strip(),
        "answers": {key: text for key, text in cleaned["answers"].items() if text},
        "tags": list(cleaned.get("tags") or []),
        "day": day.isoformat(),
    }


def create_entry(owner, box: Box, mode: str, cleaned: dict, *, created_at=None) -> Entry:
    entry = Entry(owner=owner, created_at=created_at or timezone.now())
    entry.content = box.seal_json(entry, "content", _content(mode, cleaned))
    entry.save()
    return entry


def edit_entry(entry: Entry, box: Box, mode: str, cleaned: dict) -> None:
    entry.content = box.seal_json(entry, "content", _content(mode, cleaned))
    entry.save(update_fields=["content", "updated_at"])


def delete_entry(entry: Entry) -> None:
    entry.delete()


def _day(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def open_entry(entry: Entry, box: Box) -> OpenEntry:
    content = box.open_json(entry, "content", {}) or {}
    return OpenEntry(
        entry=entry,
        mode=content.get("mode") or modes.DEFAULT,
        title=content.get("title", ""),
        answers=dict(content.get("answers") or {}),
        tags=list(content.get("tags") or []),
        day=_day(content.get("day", "")) or timezone.localdate(entry.created_at),
    )


# ---- Pages of the list: newest first, by (created time, id) -----------------


def cursor_of(entry: OpenEntry) -> str:
    return f"{entry.created_at.isoformat()}_{entry.pk}"


def read_cursor(text: str | None) -> tuple[datetime.datetime, uuid.UUID] | None:
    """A cursor from the address or a form; None when missing or malformed."""
    if not text:
        return None
    when, _, pk = text.rpartition("_")
    try:
        moment = datetime.datetime.fromisoformat(when)
        found = moment, uuid.UUID(pk)
    except ValueError:
        return None
    # Haven writes aware times; a hand-made one without a zone is not a cursor.
    return found if moment.tzinfo is not None else None


def _newest_first(owner, after=None):
    rows = Entry.objects.filter(owner=owner).order_by("-created_at", "-id")
    if after is not None:
        moment, pk = after
        rows = rows.filter(Q(created_at__lt=moment) | Q(created_at=moment, id__lt=pk))
    return rows


def _chunks(owner, after=None) -> Iterator[Entry]:
    """Every row, newest first, fetched a chunk at a time (keyset, not offset)."""
    while True:
        # Only what opening and listing need: converting the other columns of
        # 2,000 rows costs more than opening their seals.
        rows = list(_newest_first(owner, after).only("id", "created_at", "content")[:CHUNK])
        yield from rows
        if len(rows) < CHUNK:
            return
        after = (rows[-1].created_at, rows[-1].pk)


Match = Callable[[OpenEntry], bool]


def page(
    owner, box: Box, *, after=None, match: Match | None = None, size: int = PAGE_SIZE
) -> tuple[list[OpenEntry], str | None]:
    """Up to `size` opened pages after the cursor (the ones `match` keeps), and
    the cursor of the next page, or None on the last."""
    found: list[OpenEntry] = []
    if match is None:
        rows: Iterator[Entry] | list[Entry] = list(_newest_first(owner, after)[: size + 1])
    else:
        rows = _chunks(owner, after)
    for row in rows:
        opened = open_entry(row, box)
        if match is None or match(opened):
            found.append(opened)
            if len(found) > size:
                return found[:size], cursor_of(found[size - 1])
    return found, None


def open_all(owner, box: Box) -> list[OpenEntry]:
    return [open_entry(row, box) for row in _chunks(owner)]


# ---- Search and tags --------------------------------------------------------


@cache
def _marks() -> dict[int, None]:
    """Every combining mark (accents, dots, rings), to be dropped by str.translate.
    They all live below U+20000, besides the variation selectors at U+E0100."""
    codes = [*range(0x300, 0x20000), *range(0xE0100, 0xE01F0)]
    return {code: None for code in codes if unicodedata.combining(chr(code))}


def folded(text: str) -> str:
    """Text as search compares it: no accents, any case (é, E and e are one).

    Plain ASCII (most pages) takes the quick road; anything else is decomposed
    and its marks dropped, in C, not character by character in Python.
    """
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text).translate(_marks()).casefold()


def searcher(words: str = "", tag: str = "") -> Match | None:
    """A test that keeps pages holding every word (anywhere: title, answers,
    tags) and carrying the tag; None when there is nothing to look for."""
    terms = folded(words).split()
    wanted_tag = folded(tag.strip())
    if not terms and not wanted_tag:
        return None

    def match(entry: OpenEntry) -> bool:
        if wanted_tag and wanted_tag not in {folded(t) for t in entry.tags}:
            return False
        if not terms:
            return True
        haystack = folded("\n".join((entry.title, entry.words, *entry.tags)))
        return all(term in haystack for term in terms)

    return match


def tag_counts(entries: list[OpenEntry]) -> list[tuple[str, int]]:
    """Each tag with how many pages carry it, most used first (spelled as first written)."""
    counts: Counter[str] = Counter()
    spelling: dict[str, str] = {}
    for entry in reversed(entries):  # oldest first: the first spelling wins
        for tag in entry.tags:
            key = folded(tag)
            spelling.setdefault(key, tag)
            counts[key] += 1
    return sorted(((spelling[k], n) for k, n in counts.items()), key=lambda t: (-t[1], t[0]))


# ---- The calendar -----------------------------------------------------------


@dataclass
class Month:
    year: int
    month: int
    weeks: list[list[datetime.date | None]]
    by_day: dict[datetime.date, list[OpenEntry]]

    @property
    def first(self) -> datetime.date:
        return datetime.date(self.year, self.month, 1)

    @property
    def previous(self) -> datetime.date:
        return (self.first - datetime.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> datetime.date:
        return (self.first + datetime.timedelta(days=32)).replace(day=1)

    def cells(self) -> list[list[tuple[datetime.date | None, int]]]:
        """Each week's days (None outside the month) with how many pages each has."""
        return [
            [(day, len(self.by_day.get(day, ())) if day else 0) for day in week]
            for week in self.weeks
        ]

    def days_with_entries(self) -> list[tuple[datetime.date, list[OpenEntry]]]:
        return sorted(self.by_day.items())


def month(owner, box: Box, year: int, month_number: int) -> Month:
    grid = calendar.Calendar(firstweekday=calendar.MONDAY)
    weeks = [
        [day if day.month == month_number else None for day in week]
        for week in grid.monthdatescalendar(year, month_number)
    ]
    by_day: dict[datetime.date, list[OpenEntry]] = {}
    for entry in open_all(owner, box):
        if entry.day and (entry.day.year, entry.day.month) == (year, month_number):
            by_day.setdefault(entry.day, []).append(entry)
    for entries in by_day.values():
        entries.sort(key=lambda e: e.created_at)
    return Month(year, month_number, weeks, by_day)


def count_this_week(owner) -> int:
    """Pages written since Monday (by when they were written: no need to open them)."""
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    return Entry.objects.filter(owner=owner, created_at__gte=start).count()
