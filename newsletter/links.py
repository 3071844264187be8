"""Absolute links for emails (HAVEN_SITE_URL), with signed tokens."""

from __future__ import annotations

from urllib.parse import quote

from django.conf import settings
from django.urls import reverse

from newsletter import tokens


def absolute(path: str) -> str:
    return settings.HAVEN_SITE_URL.rstrip("/") + path


def confirm_url(subscriber) -> str:
    token = tokens.make("confirm", subscriber.id, subscriber.generation)
    return absolute(reverse("newsletter:confirm", args=[token]))


def unsubscribe_url(subscriber_id) -> str:
    token = tokens.make("unsubscribe", subscriber_id)
    return absolute(reverse("newsletter:unsubscribe", args=[token]))


def manage_url(subscriber_id) -> str:
    return absolute(reverse("newsletter:manage", args=[tokens.make("manage", subscriber_id)]))


def unsubscribe_mailto(subscriber_id) -> str:
    """RFC 2369's mailto form: the token rides in the subject, read by the inbound webhook."""
    token = tokens.make("unsubscribe", subscriber_id)
    mailbox = settings.HAVEN_NEWSLETTER_UNSUBSCRIBE_MAILBOX
    return f"mailto:{mailbox}?subject={quote('unsubscribe ' + token)}"
