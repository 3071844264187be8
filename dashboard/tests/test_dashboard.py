"""The member's home page: every feature's cards, in the order the registry gives."""

import pytest
from django.utils.translation import gettext_lazy as _

from core import features
from tests.steps import shown_recovery_code

pytestmark = pytest.mark.django_db


def test_the_home_page_is_behind_the_lock(stranger_client):
    response = stranger_client.get("/home/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_it_welcomes_the_member_and_shows_each_card_in_order(owner_client):
    body = owner_client.get("/home/").content.decode()
    assert "Welcome back, robin" in body
    headings = ["Why I'm doing this", "Your safety plan", "Your exit plan", "More tools"]
    places = [body.index(heading) for heading in headings]
    assert places == sorted(places)


def test_it_follows_the_registrys_order_not_its_own(owner_client, monkeypatch):
    reversed_cards = list(reversed(features.cards()))
    monkeypatch.setattr(features, "cards", lambda: reversed_cards)
    body = owner_client.get("/home/").content.decode()
    assert body.index("Your exit plan") < body.index("Your safety plan")
    assert body.index("Your safety plan") < body.index("Why I'm doing this")


def test_more_tools_lists_every_features_links(owner_client):
    body = owner_client.get("/home/").content.decode()
    links = [link for tool in features.tools() for link in tool.links]
    assert len(links) >= 8
    for link in links:
        assert f'<a href="{link.url}">{link.label}</a>' in body
    # The quieter links sit in a list under the main one: no "·" between them.
    assert (
        '<a href="/check/relationship/">Relationship check</a><ul class="also"><li><a href=' in body
    )
    card = body[body.index('id="tools-title"') :]
    assert "·" not in card[: card.index("</section>")]


def test_under_discreet_mode_every_tool_shows_its_everyday_words(owner_client):
    owner_client.cookies["hv_d"] = "notes"
    body = owner_client.get("/home/").content.decode()
    links = [link for tool in features.tools() for link in tool.links]
    for link in links:
        assert link.discreet_label, f"{link.url_name} has no words for a discreet screen"
        assert f'<a href="{link.url}">{link.discreet_label}</a>' in body
    for heading in ("Why I'm doing this", "Your safety plan", "Your exit plan", "More tools"):
        assert heading not in body
    for heading in ("Notes to self", "Checklist", "Six steps"):
        assert heading in body


def test_a_new_features_tool_shows_without_touching_the_dashboard(owner_client, monkeypatch):
    extra = features.Tool([features.Link(_("What quick exit hides"), "core:safety")], order=1)
    monkeypatch.setattr(features, "tools", lambda: [extra])
    body = owner_client.get("/home/").content.decode()
    assert '<li><a href="/staying-safe/">What quick exit hides</a></li>' in body
    assert "Danger screen" not in body


def test_with_no_tool_declared_the_more_tools_card_is_left_out(owner_client, monkeypatch):
    monkeypatch.setattr(features, "tools", lambda: [])
    body = owner_client.get("/home/").content.decode()
    assert "More tools" not in body
    assert "Your safety plan" in body


def test_each_stylesheet_a_card_needs_is_linked_once(owner_client):
    body = owner_client.get("/home/").content.decode()
    sheets = {card.css for card in features.cards() if card.css}
    assert sheets
    for sheet in sheets:
        assert body.count(f'href="/static/{sheet}"') == 1


def test_the_home_page_is_never_kept_by_the_browser(owner_client):
    response = owner_client.get("/home/")
    assert "no-store" in response["Cache-Control"]


def test_a_new_space_is_welcomed_once_then_welcomed_back(stranger_client):
    client = stranger_client
    passphrase = "quiet meadow copper lantern"
    created = client.post(
        "/start/",
        {"username": "wren", "new_passphrase": passphrase, "new_passphrase_again": passphrase},
    )
    assert created["Location"] == "/recovery-code/"
    code = shown_recovery_code(client.get("/recovery-code/").content.decode())
    assert client.post("/recovery-code/", {"code": code})["Location"] == "/home/"
    first = client.get("/home/").content.decode()
    assert "Welcome, wren" in first and "Welcome back" not in first
    assert "Welcome back, wren" in client.get("/home/").content.decode()
    # A later sign-in, in a new session, is a return too.
    client.post("/sign-out/")
    client.post("/sign-in/", {"username": "wren", "passphrase": passphrase})
    assert "Welcome back, wren" in client.get("/home/").content.decode()
