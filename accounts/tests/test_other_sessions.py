"""Key changes end every other session of the account (T7).

Someone who once knew the passphrase, or found a device left signed in, keeps
nothing once the person changes their keys: the other sessions are sent to
sign in, and the recovery code is only ever shown to the session that asked
for it.
"""

import re

import pyotp
import pytest
from django.test import Client

from accounts import actions
from accounts.models import User
from conftest import DURESS_PASSPHRASE, OWNER_NAME, OWNER_PASSPHRASE, make_member, signed_in_client
from tests.steps import shown_recovery_code
from vault import keyring as vault_keyring
from vault.models import Keyring

pytestmark = pytest.mark.django_db

NEW = "harbour willow ginger planet"
LATER = "saffron tunnel marble eleven"


def two_devices():
    return (
        signed_in_client(OWNER_NAME, OWNER_PASSPHRASE),
        signed_in_client(OWNER_NAME, OWNER_PASSPHRASE),
    )


def shown_code(response) -> str:
    code = shown_recovery_code(response.content.decode())
    assert code, response.content.decode()[:600]
    return code


def assert_sent_to_sign_in(client):
    response = client.get("/reasons/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/"), response["Location"]


def assert_still_open(client, text=None):
    response = client.get("/reasons/")
    assert response.status_code == 200
    if text:
        assert text in response.content.decode()


def test_changing_the_passphrase_sends_every_other_device_to_sign_in(owner):
    here, elsewhere = two_devices()
    response = here.post(
        "/settings/passphrase/",
        {"current": OWNER_PASSPHRASE, "new_passphrase": NEW, "new_passphrase_again": NEW},
    )
    assert response["Location"] == "/settings/"
    here.post("/reasons/", {"text": "written after the change"})
    assert_still_open(here, "written after the change")
    assert_sent_to_sign_in(elsewhere)
    # Its old passphrase opens nothing now, and nothing new can be read.
    assert elsewhere.post("/unlock/", {"passphrase": OWNER_PASSPHRASE})["Location"] == "/sign-in/"
    assert "written after the change" not in elsewhere.get("/reasons/").content.decode()


def test_recovering_ends_other_sessions_and_keeps_the_new_code_for_the_person(db):
    _user, _dek, code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    intruder = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)  # knew the old passphrase
    person = Client()
    response = person.post(
        "/recover/",
        {"username": OWNER_NAME, "code": code, "new_passphrase": NEW, "new_passphrase_again": NEW},
    )
    assert response["Location"] == "/recovery-code/"
    person_code = shown_code(person.get("/recovery-code/"))

    # The intruder's session is over: it is shown no code and can't make one.
    grabbed = intruder.get("/recovery-code/")
    assert grabbed.status_code == 302
    assert grabbed["Location"].startswith("/sign-in/")
    assert_sent_to_sign_in(intruder)

    # So the code the person was shown is still the one that opens the account.
    assert person.post("/recovery-code/", {"code": person_code})["Location"] == "/home/"
    again = Client().post(
        "/recover/",
        {
            "username": OWNER_NAME,
            "code": person_code,
            "new_passphrase": LATER,
            "new_passphrase_again": LATER,
        },
    )
    assert again["Location"] == "/recovery-code/"


def test_a_new_recovery_code_sends_every_other_device_to_sign_in(owner):
    here, elsewhere = two_devices()
    here.post("/settings/recovery-code/", {"current": OWNER_PASSPHRASE})
    assert_sent_to_sign_in(elsewhere)
    code = shown_code(here.get("/recovery-code/"))
    assert here.post("/recovery-code/", {"code": code})["Location"] == "/home/"
    assert_still_open(here)


def _enable_totp(client) -> str:
    page = client.get("/settings/two-step/").content.decode()
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    response = client.post("/settings/two-step/", {"code": pyotp.TOTP(secret).now()})
    assert response["Location"] == "/settings/"
    return secret


