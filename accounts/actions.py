"""State changes of accounts: each one transactional, side effects after commit.

Every change of a space's keys (passphrase, recovery code, two-step, duress)
moves its session epoch on, which ends every other session of that space;
the view then keeps its own session with stay_signed_in().
"""

from __future__ import annotations

import hmac
import logging
import secrets
import time
from datetime import UTC, datetime

import pyotp
from django.contrib.auth import login, update_session_auth_hash
from django.db import transaction
from django.db.models import F

from accounts import devices, spaces
from accounts.jobs import DELIVER_DURESS
from accounts.models import DuressEvent, User
from core import features, jobs
from vault import keyring as vault_keyring
from vault import session as vault_session
from vault.box import Box
from vault.models import Keyring

BACKEND = "django.contrib.auth.backends.ModelBackend"
# Ids and events only: never a name, passphrase, code or anything typed.
logger = logging.getLogger("haven.accounts")


def create_account(username: str, passphrase: str) -> tuple[User, bytes, str]:
    # A freed name may still lead to someone's real space: share its salt, so
    # one Argon2id run keeps checking every passphrase of the name.
    twin = spaces.salt_ring(spaces.members_named(username))
    with transaction.atomic():
        user = User.objects.create_user(username)
        ring, dek, code = vault_keyring.create(user, passphrase, like=twin)
        ring.save()
    logger.info("account created id=%s", user.pk)
    return user, dek, code


def keyring_of(user: User | None) -> Keyring | None:
    return spaces.ring_of(user)


def open_space(request, account: User, dek: bytes) -> None:
    """Sign in to `account` (the member or their decoy) and hold its key."""
    request.session.pop("hv_pending_user", None)
    # Never carry "preparing the decoy" into a space opened by a passphrase.
    request.session.pop("hv_preparing", None)
    login(request, account, backend=BACKEND)
    vault_session.start(request, dek, epoch=account.session_epoch)
    # A decoy is logged as its owner: the logs never show that one was opened.
    logger.info("space opened id=%s", account.owner.pk)
    request.hv_set_disguise = account.discreet


# Set when a space is created: the home page then greets a newcomer with
# "Welcome" once, not "Welcome back". Only in that session, so a decoy
# (opened by a sign-in) is always greeted as a space used before.
FIRST_VISIT = "hv_first_visit"


def first_visit(request) -> bool:
    """True once, on the first look at home after creating a space."""
    return bool(request.session.pop(FIRST_VISIT, False))


def record_duress(member: User) -> DuressEvent:
    """Note a duress sign-in; its silent alert is sent after commit, then both are forgotten.

    Nothing is logged: a log line would tell when someone was coerced.
    """
    with transaction.atomic():
        event = DuressEvent.objects.create(user=member)
        jobs.once(DELIVER_DURESS, str(event.pk))
    return event


def stay_signed_in(request, space: User) -> None:
    """After a key change made here: this session goes on, every other one has ended."""
    dek = vault_session.open_dek(request)
    space.refresh_from_db(fields=["session_epoch"])
    update_session_auth_hash(request, space)
    vault_session.start(request, dek, epoch=space.session_epoch)


def _next_epoch(space: User) -> None:
    User.objects.filter(pk=space.pk).update(session_epoch=F("session_epoch") + 1)


def _lock_tree(space: User) -> tuple[User, Keyring]:
    """Inside a transaction: the member's keyring row is the lock for the whole tree."""
    member = space.owner
    ring = Keyring.objects.select_for_update().get(user=member)
    member = spaces.load(member)
    member.keyring = ring
    return member, ring


def _ring_for(space: User, member: User, root: Keyring) -> Keyring:
    """The keyring holding `space`'s own recovery code and duress passphrase."""
    if space.pk == member.pk:
        return root
    ring = Keyring.objects.filter(user=space).first()
    if ring is None:
        ring = vault_keyring.for_decoy(root, space)
        ring.save()
    return ring


