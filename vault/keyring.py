"""Creating, unlocking and rewrapping an account's keyring.

Feature code never calls this: it receives an open `Box` on `request.vault`.
Only the accounts app (sign-up, sign-in, passphrase changes) comes here.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from django.conf import settings

from vault import crypto
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


def create(user, passphrase: str) -> tuple[Keyring, bytes, str]:
    """A new keyring for `user`: returns it (unsaved), the DEK and the recovery code."""
    params = current_params()
    keyring = Keyring(user=user, salt=crypto.random_salt(), kdf=params.as_dict())
    dek = crypto.random_key()
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


def unlock(keyring: Keyring | None, passphrase: str) -> Unlocked | None:
    """One Argon2id run answers both "real?" and "duress?"; both are always compared."""
    if keyring is None:
        params = current_params()
        derived = crypto.derive_from_passphrase(passphrase, _DUMMY_SALT, params, pepper())
        crypto.verifiers_match(None, derived.verifier)
        crypto.verifiers_match(None, derived.verifier)
        return None
    params = crypto.KdfParams.from_dict(keyring.kdf)
    derived = crypto.derive_from_passphrase(passphrase, bytes(keyring.salt), params, pepper())
    duress_expected = bytes(keyring.duress_verifier) if keyring.duress_verifier else None
    is_real = crypto.verifiers_match(bytes(keyring.verifier), derived.verifier)
    is_duress = crypto.verifiers_match(duress_expected, derived.verifier)
    if is_real:
        dek = crypto.unwrap_key(
            derived.wrapping_key, bytes(keyring.wrapped_dek), _aad(keyring, "passphrase")
        )
        return Unlocked(Opened.REAL, dek)
    if is_duress and keyring.duress_wrapped_dek:
        dek = crypto.unwrap_key(
            derived.wrapping_key, bytes(keyring.duress_wrapped_dek), _aad(keyring, "duress")
        )
        return Unlocked(Opened.DURESS, dek)
    return None


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
    params = crypto.KdfParams.from_dict(keyring.kdf)
    derived = crypto.derive_from_passphrase(new_passphrase, bytes(keyring.salt), params, pepper())
    keyring.verifier = derived.verifier
    keyring.wrapped_dek = crypto.wrap_key(derived.wrapping_key, dek, _aad(keyring, "passphrase"))


def open_with_recovery_code(keyring: Keyring | None, code: str) -> bytes | None:
    wrapping = crypto.derive_from_recovery_code(code, pepper())
    if keyring is None:
        return None
    try:
        return crypto.unwrap_key(
            wrapping, bytes(keyring.recovery_wrapped_dek), _aad(keyring, "recovery")
        )
    except crypto.VaultError:
        return None


def new_recovery_code(keyring: Keyring, dek: bytes) -> str:
    """Replaces the recovery code; the old one stops working."""
    return _rewrap_recovery(keyring, dek)


def set_duress(keyring: Keyring, dek: bytes, duress_passphrase: str, decoy_dek: bytes) -> None:
    params = crypto.KdfParams.from_dict(keyring.kdf)
    derived = crypto.derive_from_passphrase(
        duress_passphrase, bytes(keyring.salt), params, pepper()
    )
    keyring.duress_verifier = derived.verifier
    keyring.duress_wrapped_dek = crypto.wrap_key(
        derived.wrapping_key, decoy_dek, _aad(keyring, "duress")
    )
    keyring.decoy_dek_under_dek = crypto.wrap_key(dek, decoy_dek, _aad(keyring, "decoy"))


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
    params = crypto.KdfParams.from_dict(keyring.kdf)
    derived = crypto.derive_from_passphrase(new_passphrase, bytes(keyring.salt), params, pepper())
    keyring.duress_verifier = derived.verifier
    keyring.duress_wrapped_dek = crypto.wrap_key(
        derived.wrapping_key, decoy_key, _aad(keyring, "duress")
    )
