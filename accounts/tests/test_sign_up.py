import pytest
from django.test import Client

from accounts.models import User
from tests.steps import shown_recovery_code
from vault.models import Keyring

pytestmark = pytest.mark.django_db

GOOD = "quiet meadow copper lantern"


def sign_up(client, name="alex", passphrase=GOOD, again=None):
    return client.post(
        "/start/",
        {
            "username": name,
            "new_passphrase": passphrase,
            "new_passphrase_again": again or passphrase,
        },
    )


def shown_code(response) -> str:
    return shown_recovery_code(response.content.decode())


def test_sign_up_needs_only_a_name_and_a_passphrase():
    client = Client()
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == "/recovery-code/"
    user = User.objects.get(username="alex")
    assert Keyring.objects.filter(user=user).exists()
    assert not user.has_usable_password()


def test_a_weak_passphrase_is_refused_kindly_and_the_name_is_kept():
    response = sign_up(Client(), name="alex", passphrase="password12")
    body = response.content.decode()
    assert response.status_code == 200
    assert "too easy for someone to guess" in body
    assert 'value="alex"' in body
    assert not User.objects.exists()


def test_a_short_passphrase_gets_an_example_of_a_good_one():
    body = sign_up(Client(), passphrase="short").content.decode()
    assert "at least 10 characters" in body


def test_mismatched_passphrases_are_explained():
    body = sign_up(Client(), again=GOOD + "x").content.decode()
    assert "The two passphrases are different" in body


def test_a_taken_name_is_refused_whatever_its_case():
    sign_up(Client(), name="Alex")
    body = sign_up(Client(), name="alex").content.decode()
    assert "Someone already uses that name" in body


def test_the_recovery_code_must_be_confirmed_before_going_on():
    client = Client()
    sign_up(client)
    page = client.get("/recovery-code/")
    code = shown_code(page)
    assert client.get("/home/")["Location"] == "/recovery-code/"
    wrong = client.post("/recovery-code/", {"code": "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE"})
    assert "doesn&#x27;t match" in wrong.content.decode()
    assert shown_code(wrong) == code  # same code shown again, not a new one
    done = client.post("/recovery-code/", {"code": code.lower().replace("-", " ")})
    assert done["Location"] == "/home/"
    assert client.get("/home/").status_code == 200


def test_refreshing_the_recovery_page_shows_the_same_code():
    client = Client()
    sign_up(client)
    assert shown_code(client.get("/recovery-code/")) == shown_code(client.get("/recovery-code/"))


def test_sign_ups_from_one_address_are_limited():
    client = Client()
    for n in range(10):
        sign_up(client, name=f"person{n}")
        client.logout()
    body = sign_up(client, name="one-more").content.decode()
    assert "too many tries" in body
    assert not User.objects.filter(username="one-more").exists()
