"""Reading the server-held secrets: the pepper and the server keys."""

from __future__ import annotations

import base64
import binascii
from functools import cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def _b64(value: str, what: str) -> bytes:
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(f"{what} is not valid base64") from None
    if len(raw) < 32:
        raise ImproperlyConfigured(f"{what} must hold at least 32 bytes")
    return raw


@cache
def pepper() -> bytes:
    if not settings.HAVEN_PEPPER:
        raise ImproperlyConfigured("HAVEN_PEPPER is not set")
    return _b64(settings.HAVEN_PEPPER, "HAVEN_PEPPER")


@cache
def server_keys() -> tuple[tuple[str, bytes], ...]:
    """("id", key) pairs; the first one seals, all of them open."""
    pairs = []
    for part in settings.HAVEN_SERVER_KEYS.split(","):
        part = part.strip()
        if not part:
            continue
        key_id, sep, value = part.partition(":")
        if not sep or not key_id.isalnum() or len(key_id) > 8:
            raise ImproperlyConfigured(
                "HAVEN_SERVER_KEYS must look like id:base64key,id2:base64key"
            )
        pairs.append((key_id, _b64(value, f"HAVEN_SERVER_KEYS[{key_id}]")[:32]))
    if not pairs:
        raise ImproperlyConfigured("HAVEN_SERVER_KEYS is not set")
    return tuple(pairs)


def clear_caches() -> None:
    pepper.cache_clear()
    server_keys.cache_clear()
