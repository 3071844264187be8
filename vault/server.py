"""Sealing with the server key: for the little data the server must read while
the person is away (a check-in alert's recipient, a newsletter address).

Layout: key id (length-prefixed) | sealed value. Rotation: put a new key first
in HAVEN_SERVER_KEYS; old values still open, new ones use the new key.
"""

from __future__ import annotations

from vault import crypto
from vault.keys import server_keys


def seal(value: str, aad: bytes) -> bytes:
    key_id, key = server_keys()[0]
    prefix = bytes([len(key_id)]) + key_id.encode()
    return prefix + crypto.seal(key, value.encode("utf-8"), b"haven/v1/server|" + aad)


def open_value(blob: bytes, aad: bytes) -> str:
    blob = bytes(blob)
    if not blob:
        raise crypto.VaultError("empty server-sealed value")
    size = blob[0]
    key_id = blob[1 : 1 + size].decode("ascii", errors="replace")
    for candidate_id, key in server_keys():
        if candidate_id == key_id:
            return crypto.open_sealed(key, blob[1 + size :], b"haven/v1/server|" + aad).decode()
    raise crypto.VaultError("sealed with a server key that is no longer configured")


def needs_rotation(blob: bytes) -> bool:
    blob = bytes(blob)
    return blob[1 : 1 + blob[0]].decode("ascii", errors="replace") != server_keys()[0][0]
