"""Bounces, complaints and emailed unsubscribes reach Haven through the provider's webhook.

The payloads follow the shapes Postmark and SendGrid document for their
bounce, spam-complaint, event and inbound webhooks (written here by hand,
with made-up ids and times).
"""

import base64
import json

import pytest
from django.test import Client, override_settings

from newsletter import addresses, tokens
from newsletter.models import Subscriber, Suppression
from newsletter.tests.test_sending import make_subscriber

pytestmark = pytest.mark.django_db

SECRET = "provider:webhook-password-for-tests"


def hook(provider: str, payload, secret: str | None = SECRET):
    client = Client(enforce_csrf_checks=True)
    headers = {}
    if secret:
        headers["HTTP_AUTHORIZATION"] = "Basic " + base64.b64encode(secret.encode()).decode()
    with override_settings(ANYMAIL={"WEBHOOK_SECRET": SECRET}):
        return client.post(
            f"/newsletter/hooks/{provider}/",
            json.dumps(payload),
            content_type="application/json",
            **headers,
        )


def postmark_bounce(email: str, kind: str = "HardBounce", code: int = 1) -> dict:
    return {
        "RecordType": "Bounce",
        "MessageStream": "outbound",
        "ID": 4323372036854775807,
        "Type": kind,
        "TypeCode": code,
        "Name": "Hard bounce" if kind == "HardBounce" else "Soft bounce",
        "Tag": "",
        "MessageID": "883953f4-6105-42a2-a16a-77a8eac79483",
        "Metadata": {},
        "ServerID": 23,
        "Description": "The server was unable to deliver your message.",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": email,
        "From": "notes@haven.example",
        "BouncedAt": "2026-11-24T16:33:54.9070259Z",
        "DumpAvailable": True,
        "Inactive": kind == "HardBounce",
        "CanActivate": True,
        "Subject": "Weekly notes",
    }


def state_of(email: str) -> tuple[str, str | None]:
    digest = addresses.address_hash(email)
    subscriber = Subscriber.objects.get(address_hash=digest)
    suppression = Suppression.objects.filter(address_hash=digest).first()
    return subscriber.state, suppression.reason if suppression else None


def test_a_postmark_hard_bounce_suppresses_the_address():
    make_subscriber("gone@example.org")
    response = hook("postmark", postmark_bounce("gone@example.org"))
    assert response.status_code == 200
    assert state_of("gone@example.org") == ("withdrawn", "hard_bounce")


def test_a_postmark_spam_complaint_suppresses_the_address():
    make_subscriber("annoyed@example.org")
    payload = postmark_bounce("annoyed@example.org", "SpamComplaint", 512)
    payload["RecordType"] = "SpamComplaint"
    assert hook("postmark", payload).status_code == 200
    assert state_of("annoyed@example.org") == ("withdrawn", "complaint")


def test_soft_bounces_suppress_only_when_they_keep_coming():
    make_subscriber("full@example.org")
    for n in range(2):
        hook("postmark", postmark_bounce("full@example.org", "SoftBounce", 4096))
        assert state_of("full@example.org") == ("confirmed", None), n
    hook("postmark", postmark_bounce("full@example.org", "SoftBounce", 4096))
    assert state_of("full@example.org") == ("withdrawn", "hard_bounce")


