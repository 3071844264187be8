"""Sending an alert to each chosen contact exactly once.

An alert is written with one `Delivery` row per contact, in the same
transaction that decides it is due. Sending then walks the rows that are not
finished, inside an exactly-once job (core/jobs.py) that holds a lease:

1. claim the row (a conditional UPDATE to "sending", counting the try);
2. hand the message to the mail server, with the row's own Message-ID;
3. mark it "sent" (or "refused", on a 5xx) straight after the server answers.

A worker killed between 1 and 3 leaves the row "sending": the next run sends
it again with the same Message-ID, so the receiving side sees one message.
`run.heartbeat()` between contacts stops a worker whose lease has passed to
another, so two workers never send side by side. A decoy space's contacts
are never written to: their rows are marked as an ordinary space's would be.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from circle import emails, sealing, tokens
from circle.actions import words_of
from circle.models import Alert, Contact, Delivery
from circle.notify import notifier
from core import jobs

Open = (Delivery.State.PENDING, Delivery.State.SENDING)


def write_alert(owner, kind: str, contacts, **fields) -> Alert:
    """The alert, the words as they will be sent, and a row per contact (in a transaction)."""
    words = words_of(owner)
    body = words["duress"] if kind == Alert.Kind.DURESS else words["checkin"]
    alert = Alert(owner=owner, kind=kind, **fields)
    alert.text = sealing.seal_json(
        alert,
        "text",
        {
            "subject": words["subject"],
            "sender": words["sender"],
            "signature": words["signature"],
            "body": body,
        },
    )
    alert.save()
    Delivery.objects.bulk_create(
        Delivery(alert=alert, contact=contact, message_id=emails.message_id())
        for contact in contacts
    )
    return alert


def recipients(owner, role: str):
    return Contact.objects.filter(
        owner=owner, confirmed_at__isnull=False, stopped_at__isnull=True, **{role: True}
    )


def send(alert: Alert, run: jobs.Run | None = None) -> dict[str, int]:
    """Send every row not yet finished; returns how many ended each way."""
    counts = {"sent": 0, "refused": 0, "skipped": 0}
    quiet = alert.owner.is_decoy
    sent_words = sealing.open_json(alert, "text")
    for delivery in alert.deliveries.filter(state__in=Open).select_related("contact"):
        if run is not None:
            run.heartbeat()
        claimed = Delivery.objects.filter(pk=delivery.pk, state__in=Open).update(
            state=Delivery.State.SENDING, tries=delivery.tries + 1, updated_at=timezone.now()
        )
        if claimed != 1:
            continue
        contact = delivery.contact
        if contact is None or not contact.can_be_alerted:
            _mark(delivery, Delivery.State.SKIPPED, None)
            counts["skipped"] += 1
            continue
        if quiet:
            # A decoy's contacts are made up: nothing leaves, and it looks sent.
            _mark(delivery, Delivery.State.SENT, 250)
            counts["sent"] += 1
            continue
        message = emails.alert(
            sealing.open_text(contact, "email"),
            sent_words,
            tokens.make(tokens.CONTACT, contact),
            delivery.message_id,
        )
        result = notifier().send(message)  # Unreachable: the job tries again later
        state = Delivery.State.SENT if result.accepted else Delivery.State.REFUSED
        _mark(delivery, state, result.code)
        counts["sent" if result.accepted else "refused"] += 1
    return counts


def _mark(delivery: Delivery, state: str, code: int | None) -> None:
    Delivery.objects.filter(pk=delivery.pk, state=Delivery.State.SENDING).update(
        state=state, reply_code=code, updated_at=timezone.now()
    )


def outcome(alert: Alert) -> str:
    states = set(alert.deliveries.values_list("state", flat=True))
    if not states:
        return "nobody"
    if Delivery.State.SENT in states:
        return "sent"
    return "refused" if Delivery.State.REFUSED in states else "skipped"


# ---- The duress alert (accounts' job calls this through the registry) ---------


def alert_for_duress(event, run: jobs.Run) -> str:
    """Tell the contacts chosen for an emergency; "delivered" or "no_contact".

    The alert row hangs on the event: when accounts forgets the event, the
    alert and its deliveries are forgotten with it, so nothing is left to say
    when this happened.
    """
    owner = event.user
    if owner.is_decoy:
        return "no_contact"
    with transaction.atomic():
        alert = Alert.objects.filter(duress_event=event).first()
        if alert is None:
            contacts = list(recipients(owner, "for_emergency"))
            if not contacts:
                return "no_contact"
            alert = write_alert(owner, Alert.Kind.DURESS, contacts, duress_event=event)
    send(alert, run)
    return "delivered" if outcome(alert) == "sent" else "no_contact"
