"""Signing in with the duress passphrase sends the silent alert, once, and leaves no trace (T2)."""

import logging

import pytest
from django.test import Client

from accounts import actions as account_actions
from accounts.models import DuressEvent, User
from circle import actions
from circle.models import Alert, Contact, Delivery
from circle.tests.helpers import person
from conftest import DURESS_PASSPHRASE, OWNER_NAME
from core.models import OnceJob, OnceJobTally
from vault.box import Box

WORDS = "Hi, it's me. Can't talk. Please do what we said about the spare key."


@pytest.fixture
def member(owner_dek, smtp_sink):
    user, dek = owner_dek
    box = Box(dek)
    actions.save_words(user, {**actions.default_words(), "duress": WORDS})
    person(user, box, "Sam", "sam@example.org", for_emergency=True)
    person(user, box, "Ash", "ash@example.org", for_checkins=True)  # not for this
    person(user, box, "Kim", "kim@example.org", confirmed=False, for_emergency=True)
    account_actions.set_duress(user, dek, DURESS_PASSPHRASE)
    smtp_sink.received.clear()
    return user, smtp_sink


@pytest.mark.django_db(transaction=True)
def test_the_duress_sign_in_alerts_the_emergency_contact_once_and_the_decoy_shows_nothing(
    member, caplog
):
    user, sink = member
    client = Client()
    with caplog.at_level(logging.DEBUG):
        response = client.post(
            "/sign-in/", {"username": OWNER_NAME, "passphrase": DURESS_PASSPHRASE}
        )
    assert response.status_code == 302 and response["Location"] == "/home/"

    # Sam, confirmed and chosen for it, has the words; nobody else has anything.
    assert [r.to for r in sink.received] == [["sam@example.org"]]
    assert WORDS in sink.received[0].text
    assert "/circle/for-you/" in sink.received[0].text

    # Delivered, then forgotten: no event, no job, no alert or delivery row.
    assert dict(
        OnceJobTally.objects.filter(kind="duress.deliver").values_list("outcome", "count")
    ) == {"delivered": 1}
    assert DuressEvent.objects.count() == OnceJob.objects.filter(kind="duress.deliver").count() == 0
    assert Alert.objects.count() == Delivery.objects.count() == 0

    # The decoy's circle looks ordinary: its own made-up people, nothing sent.
    decoy = User.objects.get(decoy_for=user)
    page = client.get("/circle/").content.decode()
    assert "Mum" in page and "Jo" in page
    assert "Sam" not in page and WORDS not in page and "Nothing has been sent." in page
    home = client.get("/home/").content.decode().lower()
    for word in ("duress", "alert", "delivered", "sam@example.org"):
        assert word not in home
    assert str(decoy.pk) not in caplog.text and "sam@example.org" not in caplog.text


@pytest.mark.django_db(transaction=True)
def test_the_decoys_people_are_never_written_to(member):
    user, sink = member
    Client().post("/sign-in/", {"username": OWNER_NAME, "passphrase": DURESS_PASSPHRASE})
    decoy = User.objects.get(decoy_for=user)
    assert Contact.objects.filter(owner=decoy).count() == 2
    sink.received.clear()
    # A check-in set and missed in the decoy: it looks sent, and nothing leaves.
    from datetime import time, timedelta

    from circle.tests.helpers import sweep_at

    Contact.objects.filter(owner=decoy).update(for_checkins=True)
    check_in = actions.add_check_in(decoy, "once", at=time(21, 0), zone="UTC")
    sweep_at(check_in.due_at + timedelta(seconds=59))
    assert sink.received == []
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}


@pytest.mark.django_db(transaction=True)
def test_with_nobody_chosen_for_it_the_alert_ends_as_nobody_to_tell(owner_dek, smtp_sink):
    user, dek = owner_dek
    person(user, Box(dek), "Ash", "ash@example.org", for_checkins=True)
    account_actions.set_duress(user, dek, DURESS_PASSPHRASE)
    smtp_sink.received.clear()
    Client().post("/sign-in/", {"username": OWNER_NAME, "passphrase": DURESS_PASSPHRASE})
    assert smtp_sink.received == []
    assert OnceJobTally.objects.get(kind="duress.deliver").outcome == "no_contact"
