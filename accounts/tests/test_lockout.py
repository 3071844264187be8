"""Knowing a name, or sharing a network, is not enough to lock someone out (T7)."""

import pytest
from django.apps import apps
from django.core import serializers
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory, override_settings

from accounts import actions, throttle
from conftest import DURESS_PASSPHRASE, OWNER_NAME, OWNER_PASSPHRASE, make_member
from haven.env import env_trusted_proxies
from vault import crypto

pytestmark = pytest.mark.django_db

DEVICE_COOKIE = "hv_b"
NEW = "harbour willow ginger planet"
STRONG = "quiet meadow copper lantern"
SHELTER = "192.168.1.20"


def sign_in(client, name=OWNER_NAME, passphrase=OWNER_PASSPHRASE):
    return client.post("/sign-in/", {"username": name, "passphrase": passphrase})


def used_before(address="10.5.5.5") -> Client:
    """A browser the person has signed in with, then signed out of."""
    browser = Client(REMOTE_ADDR=address)
    assert sign_in(browser)["Location"] == "/home/"
    browser.post("/sign-out/")
    return browser


def guess_elsewhere(times, name=OWNER_NAME):
    for n in range(times):
        Client(REMOTE_ADDR=f"10.6.6.{n}").post(
            "/sign-in/", {"username": name, "passphrase": "guess"}
        )


@override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3)
def test_guesses_at_a_name_do_not_keep_the_person_out_of_a_browser_they_used_before(owner):
    browser = used_before()
    guess_elsewhere(3)
    assert "too many tries" in sign_in(Client(REMOTE_ADDR="10.7.7.7")).content.decode()
    assert sign_in(browser)["Location"] == "/home/"


@override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3)
def test_a_remembered_browser_still_has_a_limit_of_its_own(owner):
    browser = used_before()
    for _ in range(3):
        sign_in(browser, passphrase="guess")
    assert "too many tries" in sign_in(browser).content.decode()


@override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3)
def test_a_browser_remembered_for_one_name_gets_no_favours_for_another(owner, other_member):
    browser = Client()
    assert sign_in(browser)["Location"] == "/home/"
    browser.post("/sign-out/")
    guess_elsewhere(3, name="sam")
    response = browser.post(
        "/sign-in/", {"username": "sam", "passphrase": "violet harbour paper lantern"}
    )
    assert "too many tries" in response.content.decode()


def test_the_remembered_browser_cookie_names_no_one_and_stays_on_this_site(owner):
    response = sign_in(Client())
    morsel = response.cookies[DEVICE_COOKIE]
    assert morsel["httponly"]
    assert morsel["samesite"] == "Strict"
    assert int(morsel["max-age"]) >= 180 * 24 * 3600
    token = morsel.value
    assert len(token) >= 40
    assert OWNER_NAME not in token.lower()
    # The server keeps only a keyed hash of it: the token is nowhere in the database.
    for model in apps.get_models():
        if model._meta.managed and not model._meta.proxy:
            dumped = serializers.serialize("json", model.objects.all())
            assert token not in dumped, model


def test_a_failed_sign_in_remembers_nothing(owner):
    assert DEVICE_COOKIE not in sign_in(Client(), passphrase="guess").cookies
    assert DEVICE_COOKIE not in sign_in(Client(), name="nobody-here").cookies


def test_deleting_the_account_forgets_its_browsers(owner):
    browser = Client()
    sign_in(browser)
    assert browser.cookies[DEVICE_COOKIE].value
    browser.post("/settings/delete/", {"current": OWNER_PASSPHRASE, "understood": "on"})
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.many_to_one and field.related_model is owner.__class__:
                assert not model.objects.filter(**{f"{field.name}_id": owner.pk}).exists(), model


@override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3)
def test_guesses_at_signing_in_do_not_use_up_recovery(db):
    _user, _dek, code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    guess_elsewhere(3)
    response = Client(REMOTE_ADDR="10.8.8.8").post(
        "/recover/",
        {"username": OWNER_NAME, "code": code, "new_passphrase": NEW, "new_passphrase_again": NEW},
    )
    assert response["Location"] == "/recovery-code/"


