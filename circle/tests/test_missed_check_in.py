"""A missed check-in reaches the chosen people within a minute, once, over real SMTP."""

from datetime import time, timedelta

import pytest
import time_machine
from django.test import Client

from circle import actions
from circle.models import Alert, CheckIn, Delivery
from circle.tests.helpers import (
    CONTACT_LINK,
    REMINDER_LINK,
    a_minute_after,
    once_by,
    person,
    sweep_at,
)
from conftest import OWNER_NAME, OWNER_PASSPHRASE, signed_in_client
from core import jobs
from core.models import OnceJob
from vault.box import Box

pytestmark = pytest.mark.django_db

WORDS = "It's Robin. I didn't check in. Please ring Mum's landline, not my mobile."


@pytest.fixture
def circle(owner_dek, smtp_sink):
    user, dek = owner_dek
    box = Box(dek)
    actions.save_words(
        user,
        {
            **actions.default_words(),
            "checkin": WORDS,
            "subject": "Plans for Sunday",
            "sender": "Jo",
        },
    )
    people = {
        "sam": person(user, box, "Sam", "sam@example.org", for_checkins=True),
        "ash": person(user, box, "Ash", "ash@example.org", for_checkins=True),
        # Confirmed, but here only for the second passphrase: not told of check-ins.
        "kim": person(user, box, "Kim", "kim@example.org", for_emergency=True),
        # Never confirmed: a typo must never reach a stranger.
        "typo": person(user, box, "Lee", "lee@exmaple.org", confirmed=False, for_checkins=True),
    }
    smtp_sink.received.clear()  # the invitations
    return user, box, people, smtp_sink


def alerts_in(sink):
    return [r for r in sink.received if WORDS in r.text]


def test_the_chosen_people_receive_the_words_within_a_minute_of_the_deadline(circle):
    user, _box, _people, sink = circle
    check_in = once_by(user, time(21, 0))
    sweep_at(check_in.due_at - timedelta(minutes=1))
    assert alerts_in(sink) == []  # not before the deadline

    sweep_at(a_minute_after(check_in.due_at))
    sent = alerts_in(sink)
    assert sorted(r.to[0] for r in sent) == ["ash@example.org", "sam@example.org"]
    assert all(r.subject == "Plans for Sunday" and r.sender.startswith("Jo <") for r in sent)
    assert all("Haven" not in r.subject and "Haven" not in r.sender for r in sent)
    check_in.refresh_from_db()
    assert check_in.state == CheckIn.State.MISSED


def test_the_person_sees_what_was_sent_to_whom_and_that_the_server_accepted_it(circle):
    user, _box, _people, _sink = circle
    check_in = once_by(user, time(21, 0))
    sweep_at(a_minute_after(check_in.due_at))
    page = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE).get("/circle/").content.decode()
    sent = page.split("What was sent")[1]
    assert "Missed check-in" in sent and "Plans for Sunday" in sent
    assert "It&#x27;s Robin. I didn&#x27;t check in." in sent
    assert sent.count("accepted by the mail server") == 2
    assert "Sam" in sent and "Ash" in sent and "Kim" not in sent and "Lee" not in sent


def test_checking_in_before_the_deadline_sends_nothing(circle):
    user, _box, _people, sink = circle
    check_in = once_by(user, time(21, 0))
    assert actions.check_in(check_in)
    sweep_at(a_minute_after(check_in.due_at))
    sweep_at(check_in.due_at + timedelta(hours=2))
    assert alerts_in(sink) == []
    assert Alert.objects.count() == 0
    check_in.refresh_from_db()
    assert check_in.state == CheckIn.State.DONE


def test_running_the_job_again_sends_nobody_a_second_message(circle):
    user, _box, _people, sink = circle
    check_in = once_by(user, time(21, 0))
    sweep_at(a_minute_after(check_in.due_at))
    job = OnceJob.objects.get(kind="circle.missed")
    OnceJob.objects.filter(pk=job.pk).update(state="pending", attempts=0)
    with time_machine.travel(a_minute_after(check_in.due_at), tick=False):
        jobs.run(job.pk)
    assert len(alerts_in(sink)) == 2
    assert Delivery.objects.filter(state="sent").count() == 2


