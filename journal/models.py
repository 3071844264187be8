from django.conf import settings
from django.db import models

from vault.records import PrivateRecord, SealedJSONField


class Entry(PrivateRecord):
    """One journal page. Everything written is in `content`, sealed.

    The document: {"mode", "title", "answers": {prompt key: text}, "tags": [...],
    "day": "2026-03-14"} (journal/actions.py). Only the time the row was made
    and last changed are in the clear, as on every private record: the day a
    page is about and its tags are sealed with the words.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries"
    )
    content = SealedJSONField(version=1)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "-created_at", "-id"], name="journal_newest")]
        verbose_name = "journal entry"
        verbose_name_plural = "journal entries"