@override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3)
def test_guesses_at_recovery_do_not_use_up_signing_in(owner):
    for n in range(3):
        Client(REMOTE_ADDR=f"10.6.7.{n}").post(
            "/recover/",
            {
                "username": OWNER_NAME,
                "code": "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE",
                "new_passphrase": NEW,
                "new_passphrase_again": NEW,
            },
        )
    assert sign_in(Client(REMOTE_ADDR="10.8.8.9"))["Location"] == "/home/"


@override_settings(HAVEN_SIGNIN_LIMIT_PER_ADDRESS=4)
def test_wrong_sign_ins_from_the_same_address_do_not_lock_out_a_locked_device(owner):
    device = Client(REMOTE_ADDR=SHELTER)
    sign_in(device)
    device.post("/lock/")
    for n in range(4):
        Client(REMOTE_ADDR=SHELTER).post(
            "/sign-in/", {"username": f"someone{n}", "passphrase": "guess"}
        )
    response = device.post("/unlock/", {"passphrase": OWNER_PASSPHRASE})
    assert response["Location"] == "/home/"
    assert device.get("/home/").status_code == 200


@override_settings(HAVEN_SIGNIN_LIMIT_PER_ADDRESS=4)
def test_a_busy_shared_address_does_not_keep_the_person_out_of_their_own_browser(owner):
    browser = used_before(SHELTER)
    for n in range(4):
        Client(REMOTE_ADDR=SHELTER).post(
            "/sign-in/", {"username": f"someone{n}", "passphrase": "guess"}
        )
    assert "too many tries" in sign_in(Client(REMOTE_ADDR=SHELTER)).content.decode()
    assert sign_in(browser)["Location"] == "/home/"


# Behind a reverse proxy


@override_settings(HAVEN_SIGNIN_LIMIT_PER_ADDRESS=4, HAVEN_TRUSTED_PROXIES=1)
def test_behind_a_trusted_proxy_each_visitor_is_counted_by_their_own_address(owner):
    guesser = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.5")
    for n in range(4):
        guesser.post("/sign-in/", {"username": f"name{n}", "passphrase": "guess"})
    assert "too many tries" in sign_in(guesser).content.decode()
    visitor = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert sign_in(visitor)["Location"] == "/home/"


@override_settings(HAVEN_SIGNIN_LIMIT_PER_ADDRESS=4)
def test_without_the_setting_a_forwarded_address_is_not_believed(owner):
    for n in range(4):
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").post(
            "/sign-in/", {"username": f"name{n}", "passphrase": "guess"}
        )
    spoofing = Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert "too many tries" in sign_in(spoofing).content.decode()


def address(remote, forwarded=None, **settings):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().get("/", **meta)
    with override_settings(**settings):
        return throttle.client_address(request)


def test_the_client_address_is_read_only_as_far_as_the_trusted_proxies_reach():
    assert address("10.0.0.1", "203.0.113.5") == "10.0.0.1"
    assert address("10.0.0.1", "203.0.113.5", HAVEN_TRUSTED_PROXIES=1) == "203.0.113.5"
    # A visitor can write anything to the left of what the proxies add.
    assert address("10.0.0.1", "6.6.6.6, 203.0.113.5", HAVEN_TRUSTED_PROXIES=1) == "203.0.113.5"
    assert address("10.0.0.2", "6.6.6.6, 203.0.113.5, 10.0.0.1", HAVEN_TRUSTED_PROXIES=2) == (
        "203.0.113.5"
    )
    # Fewer hops than proxies: the request did not come through them all.
    assert address("10.0.0.1", "", HAVEN_TRUSTED_PROXIES=1) == "10.0.0.1"
    by_list = {"HAVEN_TRUSTED_PROXIES": ("10.0.0.0/8",)}
    assert address("10.0.0.2", "6.6.6.6, 203.0.113.5, 10.0.0.1", **by_list) == "203.0.113.5"
    # A peer that is not a trusted proxy is believed over any header it sends.
    assert address("198.51.100.7", "203.0.113.5", **by_list) == "198.51.100.7"