def test_a_send_cut_off_mid_way_is_finished_with_the_same_message_id(circle):
    """A worker died after claiming Sam's row; once its lease runs out, the next run
    sends it, as the same message."""
    user, _box, people, sink = circle
    check_in = once_by(user, time(21, 0))
    sweep_at(a_minute_after(check_in.due_at))
    first = {r.to[0]: r.message_id for r in alerts_in(sink)}
    sam = Delivery.objects.get(contact=people["sam"])
    Delivery.objects.filter(pk=sam.pk).update(
        state="sending", claimed_until=a_minute_after(check_in.due_at) - timedelta(seconds=1)
    )
    job = OnceJob.objects.get(kind="circle.missed")
    OnceJob.objects.filter(pk=job.pk).update(state="pending", attempts=0)
    with time_machine.travel(a_minute_after(check_in.due_at), tick=False):
        jobs.run(job.pk)
    again = [r for r in alerts_in(sink) if r.to == ["sam@example.org"]]
    assert len(again) == 2 and {r.message_id for r in again} == {first["sam@example.org"]}
    assert len([r for r in alerts_in(sink) if r.to == ["ash@example.org"]]) == 1


def test_a_weekly_check_in_alerts_once_per_missed_week_and_goes_on(circle):
    user, _box, _people, sink = circle
    check_in = actions.add_check_in(
        user, CheckIn.Kind.WEEKLY, at=time(19, 0), weekday=6, zone="Europe/London"
    )
    first_due = check_in.due_at
    sweep_at(a_minute_after(first_due))
    assert len(alerts_in(sink)) == 2
    check_in.refresh_from_db()
    assert check_in.state == CheckIn.State.ACTIVE
    assert check_in.due_at - first_due == timedelta(days=7)
    sweep_at(first_due + timedelta(days=1))
    assert len(alerts_in(sink)) == 2  # nothing more until next week
    sweep_at(a_minute_after(check_in.due_at))
    assert len(alerts_in(sink)) == 4


def test_away_days_count_from_the_last_time_haven_was_opened(circle):
    user, _box, _people, sink = circle
    start = check_in_start = actions.add_check_in(user, CheckIn.Kind.AWAY, days=3).due_at
    # Opened two days in: the three days start again.
    with time_machine.travel(check_in_start - timedelta(days=1), tick=False):
        client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
        client.get("/home/")
    sweep_at(a_minute_after(start))
    assert alerts_in(sink) == []
    moved = CheckIn.objects.get()
    assert moved.due_at > start
    assert moved.seen_hour.minute == 0 and moved.seen_hour.second == 0  # only the hour
    sweep_at(a_minute_after(moved.due_at))
    assert len(alerts_in(sink)) == 2


def test_a_refused_address_is_shown_as_a_bounce(circle):
    user, box, _people, sink = circle
    person(user, box, "Bo", "bounce@example.org", for_checkins=True)
    check_in = once_by(user, time(21, 0))
    sweep_at(a_minute_after(check_in.due_at))
    assert "bounce@example.org" in sink.refused
    assert Delivery.objects.get(state="refused").reply_code == 550
    page = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE).get("/circle/").content.decode()
    assert "refused by the mail server (it answered 550)" in page
    assert page.count("accepted by the mail server") == 2


def test_the_reminder_email_links_to_a_one_tap_check_in(circle):
    user, _box, _people, sink = circle
    actions.save_words(user, {**actions.words_of(user), "reminder_to": "me@example.org"})
    check_in = once_by(user, time(21, 0))
    sweep_at(check_in.due_at - timedelta(minutes=29))
    reminder = [r for r in sink.received if r.to == ["me@example.org"]]
    assert len(reminder) == 1 and reminder[0].subject == "Plans for Sunday"
    path = REMINDER_LINK.search(reminder[0].text).group(1)
    stranger = Client()
    page = stranger.get(path)
    assert "tick it off" in page.content.decode()
    assert CheckIn.objects.get().state == CheckIn.State.ACTIVE  # opening the link is not enough
    done = stranger.post(path)
    assert "checked in. Nothing will be sent" in done.content.decode()
    sweep_at(a_minute_after(check_in.due_at))
    assert alerts_in(sink) == []


