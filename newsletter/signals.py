"""Bounces, complaints and emailed unsubscribes from the mail provider (django-anymail).

The provider calls /newsletter/hooks/<provider>/ with its documented payload
(protected by HAVEN_MAIL_WEBHOOK_SECRET as basic auth); anymail turns it into
a normalised event and these receivers act on it:

- a hard bounce, a rejection of the address, or a complaint ("this is spam")
  suppresses the address at once, for good (a new sign-up can't lift it);
- three soft bounces in a row suppress it too (a full mailbox that stays full);
- an unsubscribe the provider took (its own link, a list-unsubscribe mail)
  suppresses it like ours;
- an inbound mail to the unsubscribe mailbox carrying our token unsubscribes.

Addresses in events are only hashed here; they are never logged.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from urllib.parse import unquote

from anymail.signals import EventType, inbound, tracking
from django.db.models import F
from django.dispatch import receiver

from newsletter import actions, addresses, tokens
from newsletter.models import Subscriber, Suppression

logger = logging.getLogger("haven.newsletter")

SOFT_BOUNCES_ALLOWED = 3
# Providers whose bounce "Type" says a bounce is only for now.
SOFT_TYPES = {"SoftBounce", "Transient", "DnsError", "AutoResponder"}
TOKEN = re.compile(r"unsubscribe[ +:]+([A-Za-z0-9_:.\-]+)", re.IGNORECASE)


@cache
def _views() -> dict:
    from anymail.webhooks import brevo, mailjet, postmark, sparkpost

    return {
        "postmark": postmark.PostmarkTrackingWebhookView.as_view(),
        "postmark-inbound": postmark.PostmarkInboundWebhookView.as_view(),
        "mailjet-inbound": mailjet.MailjetInboundWebhookView.as_view(),
        "mailjet": mailjet.MailjetTrackingWebhookView.as_view(),
        "brevo": brevo.BrevoTrackingWebhookView.as_view(),
        "sparkpost": sparkpost.SparkPostTrackingWebhookView.as_view(),
    }


def webhook_view(provider: str):
    return _views().get(provider)


def _hash(recipient: str | None) -> str | None:
    if not recipient:
        return None
    try:
        return addresses.address_hash(addresses.normalise(recipient))
    except addresses.BadAddress:
        return None


def _is_soft(event) -> bool:
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    if raw.get("Type") in SOFT_TYPES:  # Postmark
        return True
    # Mailjet
    return raw.get("event") == "bounce" and raw.get("hard_bounce") is False


@receiver(tracking, dispatch_uid="haven.newsletter.tracking")
def on_tracking(sender, event, esp_name, **kwargs) -> None:
    digest = _hash(event.recipient)
    if digest is None:
        return
    kind = event.event_type
    if kind == EventType.COMPLAINED:
        actions.suppress(digest, Suppression.Reason.COMPLAINT)
    elif kind == EventType.BOUNCED and _is_soft(event):
        Subscriber.objects.filter(address_hash=digest).update(soft_bounces=F("soft_bounces") + 1)
        bounced = Subscriber.objects.filter(
            address_hash=digest, soft_bounces__gte=SOFT_BOUNCES_ALLOWED
        )
        if bounced.exists():
            actions.suppress(digest, Suppression.Reason.HARD_BOUNCE)
    elif kind == EventType.BOUNCED:
        actions.suppress(digest, Suppression.Reason.HARD_BOUNCE)
    elif kind == EventType.REJECTED and event.reject_reason in ("invalid", "bounced"):
        actions.suppress(digest, Suppression.Reason.HARD_BOUNCE)
    elif kind == EventType.UNSUBSCRIBED:
        actions.suppress(digest, Suppression.Reason.UNSUBSCRIBED)
    elif kind == EventType.DELIVERED:
        Subscriber.objects.filter(address_hash=digest, soft_bounces__gt=0).update(soft_bounces=0)
    else:
        return
    logger.info("mail provider event esp=%s event=%s", esp_name, kind)


@receiver(inbound, dispatch_uid="haven.newsletter.inbound")
def on_inbound(sender, event, esp_name, **kwargs) -> None:
    """A mail to the List-Unsubscribe mailto address: its subject carries the token."""
    message = event.message
    subject = unquote(str(message.get("Subject", "") if message else ""))
    found = TOKEN.search(subject)
    if not found:
        return
    try:
        opened = tokens.read("unsubscribe", found.group(1))
    except tokens.BadToken:
        return
    actions.unsubscribe(opened.subscriber_id)
    logger.info("unsubscribed by mail esp=%s", esp_name)
