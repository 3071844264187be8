"""Even error pages keep the way out, and a refused form gives back what was typed."""

import pytest
from django.test import Client

from conftest import OWNER_NAME, OWNER_PASSPHRASE, make_member

pytestmark = pytest.mark.django_db


def test_a_missing_page_keeps_quick_exit():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert 'id="quick-exit"' in response.content.decode()


def test_a_form_refused_for_safety_shows_back_what_was_typed():
    make_member(OWNER_NAME, OWNER_PASSPHRASE)
    client = Client(enforce_csrf_checks=True)
    page = client.get("/sign-in/").content.decode()
    assert "csrfmiddlewaretoken" in page
    # A stale token, as after a lock in another tab.
    response = client.post(
        "/reasons/",
        {"text": "I want to feel safe at home", "csrfmiddlewaretoken": "stale" * 8},
    )
    body = response.content.decode()
    assert response.status_code == 403
    assert "I want to feel safe at home" in body
    assert 'id="quick-exit"' in body


def test_secrets_are_never_shown_back():
    client = Client(enforce_csrf_checks=True)
    body = client.post(
        "/sign-in/", {"username": "robin", "passphrase": "my secret words here"}
    ).content.decode()
    assert "my secret words here" not in body
