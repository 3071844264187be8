"""Pages are compressed when they hold nothing private, and only then (BREACH)."""

import gzip
import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_a_public_page_comes_compressed_to_a_browser_that_asks():
    response = Client().get("/guide/", **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    page = gzip.decompress(response.content).decode()
    assert "</html>" in page
    assert len(response.content) < len(page.encode()) / 2


def test_a_browser_that_does_not_ask_gets_plain_html():
    response = Client().get("/guide/")
    assert "Content-Encoding" not in response
    assert b"</html>" in response.content


def test_a_private_page_is_never_compressed(owner_client):
    owner_client.post("/reasons/", {"text": "only mine to read 5521"})
    response = owner_client.get("/home/", **GZIP)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert "only mine to read 5521" in response.content.decode()
    # Nor a public page while the vault is open: the layout may show more then.
    assert "Content-Encoding" not in owner_client.get("/guide/", **GZIP)


def test_words_shown_back_after_a_form_are_never_compressed(owner_client):
    owner_client.get("/lock/")
    response = owner_client.post("/reasons/", {"text": "typed while it locked 7734"}, **GZIP)
    assert "typed while it locked 7734" in response.content.decode()
    assert "Content-Encoding" not in response
    wrong = Client().post("/sign-in/", {"username": "someone", "passphrase": "nope"}, **GZIP)
    assert "Content-Encoding" not in wrong


def test_the_form_token_is_masked_afresh_in_every_response():
    """Django masks the CSRF token per response, so a compressed public page
    never repeats the same secret bytes for a guesser to match."""
    client = Client()
    tokens = set()
    for _ in range(3):
        response = client.get("/sign-in/", **GZIP)
        page = gzip.decompress(response.content).decode()
        tokens.add(re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1))
    assert len(tokens) == 3
