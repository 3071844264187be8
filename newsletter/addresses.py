"""Email addresses: checked, normalised, sealed with the server key, found by a keyed hash.

The keyed hash is an HMAC under a key derived from the pepper (which never
lives in the database and never rotates), so a stolen database can't be
searched for a guessed address, and rotating the server keys keeps every
look-up working. Addresses never go into a URL, a task argument or a log.
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from vault import crypto, server
from vault.keys import pepper, server_keys

MAX_LENGTH = 254


class BadAddress(ValueError):
    """The address can't be used; `code` says why, for a kind message."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def normalise(raw: str) -> str:
    """The address to send to: trimmed, domain in its ASCII (IDNA) form and lower case.

    Raises BadAddress("invalid" | "local_unicode" | "too_long").
    """
    value = (raw or "").strip()
    if value.count("@") != 1 or any(ch.isspace() for ch in value):
        raise BadAddress("invalid")
    local, domain = value.split("@")
    if not local or not domain:
        raise BadAddress("invalid")
    if not local.isascii():
        # Non-ASCII before the @ needs SMTPUTF8 end to end, which Haven
        # can't promise yet; saying so beats a silent failure later.
        raise BadAddress("local_unicode")
    domain = domain.rstrip(".").lower()
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise BadAddress("invalid") from None
    address = f"{local}@{ascii_domain}"
    if len(address) > MAX_LENGTH:
        raise BadAddress("too_long")
    try:
        validate_email(address)
    except ValidationError:
        raise BadAddress("invalid") from None
    if "." not in ascii_domain:
        raise BadAddress("invalid")
    return address


@cache
def _hash_key() -> bytes:
    info = b"haven/v1/newsletter/address-hash"
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(pepper())


def address_hash(address: str) -> str:
    """The look-up key of a normalised address (case does not make a second subscriber)."""
    return hmac.new(_hash_key(), address.lower().encode(), hashlib.sha256).hexdigest()


def _aad(subscriber_id) -> bytes:
    return crypto.field_aad("newsletter.Subscriber", "address", subscriber_id)


def seal(address: str, subscriber_id) -> bytes:
    return server.seal(address, _aad(subscriber_id))


def open_address(blob: bytes, subscriber_id) -> str:
    return server.open_value(blob, _aad(subscriber_id))


class Opener:
    """Opens many addresses in a row (sending an issue), keeping one cipher per server key.

    The same format and associated data as `open_address`, which stays the
    one way for everything else.
    """

    def __init__(self) -> None:
        self.ciphers: dict[str, object] = {}

    def __call__(self, blob: bytes, subscriber_id) -> str:
        blob = bytes(blob)
        size = blob[0] if blob else 0
        key_id = blob[1 : 1 + size].decode("ascii", errors="replace")
        aes = self.ciphers.get(key_id)
        if aes is None:
            key = dict(server_keys()).get(key_id)
            if key is None:
                return open_address(blob, subscriber_id)  # raises the vault's own error
            aes = self.ciphers[key_id] = crypto.cipher(key)
        aad = b"haven/v1/server|" + _aad(subscriber_id)
        return crypto.open_sealed(aes, blob[1 + size :], aad).decode()