def test_turning_two_step_on_or_off_sends_every_other_device_to_sign_in(owner):
    here, elsewhere = two_devices()
    secret = _enable_totp(here)
    assert_sent_to_sign_in(elsewhere)
    assert_still_open(here)

    elsewhere = Client()
    elsewhere.post("/sign-in/", {"username": OWNER_NAME, "passphrase": OWNER_PASSPHRASE})
    elsewhere.post("/sign-in/code/", {"code": pyotp.TOTP(secret).now()})
    assert_still_open(elsewhere)

    response = here.post("/settings/two-step/", {"current": OWNER_PASSPHRASE})
    assert response["Location"] == "/settings/"
    assert_sent_to_sign_in(elsewhere)
    assert_still_open(here)


def test_setting_or_removing_the_duress_passphrase_sends_every_other_device_to_sign_in(owner):
    here, elsewhere = two_devices()
    response = here.post(
        "/settings/duress/",
        {
            "current": OWNER_PASSPHRASE,
            "duress": DURESS_PASSPHRASE,
            "duress_again": DURESS_PASSPHRASE,
        },
    )
    assert response["Location"] == "/settings/"
    # Another device must not even learn that a duress passphrase now exists.
    assert_sent_to_sign_in(elsewhere)

    elsewhere = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    response = here.post("/settings/duress/remove/", {"current": OWNER_PASSPHRASE})
    assert response["Location"] == "/settings/"
    assert not Keyring.objects.get(user=owner).has_duress
    assert_sent_to_sign_in(elsewhere)
    assert_still_open(here)


def test_confirming_a_recovery_code_checks_the_one_the_account_really_has(db):
    user, dek, _code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    client.post("/settings/recovery-code/", {"current": OWNER_PASSPHRASE})
    held = shown_code(client.get("/recovery-code/"))
    # The account's stored code changes behind this session's back (as a
    # second session once could make it do).
    ring = Keyring.objects.get(user=user)
    vault_keyring.new_recovery_code(ring, dek)
    ring.save()

    response = client.post("/recovery-code/", {"code": held})
    assert response.status_code == 200
    assert not User.objects.get(pk=user.pk).recovery_confirmed
    # The code that was shown no longer opens anything: confirming it would
    # have left the person trusting a dead code.
    assert vault_keyring.open_with_recovery_code(ring, held) is None


def test_the_page_shows_no_code_to_a_session_that_did_not_ask_for_one(db):
    user, dek, _code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    # The code is unconfirmed (say the person closed the tab before confirming).
    actions.renew_recovery_code(user, dek)
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    before = Keyring.objects.get(user=user).recovery_wrapped_dek
    page = client.get("/recovery-code/")
    assert page.status_code == 200
    assert shown_recovery_code(page.content.decode()) is None
    assert bytes(Keyring.objects.get(user=user).recovery_wrapped_dek) == bytes(before)
    # With the passphrase typed again, this session may see a new one.
    response = client.post("/recovery-code/", {"current": OWNER_PASSPHRASE})
    code = shown_code(response if response.status_code == 200 else client.get("/recovery-code/"))
    assert client.post("/recovery-code/", {"code": code})["Location"] == "/home/"


def test_the_vault_refuses_a_key_held_before_the_change_on_its_own(owner):
    """Even if the old session's sign-in hash were brought up to date, the data
    key it holds is sealed to the old epoch: refused, and the session ends."""
    from django.contrib.auth import HASH_SESSION_KEY

    here, elsewhere = two_devices()
    here.post(
        "/settings/passphrase/",
        {"current": OWNER_PASSPHRASE, "new_passphrase": NEW, "new_passphrase_again": NEW},
    )
    session = elsewhere.session
    session[HASH_SESSION_KEY] = User.objects.get(pk=owner.pk).get_session_auth_hash()
    session.save()
    assert_sent_to_sign_in(elsewhere)
