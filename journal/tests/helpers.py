"""Pages written straight through the journal's actions, for tests that need
many of them or someone else's."""

from __future__ import annotations

import datetime

from django.utils import timezone

from journal import actions
from vault.box import Box


def write(user, dek, words: str, *, mode="free", title="", tags=(), day=None, when=None):
    key = {"free": "body", "letter": "letter", "wins": "done"}.get(mode, "body")
    return actions.create_entry(
        user,
        Box(dek),
        mode,
        {"title": title, "answers": {key: words}, "tags": list(tags), "day": day},
        created_at=when or timezone.now(),
    )


def form_data(mode, **answers) -> dict:
    """What a person sends from a mode's page: their answers, and Save."""
    data = {"mode_key": mode, "title": "", "day": "", "tags": "", "action": "save"}
    data.update({f"p_{key}": words for key, words in answers.items()})
    return data


def minutes_ago(n: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(minutes=n)
