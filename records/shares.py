"""Share links: a read-only copy of chosen entries, opened with its own passphrase.

At creation the chosen entries (their proofs, so a reader can check them too)
and their evidence are copied and sealed under a random share key; the share
key is kept only wrapped by a key derived from the share's passphrase with
Argon2id (the accounts' parameters, the server pepper mixed in). So the server
alone cannot open a share: it needs the passphrase the person gives the reader
separately. The link's id is random (`secrets.token_urlsafe(24)`); the server
keeps only its hash to find the share, and the link itself sealed for the
owner.

The reader types the passphrase (rate limited per share and per address); the
share key is then held for a short time, split like the vault's own key: sealed
in the session under a random key that lives only in an HttpOnly cookie.
Revoking deletes the copy at once; an expired share is deleted when anyone
asks for it, and by the sweep (records/jobs.py).
"""

from __future__ import annotations

import base64
import binascii
import datetime
import hashlib
import json
import secrets
import time
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from accounts import throttle
from records import export_zip, signing
from records.export_zip import Item
from records.models import Incident, Share
from vault import crypto, files
from vault.box import Box
from vault.keys import pepper

MAX_HOURS = 30 * 24
HOLD_SECONDS = 20 * 60
COOKIE_NAME = "hv_sk"
COOKIE_PATH = "/records/shared/"
SESSION_KEY = "hv_shares"
FORM_KEY = "hv_share_form"
PURPOSE_FILE = "share"
PURPOSE_THUMB = "share-thumb"
PER_SHARE = 10
PER_ADDRESS = 20
PASSPHRASE_GROUPS = 4


def new_passphrase() -> str:
    """Four groups of five letters and digits (about 100 random bits), easy to read out."""
    symbols = [secrets.choice(crypto.RECOVERY_ALPHABET) for _ in range(PASSPHRASE_GROUPS * 5)]
    return "-".join("".join(symbols[i : i + 5]) for i in range(0, len(symbols), 5))


def token_hash(token: str) -> str:
    return hashlib.sha256(f"haven/v1/share|{token}".encode()).hexdigest()


def _params() -> crypto.KdfParams:
    return crypto.KdfParams.from_dict(settings.HAVEN_ARGON2)


def _key_aad(share: Share) -> bytes:
    return f"haven/v1/share-key|{share.pk}".encode()


def _copy_aad(share: Share) -> bytes:
    return crypto.field_aad(share._meta.label_lower, "copy", share.pk)


def _file_aad(share: Share, name: str, purpose: str) -> str:
    # Bound to this share as well as to the storage name.
    return f"{purpose}|{share.pk}"


def _save(box: Box, share: Share, pieces: Iterable[bytes], purpose: str) -> str:
    """Seal `pieces` into storage under the share key (only sealed bytes reach disk)."""
    import tempfile
    import uuid

    name = f"{files.PREFIX}{uuid.uuid4().hex}"
    aad = f"haven/v1/file|{_file_aad(share, name, purpose)}|{name}".encode()
    with tempfile.SpooledTemporaryFile(max_size=1024 * 1024) as spool:
        for chunk in box.seal_stream(aad, pieces):
            spool.write(chunk)
        spool.seek(0)
        return default_storage.save(name, File(spool))


def _open(box: Box, share: Share, name: str, purpose: str) -> Iterator[bytes]:
    return files.open_chunks(box, name, _file_aad(share, name, purpose))


def create(
    box: Box,
    owner,
    incidents: list[Incident],
    hours: int,
    passphrase: str,
    note: str = "",
) -> tuple[Share, str]:
    """A new share of `incidents` for `hours`; returns it and the link's token."""
    if not incidents:
        raise ValueError("a share needs at least one entry")
    hours = max(1, min(int(hours), MAX_HOURS))
    token = secrets.token_urlsafe(24)
    share_key = crypto.random_key()
    share_box = Box(share_key)
    share = Share(owner=owner, token_hash=token_hash(token), entry_count=len(incidents))
    share.expires_at = timezone.now() + datetime.timedelta(hours=hours)
    items, source = export_zip.gather(box, incidents)
    saved: list[str] = []
    try:
        entries = []
        for item in items:
            evidence = []
            for ev in item.evidence:
                name = _save(share_box, share, source.original(ev["id"]), PURPOSE_FILE)
                saved.append(name)
                thumb_name = ""
                thumb = source.thumb(ev["id"]) if ev.get("thumb") else None
                if thumb:
                    thumb_name = _save(share_box, share, [thumb], PURPOSE_THUMB)
                    saved.append(thumb_name)
                evidence.append({**ev, "file": name, "thumb_file": thumb_name})
            entries.append({"proof": item.proof, "evidence": evidence})
        document = {"entries": entries, "public_keys": signing.public_keys()}
        share.copy = crypto.seal(share_key, json.dumps(document).encode(), _copy_aad(share))
        salt = crypto.random_salt()
        params = _params()
        derived = crypto.derive_from_passphrase(passphrase, salt, params, pepper())
        share.salt = salt.hex()
        share.kdf = params.as_dict()
        share.wrapped_key = crypto.wrap_key(derived.wrapping_key, share_key, _key_aad(share))
        share.link = box.seal(share, "link", token)
        share.note = box.seal(share, "note", note)
        share.file_names = saved
        share.save()
    except BaseException:
        for name in saved:
            files.delete(name)
        raise
    return share, token


