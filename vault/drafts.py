"""Drafts: what the person typed, kept sealed on the server until they save.

Never in browser storage. Feature views use `vault.forms.drafted()`, which
loads, keeps and discards the draft around one form, and mark the form with
`data-draft="safety-plan"` so drafts.js autosaves it to /drafts/safety-plan/
as the person types. Underneath, three calls:

    initial = drafts.load(request, "safety-plan") or saved_values
    ...on a successful save: drafts.discard(request, "safety-plan")
"""

from __future__ import annotations

import re

from django.db import transaction
from django.http import HttpRequest, QueryDict

from vault.models import Draft

KEY_RE = re.compile(r"^[a-z0-9][a-z0-9:_-]{0,79}$")
MAX_FIELD = 20_000
SKIP = {"csrfmiddlewaretoken"}


def valid_key(key: str) -> bool:
    return bool(KEY_RE.match(key))


def from_post(post: QueryDict) -> dict[str, list[str]]:
    return {
        name: [value[:MAX_FIELD] for value in post.getlist(name)]
        for name in post
        if name not in SKIP
    }


def save(request: HttpRequest, key: str, data: dict[str, list[str]]) -> None:
    box = request.vault  # type: ignore[attr-defined]
    with transaction.atomic():
        draft = Draft.objects.filter(owner_id=request.user.pk, key=key).first()
        if draft is None:
            draft = Draft(owner_id=request.user.pk, key=key)  # type: ignore[misc]
        draft.data = box.seal_json(draft, "data", data)
        draft.save()


def load(request: HttpRequest, key: str) -> dict[str, str | list[str]] | None:
    """The draft as form `initial` data (single values unwrapped), or None."""
    draft = Draft.objects.filter(owner_id=request.user.pk, key=key).first()
    if draft is None:
        return None
    data = request.vault.open_json(draft, "data", {})  # type: ignore[attr-defined]
    return {name: values[0] if len(values) == 1 else values for name, values in data.items()}


def discard(request: HttpRequest, key: str) -> None:
    Draft.objects.filter(owner_id=request.user.pk, key=key).delete()
