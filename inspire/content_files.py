"""The daily reminders' content file, inspire/data/reminders.yaml, loaded through
the one content loader (core.content)."""

import re
from pathlib import Path
from typing import Annotated, Literal

from django.db import transaction
from pydantic import AfterValidator, Field

from core import content
from inspire.models import TEXT_MAX, Reminder, Theme

DATA_FILE = Path(__file__).resolve().parent / "data" / "reminders.yaml"

# Words Haven never says to someone (docs/CONTENT.md): leaving is not simple,
# and nothing here may sound as if it were.
NEVER_SAID = re.compile(r"\bjust (?:leave|go|walk away|get out)\b", re.IGNORECASE)


TEXT_MIN = 10


def _kind_words(text: str) -> str:
    if len(text) < TEXT_MIN:
        raise ValueError(f"is {len(text)} characters; a reminder needs at least {TEXT_MIN}")
    if NEVER_SAID.search(text):
        raise ValueError('Haven never tells anyone to "just leave"; please say it another way')
    return text


class ReminderEntry(content.ContentModel):
    slug: content.Slug
    theme: Literal[tuple(Theme.values)]  # type: ignore[valid-type]
    text: Annotated[content.Text, AfterValidator(_kind_words)] = Field(max_length=TEXT_MAX)


class RemindersFile(content.ContentModel):
    version: content.Version
    reminders: list[ReminderEntry] = Field(min_length=1)


def same_words(text: str) -> str:
    """The words of a text without case, punctuation or spacing: two reminders
    that differ only in those are the same reminder."""
    return " ".join(re.findall(r"\w+", text.lower().replace("'", "").replace("’", "")))


def read(path: Path = DATA_FILE) -> content.Document[RemindersFile]:
    doc = content.read_yaml(path, RemindersFile)
    entries = doc.data.reminders
    content.unique(doc, [(("reminders", n, "slug"), e.slug) for n, e in enumerate(entries)])
    content.unique(
        doc,
        [(("reminders", n, "text"), same_words(e.text)) for n, e in enumerate(entries)],
        what="text",
    )
    return doc


def load(*, force: bool = False, path: Path = DATA_FILE) -> str:
    doc = read(path)
    rows = [
        content.Row(
            entry.slug,
            {"theme": entry.theme, "text": entry.text, "position": number},
            doc.data.version,
            doc,
            ("reminders", number),
        )
        for number, entry in enumerate(doc.data.reminders)
    ]
    with transaction.atomic():
        report = content.upsert(Reminder, rows, force=force)
    return report.summary(f"Daily reminders (file version {doc.data.version})")
