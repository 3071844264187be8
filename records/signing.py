"""The server's Ed25519 keys for signing the head of each record's chain.

`HAVEN_RECORDS_SIGNING_KEYS` is "id:base64seed[,id2:base64seed]": the first
signs, all verify, so a key can be replaced without breaking old exports.
A seed is 32 random bytes (`manage.py haven_init` makes one for a laptop).
The public keys are printed on the public verify page and in every export.
"""

from __future__ import annotations

import base64
from functools import cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


@cache
def _keys(spec: str) -> tuple[tuple[str, Ed25519PrivateKey], ...]:
    if not spec.strip():
        raise ImproperlyConfigured("HAVEN_RECORDS_SIGNING_KEYS is not set")
    keys = []
    for part in spec.split(","):
        key_id, sep, seed = part.strip().partition(":")
        if not sep or not key_id:
            raise ImproperlyConfigured("HAVEN_RECORDS_SIGNING_KEYS must be id:base64seed pairs")
        raw = base64.b64decode(seed)
        if len(raw) != 32:
            raise ImproperlyConfigured("each records signing seed must be 32 bytes")
        keys.append((key_id, Ed25519PrivateKey.from_private_bytes(raw)))
    if not keys:
        raise ImproperlyConfigured("HAVEN_RECORDS_SIGNING_KEYS is not set")
    return tuple(keys)


def _configured() -> tuple[tuple[str, Ed25519PrivateKey], ...]:
    return _keys(getattr(settings, "HAVEN_RECORDS_SIGNING_KEYS", "") or "")


def sign(message: bytes) -> tuple[str, str]:
    """(key id, base64 signature) with the current key."""
    key_id, key = _configured()[0]
    return key_id, base64.b64encode(key.sign(message)).decode()


def public_keys() -> dict[str, str]:
    """Key id -> base64 raw public key, for the verify page and exports."""
    return {
        key_id: base64.b64encode(
            key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        ).decode()
        for key_id, key in _configured()
    }


def verify(message: bytes, key_id: str, signature: str, keys: dict[str, str] | None = None) -> bool:
    """Whether `signature` over `message` was made by key `key_id`.

    `keys` (id -> base64 public key) lets an exported copy be checked against
    the keys it names; by default the server's own.
    """
    known = public_keys() if keys is None else keys
    if key_id not in known:
        return False
    try:
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(known[key_id]))
        public.verify(base64.b64decode(signature), message)
    except (InvalidSignature, ValueError):
        return False
    return True
