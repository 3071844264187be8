"""Changes of state: subscribing, confirming, leaving, choices, deletion, suppression.

Views parse and check; these functions change rows inside one transaction
and queue mail through core.jobs (ids only) once it commits.
"""

from __future__ import annotations

import time

from django.core.cache import caches
from django.db import transaction
from django.utils import timezone

from core import jobs
from newsletter import addresses
from newsletter.models import Consent, Delivery, Subscriber, Suppression

# One note per address per window, whatever is asked how often: a sign-up
# form can't be used to flood someone's inbox.
NOTE_WINDOW_SECONDS = 10 * 60


def _one_note_per_window(address_hash: str) -> bool:
    """True if a note may go to this address now (and counts it)."""
    return caches["limits"].add(
        f"hv:newsletter:note:{address_hash}", 1, timeout=NOTE_WINDOW_SECONDS
    )


def request_subscription(address: str, *, weekly: bool, daily: bool, source: str) -> str:
    """Ask to subscribe `address` (already normalised). Returns a short code.

    Every outcome looks the same to the person asking ("check your inbox"),
    so the form can't tell anyone whether an address is subscribed.
    """
    digest = addresses.address_hash(address)
    with transaction.atomic():
        suppressed = Suppression.objects.filter(address_hash=digest).first()
        if suppressed and suppressed.reason not in Suppression.LIFTED_BY_CONFIRMING:
            return "suppressed"
        subscriber = Subscriber.objects.select_for_update().filter(address_hash=digest).first()
        if subscriber is None:
            subscriber = Subscriber(address_hash=digest)
            subscriber.address = addresses.seal(address, subscriber.id)
            subscriber.save()
        if not _one_note_per_window(digest):
            return "throttled"
        if subscriber.state == Subscriber.State.CONFIRMED and not suppressed:
            # They may have lost their links: send them, change nothing.
            window = int(time.time()) // NOTE_WINDOW_SECONDS
            jobs.once("newsletter.already", f"{subscriber.id}:{window}")
            return "already"
        subscriber.generation += 1
        if subscriber.state == Subscriber.State.WITHDRAWN:
            subscriber.state = Subscriber.State.PENDING
        subscriber.weekly, subscriber.daily = weekly, daily
        subscriber.save(update_fields=["generation", "state", "weekly", "daily"])
        Consent.objects.create(subscriber=subscriber, source=source, weekly=weekly, daily=daily)
        jobs.once("newsletter.confirm", f"{subscriber.id}:{subscriber.generation}")
    return "asked"


def confirm(subscriber_id, generation: int) -> str:
    """The person clicked their confirmation link: "confirmed", "already" or "stale"."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
        if subscriber is None:
            return "stale"
        if subscriber.state == Subscriber.State.CONFIRMED:
            return "already"
        if generation != subscriber.generation or subscriber.state != Subscriber.State.PENDING:
            return "stale"
        blocked = Suppression.objects.filter(address_hash=subscriber.address_hash).exclude(
            reason__in=Suppression.LIFTED_BY_CONFIRMING
        )
        if blocked.exists():
            return "stale"
        # Their own confirmation is the one thing that lifts an unsubscribe.
        Suppression.objects.filter(address_hash=subscriber.address_hash).delete()
        subscriber.state = Subscriber.State.CONFIRMED
        subscriber.soft_bounces = 0
        subscriber.save(update_fields=["state", "soft_bounces"])
        consent = subscriber.consents.filter(confirmed_at__isnull=True).first()
        if consent is not None:
            consent.confirmed_at = timezone.now()
            consent.save(update_fields=["confirmed_at"])
    return "confirmed"


def suppress(address_hash: str, reason: str) -> None:
    """Stop all mail to this address now, for `reason` (never weakens a stronger one)."""
    with transaction.atomic():
        existing = Suppression.objects.select_for_update().filter(address_hash=address_hash)
        row = existing.first()
        if row is None:
            Suppression.objects.create(address_hash=address_hash, reason=reason)
        elif row.reason in Suppression.LIFTED_BY_CONFIRMING and reason != row.reason:
            existing.update(reason=reason, created_at=timezone.now())
        subscriber = Subscriber.objects.select_for_update().filter(address_hash=address_hash)
        for found in subscriber:
            _withdraw(found)


def _withdraw(subscriber: Subscriber) -> None:
    now = timezone.now()
    if subscriber.state != Subscriber.State.WITHDRAWN:
        subscriber.state = Subscriber.State.WITHDRAWN
        subscriber.generation += 1  # older confirmation links stop working
        subscriber.save(update_fields=["state", "generation"])
    subscriber.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=now)
    Delivery.objects.filter(subscriber=subscriber, state=Delivery.State.PENDING).update(
        state=Delivery.State.SKIPPED
    )


def unsubscribe(subscriber_id) -> bool:
    """Idempotent: True whether this call or an earlier one did it; False if nobody is there."""
    digest = (
        Subscriber.objects.filter(pk=subscriber_id).values_list("address_hash", flat=True).first()
    )
    if digest is None:
        return False
    suppress(digest, Suppression.Reason.UNSUBSCRIBED)
    return True


def update_choices(subscriber: Subscriber, *, weekly: bool, daily: bool, wording: str) -> None:
    Subscriber.objects.filter(pk=subscriber.pk).update(weekly=weekly, daily=daily, wording=wording)


def delete(subscriber_id) -> None:
    """Forget the subscriber; keep only the keyed hash, so nothing is sent to them again."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=subscriber_id).first()
        if subscriber is None:
            return
        digest = subscriber.address_hash
        subscriber.delete()
        if not Suppression.objects.filter(address_hash=digest).exists():
            Suppression.objects.create(address_hash=digest, reason=Suppression.Reason.UNSUBSCRIBED)


def export(subscriber: Subscriber) -> dict:
    """Everything Haven holds about this subscriber, readable."""
    suppression = Suppression.objects.filter(address_hash=subscriber.address_hash).first()
    return {
        "address": addresses.open_address(subscriber.address, subscriber.id),
        "state": subscriber.state,
        "weekly_tips": subscriber.weekly,
        "daily_inspiration": subscriber.daily,
        "wording": subscriber.wording,
        "subscribed_since": subscriber.created_at.isoformat(),
        "consent": [
            {
                "wording_version": consent.wording_version,
                "form": consent.source,
                "weekly_tips": consent.weekly,
                "daily_inspiration": consent.daily,
                "requested_at": consent.requested_at.isoformat(),
                "confirmed_at": consent.confirmed_at.isoformat() if consent.confirmed_at else None,
                "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
            }
            for consent in subscriber.consents.all()
        ],
        "messages_sent": [
            {"notes": delivery.issue.title, "sent_at": delivery.sent_at.isoformat()}
            for delivery in subscriber.deliveries.filter(state=Delivery.State.SENT)
            .select_related("issue")
            .order_by("sent_at")
        ],
        "suppressed": suppression.reason if suppression else None,
    }
