"""The person's journal pages, for their own export and restore."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.export_tables import Table, export_tables, restore_tables
from core.pdf import Writer
from journal import modes
from journal.forms import MAX_TAG, MAX_TAGS, MAX_WORDS
from journal.models import Entry

VERSION = 1
TITLE = gettext_lazy("Journal")
KEYS = {"mode", "title", "answers", "tags", "day"}


def _text(value: Any, limit: int) -> bool:
    return isinstance(value, str) and len(value) <= limit


def _day(value: Any) -> bool:
    try:
        datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _valid(documents: dict[str, Any]) -> bool:
    """A page from a file, shaped as Haven writes it."""
    page = documents.get("content")
    if not isinstance(page, dict) or set(page) - KEYS:
        return False
    answers, tags = page.get("answers", {}), page.get("tags", [])
    return (
        page.get("mode", modes.DEFAULT) in modes.BY_KEY
        and _text(page.get("title", ""), 120)
        and isinstance(answers, dict)
        and all(_text(k, 40) and _text(v, MAX_WORDS) for k, v in answers.items())
        and isinstance(tags, list)
        and len(tags) <= MAX_TAGS
        and all(_text(t, MAX_TAG) for t in tags)
        and _day(page.get("day", ""))
    )


TABLES = [Table(Entry, "entries", json=["content"], valid=_valid)]


def export(user, box) -> dict:
    return export_tables(user, box, TABLES, VERSION)


def restore(user, box, data) -> None:
    restore_tables(user, box, data, TABLES, VERSION)


def readable(out: Writer, data: dict) -> None:
    entries = data.get("entries") or []
    if not entries:
        out.small(_("Nothing kept here yet."))
    # Oldest first, as a diary reads.
    for row in sorted(entries, key=lambda r: r.get("created_at", "")):
        page = row.get("content") or {}
        mode = modes.get(page.get("mode"))
        out.heading(page.get("title") or str(modes.label(page.get("mode", ""))))
        out.small(f"{page.get('day', '')} · {modes.label(page.get('mode', ''))}")
        answers = page.get("answers") or {}
        keys = [p.key for p in mode.prompts] if mode else list(answers)
        labels = {p.key: str(p.label) for p in mode.prompts} if mode else {}
        for key in keys:
            if answers.get(key):
                if labels.get(key) and len(keys) > 1:
                    out.small(labels[key])
                out.line(answers[key])
        if page.get("tags"):
            out.small(_("Tags: %(tags)s") % {"tags": ", ".join(page["tags"])})
