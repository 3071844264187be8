"""The small cast every test draws on: an owner, another member, an operator, a stranger."""

import pytest
from django.test import Client

from accounts import actions
from accounts.models import User

# The browser fixtures (Chromium, pages at 320/360/1280 px, sign_in) for every app's tests.
pytest_plugins = ["tests.browser.plugin"]

OWNER_NAME = "robin"
OWNER_PASSPHRASE = "copper kettle winter meadow"
OTHER_NAME = "sam"
OTHER_PASSPHRASE = "violet harbour paper lantern"
DURESS_PASSPHRASE = "pebble orchard silver monday"


def make_member(name: str, passphrase: str) -> tuple[User, bytes, str]:
    user, dek, code = actions.create_account(name, passphrase)
    User.objects.filter(pk=user.pk).update(recovery_confirmed=True)
    user.refresh_from_db()
    return user, dek, code


def signed_in_client(name: str, passphrase: str) -> Client:
    client = Client()
    response = client.post("/sign-in/", {"username": name, "passphrase": passphrase})
    assert response.status_code == 302, response.content[:500]
    return client


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counts must not leak from one test into the next."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def owner(db):
    user, _dek, _code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    return user


@pytest.fixture
def owner_dek(db):
    user, dek, _code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    return user, dek


@pytest.fixture
def other_member(db):
    user, _dek, _code = make_member(OTHER_NAME, OTHER_PASSPHRASE)
    return user


@pytest.fixture
def operator(db):
    return User.objects.create_superuser("operator", "operator-test-password")


@pytest.fixture
def owner_client(owner):
    return signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)


@pytest.fixture
def other_client(other_member):
    return signed_in_client(OTHER_NAME, OTHER_PASSPHRASE)


@pytest.fixture
def stranger_client():
    return Client()


@pytest.fixture
def two_spaces(owner_dek):
    """The owner's space and a fresh one, each with its open vault: for exports and restores."""
    from vault.box import Box

    owner, dek = owner_dek
    fresh, fresh_dek, _code = make_member(OTHER_NAME, OTHER_PASSPHRASE)
    return owner, Box(dek), fresh, Box(fresh_dek)
