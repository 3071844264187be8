"""A storm of sign-ins waits its turn for Argon2id, and past a short wait hears
that it's busy: never a failed try against anyone, never a lost sign-in name."""

import os
import threading
import time

import pytest
import time_machine
from django.conf import settings
from django.core.cache import caches
from django.test import Client, override_settings

from accounts.models import User
from conftest import OWNER_NAME, OWNER_PASSPHRASE
from vault import gate

pytestmark = pytest.mark.django_db

ONE_SLOT = override_settings(HAVEN_ARGON2_CONCURRENCY=1, HAVEN_ARGON2_WAIT_SECONDS=0.05)


def sign_in(client, passphrase=OWNER_PASSPHRASE, name=OWNER_NAME):
    return client.post("/sign-in/", {"username": name, "passphrase": passphrase})


@ONE_SLOT
def test_with_every_slot_taken_the_sign_in_is_asked_to_come_back(owner):
    client = Client()
    with gate.argon2_slot():
        response = sign_in(client)
    assert response.status_code == 503
    assert response["Retry-After"] == str(gate.Busy.retry_after)
    page = response.content.decode()
    assert "busy here right now" in page
    assert "nothing was counted against you" in page
    # The name typed is still in the form; the passphrase is not shown back.
    assert f'value="{OWNER_NAME}"' in page
    assert OWNER_PASSPHRASE not in page
    assert "_auth_user_id" not in client.session


@ONE_SLOT
def test_busy_answers_never_count_as_failed_sign_ins(owner):
    client = Client()
    with gate.argon2_slot():
        for _ in range(12):  # more than the per-name limit of 5
            assert sign_in(client, passphrase="a wrong guess").status_code == 503
    assert sign_in(client).status_code == 302


@ONE_SLOT
def test_the_sign_in_limit_still_counts_real_wrong_tries(owner):
    client = Client()
    for _ in range(5):
        assert sign_in(client, passphrase="a wrong guess").status_code == 200
    page = sign_in(client).content.decode()
    assert "too many tries" in page
    assert "_auth_user_id" not in client.session


@ONE_SLOT
def test_a_slot_is_given_back_after_each_run(owner):
    for _ in range(3):
        assert sign_in(Client()).status_code == 302


@ONE_SLOT
def test_a_slot_freed_during_the_wait_is_taken():
    with override_settings(HAVEN_ARGON2_WAIT_SECONDS=5):
        held = gate.argon2_slot()
        held.__enter__()
        threading.Timer(0.2, held.__exit__, (None, None, None)).start()
        with gate.argon2_slot():
            pass  # reached only once the timer let the first slot go


@ONE_SLOT
def test_signing_up_while_busy_keeps_the_typed_name():
    with gate.argon2_slot():
        response = Client().post(
            "/start/",
            {
                "username": "new-member-busy",
                "new_passphrase": "silver tide morning lamp",
                "new_passphrase_again": "silver tide morning lamp",
            },
        )
    assert response.status_code == 503
    assert response["Retry-After"]
    page = response.content.decode()
    assert "new-member-busy" in page
    assert "silver tide morning lamp" not in page
    assert not User.objects.filter(username="new-member-busy").exists()


@override_settings(HAVEN_ARGON2={"memory_kib": 65536, "time_cost": 3, "parallelism": 4})
def test_the_number_of_slots_follows_memory_and_cores():
    with override_settings(HAVEN_ARGON2_CONCURRENCY=0):
        assert gate.concurrency() == min(os.cpu_count(), 4)
        with override_settings(HAVEN_ARGON2={"memory_kib": 1024 * 1024}):
            assert gate.concurrency() == 1
    with override_settings(HAVEN_ARGON2_CONCURRENCY=3):
        assert gate.concurrency() == 3


@override_settings(HAVEN_ARGON2_PER_SECOND=2)
@pytest.mark.parametrize("busy_with", ["wrong guesses", "right passphrases"])
def test_past_a_seconds_share_of_runs_a_sign_in_hears_busy_at_once(owner, busy_with):
    """Slots bound memory; with sync workers a storm never waits for one, it
    holds the workers. So past this second's share of Argon2id starts the
    answer is "busy" straight away, without a run, counted against no one."""
    caches["limits"].clear()
    passphrase = "a wrong guess" if busy_with == "wrong guesses" else OWNER_PASSPHRASE
    with time_machine.travel(1_900_000_000.25, tick=False):
        answers = [sign_in(Client(), passphrase=passphrase).status_code for _ in range(2)]
        started = time.monotonic()
        response = sign_in(Client())
        waited = time.monotonic() - started
    assert answers == ([200, 200] if busy_with == "wrong guesses" else [302, 302])
    assert response.status_code == 503
    assert "busy here right now" in response.content.decode()
    assert waited < settings.HAVEN_ARGON2_WAIT_SECONDS
    # The next second has its own share: the same person gets in.
    with time_machine.travel(1_900_000_001.25, tick=False):
        assert sign_in(Client()).status_code == 302


@override_settings(HAVEN_ARGON2_PER_SECOND=1)
def test_commands_and_jobs_are_never_turned_away_for_the_rate(owner):
    """Only web requests are shed: a command has no one to try again."""
    from vault import keyring

    caches["limits"].clear()
    with time_machine.travel(1_900_000_000.25, tick=False):
        for _ in range(3):
            keyring.derive(None, "any passphrase at all")
        with gate.serving_a_request():
            keyring.derive(None, "the one run this second's share allows a request")
            with pytest.raises(gate.Busy):
                keyring.derive(None, "a second one in a request is over the share")
