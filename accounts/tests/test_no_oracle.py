"""No passphrase oracle, either way (T2, T7).

Inside the decoy, someone who forced the duress passphrase tries to learn the
real one through "change passphrase"; inside the real space, someone who has
the real passphrase tries to learn the duress one. Neither page answers.
"""

import pytest
from django.test import Client, override_settings

from accounts import actions
from accounts.models import DuressEvent
from conftest import DURESS_PASSPHRASE, OWNER_NAME, OWNER_PASSPHRASE, make_member, signed_in_client
from plan.models import Reason
from tests.steps import shown_recovery_code
from vault.box import Box
from vault.models import Keyring

pytestmark = pytest.mark.django_db

NO_MATCH = "sign-in name and passphrase don"
GUESSES = [
    "amber falcon window seven",
    "lilac tractor ocean ninety",
    "velvet compass thunder oak",
    "marble quartz pepper canyon",
]


@pytest.fixture
def owner_with_duress(db):
    user, dek, _code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    reason = Reason(owner=user)
    reason.text = Box(dek).seal(reason, "text", "my real reason")
    reason.save()
    actions.set_duress(user, dek, DURESS_PASSPHRASE)
    return user


def change(client, current, new):
    return client.post(
        "/settings/passphrase/",
        {"current": current, "new_passphrase": new, "new_passphrase_again": new},
    )


def outcome(client, response):
    """What the person sees: where it leads and what it then says."""
    location = response.get("Location", "")
    page = client.get(location).content.decode() if location else response.content.decode()
    said = "Your passphrase is changed" in page
    return response.status_code, location, said


def test_in_the_decoy_the_real_passphrase_as_a_new_one_answers_like_any_other(owner_with_duress):
    decoy = signed_in_client(OWNER_NAME, DURESS_PASSPHRASE)
    wrong_guess = outcome(decoy, change(decoy, DURESS_PASSPHRASE, GUESSES[0]))
    right_guess = outcome(decoy, change(decoy, GUESSES[0], OWNER_PASSPHRASE))
    assert right_guess == wrong_guess == (302, "/settings/", True)
    # The real space is untouched and still its own.
    real = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    assert "my real reason" in real.get("/home/").content.decode()


@override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3)
def test_guessing_through_the_decoys_passphrase_change_is_limited_like_a_sign_in(
    owner_with_duress,
):
    decoy = signed_in_client(OWNER_NAME, DURESS_PASSPHRASE)
    current = DURESS_PASSPHRASE
    for guess in GUESSES[:3]:
        assert change(decoy, current, guess)["Location"] == "/settings/"
        current = guess
    body = change(decoy, current, OWNER_PASSPHRASE).content.decode()
    assert "too many tries" in body
    assert "different passphrase" not in body


@override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3)
def test_the_real_space_limits_passphrase_changes_the_same_way(owner):
    """Otherwise counting how many changes are allowed would tell the decoy apart."""
    real = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    current = OWNER_PASSPHRASE
    for guess in GUESSES[:3]:
        assert change(real, current, guess)["Location"] == "/settings/"
        current = guess
    assert "too many tries" in change(real, current, GUESSES[3]).content.decode()


def test_in_the_real_space_the_duress_passphrase_as_a_new_one_answers_like_any_other(
    owner_with_duress,
):
    real = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    assert outcome(real, change(real, OWNER_PASSPHRASE, DURESS_PASSPHRASE)) == (
        302,
        "/settings/",
        True,
    )
    # The person's choice wins: those words now open the real space, and the
    # duress passphrase and decoy are gone, so one passphrase never opens two spaces.
    assert not Keyring.objects.get(user=owner_with_duress).has_duress
    fresh = signed_in_client(OWNER_NAME, DURESS_PASSPHRASE)
    assert "my real reason" in fresh.get("/home/").content.decode()
    assert DuressEvent.objects.count() == 0
    old = Client().post("/sign-in/", {"username": OWNER_NAME, "passphrase": OWNER_PASSPHRASE})
    assert NO_MATCH in old.content.decode()


def test_removing_the_duress_passphrase_asks_for_the_passphrase(owner_with_duress):
    real = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    page = real.get("/settings/duress/remove/").content.decode()
    assert 'name="current"' in page
    assert 'autocomplete="off"' in page

    nothing = real.post("/settings/duress/remove/", {})
    assert nothing.status_code == 200
    assert "Please type your passphrase" in nothing.content.decode()
    wrong = real.post("/settings/duress/remove/", {"current": "not my passphrase at all"})
    assert "That passphrase isn" in wrong.content.decode()
    assert Keyring.objects.get(user=owner_with_duress).has_duress

    right = real.post("/settings/duress/remove/", {"current": OWNER_PASSPHRASE})
    assert right["Location"] == "/settings/"
    assert not Keyring.objects.get(user=owner_with_duress).has_duress


def test_in_the_decoy_removing_its_duress_passphrase_asks_for_the_passphrase_too(
    owner_with_duress,
):
    decoy = signed_in_client(OWNER_NAME, DURESS_PASSPHRASE)
    inner = "lilac tractor ocean ninety"
    decoy.post(
        "/settings/duress/",
        {"current": DURESS_PASSPHRASE, "duress": inner, "duress_again": inner},
    )
    nothing = decoy.post("/settings/duress/remove/", {})
    assert "Please type your passphrase" in nothing.content.decode()
    right = decoy.post("/settings/duress/remove/", {"current": DURESS_PASSPHRASE})
    assert right["Location"] == "/settings/"
    # The real duress passphrase still opens the decoy; the real space is untouched.
    assert Keyring.objects.get(user=owner_with_duress).has_duress
    assert (
        "my real reason"
        in signed_in_client(OWNER_NAME, OWNER_PASSPHRASE).get("/home/").content.decode()
    )


@override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3)
def test_recovering_into_the_decoy_is_no_free_way_to_test_guesses(owner_with_duress):

    decoy = signed_in_client(OWNER_NAME, DURESS_PASSPHRASE)
    decoy.post("/settings/recovery-code/", {"current": DURESS_PASSPHRASE})
    page = decoy.get("/recovery-code/").content.decode()
    code = shown_recovery_code(page)
    for guess in GUESSES[:3]:
        client = Client()
        response = client.post(
            "/recover/",
            {
                "username": OWNER_NAME,
                "code": code,
                "new_passphrase": guess,
                "new_passphrase_again": guess,
            },
        )
        assert response["Location"] == "/recovery-code/"
        page = client.get("/recovery-code/").content.decode()
        code = shown_recovery_code(page)
    body = (
        Client()
        .post(
            "/recover/",
            {
                "username": OWNER_NAME,
                "code": code,
                "new_passphrase": OWNER_PASSPHRASE,
                "new_passphrase_again": OWNER_PASSPHRASE,
            },
        )
        .content.decode()
    )
    assert "too many tries" in body
