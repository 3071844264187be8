"""State changes of accounts: each one transactional, side effects after commit."""

from __future__ import annotations

import hmac
import logging
import secrets
import time
from datetime import UTC, datetime

import pyotp
from django.contrib.auth import login
from django.db import transaction

from accounts.models import DuressEvent, User, name_key
from accounts.signals import decoy_created
from vault import crypto
from vault import keyring as vault_keyring
from vault import session as vault_session
from vault.box import Box
from vault.models import Keyring

BACKEND = "django.contrib.auth.backends.ModelBackend"
# Ids and events only: never a name, passphrase, code or anything typed.
logger = logging.getLogger("haven.accounts")


def create_account(username: str, passphrase: str) -> tuple[User, bytes, str]:
    with transaction.atomic():
        user = User.objects.create_user(username)
        ring, dek, code = vault_keyring.create(user, passphrase)
        ring.save()
    logger.info("account created id=%s", user.pk)
    return user, dek, code


def find_member(name: str) -> User | None:
    return (
        User.objects.members()
        .select_related("keyring", "decoy")
        .filter(username_key=name_key(name), is_active=True)
        .first()
    )


def keyring_of(user: User | None) -> Keyring | None:
    if user is None:
        return None
    try:
        return user.keyring
    except Keyring.DoesNotExist:
        return None


def open_space(request, account: User, dek: bytes) -> None:
    """Sign in to `account` (the member or their decoy) and hold its key."""
    request.session.pop("hv_pending_user", None)
    # Never carry "preparing the decoy" into a space opened by a passphrase.
    request.session.pop("hv_preparing", None)
    login(request, account, backend=BACKEND)
    vault_session.start(request, dek)
    # A decoy is logged as the member it belongs to, so logs never show one.
    logger.info("space opened id=%s", account.decoy_for_id or account.pk)
    request.hv_set_disguise = account.discreet


def record_duress(member: User) -> DuressEvent:
    # Not logged: a log line would tell anyone reading the logs that this
    # person signed in under duress.
    return DuressEvent.objects.create(user=member)


def change_passphrase(user: User, dek: bytes, new: str) -> None:
    with transaction.atomic():
        ring = Keyring.objects.select_for_update().get(user=user)
        vault_keyring.change_passphrase(ring, dek, new)
        ring.save()


def recover(user: User, dek: bytes, new: str) -> None:
    """After a recovery code worked: new passphrase, and the code must be renewed."""
    with transaction.atomic():
        ring = Keyring.objects.select_for_update().get(user=user)
        vault_keyring.change_passphrase(ring, dek, new)
        ring.save()
        User.objects.filter(pk=user.pk).update(recovery_confirmed=False)


def renew_recovery_code(user: User, dek: bytes) -> str:
    if user.is_decoy:
        # The decoy has no recovery of its own; it shows a code like any space.
        User.objects.filter(pk=user.pk).update(recovery_confirmed=False)
        return crypto.new_recovery_code()
    with transaction.atomic():
        ring = Keyring.objects.select_for_update().get(user=user)
        code = vault_keyring.new_recovery_code(ring, dek)
        ring.save()
        User.objects.filter(pk=user.pk).update(recovery_confirmed=False)
    return code


def set_duress(user: User, dek: bytes, duress_passphrase: str) -> User:
    """Create (or keep) the decoy space and let the duress passphrase open it."""
    with transaction.atomic():
        ring = Keyring.objects.select_for_update().get(user=user)
        decoy = User.objects.filter(decoy_for=user).first()
        decoy_dek = vault_keyring.decoy_dek(ring, dek) if decoy else None
        if decoy is None or decoy_dek is None:
            if decoy is not None:
                decoy.delete()
            decoy = User.objects.create_user(
                f"decoy-{secrets.token_hex(8)}",
                is_decoy=True,
                decoy_for=user,
                recovery_confirmed=True,
                auto_lock_minutes=user.auto_lock_minutes,
                exit_url=user.exit_url,
                discreet=user.discreet,
            )
            decoy_dek = vault_keyring.random_data_key()
            decoy_created.send(sender=User, decoy=decoy, box=Box(decoy_dek))
        vault_keyring.set_duress(ring, dek, duress_passphrase, decoy_dek)
        ring.save()
        _copy_totp_to_decoy(user, Box(dek), decoy, Box(decoy_dek))
    return decoy


def change_duress_passphrase(decoy: User, decoy_dek: bytes, new: str) -> None:
    with transaction.atomic():
        ring = Keyring.objects.select_for_update().get(user=decoy.decoy_for)
        vault_keyring.change_duress_passphrase(ring, decoy_dek, new)
        ring.save()


def remove_duress(user: User) -> None:
    with transaction.atomic():
        ring = Keyring.objects.select_for_update().get(user=user)
        vault_keyring.remove_duress(ring)
        ring.save()
        User.objects.filter(decoy_for=user).delete()


def decoy_key(user: User, dek: bytes) -> tuple[User, bytes] | None:
    ring = keyring_of(user)
    decoy = User.objects.filter(decoy_for=user).first()
    if ring is None or decoy is None:
        return None
    decoy_dek = vault_keyring.decoy_dek(ring, dek)
    return (decoy, decoy_dek) if decoy_dek else None


def _copy_totp_to_decoy(user: User, box: Box, decoy: User, decoy_box: Box) -> None:
    # The decoy asks for the same code, so the two sign-ins look alike.
    secret = box.open(user, "totp_secret") if user.totp_secret else ""
    decoy.totp_secret = decoy_box.seal(decoy, "totp_secret", secret) if secret else None
    decoy.save(update_fields=["totp_secret"])


def enable_totp(user: User, box: Box, secret: str, decoy_dek: bytes | None) -> None:
    with transaction.atomic():
        user.totp_secret = box.seal(user, "totp_secret", secret)
        user.save(update_fields=["totp_secret"])
        decoy = User.objects.filter(decoy_for=user).first()
        if decoy is not None and decoy_dek is not None:
            _copy_totp_to_decoy(user, box, decoy, Box(decoy_dek))


def disable_totp(user: User) -> None:
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(totp_secret=None)
        User.objects.filter(decoy_for=user).update(totp_secret=None)


def totp_matches(account: User, box: Box, code: str) -> bool:
    """The code is right now (give or take 30 s) and has not been used before:
    a code seen over someone's shoulder can't be used a second time."""
    secret = box.open(account, "totp_secret")
    if not secret:
        return False
    totp = pyotp.TOTP(secret)
    now = time.time()
    for offset in (0, -1, 1):
        moment = datetime.fromtimestamp(now + offset * totp.interval, tz=UTC)
        if hmac.compare_digest(totp.at(moment), code):
            step = totp.timecode(moment)
            claimed = User.objects.filter(pk=account.pk, totp_last_step__lt=step).update(
                totp_last_step=step
            )
            return claimed == 1
    return False


def delete_account(user: User) -> None:
    """Everything goes: the decoy, the keyring and every sealed row (cascades)."""
    with transaction.atomic():
        user_id = user.pk
        User.objects.filter(decoy_for=user).delete()
        user.delete()
    logger.info("account deleted id=%s", user_id)
