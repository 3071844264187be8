"""A crowd of missed check-ins goes out a batch at a time, over real SMTP, each
contact once, with the words exactly as typed and nothing stuck or blocked."""

import email
import email.policy
from collections import Counter
from datetime import time, timedelta

import pytest
import time_machine
from django.test import Client, override_settings

from circle import actions, delivery, sealing, tokens
from circle.jobs import miss_due
from circle.models import Alert, CheckIn, Contact, Delivery
from circle.tests.helpers import CONTACT_LINK, a_minute_after, once_by, person, sweep_at
from conftest import (
    OTHER_NAME,
    OTHER_PASSPHRASE,
    OWNER_NAME,
    OWNER_PASSPHRASE,
    make_member,
    signed_in_client,
)
from core import jobs
from vault.box import Box

pytestmark = pytest.mark.django_db


def words(user, checkin, **more):
    actions.save_words(user, {**actions.default_words(), "checkin": checkin, **more})


def invitations_out(sink, check_in) -> None:
    """The invitations go before the deadline (their jobs are due at once); then a clean slate."""
    sweep_at(check_in.due_at - timedelta(minutes=10))
    assert all("/circle/for-you/" in r.text for r in sink.received)
    sink.received.clear()


@override_settings(HAVEN_CIRCLE_BATCH=3)
def test_a_crowd_larger_than_a_batch_reaches_every_contact_once_with_their_own_link(
    owner_dek, smtp_sink
):
    robin, robin_key = owner_dek
    sam, sam_key, _code = make_member(OTHER_NAME, OTHER_PASSPHRASE)
    words(robin, "Robin here. Please ring the landline.")
    words(sam, "Sam here. Please knock twice.")
    for name in ("ash", "kim", "lee"):
        person(robin, Box(robin_key), name.title(), f"{name}@example.org", for_checkins=True)
    for name in ("jo", "mo"):
        person(sam, Box(sam_key), name.title(), f"{name}@example.org", for_checkins=True)
    due = [once_by(robin, time(21, 0)), once_by(robin, time(21, 0)), once_by(sam, time(21, 0))]
    invitations_out(smtp_sink, due[0])

    sweep_at(a_minute_after(due[0].due_at))

    # Robin's two check-ins to three people, Sam's one to two: eight messages,
    # in batches of three.
    got = Counter((r.to[0], r.text.splitlines()[0]) for r in smtp_sink.received)
    robins, sams = "Robin here. Please ring the landline.", "Sam here. Please knock twice."
    assert got == {
        **{(f"{n}@example.org", robins): 2 for n in ("ash", "kim", "lee")},
        **{(f"{n}@example.org", sams): 1 for n in ("jo", "mo")},
    }
    assert Delivery.objects.filter(state="sent").count() == 8
    assert set(CheckIn.objects.values_list("state", flat=True)) == {"missed"}
    assert len({r.message_id for r in smtp_sink.received}) == 8
    # Each message, rendered once for its alert, links to its own contact's page
    # (in both parts), and the page opens.
    for received in smtp_sink.received:
        path = CONTACT_LINK.search(received.text).group(1)
        pk, _nonce = tokens.read(tokens.CONTACT, path.split("/")[-2])
        assert Contact.objects.get(pk=pk).owner in (robin, sam)
        assert sealing.open_text(Contact.objects.get(pk=pk), "email") == received.to[0]
        html = email.message_from_bytes(received.raw, policy=email.policy.default)
        assert path in html.get_body(preferencelist=("html",)).get_content()
        assert Client().get(path).status_code == 200


def test_words_in_any_language_and_shape_arrive_exactly_as_typed(owner_dek, smtp_sink):
    user, key = owner_dek
    typed = (
        "Zoë hier. Bitte ruf Mama an, nicht mich.\n"
        ".a line that starts with a dot\n"
        "= signs = and a long line " + "that keeps going " * 12 + "to the end\n"
        "Last line with trailing spaces   "
    )
    words(user, typed, sender="Zoë", subject="Pläne für Sonntag ☀")
    person(user, Box(key), "Ash", "ash@example.org", for_checkins=True)
    check_in = once_by(user, time(21, 0))
    invitations_out(smtp_sink, check_in)

    sweep_at(a_minute_after(check_in.due_at))

    [received] = smtp_sink.received
    assert received.subject == "Pläne für Sonntag ☀"
    assert received.sender.startswith("Zoë <")
    assert received.text.replace("\r\n", "\n").startswith(typed)
    # The long line is folded for the trip (quoted-printable), and unfolded on arrival.
    _headers, _blank, body = received.raw.partition(b"\r\n\r\n")
    assert max(len(line) for line in body.split(b"\r\n")) <= 76


