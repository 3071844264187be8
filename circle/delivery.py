"""Sending an alert to each chosen contact exactly once.

An alert is written with one `Delivery` row per contact, in the same
transaction that decides it is due. Sending then works through the rows not
yet finished, a batch at a time, inside an exactly-once job (core/jobs.py):

1. claim a batch: one conditional UPDATE puts up to `batch_size()` rows in
   "sending" under a new claim token and a lease (`claimed_until`), taking
   only rows that are pending, or "sending" under a lease that ran out (their
   worker died). On PostgreSQL, rows another worker is claiming at that
   moment are skipped (SKIP LOCKED), so two workers share a crowd;
2. read the batch in one query and settle in bulk the rows that need no
   message: a contact who has since stopped ("skipped"), and a decoy space's
   made-up people (marked as an ordinary space's would be; nothing leaves);
3. hand each message to the mail server over one connection, with the row's
   own Message-ID, and mark the row "sent" (or "refused", on a 5xx) straight
   after the server answers, before the next message goes;
4. as the batch goes, renew the lease well before it runs out, and call the
   job's `run.heartbeat()`; a renewal that finds a row taken over stops the
   batch.

So two workers never send one row side by side, and a worker killed in the
middle of a batch is replaced once its lease runs out: the rows it had not
marked are sent by the next run, each with its own Message-ID, so the one
the server may have taken in the instant before the kill is seen as the same
message. When the server can't be reached, the batch's unsent rows are freed
at once and the job tries again later.
"""

from __future__ import annotations

import secrets
import time
from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from circle import emails, sealing, tokens
from circle.actions import words_of
from circle.models import Alert, Contact, Delivery
from circle.notify import Notifier, Unreachable, notifier
from core import jobs

HEARTBEAT_EVERY = 25
SENDING = Delivery.State.SENDING


def lease() -> timedelta:
    return timedelta(seconds=getattr(settings, "HAVEN_CIRCLE_LEASE_SECONDS", 60))


def batch_size() -> int:
    """How many check-ins, or rows, one batch takes (the worker tests take a few)."""
    return getattr(settings, "HAVEN_CIRCLE_BATCH", 500)


def new_rows(alert: Alert, contact_ids) -> list[Delivery]:
    """One pending row per contact, each with the Message-ID it will always be sent with."""
    return [
        Delivery(alert=alert, contact_id=pk, message_id=emails.message_id()) for pk in contact_ids
    ]


def write_alert(owner, kind: str, contacts, **fields) -> Alert:
    """The alert, the words as they will be sent, and a row per contact (in a transaction)."""
    alert = Alert(owner=owner, kind=kind, **fields)
    alert.text = seal_text(alert, words_of(owner))
    alert.save()
    Delivery.objects.bulk_create(new_rows(alert, [contact.pk for contact in contacts]))
    return alert


def seal_text(alert: Alert, words: dict) -> bytes:
    """What this alert says, kept exactly as it is sent (sealed with the server key)."""
    body = words["duress"] if alert.kind == Alert.Kind.DURESS else words["checkin"]
    sent = {
        "subject": words["subject"],
        "sender": words["sender"],
        "signature": words["signature"],
        "body": body,
    }
    return sealing.seal_json(alert, "text", sent)


def recipients(owner, role: str):
    return Contact.objects.filter(
        owner=owner, confirmed_at__isnull=False, stopped_at__isnull=True, **{role: True}
    )


def recipients_of(owner_ids, role: str) -> dict[object, list]:
    """Every owner's contacts for `role` who can be alerted, in one query: {owner id: [ids]}."""
    found: dict[object, list] = defaultdict(list)
    chosen = Contact.objects.filter(
        owner_id__in=owner_ids, confirmed_at__isnull=False, stopped_at__isnull=True, **{role: True}
    )
    for owner_id, pk in chosen.order_by("created_at").values_list("owner_id", "pk"):
        found[owner_id].append(pk)
    return found


def claimable(now) -> Q:
    return Q(state=Delivery.State.PENDING) | Q(state=SENDING, claimed_until__lt=now)


# ---- Claiming a batch -----------------------------------------------------------


def _claim(token: str, *, kind: str | None = None, alert: Alert | None = None) -> int:
    """Claim a batch of unfinished rows for `token`, in one conditional UPDATE."""
    now = timezone.now()
    candidates = Delivery.objects.filter(claimable(now))
    if alert is not None:
        candidates = candidates.filter(alert=alert)
    if kind is not None:
        candidates = candidates.filter(alert__kind=kind)
    ids = candidates.order_by("id").values("id")[: batch_size()]
    if connection.features.has_select_for_update_skip_locked:
        # Rows another worker is claiming right now are left to it. (SQLite
        # needs no lock: a write transaction there has the database to itself.)
        ids = ids.select_for_update(skip_locked=True, of=("self",))
    with transaction.atomic():
        return Delivery.objects.filter(claimable(now), pk__in=ids).update(
            state=SENDING,
            claim=token,
            claimed_until=now + lease(),
            tries=F("tries") + 1,
            updated_at=now,
        )


