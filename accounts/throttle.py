"""Slowing down guessing: fixed windows counted per sign-in name and per address.

Counts live in the cache (Redis at scale). A name that doesn't exist is
counted exactly like one that does, so the limit reveals nothing.
"""

from __future__ import annotations

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

SIGNUPS_PER_ADDRESS = 10


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0  # seconds

    @property
    def minutes(self) -> int:
        return max(1, math.ceil(self.retry_after / 60))


@dataclass(frozen=True)
class Bucket:
    kind: str
    value: str
    limit: int

    @property
    def key(self) -> str:
        # Hashed, so neither a name nor an address sits in the cache in the clear.
        raw = f"{settings.SECRET_KEY}|{self.kind}|{self.value}".encode()
        return f"hv:throttle:{self.kind}:{hashlib.sha256(raw).hexdigest()[:32]}"


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def sign_in_buckets(name_key: str, address: str) -> list[Bucket]:
    return [
        Bucket("name", name_key, settings.HAVEN_SIGNIN_LIMIT_PER_NAME),
        Bucket("addr", address, settings.HAVEN_SIGNIN_LIMIT_PER_ADDRESS),
    ]


def unlock_buckets(session_key: str, address: str) -> list[Bucket]:
    """Like sign_in_buckets, but the first counts this device's session, not the name."""
    return [
        Bucket("unlock", session_key, settings.HAVEN_SIGNIN_LIMIT_PER_NAME),
        Bucket("addr", address, settings.HAVEN_SIGNIN_LIMIT_PER_ADDRESS),
    ]


def sign_up_buckets(address: str) -> list[Bucket]:
    return [Bucket("signup", address, SIGNUPS_PER_ADDRESS)]


def check(buckets: list[Bucket]) -> Verdict:
    window = settings.HAVEN_SIGNIN_WINDOW_SECONDS
    now = time.time()
    wait = 0
    for bucket in buckets:
        record = cache.get(bucket.key)
        if record and record["count"] >= bucket.limit:
            wait = max(wait, int(record["first"] + window - now))
    return Verdict(allowed=wait <= 0, retry_after=max(wait, 0))


def count(buckets: list[Bucket]) -> None:
    window = settings.HAVEN_SIGNIN_WINDOW_SECONDS
    now = time.time()
    for bucket in buckets:
        record = cache.get(bucket.key)
        if not record or now - record["first"] > window:
            record = {"count": 0, "first": now}
        record["count"] += 1
        cache.set(bucket.key, record, timeout=window)


def take(buckets: list[Bucket]) -> Verdict:
    """Check and count in one step, before the slow work, so that many
    attempts sent at once can't all slip under the limit."""
    verdict = check(buckets)
    if verdict.allowed:
        count(buckets)
    return verdict


def refund(bucket: Bucket) -> None:
    """Give back one counted attempt (it turned out to be the person)."""
    record = cache.get(bucket.key)
    if record and record["count"] > 0:
        record["count"] -= 1
        cache.set(bucket.key, record, timeout=settings.HAVEN_SIGNIN_WINDOW_SECONDS)


def totp_bucket(account_id) -> Bucket:
    # Per account, surviving new sign-ins: knowing the passphrase must not
    # give endless guesses at the code.
    return Bucket("totp", str(account_id), settings.HAVEN_TOTP_LIMIT_PER_ACCOUNT)


def clear(bucket: Bucket) -> None:
    cache.delete(bucket.key)
