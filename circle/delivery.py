"""Sending an alert to each chosen contact exactly once.

An alert is written with one `Delivery` row per contact, in the same
transaction that decides it is due. Sending then walks the rows that are not
finished, inside an exactly-once job (core/jobs.py):

1. claim the row: a conditional UPDATE to "sending" with a lease
   (`claimed_until`), taken only if the row is pending, or "sending" under a
   lease that ran out (its worker died);
2. hand the message to the mail server, with the row's own Message-ID;
3. mark it "sent" (or "refused", on a 5xx) straight after the server answers.

So two workers never send one row side by side, and a worker killed between
1 and 3 is replaced once its lease runs out: the row is sent again with the
same Message-ID, so the receiving side sees one message. The job's own
`run.heartbeat()` is called as the batch goes. A decoy space's contacts are
never written to: their rows are marked as an ordinary space's would be.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from circle import emails, sealing, tokens
from circle.actions import words_of
from circle.models import Alert, Contact, Delivery
from circle.notify import Unreachable, notifier
from core import jobs

BATCH = 200
HEARTBEAT_EVERY = 25


def lease() -> timedelta:
    return timedelta(seconds=getattr(settings, "HAVEN_CIRCLE_LEASE_SECONDS", 60))


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


def claimable(now) -> Q:
    return Q(state=Delivery.State.PENDING) | Q(state=Delivery.State.SENDING, claimed_until__lt=now)


def send_rows(rows, run: jobs.Run | None = None) -> dict[str, int]:
    """Claim, send and mark each row in turn, over one mail connection."""
    counts = {"sent": 0, "refused": 0, "skipped": 0}
    words: dict = {}
    with notifier() as outgoing:
        for n, delivery in enumerate(rows):
            if run is not None and n % HEARTBEAT_EVERY == 0:
                run.heartbeat()
            now = timezone.now()
            claimed = Delivery.objects.filter(claimable(now), pk=delivery.pk).update(
                state=Delivery.State.SENDING,
                claimed_until=now + lease(),
                tries=F("tries") + 1,
                updated_at=now,
            )
            if claimed != 1:
                continue  # another worker has it, or it is done
            contact, alert = delivery.contact, delivery.alert
            if contact is None or not contact.can_be_alerted:
                _mark(delivery, Delivery.State.SKIPPED, None)
                counts["skipped"] += 1
                continue
            if alert.owner.is_decoy:
                # A decoy's people are made up: nothing leaves, and it looks sent.
                _mark(delivery, Delivery.State.SENT, 250)
                counts["sent"] += 1
                continue
            if alert.pk not in words:
                words[alert.pk] = sealing.open_json(alert, "text")
            message = emails.alert(
                sealing.open_text(contact, "email"),
                words[alert.pk],
                tokens.make(tokens.CONTACT, contact),
                delivery.message_id,
            )
            try:
                result = outgoing.send(message)
            except Unreachable:
                # Not sent: free the row at once, and the job tries again later.
                Delivery.objects.filter(pk=delivery.pk, state=Delivery.State.SENDING).update(
                    state=Delivery.State.PENDING, claimed_until=None
                )
                raise
            state = Delivery.State.SENT if result.accepted else Delivery.State.REFUSED
            _mark(delivery, state, result.code)
            counts["sent" if result.accepted else "refused"] += 1
    return counts


def _mark(delivery: Delivery, state: str, code: int | None) -> None:
    Delivery.objects.filter(pk=delivery.pk, state=Delivery.State.SENDING).update(
        state=state, reply_code=code, claimed_until=None, updated_at=timezone.now()
    )


def open_rows(kind: str | None = None, alert: Alert | None = None):
    rows = Delivery.objects.filter(claimable(timezone.now()))
    if alert is not None:
        rows = rows.filter(alert=alert)
    if kind is not None:
        rows = rows.filter(alert__kind=kind)
    return rows.select_related("contact", "alert", "alert__owner").order_by("id")


def send(alert: Alert, run: jobs.Run | None = None) -> dict[str, int]:
    """Send every row of one alert not yet finished."""
    return send_rows(list(open_rows(alert=alert)), run)


def send_all_missed(run: jobs.Run | None = None) -> dict[str, int]:
    """Every missed check-in alert's unfinished rows, a batch at a time."""
    total = {"sent": 0, "refused": 0, "skipped": 0}
    while True:
        rows = list(open_rows(kind=Alert.Kind.MISSED)[:BATCH])
        if not rows:
            return total
        counts = send_rows(rows, run)
        for key, value in counts.items():
            total[key] += value
        if not any(counts.values()):
            return total  # every row was taken by another worker


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
    if alert.deliveries.filter(~Q(state__in=FINISHED)).exists():
        raise Unreachable("not every row finished")  # another run holds some: try again
    return "delivered" if outcome(alert) == "sent" else "no_contact"


FINISHED = (Delivery.State.SENT, Delivery.State.REFUSED, Delivery.State.SKIPPED)
