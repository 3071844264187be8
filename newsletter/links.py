"""Absolute links for emails (HAVEN_SITE_URL), with signed tokens."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from newsletter import tokens

_MARK = "TOKENMARK"


def absolute(path: str) -> str:
    return settings.HAVEN_SITE_URL.rstrip("/") + path


def _with_token(url_name: str, token: str) -> str:
    # Reversed per call (cheap enough for single notes); Composer keeps its own.
    return absolute(reverse(url_name, args=[token]))


def template(url_name: str) -> tuple[str, str]:
    """(before, after) the token in the absolute URL: for composing thousands at once."""
    before, _, after = absolute(reverse(url_name, args=[_MARK])).partition(_MARK)
    return before, after


def confirm_url(subscriber) -> str:
    return _with_token(
        "newsletter:confirm", tokens.make("confirm", subscriber.id, subscriber.generation)
    )


def unsubscribe_url(subscriber_id) -> str:
    return _with_token("newsletter:unsubscribe", tokens.make("unsubscribe", subscriber_id))


def manage_url(subscriber_id) -> str:
    return _with_token("newsletter:manage", tokens.make("manage", subscriber_id))


def unsubscribe_mailto(token: str) -> str:
    """RFC 2369's mailto form: the token rides in the subject, read by the inbound webhook.

    Tokens are made of URL-safe characters only, so only the space needs quoting.
    """
    mailbox = settings.HAVEN_NEWSLETTER_UNSUBSCRIBE_MAILBOX
    return f"mailto:{mailbox}?subject=unsubscribe%20{token}"