def test_an_address_no_server_could_take_is_refused_and_the_others_still_go(owner_dek, smtp_sink):
    user, key = owner_dek
    words(user, "It's Robin.")
    sam = person(user, Box(key), "Sam", "sam@example.org", for_checkins=True)
    odd = person(user, Box(key), "Odd", "odd@example.org", for_checkins=True)
    ash = person(user, Box(key), "Ash", "ash@example.org", for_checkins=True)
    # Never possible through the form: an address that would smuggle in a recipient.
    odd.email = sealing.seal(odd, "email", "odd@example.org>\r\nRCPT TO:<x@example.org")
    odd.save(update_fields=["email"])
    check_in = once_by(user, time(21, 0))
    invitations_out(smtp_sink, check_in)

    sweep_at(a_minute_after(check_in.due_at))

    assert sorted(r.to[0] for r in smtp_sink.received) == ["ash@example.org", "sam@example.org"]
    assert Delivery.objects.get(contact=odd).state == "refused"
    assert {Delivery.objects.get(contact=c).state for c in (sam, ash)} == {"sent"}
    page = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE).get("/circle/").content.decode()
    assert 'Odd: <span class="circle-refused">not sent: this address can\'t be written' in page


def test_a_server_saying_try_later_frees_the_rest_of_the_batch_for_the_next_run(
    owner_dek, smtp_sink
):
    user, key = owner_dek
    words(user, "It's Robin.")
    for name in ("sam", "lee", "ash"):
        person(user, Box(key), name.title(), f"{name}@example.org", for_checkins=True)
    check_in = once_by(user, time(21, 0))
    invitations_out(smtp_sink, check_in)
    smtp_sink.later.add("lee@example.org")

    sweep_at(a_minute_after(check_in.due_at))

    assert [r.to for r in smtp_sink.received] == [["sam@example.org"]]
    # Not left "sending" under a lease: free at once, for the job's next try.
    states = Counter(Delivery.objects.values_list("state", flat=True))
    assert states == {"sent": 1, "pending": 2}
    assert not Delivery.objects.exclude(state="sent").exclude(claim="").exists()

    smtp_sink.later.clear()
    sweep_at(a_minute_after(check_in.due_at) + timedelta(minutes=1))
    to = sorted(r.to[0] for r in smtp_sink.received)
    assert to == ["ash@example.org", "lee@example.org", "sam@example.org"]
    assert set(Delivery.objects.values_list("state", flat=True)) == {"sent"}


def test_a_contact_who_stops_before_the_message_goes_is_skipped(owner_dek, smtp_sink):
    user, key = owner_dek
    words(user, "It's Robin.")
    sam = person(user, Box(key), "Sam", "sam@example.org", for_checkins=True)
    person(user, Box(key), "Ash", "ash@example.org", for_checkins=True)
    check_in = once_by(user, time(21, 0))
    smtp_sink.received.clear()
    moment = a_minute_after(check_in.due_at)
    with time_machine.travel(moment, tick=False):
        assert miss_due(moment) == 1
        actions.stop(sam)
        assert delivery.send_all_missed() == {"sent": 1, "refused": 0, "skipped": 1}
    assert [r.to for r in smtp_sink.received] == [["ash@example.org"]]
    page = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE).get("/circle/").content.decode()
    assert "not sent (they had stopped receiving notes)" in page


@override_settings(
    HAVEN_CIRCLE_LEASE_SECONDS=0,
    HAVEN_CIRCLE_NOTIFIER="circle.tests.notifiers.TakingOverNotifier",
)
def test_a_batch_whose_rows_were_taken_over_stops_before_sending_them(owner_dek, smtp_sink):
    user, key = owner_dek
    words(user, "It's Robin.")
    for name in ("sam", "lee", "ash"):
        person(user, Box(key), name.title(), f"{name}@example.org", for_checkins=True)
    check_in = once_by(user, time(21, 0))
    smtp_sink.received.clear()
    moment = a_minute_after(check_in.due_at)
    with time_machine.travel(moment, tick=False):
        miss_due(moment)
        with pytest.raises(jobs.LeaseLost):
            delivery.send_all_missed()
    # The first went before the takeover; the other two are left to the other worker.
    assert [r.to for r in smtp_sink.received] == [["sam@example.org"]]
    assert Counter(Delivery.objects.values_list("state", flat=True)) == {"sent": 1, "sending": 2}
    held = Delivery.objects.filter(state="sending").values_list("claim", flat=True)
    assert set(held) == {"another-worker"}
    assert Alert.objects.count() == 1
