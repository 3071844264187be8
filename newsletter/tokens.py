"""Signed links: each for one purpose, each with an end date.

    confirm:     the subscriber id and the generation the link was made for;
                 a newer request or a withdrawal makes it stale. A week.
    unsubscribe: the subscriber id; works from every message ever sent, for
                 ever: leaving must never fail because a note is old.
    manage:      the subscriber id (choices, export, deletion). A year.

A token is `django.core.signing` with a salt per purpose, so one kind of link
never passes as another.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing

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


def _signer(purpose: str) -> signing.Signer:
    salt = f"haven.newsletter.{purpose}"
    # A link that never ends needs no time in it (and is the same every time).
    if LIFETIME[purpose] is None:
        return signing.Signer(salt=salt)
    return signing.TimestampSigner(salt=salt)


def make(purpose: str, subscriber_id, generation: int | None = None) -> str:
    value = uuid.UUID(str(subscriber_id)).hex
    if generation is not None:
        value = f"{value}.{generation}"
    return _signer(purpose).sign(value)


def read(purpose: str, token: str) -> Opened:
    try:
        signer = _signer(purpose)
        if isinstance(signer, signing.TimestampSigner):
            value = signer.unsign(token, max_age=LIFETIME[purpose])
        else:
            value = signer.unsign(token)
    except signing.SignatureExpired:
        raise BadToken("expired") from None
    except signing.BadSignature:
        raise BadToken("invalid") from None
    ident, _, generation = value.partition(".")
    try:
        return Opened(uuid.UUID(ident), int(generation) if generation else None)
    except ValueError:
        raise BadToken("invalid") from None
