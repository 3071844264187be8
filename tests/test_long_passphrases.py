"""Attack: a passphrase longer than 72 characters crashed sign-up, change and
recovery with a server error (the strength checker refuses more than 72).
Now every length up to 500 gets an answer, and longer gets a kind refusal."""

import pytest
from django.test import Client

from accounts.models import User
from conftest import OWNER_NAME, OWNER_PASSPHRASE, make_member, signed_in_client

pytestmark = pytest.mark.django_db

TEN_WORDS = "amber windowsills glacier tulips harbour velvet quarry lantern meadows biscuit"
LENGTHS = [73, 100, 250, 500]


def long_passphrase(length: int) -> str:
    words = "otter plum lantern fjord copper whistle meadow quartz saffron tundra "
    return (words * (length // len(words) + 1))[:length]


def test_the_ten_word_passphrase_is_longer_than_the_checker_can_score():
    assert len(TEN_WORDS) == 78
    assert len(TEN_WORDS.split()) == 10


def sign_up(name, phrase, address):
    return Client(REMOTE_ADDR=address).post(
        "/start/",
        {"username": name, "new_passphrase": phrase, "new_passphrase_again": phrase},
    )


def test_a_ten_word_passphrase_of_78_characters_signs_up_and_signs_in():
    response = sign_up("heron", TEN_WORDS, "10.0.0.1")
    assert response.status_code == 302
    assert User.objects.filter(username="heron").exists()
    signed_in_client("heron", TEN_WORDS)


@pytest.mark.parametrize("length", LENGTHS)
def test_sign_up_answers_any_passphrase_up_to_500_characters(length):
    response = sign_up(f"long{length}", long_passphrase(length), f"10.0.1.{length % 250}")
    assert response.status_code in (200, 302)
    assert User.objects.filter(username=f"long{length}").exists() == (response.status_code == 302)


@pytest.mark.parametrize("length", [501, 5000])
def test_a_passphrase_over_500_characters_gets_a_kind_answer(length):
    response = sign_up("toolong", "x" * length, "10.0.2.1")
    assert response.status_code == 200
    page = response.content.decode()
    assert "longer than Haven can take" in page
    assert "500 characters or fewer" in page
    assert 'value="toolong"' in page  # the name typed is kept
    assert not User.objects.filter(username="toolong").exists()


@pytest.mark.parametrize("length", [*LENGTHS, 501])
def test_changing_to_a_long_passphrase_never_crashes(owner, length):
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    phrase = long_passphrase(length)
    response = client.post(
        "/settings/passphrase/",
        {"current": OWNER_PASSPHRASE, "new_passphrase": phrase, "new_passphrase_again": phrase},
    )
    assert response.status_code in (200, 302)


def test_changing_to_the_ten_word_passphrase_works(owner):
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    response = client.post(
        "/settings/passphrase/",
        {
            "current": OWNER_PASSPHRASE,
            "new_passphrase": TEN_WORDS,
            "new_passphrase_again": TEN_WORDS,
        },
    )
    assert response.status_code == 302
    signed_in_client(OWNER_NAME, TEN_WORDS)


@pytest.mark.parametrize("length", [*LENGTHS, 501])
def test_recovering_with_a_long_passphrase_never_crashes(length):
    _user, _dek, code = make_member("finch", "copper kettle winter meadow")
    phrase = long_passphrase(length)
    response = Client().post(
        "/recover/",
        {
            "username": "finch",
            "code": code,
            "new_passphrase": phrase,
            "new_passphrase_again": phrase,
        },
    )
    assert response.status_code in (200, 302)


def test_recovering_to_the_ten_word_passphrase_works():
    _user, _dek, code = make_member("finch", "copper kettle winter meadow")
    response = Client().post(
        "/recover/",
        {
            "username": "finch",
            "code": code,
            "new_passphrase": TEN_WORDS,
            "new_passphrase_again": TEN_WORDS,
        },
    )
    assert response.status_code == 302
    signed_in_client("finch", TEN_WORDS)