def test_the_trusted_proxies_setting_rejects_a_malformed_value(monkeypatch):
    monkeypatch.setenv("HAVEN_TRUSTED_PROXIES", "2")
    assert env_trusted_proxies("HAVEN_TRUSTED_PROXIES") == 2
    monkeypatch.setenv("HAVEN_TRUSTED_PROXIES", "10.0.0.1, 192.168.0.0/16")
    assert env_trusted_proxies("HAVEN_TRUSTED_PROXIES") == ("10.0.0.1/32", "192.168.0.0/16")
    monkeypatch.delenv("HAVEN_TRUSTED_PROXIES")
    assert env_trusted_proxies("HAVEN_TRUSTED_PROXIES") == 0
    for bad in ("-1", "proxy.example", "10.0.0.300"):
        monkeypatch.setenv("HAVEN_TRUSTED_PROXIES", bad)
        with pytest.raises(ImproperlyConfigured, match="HAVEN_TRUSTED_PROXIES"):
            env_trusted_proxies("HAVEN_TRUSTED_PROXIES")


# The sign-up name check


@override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3)
def test_asking_sign_up_about_a_name_is_limited_like_guessing_it_at_sign_in(owner):
    for n in range(3):
        Client(REMOTE_ADDR=f"10.9.0.{n}").post(
            "/start/",
            {"username": OWNER_NAME, "new_passphrase": STRONG, "new_passphrase_again": STRONG},
        )
    body = (
        Client(REMOTE_ADDR="10.9.0.99")
        .post(
            "/start/",
            {"username": OWNER_NAME, "new_passphrase": STRONG, "new_passphrase_again": STRONG},
        )
        .content.decode()
    )
    assert "too many tries" in body
    assert "Someone already uses that name" not in body


def test_a_taken_name_costs_one_slow_passphrase_run_like_a_sign_in(owner, monkeypatch):
    runs = []
    real_argon2 = crypto.argon2id

    def counting(secret, salt, params):
        runs.append(1)
        return real_argon2(secret, salt, params)

    monkeypatch.setattr(crypto, "argon2id", counting)
    taken = Client().post(
        "/start/",
        {"username": OWNER_NAME, "new_passphrase": STRONG, "new_passphrase_again": STRONG},
    )
    assert "Someone already uses that name" in taken.content.decode()
    assert len(runs) == 1
    runs.clear()
    sign_in(Client(), passphrase="guess")
    assert len(runs) == 1


# Someone who was given the duress passphrase


@pytest.fixture
def owner_with_duress(db):
    user, dek, _code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    actions.set_duress(user, dek, DURESS_PASSPHRASE)
    return user


@override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3)
def test_browsers_remembered_by_the_duress_passphrase_never_spend_the_persons_budget(
    owner_with_duress,
):
    own = used_before()
    theirs = []
    for n in range(3):
        browser = Client(REMOTE_ADDR=f"10.4.4.{n}")
        assert sign_in(browser, passphrase=DURESS_PASSPHRASE)["Location"] == "/home/"
        browser.post("/sign-out/")
        theirs.append(browser)
    for browser in theirs:
        sign_in(browser, passphrase="guess")
    # Their remembered browsers share one budget, however many they make...
    assert "too many tries" in sign_in(theirs[0], passphrase="guess again").content.decode()
    # ...and the person's own browser never shared it.
    assert sign_in(own)["Location"] == "/home/"


@override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3)
def test_signing_in_again_gives_no_fresh_guesses_at_a_locked_device(owner_with_duress):
    first = Client()
    sign_in(first, passphrase=DURESS_PASSPHRASE)
    first.post("/lock/")
    for _ in range(3):
        first.post("/unlock/", {"passphrase": "guess"})
    second = Client()
    assert sign_in(second, passphrase=DURESS_PASSPHRASE)["Location"] == "/home/"
    second.post("/lock/")
    response = second.post("/unlock/", {"passphrase": OWNER_PASSPHRASE})
    assert response["Location"] == "/sign-in/"
    assert second.get("/home/")["Location"].startswith("/sign-in/")


@override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3)
def test_a_browser_once_made_to_open_the_decoy_keeps_the_persons_budget(owner_with_duress):
    own = used_before()
    assert sign_in(own, passphrase=DURESS_PASSPHRASE)["Location"] == "/home/"
    own.post("/sign-out/")
    theirs = Client(REMOTE_ADDR="10.4.5.6")
    sign_in(theirs, passphrase=DURESS_PASSPHRASE)
    theirs.post("/sign-out/")
    for _ in range(3):
        sign_in(theirs, passphrase="guess")
    assert "too many tries" in sign_in(theirs, passphrase="guess").content.decode()
    assert sign_in(own)["Location"] == "/home/"
