"""Signing up: double opt-in, a consent record, a sealed address, kind answers to bad input."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import TestCase

from newsletter import addresses, tokens
from newsletter.models import Consent, Subscriber, Suppression
from newsletter.tests.helpers import confirm_link, sign_up, subscribed, subscriber_of

pytestmark = pytest.mark.django_db


def test_signing_up_sends_only_a_confirmation_until_the_link_is_used(client):
    response = sign_up(client, "river@example.org", daily="on", source="guide")
    assert response.status_code == 302 and response["Location"] == "/newsletter/check-your-inbox/"
    assert len(mail.outbox) == 1
    note = mail.outbox[0]
    assert note.subject == "Please confirm"
    assert note.from_email.startswith("Notes")
    assert "weekly notes" in note.body and "Haven" not in note.subject
    subscriber = subscriber_of("river@example.org")
    assert subscriber.state == Subscriber.State.PENDING
    consent = subscriber.consents.get()
    assert consent.source == "guide" and consent.wording_version >= 1
    assert consent.weekly and consent.daily
    assert consent.requested_at and consent.confirmed_at is None

    page = client.get(confirm_link("river@example.org"))
    assert "One last step" in page.content.decode()  # a GET (a mail scanner) confirms nothing
    assert subscriber_of("river@example.org").state == Subscriber.State.PENDING

    done = client.post(confirm_link("river@example.org"))
    assert "You're signed up" in done.content.decode()
    subscriber = subscriber_of("river@example.org")
    assert subscriber.state == Subscriber.State.CONFIRMED
    assert subscriber.consents.get().confirmed_at is not None


def test_the_address_is_sealed_with_the_server_key_and_found_by_a_keyed_hash(client):
    sign_up(client, "Secret.Reader@Example.org")
    subscriber = subscriber_of("secret.reader@example.org")
    assert b"Secret.Reader" not in bytes(subscriber.address)
    assert addresses.open_address(subscriber.address, subscriber.id) == (
        "Secret.Reader@example.org"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM newsletter_subscriber")
        assert "secret.reader" not in repr(cursor.fetchall()).lower()
        cursor.execute("SELECT address_hash FROM newsletter_subscriber")
        stored = cursor.fetchone()[0]
    import hashlib

    assert stored != hashlib.sha256(b"secret.reader@example.org").hexdigest()


def test_an_internationalised_domain_is_accepted_in_its_ascii_form(client):
    sign_up(client, "leser@bücher.example")
    assert mail.outbox[0].to == ["leser@xn--bcher-kva.example"]
    # Typed either way, it is the same subscriber.
    assert subscriber_of("leser@XN--BCHER-KVA.example") == subscriber_of("leser@bücher.example")


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("not an address", "doesn't look like an email address"),
        ("two@@example.org", "doesn't look like an email address"),
        ("name@localhost", "doesn't look like an email address"),
        ("名前@example.org", "letters outside A to Z before the @"),
        ("a" * 250 + "@example.org", "longer than email allows"),
        ("", "Please type the address"),
    ],
)
def test_a_bad_address_gets_a_kind_answer_and_keeps_what_was_typed(client, typed, says):
    response = sign_up(client, typed)
    body = response.content.decode()
    assert response.status_code == 400
    assert says in body.replace("&#x27;", "'")
    if typed:
        assert f'value="{typed}"' in body
    assert mail.outbox == [] and not Subscriber.objects.exists()


def test_no_kind_of_note_ticked_is_a_kind_error(client):
    response = client.post("/newsletter/", {"address": "x@example.org"})
    assert response.status_code == 400
    assert "tick at least one kind of note" in response.content.decode()
    assert 'value="x@example.org"' in response.content.decode()


def test_signing_up_twice_gives_the_same_answer_and_no_second_email(client):
    first = sign_up(client, "twice@example.org")
    second = sign_up(client, "twice@example.org")
    assert first["Location"] == second["Location"] == "/newsletter/check-your-inbox/"
    assert len(mail.outbox) == 1
    assert Subscriber.objects.count() == 1


def test_a_subscriber_who_signs_up_again_gets_their_links_not_a_new_confirmation(client):
    subscribed(client, "again@example.org")
    mail.outbox.clear()
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=1)):
        from django.core.cache import caches

        caches["limits"].clear()
        response = sign_up(client, "again@example.org", daily="on")
    assert response["Location"] == "/newsletter/check-your-inbox/"
    assert [m.subject for m in mail.outbox] == ["Your notes"]
    assert "/newsletter/manage/" in mail.outbox[0].body
    subscriber = subscriber_of("again@example.org")
    assert subscriber.state == Subscriber.State.CONFIRMED and not subscriber.daily


def test_many_sign_ups_from_one_connection_are_slowed(client, settings):
    from newsletter import views

    for n in range(views.SIGNUPS_PER_ADDRESS):
        assert sign_up(client, f"p{n}@example.org").status_code == 302
    refused = sign_up(client, "one-more@example.org")
    assert refused.status_code == 429
    assert "try again in a little while" in refused.content.decode()
    assert 'value="one-more@example.org"' in refused.content.decode()


def test_a_replayed_confirmation_changes_nothing_and_says_so(client):
    subscribed(client, "replay@example.org")
    link = confirm_link("replay@example.org")
    again = client.post(link)
    assert again.status_code == 200
    assert "already signed up" in again.content.decode()
    assert Consent.objects.filter(confirmed_at__isnull=False).count() == 1


def test_a_tampered_or_foreign_link_is_refused_kindly(client):
    sign_up(client, "tamper@example.org")
    link = confirm_link("tamper@example.org")
    token = link.split("/")[3]
    broken = client.post(f"/newsletter/confirm/{token[:-2]}xx/")
    assert broken.status_code == 400
    assert "This link doesn't work" in broken.content.decode()
    # An unsubscribe token is not a confirmation token.
    subscriber = subscriber_of("tamper@example.org")
    other = tokens.make("unsubscribe", subscriber.id)
    assert client.post(f"/newsletter/confirm/{other}/").status_code == 400
    assert client.get(f"/newsletter/manage/{other}/").status_code == 400
    assert subscriber_of("tamper@example.org").state == Subscriber.State.PENDING


def test_an_old_confirmation_link_runs_out(client):
    sign_up(client, "late@example.org")
    link = confirm_link("late@example.org")
    with time_machine.travel(datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=8)):
        late = client.post(link)
    assert late.status_code == 400
    assert "This link has run out" in late.content.decode()
    assert subscriber_of("late@example.org").state == Subscriber.State.PENDING


def test_after_unsubscribing_an_old_confirmation_link_subscribes_no_one(client):
    subscriber = subscribed(client, "gone@example.org")
    link = confirm_link("gone@example.org")
    client.post(f"/newsletter/u/{tokens.make('unsubscribe', subscriber.id)}/")
    replay = client.post(link)
    assert replay.status_code == 400
    assert "This link has been replaced" in replay.content.decode()
    assert subscriber_of("gone@example.org").state == Subscriber.State.WITHDRAWN


def test_a_bounced_address_stays_suppressed_whatever_sign_ups_follow(client):
    subscriber = subscribed(client, "bounced@example.org")
    Suppression.objects.create(
        address_hash=subscriber.address_hash, reason=Suppression.Reason.HARD_BOUNCE
    )
    mail.outbox.clear()
    from django.core.cache import caches

    caches["limits"].clear()
    response = sign_up(client, "bounced@example.org")
    assert response["Location"] == "/newsletter/check-your-inbox/"  # the same answer
    assert mail.outbox == []
    assert Suppression.objects.get().reason == Suppression.Reason.HARD_BOUNCE


def test_an_unsubscribed_address_comes_back_only_by_its_own_confirmation(client):
    subscriber = subscribed(client, "back@example.org")
    client.post(f"/newsletter/u/{tokens.make('unsubscribe', subscriber.id)}/")
    assert Suppression.objects.get().reason == Suppression.Reason.UNSUBSCRIBED
    from django.core.cache import caches

    caches["limits"].clear()
    mail.outbox.clear()
    sign_up(client, "back@example.org")
    # Asking again alone sends nothing but the confirmation, and lifts nothing.
    assert [m.subject for m in mail.outbox] == ["Please confirm"]
    assert Suppression.objects.exists()
    assert subscriber_of("back@example.org").state == Subscriber.State.PENDING
    client.post(confirm_link("back@example.org"))
    assert not Suppression.objects.exists()
    assert subscriber_of("back@example.org").state == Subscriber.State.CONFIRMED
    assert subscriber_of("back@example.org").consents.count() == 2


def test_the_subscribe_page_offers_the_choices_and_says_how_it_looks(client):
    page = client.get("/newsletter/?from=guide")
    body = page.content.decode()
    assert page.status_code == 200
    assert 'autocomplete="off"' in body
    assert "Weekly tips and reflections" in body and "A daily line of inspiration" in body
    assert "“Weekly notes”" in body and "“Daily note”" in body
    assert 'name="source" value="guide"' in body
    assert page["Cache-Control"].startswith("no-store")


def test_inside_haven_the_tool_link_is_on_the_dashboard(owner_client):
    home = owner_client.get("/home/").content.decode()
    assert 'href="/newsletter/"' in home
    with TestCase.captureOnCommitCallbacks(execute=True):
        page = owner_client.get("/newsletter/")
    assert 'name="source" value="inside"' in page.content.decode()
