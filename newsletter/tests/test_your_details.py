"""The links in every note: choose, download what is held, delete, all without an account."""

import datetime
import json

import pytest
import time_machine

from newsletter import tokens
from newsletter.models import Consent, Subscriber, Suppression
from newsletter.tests.helpers import subscribed

pytestmark = pytest.mark.django_db


def manage_path(subscriber) -> str:
    return f"/newsletter/manage/{tokens.make('manage', subscriber.id)}/"


def test_the_manage_page_changes_the_choices_and_shows_no_full_address(client):
    subscriber = subscribed(client, "robin.reader@example.org")
    page = client.get(manage_path(subscriber))
    body = page.content.decode()
    assert page.status_code == 200
    assert "r•••@example.org" in body and "robin.reader" not in body
    assert 'autocomplete="off"' in body
    saved = client.post(manage_path(subscriber), {"daily": "on", "wording": "open"})
    assert "Saved" in saved.content.decode()
    subscriber.refresh_from_db()
    assert (subscriber.weekly, subscriber.daily, subscriber.wording) == (False, True, "open")


def test_a_bad_choice_gets_a_kind_error_and_keeps_the_rest(client):
    subscriber = subscribed(client, "choice@example.org")
    response = client.post(manage_path(subscriber), {"daily": "on", "wording": "shouting"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Please pick one of the three ways the notes can look." in body
    assert 'name="daily" id="id_daily" checked' in body  # what was ticked stays ticked
    subscriber.refresh_from_db()
    assert subscriber.wording == "quiet"


def test_export_holds_everything_kept_about_the_subscriber(client):
    subscriber = subscribed(client, "export.me@example.org")
    response = client.get(manage_path(subscriber) + "export/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Cache-Control"].startswith("no-store")
    data = json.loads(response.content)
    assert data["address"] == "export.me@example.org"
    assert data["state"] == "confirmed" and data["weekly_tips"] is True
    [consent] = data["consent"]
    assert consent["form"] == "public" and consent["confirmed_at"] and not consent["withdrawn_at"]


def test_delete_forgets_the_address_and_keeps_only_a_fingerprint_to_stay_quiet(client):
    subscriber = subscribed(client, "delete.me@example.org")
    path = manage_path(subscriber) + "delete/"
    look = client.get(path)
    assert "Delete your details?" in look.content.decode()
    assert Subscriber.objects.exists()  # a look deletes nothing
    done = client.post(path)
    assert "Your details are deleted" in done.content.decode()
    assert not Subscriber.objects.exists() and not Consent.objects.exists()
    assert Suppression.objects.get().address_hash == subscriber.address_hash
    again = client.post(path)  # a second click: the same kind answer
    assert again.status_code == 200 and "Your details are deleted" in again.content.decode()
    gone = client.get(manage_path(subscriber))
    assert gone.status_code == 400 and "There's nothing here any more" in gone.content.decode()


def test_manage_links_run_out_but_unsubscribe_links_never_do(client):
    subscriber = subscribed(client, "old@example.org")
    manage = manage_path(subscriber)
    leave = f"/newsletter/u/{tokens.make('unsubscribe', subscriber.id)}/"
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=400)):
        assert client.get(manage).status_code == 400
        assert client.post(leave).status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.WITHDRAWN
    assert subscriber.consents.get().withdrawn_at is not None


def test_a_tampered_unsubscribe_link_changes_nothing(client):
    subscriber = subscribed(client, "keep@example.org")
    token = tokens.make("unsubscribe", subscriber.id)
    response = client.post(f"/newsletter/u/{token[:-4]}AAAA/")
    assert response.status_code == 400
    assert "This link doesn't work" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.state == Subscriber.State.CONFIRMED
