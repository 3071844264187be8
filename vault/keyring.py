"""Creating, unlocking and rewrapping an account's keyring.

Feature code never calls this: it receives an open `Box` on `request.vault`.
Only the accounts app (sign-up, sign-in, passphrase changes) comes here.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

from vault import crypto, gate
from vault.keys import pepper
from vault.models import Keyring


class Opened(enum.Enum):
    REAL = "real"
    DURESS = "duress"


@dataclass(frozen=True)
class Unlocked:
    opened: Opened
    dek: bytes


def current_params() -> crypto.KdfParams:
    return crypto.KdfParams.from_dict(settings.HAVEN_ARGON2)


def _aad(keyring: Keyring, purpose: str) -> bytes:
    return f"{keyring.id}|{purpose}".encode()


def create(user, passphrase: str, like: Keyring | None = None) -> tuple[Keyring, bytes, str]:
    """A new keyring for `user`: returns it (unsaved), the DEK and the recovery code.

    With `like`, the new keyring shares that one's salt and parameters, so one
    Argon2id run still checks every passphrase that goes with the same name.
    """
    if like is not None:
        keyring = Keyring(user=user, salt=bytes(like.salt), kdf=dict(like.kdf))
        params = crypto.KdfParams.from_dict(keyring.kdf)
    else:
        params = current_params()
        keyring = Keyring(user=user, salt=crypto.random_salt(), kdf=params.as_dict())
    dek = crypto.random_key()
    with gate.argon2_slot():
        derived = crypto.derive_from_passphrase(passphrase, bytes(keyring.salt), params, pepper())
    keyring.verifier = derived.verifier
    keyring.wrapped_dek = crypto.wrap_key(derived.wrapping_key, dek, _aad(keyring, "passphrase"))
    code = _rewrap_recovery(keyring, dek)
    return keyring, dek, code


def _rewrap_recovery(keyring: Keyring, dek: bytes) -> str:
    code = crypto.new_recovery_code()
    wrapping = crypto.derive_from_recovery_code(code, pepper())
    keyring.recovery_wrapped_dek = crypto.wrap_key(wrapping, dek, _aad(keyring, "recovery"))
    return code


# Used when the name is unknown, so a sign-in for a missing name costs the
# same Argon2id run and comparisons as one for a real name.
_DUMMY_SALT = b"haven-no-such-ac"


@dataclass(frozen=True)
class Door:
    """One passphrase a keyring holds: its own ("passphrase") or its duress one.

    A decoy space may have a keyring of its own, for its recovery code and its
    own duress passphrase. The passphrase that opens a decoy lives one ring up,
    as that ring's duress passphrase, so such a ring's own `verifier` is empty.
    """

    ring: Keyring
    slot: str  # "passphrase" or "duress"

    @property
    def verifier(self) -> bytes | None:
        value = self.ring.verifier if self.slot == "passphrase" else self.ring.duress_verifier
        return bytes(value) if value else None

    @property
    def wrapped(self) -> bytes | None:
        value = self.ring.wrapped_dek if self.slot == "passphrase" else self.ring.duress_wrapped_dek
        return bytes(value) if value else None

    def matches(self, derived: crypto.DerivedKeys) -> bool:
        return crypto.verifiers_match(self.verifier, derived.verifier)

    def open(self, derived: crypto.DerivedKeys) -> bytes | None:
        wrapped = self.wrapped
        if wrapped is None:
            return None
        return crypto.unwrap_key(derived.wrapping_key, wrapped, _aad(self.ring, self.slot))

    def rewrap(self, derived: crypto.DerivedKeys, dek: bytes) -> None:
        """From now on the passphrase behind `derived` opens `dek` through this door."""
        wrapped = crypto.wrap_key(derived.wrapping_key, dek, _aad(self.ring, self.slot))
        if self.slot == "passphrase":
            self.ring.verifier, self.ring.wrapped_dek = derived.verifier, wrapped
        else:
            self.ring.duress_verifier, self.ring.duress_wrapped_dek = derived.verifier, wrapped


def derive(keyring: Keyring | None, passphrase: str) -> crypto.DerivedKeys:
    """The one Argon2id run: with the keyring's salt, or a dummy one when there is none."""
    if keyring is None:
        salt, params = _DUMMY_SALT, current_params()
    else:
        salt, params = bytes(keyring.salt), crypto.KdfParams.from_dict(keyring.kdf)
    with gate.argon2_slot():
        return crypto.derive_from_passphrase(passphrase, salt, params, pepper())


