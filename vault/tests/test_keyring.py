import io

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings

from accounts.models import User
from plan.models import Reason
from vault import crypto, files, keys, server
from vault import keyring as vault_keyring
from vault.box import Box

pytestmark = pytest.mark.django_db

PASS = "river lantern orange tuesday"


@pytest.fixture
def ring():
    user = User.objects.create_user("kim")
    keyring, dek, code = vault_keyring.create(user, PASS)
    keyring.save()
    return keyring, dek, code


def test_the_right_passphrase_opens_the_data_key(ring):
    keyring, dek, _code = ring
    result = vault_keyring.unlock(keyring, PASS)
    assert result.opened is vault_keyring.Opened.REAL
    assert result.dek == dek


def test_a_wrong_passphrase_opens_nothing(ring):
    keyring, _dek, _code = ring
    assert vault_keyring.unlock(keyring, PASS + "!") is None
    assert vault_keyring.unlock(None, PASS) is None


def test_the_data_key_is_never_stored_in_the_clear(ring):
    keyring, dek, _code = ring
    for field in ("salt", "verifier", "wrapped_dek", "recovery_wrapped_dek"):
        assert dek not in bytes(getattr(keyring, field))


def test_the_duress_passphrase_opens_the_decoy_key_from_the_same_run(ring):
    keyring, dek, _code = ring
    decoy_dek = crypto.random_key()
    vault_keyring.set_duress(keyring, dek, "pebble orchard silver monday", decoy_dek)
    result = vault_keyring.unlock(keyring, "pebble orchard silver monday")
    assert result.opened is vault_keyring.Opened.DURESS
    assert result.dek == decoy_dek
    assert vault_keyring.unlock(keyring, PASS).dek == dek
    assert vault_keyring.decoy_dek(keyring, dek) == decoy_dek


def test_sign_in_costs_one_argon2_run_for_real_duress_and_wrong(ring, monkeypatch):
    keyring, dek, _code = ring
    vault_keyring.set_duress(keyring, dek, "pebble orchard silver monday", crypto.random_key())
    calls = []
    real_argon2 = crypto.argon2id

    def counting(secret, salt, params):
        calls.append(salt)
        return real_argon2(secret, salt, params)

    monkeypatch.setattr(crypto, "argon2id", counting)
    for attempt in (PASS, "pebble orchard silver monday", "not it at all"):
        calls.clear()
        vault_keyring.unlock(keyring, attempt)
        assert len(calls) == 1
    calls.clear()
    vault_keyring.unlock(None, PASS)
    assert len(calls) == 1


def test_changing_the_passphrase_rewraps_without_touching_data(ring):
    keyring, dek, _code = ring
    owner = keyring.user
    reason = Reason(owner=owner)
    reason.text = Box(dek).seal(reason, "text", "still readable")
    reason.save()
    sealed_before = bytes(reason.text)
    vault_keyring.change_passphrase(keyring, dek, "a completely new phrase here")
    keyring.save()
    assert vault_keyring.unlock(keyring, PASS) is None
    new_dek = vault_keyring.unlock(keyring, "a completely new phrase here").dek
    reason.refresh_from_db()
    assert bytes(reason.text) == sealed_before
    assert Box(new_dek).open(reason, "text") == "still readable"


def test_the_duress_passphrase_survives_a_passphrase_change(ring):
    keyring, dek, _code = ring
    decoy_dek = crypto.random_key()
    vault_keyring.set_duress(keyring, dek, "pebble orchard silver monday", decoy_dek)
    vault_keyring.change_passphrase(keyring, dek, "a completely new phrase here")
    assert vault_keyring.unlock(keyring, "pebble orchard silver monday").dek == decoy_dek


def test_the_recovery_code_opens_the_data_key_and_a_new_one_replaces_it(ring):
    keyring, dek, code = ring
    assert vault_keyring.open_with_recovery_code(keyring, code.lower()) == dek
    assert vault_keyring.open_with_recovery_code(keyring, "AAAAA-BBBBB") is None
    new_code = vault_keyring.new_recovery_code(keyring, dek)
    assert vault_keyring.open_with_recovery_code(keyring, code) is None
    assert vault_keyring.open_with_recovery_code(keyring, new_code) == dek


def test_parameters_are_stored_beside_each_keyring(ring):
    keyring, _dek, _code = ring
    with override_settings(HAVEN_ARGON2={"memory_kib": 128, "time_cost": 2, "parallelism": 1}):
        # Old keyrings keep opening with the parameters they were made with.
        assert vault_keyring.unlock(keyring, PASS) is not None
    assert keyring.kdf == {"memory_kib": 64, "time_cost": 1, "parallelism": 1}


def test_a_sealed_value_cannot_move_to_another_row(ring):
    _keyring, dek, _code = ring
    box = Box(dek)
    owner = User.objects.get(username="kim")
    first, second = Reason(owner=owner), Reason(owner=owner)
    first.text = box.seal(first, "text", "belongs to the first")
    second.text = first.text
    with pytest.raises(crypto.VaultError):
        box.open(second, "text")


def test_box_never_shows_its_key(ring):
    _keyring, dek, _code = ring
    assert dek.hex() not in repr(Box(dek))


def test_sealed_files_round_trip_and_never_hold_plaintext(ring):
    _keyring, dek, _code = ring
    box = Box(dek)
    content = b"evidence canary 8812 " * 10_000
    name = files.save(box, io.BytesIO(content), "evidence")
    with default_storage.open(name, "rb") as handle:
        assert b"canary 8812" not in handle.read()
    assert b"".join(files.open_chunks(box, name, "evidence")) == content
    with pytest.raises(crypto.VaultError):
        b"".join(files.open_chunks(box, name, "another-purpose"))
    files.delete(name)
    assert not default_storage.exists(name)


def test_server_sealed_values_open_after_a_key_rotation():
    sealed = server.seal("friend@example.org", b"contact|1")
    assert b"friend" not in sealed
    old = "k1:c2VydmVyLWtleS10ZXN0LTMyLWJ5dGVzLWxvbmcuLi4="
    new = "k2:bmV3LXNlcnZlci1rZXktMzItYnl0ZXMtbG9uZy4uLi4="
    with override_settings(HAVEN_SERVER_KEYS=f"{new},{old}"):
        keys.clear_caches()
        try:
            assert server.open_value(sealed, b"contact|1") == "friend@example.org"
            assert server.needs_rotation(sealed)
            assert not server.needs_rotation(server.seal("x", b"a"))
            with pytest.raises(crypto.VaultError):
                server.open_value(sealed, b"contact|2")
        finally:
            keys.clear_caches()
    keys.clear_caches()
