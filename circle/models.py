"""The circle: the people a member trusts, their check-ins, and what was sent.

Two kinds of sealing live side by side here, on purpose:

- What only the person needs (a contact's name, the relation, what they may
  be told, a phone number) is sealed with the person's own key.
- What the worker must read while the person is away (a contact's address,
  the words of an alert, the sender name and subject, the person's country,
  an address for reminders) is sealed with the server key (`vault/server.py`),
  and the page where it is typed says so.

Nothing here names a place, a device or a network address.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

from accounts.models import DuressEvent
from vault.records import PrivateDocument, PrivateRecord, SealedField, SealedJSONField


def new_nonce() -> str:
    return secrets.token_urlsafe(12)


class Circle(PrivateDocument):
    """One per member: the words every alert uses, and where reminders go."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle"
    )
    # Server-sealed JSON: checkin (the missed check-in message), duress (the
    # silent alert), signature (how their people know them), sender, subject,
    # country (two letters), reminder_to (an address for reminders, or "").
    words = SealedField(server=True)


class Contact(PrivateRecord):
    """A trusted person, added by hand."""

    name = SealedField()
    # Sealed with the person's key: relation, what they may be told, phone.
    details = SealedJSONField(version=1)
    # Sealed with the server key: the worker writes to it while the person is away.
    email = SealedField(server=True)
    for_tempted = models.BooleanField(default=False)
    for_checkins = models.BooleanField(default=False)
    for_emergency = models.BooleanField(default=False)
    # Links in this contact's emails carry it; a new one ends the old links.
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    invited_at = models.DateTimeField(null=True, blank=True, editable=False)
    invitations = models.PositiveSmallIntegerField(default=0, editable=False)
    # The mail server's reply to the last invitation (5xx: the address bounced).
    invite_reply = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    stopped_at = models.DateTimeField(null=True, blank=True, editable=False)

    # Brought back from an export, a contact is asked to confirm again (with
    # new links), so no alert goes anywhere by surprise.
    restore_resets = (
        "nonce",
        "invited_at",
        "invitations",
        "invite_reply",
        "confirmed_at",
        "stopped_at",
    )

    class Meta:
        ordering = ["created_at"]

    @property
    def can_be_alerted(self) -> bool:
        return self.confirmed_at is not None and self.stopped_at is None


class CheckIn(PrivateRecord):
    """A promise to check in; missing it alerts the chosen contacts."""

    class Kind(models.TextChoices):
        ONCE = "once", "once"
        WEEKLY = "weekly", "weekly"
        AWAY = "away", "away"

    class State(models.TextChoices):
        ACTIVE = "active", "active"
        MISSED = "missed", "missed"
        DONE = "done", "done"
        STOPPED = "stopped", "stopped"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    state = models.CharField(max_length=8, choices=State.choices, default=State.ACTIVE)
    due_at = models.DateTimeField(default=timezone.now, db_index=True)
    # Each new deadline is a new round: a job for an old round finds nothing to do.
    round = models.PositiveIntegerField(default=1)
    # Weekly: 0 (Monday) to 6, and the local time "HH:MM" in `zone`.
    weekday = models.PositiveSmallIntegerField(null=True, blank=True)
    at_time = models.CharField(max_length=5, blank=True, default="")
    zone = models.CharField(max_length=64, blank=True, default="")
    # "If I haven't opened Haven for N days": N, and the hour it was last
    # opened (rounded down to the hour; kept only on this kind of check-in).
    days = models.PositiveSmallIntegerField(null=True, blank=True)
    seen_hour = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    # The round whose reminder has gone out (so it goes once).
    reminded_round = models.PositiveIntegerField(default=0)
    nonce = models.CharField(max_length=32, default=new_nonce, editable=False)

    # Brought back from an export, a check-in is stopped until the person starts it.
    restore_resets = (
        "state",
        "round",
        "due_at",
        "seen_hour",
        "checked_in_at",
        "reminded_round",
        "nonce",
    )

    class Meta:
        ordering = ["due_at"]


class Alert(PrivateRecord):
    """One alert to the circle: a missed check-in, or a duress sign-in."""

    class Kind(models.TextChoices):
        MISSED = "missed", "missed"
        DURESS = "duress", "duress"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    check_in = models.ForeignKey(CheckIn, null=True, blank=True, on_delete=models.SET_NULL)
    round = models.PositiveIntegerField(default=0)
    # A duress alert lives exactly as long as its event: when accounts forgets
    # the event, this row and its deliveries go with it.
    duress_event = models.OneToOneField(
        DuressEvent, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # Server-sealed JSON: the subject, sender and words exactly as sent.
    text = SealedField(server=True)

    # In the export to read; not brought back into a new space.
    restored = False

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["check_in", "round"],
                condition=models.Q(check_in__isnull=False),
                name="circle_one_alert_per_round",
            )
        ]


class Delivery(models.Model):
    """One alert to one contact: claimed, then marked right after the mail server answers."""

    class State(models.TextChoices):
        PENDING = "pending", "pending"
        SENDING = "sending", "sending"
        SENT = "sent", "sent"
        REFUSED = "refused", "refused"
        SKIPPED = "skipped", "skipped"

    id = models.BigAutoField(primary_key=True)
    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    contact = models.ForeignKey(Contact, null=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    # The mail server's reply code (250 accepted; 5xx refused).
    reply_code = models.PositiveSmallIntegerField(null=True, blank=True)
    # The same on every try, so a resend after a crash mid-send is the same message.
    message_id = models.CharField(max_length=200)
    tries = models.PositiveSmallIntegerField(default=0)
    # While "sending": which batch holds the row (a random token, new for each
    # claim), and until when. A worker that dies holding it is replaced after
    # this; meanwhile nobody else sends this row. (A default in the database
    # too: a worker still on the code before it can write rows mid-deploy.)
    claim = models.CharField(max_length=32, blank=True, default="", db_default="", editable=False)
    claimed_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["alert", "contact"], name="circle_one_delivery_each")
        ]

    def __str__(self) -> str:
        return f"delivery {self.pk}"