def test_a_contact_confirms_and_can_stop_from_their_page(owner_dek, smtp_sink):
    user, dek = owner_dek
    actions.save_words(user, {**actions.default_words(), "country": "GB", "signature": "R."})
    contact = person(user, Box(dek), "Sam", "sam@example.org", confirmed=False, for_checkins=True)
    sweep_at(a_minute_after(contact.created_at))
    invitation = smtp_sink.to("sam@example.org")
    assert len(invitation) == 1
    path = CONTACT_LINK.search(invitation[0].text).group(1)
    sam = Client()
    page = sam.get(path).content.decode()
    assert "R. trusts you" in page and "Yes, I" in page
    assert "Help lines in United Kingdom" in page
    assert "mention this note to them" in page
    sam.post(f"{path}yes/")
    contact.refresh_from_db()
    assert contact.can_be_alerted
    owner_page = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE).get("/circle/").content.decode()
    assert "Confirmed" in owner_page

    sam.post(f"{path}stop/")
    contact.refresh_from_db()
    assert not contact.can_be_alerted
    assert (
        "Asked not to receive notes"
        in signed_in_client(OWNER_NAME, OWNER_PASSPHRASE).get("/circle/").content.decode()
    )
    check_in = once_by(user, time(21, 0))
    sweep_at(a_minute_after(check_in.due_at))
    assert len(smtp_sink.to("sam@example.org")) == 1  # the invitation only


def test_a_made_up_or_changed_link_opens_nothing(owner_dek):
    user, dek = owner_dek
    contact = person(user, Box(dek), "Sam", "sam@example.org", for_checkins=True)
    from circle import tokens

    good = tokens.make(tokens.CONTACT, contact)
    client = Client()
    assert client.get(f"/circle/for-you/{good}/").status_code == 200
    assert client.get(f"/circle/for-you/{good[:-2]}xx/").status_code == 404
    assert client.get("/circle/for-you/example/").status_code == 404
    # The reminder's link is for checking in only, never the contact page.
    wrong_purpose = tokens.make(tokens.CHECK_IN, contact)
    assert client.get(f"/circle/for-you/{wrong_purpose}/").status_code == 404


def test_a_reminder_for_a_deadline_that_moved_on_is_not_sent(circle):
    user, _box, _people, sink = circle
    actions.save_words(user, {**actions.words_of(user), "reminder_to": "me@example.org"})
    start = actions.add_check_in(user, CheckIn.Kind.AWAY, days=3).due_at
    with time_machine.travel(start - timedelta(days=2), tick=False):
        signed_in_client(OWNER_NAME, OWNER_PASSPHRASE).get("/home/")
    sweep_at(start - timedelta(hours=23))  # the old reminder's time
    assert [r for r in sink.received if r.to == ["me@example.org"]] == []


def test_words_that_go_into_headers_stay_on_one_line(circle):
    user, _box, _people, sink = circle
    actions.save_words(
        user,
        {**actions.words_of(user), "subject": "Sunday\r\nBcc: x@example.org", "sender": "J\no"},
    )
    check_in = once_by(user, time(21, 0))
    sweep_at(a_minute_after(check_in.due_at))
    sent = alerts_in(sink)
    assert len(sent) == 2
    assert all(r.subject == "Sunday Bcc: x@example.org" for r in sent)
    assert all(r.to != ["x@example.org"] for r in sink.received)


def test_a_row_another_worker_holds_is_left_to_it_until_its_lease_runs_out(circle):
    user, _box, people, sink = circle
    check_in = once_by(user, time(21, 0))
    moment = a_minute_after(check_in.due_at)
    with time_machine.travel(moment, tick=False):
        from circle import delivery
        from circle.jobs import miss_due

        assert miss_due(moment) == 1
        sam = Delivery.objects.get(contact=people["sam"])
        Delivery.objects.filter(pk=sam.pk).update(
            state="sending", claimed_until=moment + timedelta(seconds=30)
        )
        assert delivery.send_all_missed() == {"sent": 1, "refused": 0, "skipped": 0}
    assert [r.to for r in alerts_in(sink)] == [["ash@example.org"]]
    with time_machine.travel(moment + timedelta(seconds=31), tick=False):
        assert delivery.send_all_missed()["sent"] == 1
    assert sorted(r.to[0] for r in alerts_in(sink)) == ["ash@example.org", "sam@example.org"]
