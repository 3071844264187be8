"""Check-ins: how the person felt, a tap at a time.

Everything about a check-in is sealed in one JSON document, even the day it
is about: the database shows only when a row was made and changed
(`created_at`, `updated_at`), never a mood, a tag or which day it speaks for.
The shape of `data` (schema version 1), see `mood/checkins.py`:

    {"day": "2026-12-01", "mood": 4, "energy": 3, "sleep": 7.5, "safe": "yes",
     "tags": ["outside", "friend"], "own_tags": ["choir"], "note": "..."}
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from vault.records import PrivateRecord, SealedJSONField


class CheckIn(PrivateRecord):
    data = SealedJSONField(version=1)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["owner", "created_at"])]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
