"""Headers every page carries (T1, T5)."""

import re

import pytest
from django.test import Client


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/sign-in/", "/staying-safe/"])
def test_every_page_is_never_cached_and_locked_down(path):
    response = Client().get(path)
    assert response["Cache-Control"].startswith("no-store")
    csp = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert "default-src 'self'" in csp
    assert "http" not in csp.replace("'self'", "")  # no third-party origins
    # Other sites never learn where the person came from.
    assert response["Referrer-Policy"] == "same-origin"
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_the_script_nonce_changes_with_every_response():
    first, second = Client().get("/"), Client().get("/")
    nonce = re.search(r"'nonce-([^']+)'", first["Content-Security-Policy"]).group(1)
    assert f'nonce="{nonce}"' in first.content.decode()
    assert nonce not in second["Content-Security-Policy"]


@pytest.mark.django_db
def test_private_pages_are_not_cached_either(owner_client):
    response = owner_client.get("/home/")
    assert response["Cache-Control"].startswith("no-store")


def test_static_files_may_be_cached():
    response = Client().get("/static/core/js/exit.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_the_browsers_own_icon_request_follows_discreet_mode():
    client = Client()
    assert client.get("/favicon.ico")["Location"].endswith("haven.svg")
    client.cookies["hv_d"] = "recipes"
    assert client.get("/favicon.ico")["Location"].endswith("recipes.svg")


def test_operators_land_on_their_own_pages(operator):
    client = Client()
    client.force_login(operator)
    assert client.get("/")["Location"] == "/operator/admin/"