def test_mailjet_bounce_and_spam_events_suppress_and_a_soft_bounce_only_counts():
    for name in ("bounced", "reported", "full"):
        make_subscriber(f"{name}@example.org")

    def bounce(email, hard):
        return {
            "event": "bounce",
            "time": 1795000000,
            "MessageID": 19421777835146490,
            "Message_GUID": "1ab23cd4-e567-8901-2345-6789f0gh1i2j",
            "email": email,
            "mj_campaign_id": 7257,
            "mj_contact_id": 4,
            "customcampaign": "",
            "CustomID": "",
            "Payload": "",
            "blocked": False,
            "hard_bounce": hard,
            "error_related_to": "recipient",
            "error": "user unknown" if hard else "mailbox full",
        }

    events = [
        bounce("bounced@example.org", True),
        {
            "event": "spam",
            "time": 1795000001,
            "MessageID": 13792286917004336,
            "Message_GUID": "1ab23cd4-e567-8901-2345-6789f0gh1i2k",
            "email": "reported@example.org",
            "mj_campaign_id": 7257,
            "mj_contact_id": 5,
            "customcampaign": "",
            "CustomID": "",
            "Payload": "",
            "source": "JMRPP",
        },
        bounce("full@example.org", False),
    ]
    assert hook("mailjet", events).status_code == 200
    assert state_of("bounced@example.org") == ("withdrawn", "hard_bounce")
    assert state_of("reported@example.org") == ("withdrawn", "complaint")
    assert state_of("full@example.org") == ("confirmed", None)
    assert (
        Subscriber.objects.get(address_hash=addresses.address_hash("full@example.org")).soft_bounces
        == 1
    )


def test_a_suppressed_address_cannot_be_signed_up_again(client):
    make_subscriber("gone@example.org")
    hook("postmark", postmark_bounce("gone@example.org"))
    from django.core import mail
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post("/newsletter/", {"address": "gone@example.org", "weekly": "on"})
    assert mail.outbox == []
    assert state_of("gone@example.org") == ("withdrawn", "hard_bounce")


def test_a_wrong_password_is_refused_and_changes_nothing():
    make_subscriber("safe@example.org")
    response = hook("postmark", postmark_bounce("safe@example.org"), secret="provider:guess")
    assert response.status_code == 403
    assert hook("postmark", postmark_bounce("safe@example.org"), secret=None).status_code == 403
    assert state_of("safe@example.org") == ("confirmed", None)


def test_without_a_configured_password_the_webhooks_are_closed():
    make_subscriber("safe@example.org")
    response = Client().post(
        "/newsletter/hooks/postmark/",
        json.dumps(postmark_bounce("safe@example.org")),
        content_type="application/json",
    )
    assert response.status_code == 404
    assert hook("nosuchprovider", {}).status_code == 404
    assert state_of("safe@example.org") == ("confirmed", None)


def test_an_email_to_the_unsubscribe_mailbox_unsubscribes():
    subscriber = make_subscriber("mailer@example.org")
    token = tokens.make("unsubscribe", subscriber.id)
    inbound = {
        "FromName": "",
        "MessageStream": "inbound",
        "From": "mailer@example.org",
        "FromFull": {"Email": "mailer@example.org", "Name": "", "MailboxHash": ""},
        "To": "unsubscribe@haven.example",
        "ToFull": [{"Email": "unsubscribe@haven.example", "Name": "", "MailboxHash": ""}],
        "Cc": "",
        "CcFull": [],
        "Bcc": "",
        "BccFull": [],
        "OriginalRecipient": "unsubscribe@haven.example",
        "Subject": f"unsubscribe {token}",
        "MessageID": "73e6d360-66eb-11e1-8e72-a8904824019b",
        "ReplyTo": "",
        "MailboxHash": "",
        "Date": "Tue, 24 Nov 2026 16:33:54 +0000",
        "TextBody": "",
        "HtmlBody": "",
        "StrippedTextReply": "",
        "Tag": "",
        "Headers": [],
        "Attachments": [],
    }
    assert hook("postmark-inbound", inbound).status_code == 200
    assert state_of("mailer@example.org") == ("withdrawn", "unsubscribed")
    # A made-up token does nothing.
    other = make_subscriber("other@example.org")
    inbound["Subject"] = f"unsubscribe {tokens.make('unsubscribe', other.id)[:-3]}abc"
    assert hook("postmark-inbound", inbound).status_code == 200
    assert state_of("other@example.org") == ("confirmed", None)
