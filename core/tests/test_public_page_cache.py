"""Public pages are served from a kept copy to visitors without a session,
with a fresh nonce and each visitor's own form token."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def nonce_of(response) -> str:
    return re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)


def same_page(response) -> str:
    """The page without what differs by design: the nonce and the visitor's token."""
    page = response.content.decode().replace(nonce_of(response), "N")
    return re.sub(r'(csrf-token" content|csrfmiddlewaretoken" value)="[^"]+"', "T", page)


def test_a_public_page_asked_for_again_is_served_from_the_copy():
    first = Client().get("/guide/")
    with CaptureQueriesContext(connection) as queries:
        second = Client().get("/guide/")
    assert second.status_code == 200
    assert len(queries) == 0, [q["sql"] for q in queries]
    # The same page, but never the same nonce: each answer has its own.
    assert nonce_of(first) != nonce_of(second)
    assert f'nonce="{nonce_of(second)}"' in second.content.decode()
    assert nonce_of(first) not in second.content.decode()
    assert same_page(first) == same_page(second)
    assert second["Cache-Control"].startswith("no-store")


def test_every_visitor_gets_their_own_form_token_and_their_form_passes():
    one, two = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    page_one = one.get("/newsletter/").content.decode()
    page_two = two.get("/newsletter/").content.decode()
    token_one, token_two = TOKEN.search(page_one).group(1), TOKEN.search(page_two).group(1)
    assert token_one != token_two
    assert "hv_c" in two.cookies  # the second visitor was given a cookie to match
    for client, token in ((one, token_one), (two, token_two)):
        response = client.post(
            "/newsletter/", {"csrfmiddlewaretoken": token, "email": "not an address"}
        )
        assert response.status_code != 403


def test_discreet_mode_is_never_served_the_plain_copy():
    plain = Client().get("/guide/").content.decode()
    discreet = Client()
    discreet.cookies["hv_d"] = "recipes"
    disguised = discreet.get("/guide/").content.decode()
    assert disguised != plain
    assert "recipes.svg" in disguised or "recipes" in disguised


def test_someone_signed_in_is_never_served_a_kept_copy(owner_client):
    Client().get("/guide/")
    response = owner_client.get("/guide/")
    assert response.wsgi_request.session.accessed
    assert "/home/" in response.content.decode()


def test_private_pages_are_never_kept(owner_client):
    owner_client.post("/reasons/", {"text": "never in a shared copy 9981"})
    owner_client.get("/home/")
    assert "never in a shared copy 9981" not in Client().get("/").content.decode()
    assert Client().get("/home/").status_code == 302