class Held:
    """The rows of one claimed batch still to be finished, and their lease."""

    def __init__(self, token: str, count: int) -> None:
        self.token = token
        self.count = count
        self.renew_at = time.monotonic() + lease().total_seconds() / 3

    def mine(self):
        return Delivery.objects.filter(claim=self.token, state=SENDING)

    def keep(self) -> None:
        """Renew the lease when a third of it has gone; stop if a row was taken over."""
        if time.monotonic() < self.renew_at or not self.count:
            return
        renewed = self.mine().update(claimed_until=timezone.now() + lease())
        self.renew_at = time.monotonic() + lease().total_seconds() / 3
        if renewed != self.count:
            raise jobs.LeaseLost

    def settle(self, ids: list[int], state: str, code: int | None) -> None:
        """Finish rows that need no message, in one UPDATE."""
        if ids:
            done = (
                self.mine()
                .filter(pk__in=ids)
                .update(state=state, reply_code=code, claimed_until=None, updated_at=timezone.now())
            )
            self.count -= done

    def mark(self, delivery_id: int, state: str, code: int | None) -> None:
        """Straight after the mail server answers: its own statement, committed at once."""
        table = connection.ops.quote_name(Delivery._meta.db_table)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET state = %s, reply_code = %s, claimed_until = NULL,"  # noqa: S608
                " updated_at = %s WHERE id = %s AND claim = %s AND state = %s",
                [state, code, now, delivery_id, self.token, SENDING],
            )
            self.count -= cursor.rowcount

    def release(self) -> None:
        """Give back what was not sent, for the next run to take at once."""
        if self.count:
            self.mine().update(state=Delivery.State.PENDING, claim="", claimed_until=None)


# ---- Sending -------------------------------------------------------------------------


def _send_batch(token: str, outgoing: Notifier, run: jobs.Run | None) -> dict[str, int]:
    counts = {"sent": 0, "refused": 0, "skipped": 0}
    rows = list(
        Delivery.objects.filter(claim=token, state=SENDING)
        .select_related("contact", "alert", "alert__owner")
        .only(
            "id",
            "message_id",
            "contact__id",
            "contact__email",
            "contact__nonce",
            "contact__confirmed_at",
            "contact__stopped_at",
            "alert__id",
            "alert__kind",
            "alert__text",
            "alert__owner__is_decoy",
        )
        .order_by("id")
    )
    held = Held(token, len(rows))
    try:
        stopped = [d.pk for d in rows if d.contact is None or not d.contact.can_be_alerted]
        held.settle(stopped, Delivery.State.SKIPPED, None)
        counts["skipped"] += len(stopped)
        rows = [d for d in rows if d.contact is not None and d.contact.can_be_alerted]
        # A decoy's people are made up: nothing leaves, and it looks sent.
        made_up = [d.pk for d in rows if d.alert.owner.is_decoy]
        held.settle(made_up, Delivery.State.SENT, 250)
        counts["sent"] += len(made_up)
        rows = [d for d in rows if not d.alert.owner.is_decoy]

        messages: dict[object, emails.Alert] = {}
        for n, delivery in enumerate(rows):
            if run is not None and n % HEARTBEAT_EVERY == 0:
                run.heartbeat()
            held.keep()
            alert, contact = delivery.alert, delivery.contact
            if alert.pk not in messages:
                messages[alert.pk] = emails.Alert(sealing.open_json(alert, "text"))
            message = messages[alert.pk].to(
                sealing.open_text(contact, "email"),
                tokens.make(tokens.CONTACT, contact),
                delivery.message_id,
            )
            result = outgoing.send(message)  # Unreachable: the rest go back (finally)
            state = Delivery.State.SENT if result.accepted else Delivery.State.REFUSED
            held.mark(delivery.pk, state, result.code)
            counts["sent" if result.accepted else "refused"] += 1
    finally:
        held.release()
    return counts


def _send_all(run: jobs.Run | None, **which) -> dict[str, int]:
    """Claim, send and mark batch after batch until none is left, over one connection."""
    total = {"sent": 0, "refused": 0, "skipped": 0}
    with notifier() as outgoing:
        while True:
            if run is not None:
                run.heartbeat()
            token = secrets.token_hex(16)
            if not _claim(token, **which):
                return total  # nothing left, or all of it held by another worker
            for key, value in _send_batch(token, outgoing, run).items():
                total[key] += value


def send(alert: Alert, run: jobs.Run | None = None) -> dict[str, int]:
    """Send every row of one alert not yet finished."""
    return _send_all(run, alert=alert)


def send_all_missed(run: jobs.Run | None = None) -> dict[str, int]:
    """Every missed check-in alert's unfinished rows, a batch at a time."""
    return _send_all(run, kind=Alert.Kind.MISSED)


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
