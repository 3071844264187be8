"""The dashboard card in plain, discreet and decoy spaces, and the demo's count."""

import pytest

from conftest import OWNER_NAME, OWNER_PASSPHRASE, signed_in_client
from nocontact import actions, demo
from vault.box import Box

pytestmark = pytest.mark.django_db


def card(client) -> str:
    body = client.get("/home/").content.decode()
    return body.split('class="card steady-card"')[1].split("</section>")[0]


def test_the_card_offers_to_start_counting_and_a_tempted_button(owner_client):
    shown = card(owner_client)
    assert "Days without contact" in shown and "Start counting" in shown
    assert 'href="/steady/pause/">Tempted?</a>' in shown


def test_under_discreet_mode_the_card_says_streak_and_pause(owner_client):
    owner_client.cookies["hv_d"] = "notes"
    shown = card(owner_client)
    assert "Streak" in shown and "Pause" in shown
    assert "contact" not in shown.lower() and "Tempted" not in shown


def test_the_nav_has_a_small_private_entry_and_strangers_never_see_it(owner_client, client):
    assert '<a href="/steady/pause/">Tempted?</a>' in owner_client.get("/home/").content.decode()
    owner_client.cookies["hv_d"] = "notes"
    assert '<a href="/steady/pause/">Pause</a>' in owner_client.get("/guide/").content.decode()
    assert "/steady/pause/" not in client.get("/guide/").content.decode()


def test_the_demo_shows_a_count_a_slip_and_an_allowed_handover(owner_dek):
    user, dek = owner_dek
    demo.seed(user, Box(dek))
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    shown = card(client)
    assert '<span class="steady-number">20</span>' in shown
    assert "Your longest so far: 21 days." in shown
    page = client.get("/steady/").content.decode()
    assert "within what you allow" in page and "Only about Mia" in page


def test_the_decoy_counts_something_ordinary_with_neutral_words(owner_dek):
    user, dek = owner_dek
    demo.seed_decoy(user, Box(dek))
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    shown = card(client)
    assert "Early nights" in shown and '<span class="steady-number">24</span>' in shown
    assert "Pause" in shown
    assert "contact" not in shown.lower() and "Tempted" not in shown
    parts = actions.open_all(user, Box(dek))
    assert parts["contacts"] == {} and parts["lists"] == {} and parts["urges"] == {}