def unlock_doors(
    keyring: Keyring | None, doors: Sequence[Door], passphrase: str
) -> tuple[int, bytes] | None:
    """One Argon2id run (with `keyring`'s salt) is compared against every door.

    All are compared, whichever matches, and at least two, so that neither the
    time taken nor anything else tells which passphrase was typed. Returns the
    index of the door that opened and the key behind it.
    """
    derived = derive(keyring, passphrase)
    hits = [door.matches(derived) for door in doors]
    for _ in range(2 - len(hits)):
        crypto.verifiers_match(None, derived.verifier)
    for index, hit in enumerate(hits):
        if hit:
            dek = doors[index].open(derived)
            if dek is not None:
                return index, dek
    return None


def unlock(keyring: Keyring | None, passphrase: str) -> Unlocked | None:
    """One Argon2id run answers both "real?" and "duress?"; both are always compared."""
    doors = [Door(keyring, "passphrase"), Door(keyring, "duress")] if keyring else []
    found = unlock_doors(keyring, doors, passphrase)
    if found is None:
        return None
    index, dek = found
    return Unlocked(Opened.REAL if index == 0 else Opened.DURESS, dek)


def check_passphrase(keyring: Keyring, passphrase: str) -> bool:
    """True only for the real passphrase (used to confirm serious actions)."""
    result = unlock(keyring, passphrase)
    return result is not None and result.opened is Opened.REAL


def is_duress_passphrase(keyring: Keyring, passphrase: str) -> bool:
    result = unlock(keyring, passphrase)
    return result is not None and result.opened is Opened.DURESS


def change_passphrase(keyring: Keyring, dek: bytes, new_passphrase: str) -> None:
    """Rewraps the same DEK: no private value is re-encrypted.

    The salt and parameters stay, so the duress passphrase keeps working.
    """
    Door(keyring, "passphrase").rewrap(derive(keyring, new_passphrase), dek)


def open_with_recovery_code(keyring: Keyring | None, code: str) -> bytes | None:
    found = open_any_with_recovery_code([keyring] if keyring else [], code)
    return found[1] if found else None


def open_any_with_recovery_code(keyrings: Sequence[Keyring], code: str) -> tuple[int, bytes] | None:
    """The code is tried on every keyring (the same work whichever one it opens)."""
    wrapping = crypto.derive_from_recovery_code(code, pepper())
    found = None
    for index, keyring in enumerate(keyrings):
        try:
            dek = crypto.unwrap_key(
                wrapping, bytes(keyring.recovery_wrapped_dek or b""), _aad(keyring, "recovery")
            )
        except crypto.VaultError:
            continue
        if found is None:
            found = (index, dek)
    return found


def new_recovery_code(keyring: Keyring, dek: bytes) -> str:
    """Replaces the recovery code; the old one stops working."""
    return _rewrap_recovery(keyring, dek)


def set_duress(keyring: Keyring, dek: bytes, duress_passphrase: str, decoy_dek: bytes) -> None:
    Door(keyring, "duress").rewrap(derive(keyring, duress_passphrase), decoy_dek)
    keyring.decoy_dek_under_dek = crypto.wrap_key(dek, decoy_dek, _aad(keyring, "decoy"))


def for_decoy(root: Keyring, decoy) -> Keyring:
    """A keyring (unsaved) for a decoy space: its recovery code and its own duress
    passphrase will live here. It shares the root's salt and parameters, so the
    root's one Argon2id run checks its passphrases too; the passphrase that
    opens the decoy stays one ring up, so this ring's own is empty.
    """
    return Keyring(
        user=decoy,
        salt=bytes(root.salt),
        kdf=dict(root.kdf),
        verifier=b"",
        wrapped_dek=b"",
        recovery_wrapped_dek=b"",
    )


def decoy_dek(keyring: Keyring, dek: bytes) -> bytes | None:
    if not keyring.decoy_dek_under_dek:
        return None
    return crypto.unwrap_key(dek, bytes(keyring.decoy_dek_under_dek), _aad(keyring, "decoy"))


def remove_duress(keyring: Keyring) -> None:
    keyring.duress_verifier = None
    keyring.duress_wrapped_dek = None
    keyring.decoy_dek_under_dek = None


def random_data_key() -> bytes:
    return crypto.random_key()


def change_duress_passphrase(keyring: Keyring, decoy_key: bytes, new_passphrase: str) -> None:
    """From inside the decoy space: its passphrase changes like any other.

    Only the duress verifier and the decoy key's duress wrap change; the real
    data key is neither needed nor touched.
    """
    Door(keyring, "duress").rewrap(derive(keyring, new_passphrase), decoy_key)