def unlock(share: Share, passphrase: str) -> bytes | None:
    """The share key, if `passphrase` is the share's; None otherwise."""
    params = crypto.KdfParams.from_dict(share.kdf)
    derived = crypto.derive_from_passphrase(passphrase, bytes.fromhex(share.salt), params, pepper())
    try:
        return crypto.unwrap_key(derived.wrapping_key, bytes(share.wrapped_key), _key_aad(share))
    except crypto.VaultError:
        return None


class Opened:
    """A share opened with its key: its items and their files, for one request."""

    def __init__(self, share: Share, key: bytes) -> None:
        self.share = share
        self.box = Box(key)
        document = json.loads(crypto.open_sealed(key, bytes(share.copy), _copy_aad(share)))
        self.public_keys = document.get("public_keys", {})
        self.items = [Item(proof=e["proof"], evidence=e["evidence"]) for e in document["entries"]]
        self._by_id = {ev["id"]: ev for item in self.items for ev in item.evidence}

    def evidence(self, entry: int, number: int) -> dict | None:
        """The `number`th file (from 1) of the `entry`th item (from 1)."""
        if 1 <= entry <= len(self.items) and 1 <= number <= len(self.items[entry - 1].evidence):
            return self.items[entry - 1].evidence[number - 1]
        return None

    def original(self, evidence_id: str) -> Iterator[bytes]:
        return _open(self.box, self.share, self._by_id[evidence_id]["file"], PURPOSE_FILE)

    def thumb(self, evidence_id: str) -> bytes | None:
        name = self._by_id.get(evidence_id, {}).get("thumb_file")
        if not name:
            return None
        return b"".join(_open(self.box, self.share, name, PURPOSE_THUMB))


def live(token: str) -> Share | None:
    """The share this token opens, if it is still open; an expired one is swept now."""
    share = Share.objects.filter(token_hash=token_hash(token)).first()
    if share is not None and share.expires_at <= timezone.now():
        share.delete()
        return None
    return share


def opened_now(share: Share) -> None:
    """Count an opening: the owner sees how often and when (times only)."""
    Share.objects.filter(pk=share.pk).update(
        opened_count=F("opened_count") + 1, last_opened_at=timezone.now()
    )


def revoke(owner, share_id) -> bool:
    """Delete the owner's share and its sealed copy at once."""
    with transaction.atomic():
        found = Share.objects.filter(owner=owner, pk=share_id).first()
        if found is None:
            return False
        found.delete()
    return True


def sweep() -> int:
    """Delete every expired share (and, through the model's signal, its files)."""
    count = 0
    for share in Share.objects.filter(expires_at__lte=timezone.now()).only("id", "file_names"):
        share.delete()
        count += 1
    return count


# ---- Rate limits -------------------------------------------------------------


def buckets(request, token: str) -> list[throttle.Bucket]:
    return [
        throttle.Bucket("share", token_hash(token), PER_SHARE),
        throttle.Bucket("share-addr", throttle.client_address(request), PER_ADDRESS),
    ]


def address_bucket(request) -> list[throttle.Bucket]:
    return [throttle.Bucket("share-addr", throttle.client_address(request), PER_ADDRESS)]


# ---- The reader's hold on a share key ------------------------------------------


def _hold_aad(share: Share) -> bytes:
    return f"haven/v1/share-hold|{share.pk}".encode()


def hold(request, share: Share, key: bytes) -> str:
    """Keep `key` for this browser for HOLD_SECONDS; returns the cookie's value to set."""
    cookie_key = _cookie_key(request) or crypto.random_key()
    held = {
        sid: value
        for sid, value in request.session.get(SESSION_KEY, {}).items()
        if value.get("until", 0) > time.time()
    }
    sealed = crypto.seal(cookie_key, key, _hold_aad(share))
    held[str(share.pk)] = {
        "v": base64.b64encode(sealed).decode(),
        "until": int(time.time()) + HOLD_SECONDS,
    }
    request.session[SESSION_KEY] = held
    return base64.urlsafe_b64encode(cookie_key).decode()


def held(request, share: Share) -> bytes | None:
    entry = request.session.get(SESSION_KEY, {}).get(str(share.pk))
    cookie_key = _cookie_key(request)
    if not entry or cookie_key is None or entry.get("until", 0) <= time.time():
        return None
    try:
        return crypto.open_sealed(cookie_key, base64.b64decode(entry["v"]), _hold_aad(share))
    except (binascii.Error, ValueError, KeyError, crypto.VaultError):
        return None


def let_go(request, share: Share | None = None) -> None:
    held_keys = request.session.get(SESSION_KEY, {})
    if share is None:
        request.session.pop(SESSION_KEY, None)
    elif str(share.pk) in held_keys:
        del held_keys[str(share.pk)]
        request.session[SESSION_KEY] = held_keys


def _cookie_key(request) -> bytes | None:
    value = request.COOKIES.get(COOKIE_NAME)
    if not value:
        return None
    try:
        raw = base64.urlsafe_b64decode(value.encode())
    except (binascii.Error, ValueError):
        return None
    return raw if len(raw) == crypto.KEY_BYTES else None


def set_cookie(response, value: str) -> None:
    response.set_cookie(
        COOKIE_NAME,
        value,
        max_age=HOLD_SECONDS,
        path=COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )


def form_token(request) -> str:
    """The reader's form token (kept in their session), since no-referrer pages
    send Origin: null, which Django's own CSRF check refuses."""
    token = request.session.get(FORM_KEY)
    if not token:
        token = request.session[FORM_KEY] = secrets.token_urlsafe(24)
    return token


def form_token_ok(request) -> bool:
    expected = request.session.get(FORM_KEY) or ""
    given = request.POST.get("form_token", "")
    return bool(expected) and secrets.compare_digest(expected, given)