def change_passphrase(space: User, dek: bytes, new: str) -> None:
    """A new passphrase for this space (the real one, or a decoy's).

    The new one is compared with every other passphrase of the tree, in the
    one run, and the answer is the same whatever it matched: a passphrase
    change is never a way to test guesses (T2, T7). Since one passphrase
    can't open two spaces:
    - if it is the duress passphrase of this space or of a decoy below it,
      this space's choice wins and its duress passphrase and decoys go;
    - if it opens a space above (from a decoy: the real passphrase), nothing
      changes, quietly; signing in with it opens what it always opened.
    """
    with transaction.atomic():
        member, root = _lock_tree(space)
        tree = spaces.doors(member)
        own = next(door for door in tree if door.space.pk == space.pk)
        mine = set(spaces.tree_ids(space))
        derived = vault_keyring.derive(root, new)
        below: list[bool] = []
        above: list[bool] = []
        for door in tree:
            if door is not own:
                hit = door.vault_door.matches(derived)
                (below if door.vault_door.ring.user_id in mine else above).append(hit)
        if not any(above):
            if any(below):
                _dissolve(space, _ring_for(space, member, root))
            own.vault_door.rewrap(derived, dek)
        own.vault_door.ring.save()
        _next_epoch(space)


def recover(space: User, dek: bytes, new: str) -> str:
    """After a recovery code worked: a new passphrase, and a new code to confirm."""
    with transaction.atomic():
        change_passphrase(space, dek, new)
        return renew_recovery_code(space, dek)


def renew_recovery_code(space: User, dek: bytes) -> str:
    """A new recovery code for this space; the old one stops working.

    A decoy's code is as real as any: it opens the decoy at /recover/.
    """
    with transaction.atomic():
        member, root = _lock_tree(space)
        ring = _ring_for(space, member, root)
        code = vault_keyring.new_recovery_code(ring, dek)
        ring.save()
        User.objects.filter(pk=space.pk).update(recovery_confirmed=False)
        _next_epoch(space)
    return code


def recovery_code_opens(space: User, code: str, dek: bytes) -> bool:
    """The code stored for this space (not a copy anywhere else) is `code`."""
    ring = Keyring.objects.filter(user=space).first()
    opened = vault_keyring.open_with_recovery_code(ring, code)
    return opened is not None and hmac.compare_digest(opened, dek)


def confirm_recovery_code(space: User, code: str, dek: bytes) -> bool:
    if not recovery_code_opens(space, code, dek):
        return False
    User.objects.filter(pk=space.pk).update(recovery_confirmed=True)
    return True


def _new_decoy(parent: User) -> tuple[User, bytes]:
    decoy = User.objects.create_user(
        f"decoy-{secrets.token_hex(8)}",
        is_decoy=True,
        decoy_for=parent,
        recovery_confirmed=True,
        auto_lock_minutes=parent.auto_lock_minutes,
        exit_url=parent.exit_url,
        discreet=parent.discreet,
        show_help_lines=parent.show_help_lines,
    )
    decoy_dek = vault_keyring.random_data_key()
    # Each feature gives the new space a little ordinary-looking content.
    for _feature, decoy_seed in features.with_module("decoy"):
        decoy_seed.seed_decoy(decoy, Box(decoy_dek))
    return decoy, decoy_dek


def set_duress(user: User, dek: bytes, duress_passphrase: str) -> User:
    """Create (or keep) the decoy space below `user` and let the duress passphrase open it.

    `user` may itself be a decoy: its duress passphrase then opens a fresh
    decoy below it, as a real space's would. The deepest one opens itself.
    """
    with transaction.atomic():
        member, root = _lock_tree(user)
        ring = _ring_for(user, member, root)
        if spaces.depth_of(user) >= spaces.DEPTH:
            decoy, decoy_dek = user, dek
        else:
            found = User.objects.filter(decoy_for=user).first()
            found_dek = vault_keyring.decoy_dek(ring, dek) if found else None
            if found is None or found_dek is None:
                if found is not None:
                    found.delete()
                decoy, decoy_dek = _new_decoy(user)
            else:
                decoy, decoy_dek = found, found_dek
        vault_keyring.set_duress(ring, dek, duress_passphrase, decoy_dek)
        ring.save()
        if decoy.pk != user.pk:
            _copy_totp_to_decoy(user, Box(dek), decoy, Box(decoy_dek))
        _next_epoch(user)
    return decoy


