"""Sending an issue over a real SMTP conversation: headers, parts, retries, suppression."""

import binascii
import re
from urllib.parse import unquote, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from newsletter import actions, addresses, sending, tokens
from newsletter.models import Delivery, Issue, SendSettings, Subscriber, Suppression, Wording

pytestmark = pytest.mark.django_db(transaction=True)


def make_subscriber(address: str, **fields) -> Subscriber:
    subscriber = Subscriber(
        address_hash=addresses.address_hash(address),
        state=Subscriber.State.CONFIRMED,
        **fields,
    )
    subscriber.address = addresses.seal(address, subscriber.id)
    subscriber.save()
    return subscriber


def make_issue(**fields) -> Issue:
    values = {
        "title": "Small steps",
        "subject_open": "This week: small steps toward leaving safely",
        "summary": "A tip about keeping papers safe.",
        "tip": "Keep a copy of important papers somewhere only you can reach.",
        "reflection": "Noticing what you feel is a kind of strength.",
        "script_title": "Saying no without explaining",
        "script_words": "“I'm not able to do that.”",
        "guide_title": "Staying safe",
        "guide_path": "/guide/staying-safe/",
        "state": Issue.State.SCHEDULED,
        "send_at": timezone.now(),
    }
    values.update(fields)
    return Issue.objects.create(**values)


