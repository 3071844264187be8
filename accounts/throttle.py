"""Slowing down guessing: fixed windows counted in separate budgets.

Counts live in the "limits" cache, which holds nothing else (Redis at scale),
so nothing anyone can fill pushes them out. A name that doesn't exist is
counted exactly like one that does, so the limit reveals nothing.

The budgets are kept apart on purpose (T7): guesses at a person's name from
elsewhere use the name's budget, never the one of a browser the person has
signed in with before, nor the one of a device they are signed in on; and
signing in and recovering don't share one either. Someone who knows only the
name can make the name wait, but can't keep its owner out.
"""

from __future__ import annotations

import hashlib
import ipaddress
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

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
    """The visitor's address: the peer's, unless trusted proxies stand in front.

    Behind them, each proxy appends the address it saw to X-Forwarded-For, so
    the visitor's is the one the outermost trusted proxy added; anything to
    its left was written by the visitor and is not believed.
    """
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    trusted = settings.HAVEN_TRUSTED_PROXIES
    if not trusted:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    if isinstance(trusted, int):
        return hops[-trusted] if len(hops) >= trusted else remote
    networks = [ipaddress.ip_network(net) for net in trusted]
    chain = [*hops, remote]
    for hop in reversed(chain):
        if not _within(hop, networks):
            return hop
    return chain[0]


def _within(address: str, networks) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in net for net in networks)


def _per_name() -> int:
    return settings.HAVEN_SIGNIN_LIMIT_PER_NAME


def _per_address() -> int:
    return settings.HAVEN_SIGNIN_LIMIT_PER_ADDRESS


def name_buckets(name_key: str) -> list[Bucket]:
    """The name's own budget: sign-ins from unknown browsers, sign-up checks of
    the name, and passphrases typed inside its spaces all count here."""
    return [Bucket("name", name_key, _per_name())]


def sign_in_buckets(name_key: str, address: str, remembered: str | None = None) -> list[Bucket]:
    if remembered:
        # A browser that has opened this space before (`remembered` is the
        # space's id): the budget of that space's browsers only, so guesses at
        # the name from elsewhere (or from the same busy address) never keep
        # the person out of it.
        return [Bucket("remembered", remembered, _per_name())]
    return [*name_buckets(name_key), Bucket("addr", address, _per_address())]


def unlock_buckets(space_id) -> list[Bucket]:
    """A signed-in device is counted by the space it has open (shared by that
    space's own sessions), never by the name or the address, which others may
    share; a session opened by the duress passphrase counts on the decoy's."""
    return [Bucket("unlock", str(space_id), _per_name())]


def recovery_buckets(name_key: str, address: str) -> list[Bucket]:
    return [
        Bucket("recover", name_key, _per_name()),
        Bucket("recover-addr", address, _per_address()),
    ]


def sign_up_buckets(address: str, name_key: str) -> list[Bucket]:
    # Asking sign-up whether a name is free counts on the name's own budget,
    # so it says no more about who has an account than guessing at sign-in.
    return [Bucket("signup", address, SIGNUPS_PER_ADDRESS), *name_buckets(name_key)]


def check(buckets: list[Bucket]) -> Verdict:
    window = settings.HAVEN_SIGNIN_WINDOW_SECONDS
    now = time.time()
    wait = 0
    for bucket in buckets:
        record = caches["limits"].get(bucket.key)
        if record and record["count"] >= bucket.limit:
            wait = max(wait, int(record["first"] + window - now))
    return Verdict(allowed=wait <= 0, retry_after=max(wait, 0))


def count(buckets: list[Bucket]) -> None:
    window = settings.HAVEN_SIGNIN_WINDOW_SECONDS
    now = time.time()
    for bucket in buckets:
        record = caches["limits"].get(bucket.key)
        if not record or now - record["first"] > window:
            record = {"count": 0, "first": now}
        record["count"] += 1
        caches["limits"].set(bucket.key, record, timeout=window)


def take(buckets: list[Bucket]) -> Verdict:
    """Check and count in one step, before the slow work, so that many
    attempts sent at once can't all slip under the limit."""
    verdict = check(buckets)
    if verdict.allowed:
        count(buckets)
    return verdict


def refund(buckets: Bucket | list[Bucket]) -> None:
    """Give back the one attempt just counted (it turned out to be the person).

    Never more than that: a passphrase someone was given (the duress one)
    must not wipe out the count of their other guesses.
    """
    for bucket in [buckets] if isinstance(buckets, Bucket) else buckets:
        record = caches["limits"].get(bucket.key)
        if record and record["count"] > 0:
            record["count"] -= 1
            caches["limits"].set(bucket.key, record, timeout=settings.HAVEN_SIGNIN_WINDOW_SECONDS)


def totp_bucket(account_id) -> Bucket:
    # Per account, surviving new sign-ins: knowing the passphrase must not
    # give endless guesses at the code.
    return Bucket("totp", str(account_id), settings.HAVEN_TOTP_LIMIT_PER_ACCOUNT)


def clear(bucket: Bucket) -> None:
    caches["limits"].delete(bucket.key)
