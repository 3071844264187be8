"""What the urge flow borrows from other rooms, each looked up only when it is there.

Nothing here imports another room at start-up: the journal, the plan and the
crisis-word check may be missing from a Haven, and the flow still works.
"""

from __future__ import annotations

from django.apps import apps
from django.urls import NoReverseMatch, reverse


def journal_letter_url() -> str:
    """The journal's "letter never sent" page, or "" when there is no journal."""
    try:
        return reverse("journal:new") + "?mode=letter"
    except NoReverseMatch:
        return ""


def reasons(request) -> list[str]:
    if not apps.is_installed("plan"):
        return []
    from plan import api

    return api.reasons(request)


def trusted_person(request) -> dict | None:
    if not apps.is_installed("plan"):
        return None
    from plan import api

    return api.trusted_person(request)


def heavy_words(request, text: str) -> bool:
    """Whether help lines should sit beside what was just written: the words
    sound like danger right now and the person keeps that help on (settings).

    The answer only decides what this page shows; it is never stored or logged.
    """
    if not text or not apps.is_installed("resources"):
        return False
    from resources.api import heavy_words_help

    return heavy_words_help(request, text)