def test_an_issue_crosses_a_real_smtp_conversation_with_every_header_it_needs(sink):
    quiet = make_subscriber("quiet@example.org")
    make_subscriber("open@example.org", wording=Wording.OPEN)
    issue = make_issue()
    sending.send(issue)

    assert sorted(sink.recipients()) == ["open@example.org", "quiet@example.org"]
    by_to = {str(m["To"]): m for m in sink.messages()}
    message = by_to["quiet@example.org"]
    assert sink.accepted[0][0] == "bounces@haven.example"  # the envelope sender takes bounces
    # Discreet by default: a neutral sender and subject, no topic in the preview.
    assert str(message["From"]) == "Notes <notes@haven.example>"
    assert str(message["Subject"]) == "Weekly notes"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert text.startswith("Here are this week's notes.")
    assert "papers safe" not in text.split("\n")[0]
    assert "Keep a copy of important papers" in text and "Keep a copy" in html
    # Open wording, chosen by the subscriber, says more.
    opened = by_to["open@example.org"]
    assert str(opened["Subject"]) == "This week: small steps toward leaving safely"

    # RFC 2369 and RFC 8058.
    header = str(message["List-Unsubscribe"])
    uris = re.findall(r"<([^>]+)>", header)
    https = [u for u in uris if u.startswith("https://")]
    mailto = [u for u in uris if u.startswith("mailto:")]
    assert len(https) == 1 and len(mailto) == 1
    assert str(message["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    assert message["List-Id"] is not None
    token = urlsplit(https[0]).path.split("/")[3]
    assert tokens.read("unsubscribe", token).subscriber_id == quiet.id
    assert mailto[0].startswith("mailto:unsubscribe@haven.example?subject=")
    assert token in unquote(mailto[0])
    # One Message-ID per issue and subscriber: the same if ever sent again.
    assert str(message["Message-ID"]) == f"<notes.{issue.id.hex}.{quiet.id.hex}@haven.example>"

    # No tracking: no images at all, and every link goes straight to Haven.
    assert "<img" not in html.lower()
    links = re.findall(r'href="([^"]+)"', html)
    assert links and all(link.startswith("https://haven.example/") for link in links)
    assert "https://haven.example/guide/staying-safe/" in links

    assert Delivery.objects.filter(state=Delivery.State.SENT).count() == 2
    issue.refresh_from_db()
    assert issue.state == Issue.State.SENT and issue.sent_at is not None


def test_the_one_click_post_needs_no_cookie_and_is_idempotent(sink):
    make_subscriber("click@example.org")
    sending.send(make_issue())
    header = str(sink.messages()[0]["List-Unsubscribe"])
    https = re.findall(r"<(https://[^>]+)>", header)[0]
    path = urlsplit(https).path

    mail_program = Client(enforce_csrf_checks=True)  # no cookie, no CSRF token
    look = mail_program.get(path)
    assert look.status_code == 200 and "Stop the notes?" in look.content.decode()
    assert Subscriber.objects.get().state == Subscriber.State.CONFIRMED  # a GET changes nothing
    for _ in range(2):
        response = mail_program.post(
            path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 200
        assert "No more notes will come" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.state == Subscriber.State.WITHDRAWN
    assert Suppression.objects.get().reason == Suppression.Reason.UNSUBSCRIBED
    assert (
        subscriber.consents.count() == 0
        or subscriber.consents.filter(withdrawn_at=None).count() == 0
    )

    # The next issue doesn't go to them.
    sink.accepted.clear()
    sending.send(make_issue(title="Next week"))
    assert sink.recipients() == []


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelined", "one-by-one"])
def test_a_busy_server_is_tried_again_and_every_message_goes_once(sink, pipelining):
    sink.pipelining = pipelining
    for n in range(6):
        make_subscriber(f"busy{n}@example.org")
    sink.refuse_next(421, times=2)
    sink.refuse_next(454, times=1)
    sending.send(make_issue())
    assert sorted(sink.recipients()) == sorted(f"busy{n}@example.org" for n in range(6))
    assert Delivery.objects.filter(state=Delivery.State.SENT).count() == 6


def test_a_server_that_stays_busy_leaves_the_rest_for_later(sink, settings):
    settings.HAVEN_NEWSLETTER_RETRIES = 1
    make_subscriber("later@example.org")
    issue = make_issue()
    sink.refuse_next(421, times=10)
    with pytest.raises(sending.TryLater):
        sending.send(issue)
    assert sink.recipients() == []
    assert Delivery.objects.get().state == Delivery.State.PENDING
    sink.refusals.clear()
    sending.send(issue)  # the job's next try
    assert sink.recipients() == ["later@example.org"]
    issue.refresh_from_db()
    assert issue.state == Issue.State.SENT


@pytest.mark.parametrize("pipelining", [True, False], ids=["pipelined", "one-by-one"])
def test_a_mailbox_that_does_not_exist_is_suppressed_and_the_rest_still_go(sink, pipelining):
    sink.pipelining = pipelining
    make_subscriber("nobody@example.org")
    make_subscriber("somebody@example.org")
    sink.refuse_recipient("nobody@example.org", 550)
    sending.send(make_issue())
    assert sink.recipients() == ["somebody@example.org"]
    assert Suppression.objects.get().reason == Suppression.Reason.REJECTED
    assert Subscriber.objects.get(state=Subscriber.State.WITHDRAWN).address_hash == (
        addresses.address_hash("nobody@example.org")
    )
    assert Delivery.objects.filter(state=Delivery.State.FAILED).count() == 1


def test_sending_again_after_a_crash_sends_only_what_was_not_sent(sink):
    for n in range(5):
        make_subscriber(f"r{n}@example.org")
    issue = make_issue()
    sending.prepare(issue)
    # A run that died: two sent, one claimed by it and never sent.
    rows = list(Delivery.objects.order_by("pk"))
    Delivery.objects.filter(pk__in=[rows[0].pk, rows[1].pk]).update(
        state=Delivery.State.SENT, claim="dead"
    )
    Delivery.objects.filter(pk=rows[2].pk).update(state=Delivery.State.CLAIMED, claim="dead")
    sending.send(Issue.objects.get(pk=issue.pk))
    sent_to = {str(Subscriber.objects.get(pk=d.subscriber_id).pk) for d in rows[2:]}
    assert len(sink.recipients()) == 3
    assert {addresses.address_hash(a) for a in sink.recipients()} == {
        Subscriber.objects.get(pk=pk).address_hash for pk in sent_to
    }


def test_only_subscribers_who_want_that_kind_of_notes_get_it(sink):
    make_subscriber("weekly@example.org", weekly=True, daily=False)
    make_subscriber("daily@example.org", weekly=False, daily=True)
    pending = make_subscriber("pending@example.org")
    Subscriber.objects.filter(pk=pending.pk).update(state=Subscriber.State.PENDING)
    suppressed = make_subscriber("complained@example.org")
    actions.suppress(suppressed.address_hash, Suppression.Reason.COMPLAINT)
    sending.send(make_issue())
    assert sink.recipients() == ["weekly@example.org"]
    sending.send(make_issue(kind=Issue.Kind.DAILY, title="Today"))
    assert sink.recipients() == ["weekly@example.org", "daily@example.org"]


def test_the_global_rate_limit_holds_every_sender_to_the_operators_number():
    from newsletter.models import RateWindow

    options = SendSettings.current()
    options.rate_per_second = 10
    options.save()
    # Two senders (two workers, say) taking permits in turn: 25 between them.
    workers = [sending.RateLimit(options.rate_per_second) for _ in range(2)]
    for n in range(25):
        workers[n % 2].take()
    windows = list(RateWindow.objects.values_list("count", flat=True))
    assert sum(windows) == 25
    assert max(windows) <= 10  # never more than the operator's number in any second
    assert len(windows) >= 3  # so 25 messages took at least three separate seconds


def test_encoding_line_by_line_reads_back_as_the_whole_and_keeps_lines_short():
    from newsletter.composing import MANAGE_MARK, UNSUBSCRIBE_MARK, Part, _qp

    rendered = (
        "Here are this week’s notes. \n"
        + "A long line that goes on " * 12
        + "\n=equals= and tabs\t\n\n"
        + f"Stop: {UNSUBSCRIBE_MARK} · choose: {MANAGE_MARK}\n"
    )
    leave, manage = "https://haven.example/newsletter/u/abc.def/", "https://h.example/m/x.y/"
    expected = rendered.replace(UNSUBSCRIBE_MARK, leave).replace(MANAGE_MARK, manage)
    encoded = Part(rendered).encoded(leave, manage)
    assert binascii.a2b_qp(encoded.encode()).decode().replace("\r\n", "\n") == expected
    assert binascii.a2b_qp(_qp(expected).encode()).decode().replace("\r\n", "\n") == expected
    assert max(len(line) for line in encoded.split("\r\n")) <= 76  # RFC 2045


def test_a_run_that_loses_its_lease_stops_sending_and_the_next_one_finishes(sink, monkeypatch):
    from collections import Counter

    from core.jobs import LeaseLost

    for n in range(30):
        make_subscriber(f"lease{n}@example.org")
    monkeypatch.setattr(sending, "BATCH", 10)  # a heartbeat every ten messages
    beats = []

    def heartbeat():
        beats.append(1)
        if len(beats) == 2:
            raise LeaseLost

    issue = make_issue()
    with pytest.raises(LeaseLost):
        sending.send(issue, heartbeat=heartbeat)
    sent = Delivery.objects.filter(state=Delivery.State.SENT).count()
    # Nothing after the lost heartbeat was claimed or sent; what the first
    # batch had not sent yet stays claimed, for the next run.
    assert len(sink.recipients()) == sent <= 10
    assert Delivery.objects.filter(state=Delivery.State.PENDING).count() == 20
    assert Delivery.objects.filter(state=Delivery.State.CLAIMED).count() == 10 - sent

    sending.send(Issue.objects.get(pk=issue.pk))
    assert Counter(sink.recipients()) == {f"lease{n}@example.org": 1 for n in range(30)}


def test_content_refused_by_the_server_is_not_held_against_the_address(sink):
    make_subscriber("kept@example.org")
    sink.refuse_next(554)
    sending.send(make_issue())
    assert sink.recipients() == []
    assert Delivery.objects.get().state == Delivery.State.FAILED
    assert not Suppression.objects.exists()
    assert Subscriber.objects.get().state == Subscriber.State.CONFIRMED


def test_sending_never_starts_inside_an_open_transaction(sink):
    # Its threads write on their own connections: inside a transaction they
    # would wait on its locks. The job is asked to run again later instead.
    from django.db import transaction

    make_subscriber("willow@example.org")
    issue = make_issue()
    with transaction.atomic():
        with pytest.raises(sending.TryLater):
            sending.send(issue)
    assert not Delivery.objects.filter(state=Delivery.State.SENT).exists()
    sending.send(issue)
    assert Delivery.objects.filter(state=Delivery.State.SENT).count() == 1


@pytest.mark.parametrize("pipelining", [True, False])
@pytest.mark.parametrize(
    "body",
    [b"Hello\r\n", b".starts with a dot\r\nand\r\n.twice\r\n", b"a\r\n..two dots\r\n.\r\n"],
)
def test_lines_that_begin_with_a_dot_arrive_as_they_were_written(sink, settings, body, pipelining):
    """SMTP ends a message at a line holding one dot, so each line that begins
    with a dot is sent with one more (RFC 5321 4.5.2) and the server takes it off."""
    from core import smtp

    message = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: dots\r\n\r\n" + body
    client = smtp.connect()
    try:
        smtp.transmit(client, "a@example.org", "b@example.org", message, pipelining)
    finally:
        client.quit()
    [(_sender, _recipients, received)] = sink.accepted
    assert received.replace(b"\r\n", b"\n").endswith(body.replace(b"\r\n", b"\n"))
