"""Signed links: each for one purpose, each with an end date (or, for leaving, none).

    confirm:     the subscriber id and the generation the link was made for;
                 a newer request or a withdrawal makes it stale. A week.
    unsubscribe: the subscriber id; works from every message ever sent, for
                 ever: leaving must never fail because a note is old.
    manage:      the subscriber id (choices, export, deletion). A year.

A token is `<id hex>[.<generation>][.<time>].<signature>`: the signature is
an HMAC-SHA256 (truncated to 128 bits) under a key derived from SECRET_KEY
for that purpose alone, so one kind of link never passes as another. Keys
from SECRET_KEY_FALLBACKS still open older links after a key change. Every
character is URL- and mail-subject-safe, and a token costs a few
microseconds: one is made for each recipient of every issue.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from functools import cache

from django.conf import settings

LIFETIME: dict[str, timedelta | None] = {
    "confirm": timedelta(days=7),
    "unsubscribe": None,
    "manage": timedelta(days=366),
}


@dataclass(frozen=True)
class Opened:
    subscriber_id: uuid.UUID
    generation: int | None


class BadToken(Exception):
    """`reason` is "expired" or "invalid" (tampered, wrong purpose, garbage)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@cache
def _keys(purpose: str, secrets: tuple[str, ...]) -> tuple[hmac.HMAC, ...]:
    """One keyed HMAC per secret, copied for each signature: a copy skips the
    key setup, and, unlike `hmac.digest`, never lets go of the interpreter
    lock for a few bytes (while a newsletter goes out, the sending threads
    would take it at every token, and composing would crawl)."""
    label = f"haven.newsletter.link.{purpose}".encode()
    return tuple(
        hmac.new(hmac.digest(secret.encode(), label, "sha256"), digestmod=hashlib.sha256)
        for secret in secrets
    )


def _signature(key: hmac.HMAC, body: str) -> str:
    mac = key.copy()
    mac.update(body.encode("ascii"))
    return base64.urlsafe_b64encode(mac.digest()[:16]).decode("ascii").rstrip("=")


def _all_keys(purpose: str) -> tuple[hmac.HMAC, ...]:
    secrets = (settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", ()))
    return _keys(purpose, tuple(secrets))


def make(purpose: str, subscriber_id, generation: int | None = None) -> str:
    return maker(purpose)(subscriber_id, generation)


def maker(purpose: str):
    """`make` for one purpose, with its key looked up once: for a whole issue's
    recipients (a key change in between is picked up by the next issue)."""
    key = _all_keys(purpose)[0]
    expires = LIFETIME[purpose] is not None

    def make_one(subscriber_id, generation: int | None = None) -> str:
        if not isinstance(subscriber_id, uuid.UUID):
            subscriber_id = uuid.UUID(str(subscriber_id))
        parts = [subscriber_id.hex]
        if generation is not None:
            parts.append(str(generation))
        if expires:
            parts.append(format(int(time.time()), "x"))
        body = ".".join(parts)
        return f"{body}.{_signature(key, body)}"

    return make_one


def read(purpose: str, token: str) -> Opened:
    body, _, signature = (token or "").rpartition(".")
    if (
        not body
        or not body.isascii()
        or not any(
            hmac.compare_digest(signature, _signature(key, body)) for key in _all_keys(purpose)
        )
    ):
        raise BadToken("invalid")
    parts = body.split(".")
    lifetime = LIFETIME[purpose]
    try:
        if lifetime is not None:
            made = int(parts.pop(), 16)
            if time.time() - made > lifetime.total_seconds():
                raise BadToken("expired")
        ident = uuid.UUID(hex=parts[0])
        generation = int(parts[1]) if len(parts) > 1 else None
    except (ValueError, IndexError):
        raise BadToken("invalid") from None
    return Opened(ident, generation)