def _dissolve(space: User, ring: Keyring) -> None:
    vault_keyring.remove_duress(ring)
    ring.save()
    User.objects.filter(decoy_for=space).delete()


def remove_duress(user: User) -> None:
    """This space's duress passphrase stops working; the decoys below it go."""
    with transaction.atomic():
        member, root = _lock_tree(user)
        ring = root if user.pk == member.pk else Keyring.objects.filter(user=user).first()
        if ring is not None:
            _dissolve(user, ring)
        _next_epoch(user)


def decoy_key(user: User, dek: bytes) -> tuple[User, bytes] | None:
    """The space `user`'s duress passphrase opens, with its key."""
    ring = Keyring.objects.filter(user=user).first()
    if ring is None or not ring.has_duress:
        return None
    if spaces.depth_of(user) >= spaces.DEPTH:
        return user, dek
    decoy = User.objects.filter(decoy_for=user).first()
    decoy_dek = vault_keyring.decoy_dek(ring, dek) if decoy else None
    return (decoy, decoy_dek) if decoy and decoy_dek else None


def hide_member(member: User) -> None:
    """The decoy was "deleted" from inside it: make it look exactly like a deletion.

    The decoys and the duress passphrase go, every session and remembered
    browser of the real space ends, and the name is freed for anyone, as a
    real deletion would free it. The real space and everything in it stay:
    the person opens it as before, with the same name and passphrase (or
    recovery code), and is told what happened when they next sign in.
    """
    with transaction.atomic():
        member, root = _lock_tree(member)
        decoy_id = getattr(spaces.child_of(member), "pk", None)
        _dissolve(member, root)
        User.objects.filter(pk=member.pk).update(
            username_key=f"~{secrets.token_hex(16)}",
            hidden_name=spaces.hidden_key(member.username),
            tell_decoy_deleted=True,
            session_epoch=F("session_epoch") + 1,
        )
        devices.forget_all(member)
    # The same line a real deletion writes, about the space that was "deleted":
    # the logs must not tell an operator who was made to do this.
    logger.info("account deleted id=%s", decoy_id)


def save_device_settings(space: User, auto_lock_minutes: int, exit_url: str, discreet: str):
    """Device settings belong to the person, not to one space: a space and its
    decoys share them, so opening either changes nothing on the device."""
    ids = spaces.tree_ids(space.owner)
    User.objects.filter(pk__in=ids).update(
        auto_lock_minutes=auto_lock_minutes, exit_url=exit_url, discreet=discreet
    )
    space.auto_lock_minutes, space.exit_url, space.discreet = auto_lock_minutes, exit_url, discreet


def save_writing_settings(space: User, show_help_lines: bool) -> None:
    """Shared by a space and its decoys, like the device settings: the settings
    page looks the same whichever is open."""
    User.objects.filter(pk__in=spaces.tree_ids(space.owner)).update(show_help_lines=show_help_lines)
    space.show_help_lines = show_help_lines


def _copy_totp_to_decoy(user: User, box: Box, decoy: User, decoy_box: Box) -> None:
    # The decoy asks for the same code, so the two sign-ins look alike.
    secret = box.open(user, "totp_secret") if user.totp_secret else ""
    decoy.totp_secret = decoy_box.seal(decoy, "totp_secret", secret) if secret else None
    decoy.save(update_fields=["totp_secret"])


def enable_totp(space: User, dek: bytes, secret: str) -> None:
    with transaction.atomic():
        box = Box(dek)
        space.totp_secret = box.seal(space, "totp_secret", secret)
        space.save(update_fields=["totp_secret"])
        for decoy, decoy_dek in spaces.below(space, dek):
            _copy_totp_to_decoy(space, box, decoy, Box(decoy_dek))
        _next_epoch(space)


def disable_totp(space: User) -> None:
    with transaction.atomic():
        User.objects.filter(pk__in=spaces.tree_ids(space)).update(totp_secret=None)
        _next_epoch(space)


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
    """Everything goes: the decoys, the keyring and every sealed row (cascades)."""
    with transaction.atomic():
        user_id = user.pk
        User.objects.filter(decoy_for=user).delete()
        user.delete()
    logger.info("account deleted id=%s", user_id)
