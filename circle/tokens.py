"""Signed, single-purpose links: a contact's page, and a reminder's check-in.

A link names a row by its id and the row's current nonce, signed with the
secret key and a salt for its one purpose. Giving the row a new nonce ends
every link made before. No address or word of the person's is in a link.
"""

from __future__ import annotations

from django.core import signing

CONTACT = "circle.contact"
CHECK_IN = "circle.check-in"
CHECK_IN_DAYS = 14


def make(purpose: str, row) -> str:
    return signing.dumps([str(row.pk), row.nonce], salt=purpose, compress=False)


def read(purpose: str, token: str, max_age_days: int | None = None) -> tuple[str, str] | None:
    max_age = max_age_days * 86400 if max_age_days else None
    try:
        pk, nonce = signing.loads(token, salt=purpose, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(pk, str) or not isinstance(nonce, str):
        return None
    return pk, nonce
