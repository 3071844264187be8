"""The layout's main navigation: Home, then each feature's entries, then Settings and Lock."""

import re

import pytest
from django.test import Client
from django.utils.translation import gettext_lazy as _

from core import features

pytestmark = pytest.mark.django_db

NAV = re.compile(r'<nav class="site-nav"[^>]*>(.*?)</nav>', re.DOTALL)
LINK = re.compile(r'<a href="([^"]+)"( aria-current="page")?>([^<]+)</a>')


def nav_links(response) -> list[tuple[str, bool, str]]:
    """(href, is it the current page, label) of each link in the main navigation."""
    assert response.status_code == 200
    menu = NAV.search(response.content.decode()).group(1)
    return [(href, bool(current), label) for href, current, label in LINK.findall(menu)]


@pytest.fixture
def with_extra_feature(monkeypatch):
    """A feature the product doesn't have, with a private entry and a discreet label."""
    extra = features.Feature(
        app="plan",
        nav=[
            features.NavEntry(
                _("Plans"),
                "plan:safety",
                namespace="plan",
                private=True,
                order=15,
                discreet_label=_("Lists"),
            )
        ],
    )
    real = features.all_features()
    monkeypatch.setattr(features, "all_features", lambda: (*real, extra))


def test_someone_not_signed_in_sees_each_features_public_entry_then_sign_in():
    links = nav_links(Client().get("/staying-safe/"))
    assert links == [
        ("/guide/", False, "Guide"),
        ("/check/", False, "Checks"),
        ("/help/", False, "Help"),
        ("/sign-in/", False, "Sign in"),
    ]


def test_a_member_sees_home_first_and_settings_last(owner_client):
    labels = [label for _href, _current, label in nav_links(owner_client.get("/home/"))]
    assert labels == ["Home", "Guide", "Checks", "Help", "Community", "Tempted?", "Settings"]


def test_the_entry_of_the_features_own_pages_is_marked_current(owner_client):
    assert ("/home/", True, "Home") in nav_links(owner_client.get("/home/"))
    on_a_check = nav_links(owner_client.get("/check/danger/"))
    assert [label for _href, current, label in on_a_check if current] == ["Checks"]
    on_settings = nav_links(owner_client.get("/settings/"))
    assert [label for _href, current, label in on_settings if current] == ["Settings"]


def test_a_private_entry_shows_only_with_an_open_vault(with_extra_feature, owner_client):
    stranger = [label for _h, _c, label in nav_links(Client().get("/staying-safe/"))]
    assert "Plans" not in stranger
    links = nav_links(owner_client.get("/safety-plan/"))
    labels = [label for _h, _c, label in links]
    assert labels == [
        "Home",
        "Guide",
        "Plans",
        "Checks",
        "Help",
        "Community",
        "Tempted?",
        "Settings",
    ]
    assert ("/safety-plan/", True, "Plans") in links
    owner_client.post("/lock/")
    locked = [label for _h, _c, label in nav_links(owner_client.get("/staying-safe/"))]
    assert "Plans" not in locked


def test_a_discreet_screen_shows_an_entrys_discreet_label(with_extra_feature, owner_client):
    owner_client.cookies["hv_d"] = "recipes"
    labels = [label for _h, _c, label in nav_links(owner_client.get("/home/"))]
    assert "Lists" in labels
    assert "Plans" not in labels


def test_entry_addresses_are_worked_out_once_not_on_every_page(owner_client):
    features.url.cache_clear()
    owner_client.get("/home/")
    worked_out = features.url.cache_info().misses
    assert worked_out >= 3
    owner_client.get("/check/")
    owner_client.get("/home/")
    assert features.url.cache_info().misses == worked_out
