"""Subscribers, their consent, what operators write, and what was sent to whom.

An address is the one piece of personal data here. It is sealed with the
server key (the worker must read it while the person is away) and found by a
keyed hash, so the database alone holds neither a readable address nor a
hash anyone could compute from a guessed one. Subscribers have no account:
subscribing from inside Haven is not linked to the member's space.
"""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vault.records import SealedField

# The words a person agreed to on the sign-up form. Bump it when those words
# change; every consent record keeps the version it was given under.
CONSENT_WORDING_VERSION = 1


class Wording(models.TextChoices):
    QUIET = "quiet", _("Quiet: “Weekly notes” or “Daily note” from “Notes”, nothing in the preview")
    PLAIN = "plain", _("Plain: the same, with a short title or the date")
    OPEN = "open", _("Open: from “Haven”, with the topic in the subject and preview")


class Source(models.TextChoices):
    PUBLIC = "public", _("the public sign-up page")
    GUIDE = "guide", _("the guide")
    WELCOME = "welcome", _("the welcome page")
    INSIDE = "inside", _("inside Haven")


class Subscriber(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", _("waiting for confirmation")
        CONFIRMED = "confirmed", _("confirmed")
        WITHDRAWN = "withdrawn", _("unsubscribed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # HMAC of the normalised address under a key derived from the pepper.
    address_hash = models.CharField(max_length=64, unique=True, editable=False)
    address = SealedField(server=True)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    weekly = models.BooleanField(_("weekly tips"), default=True)
    daily = models.BooleanField(_("daily inspiration"), default=False)
    wording = models.CharField(max_length=8, choices=Wording.choices, default=Wording.QUIET)
    # Moves on every new request to confirm and on every withdrawal, so an
    # older confirmation link can never subscribe anyone again.
    generation = models.PositiveIntegerField(default=0)
    soft_bounces = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"subscriber {self.id}"

    @property
    def current_consent(self) -> Consent | None:
        return self.consents.order_by("-requested_at").first()


class Consent(models.Model):
    """One request to subscribe: the words shown, where, and when it was confirmed or withdrawn."""

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consents")
    wording_version = models.PositiveSmallIntegerField(default=CONSENT_WORDING_VERSION)
    source = models.CharField(max_length=16, choices=Source.choices)
    weekly = models.BooleanField(default=True)
    daily = models.BooleanField(default=False)
    requested_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self) -> str:
        return f"consent {self.pk} ({self.source}, v{self.wording_version})"


class Suppression(models.Model):
    """An address Haven must not write to: re-subscribing can't lift a bounce or complaint."""

    class Reason(models.TextChoices):
        HARD_BOUNCE = "hard_bounce", _("hard bounce")
        COMPLAINT = "complaint", _("complaint")
        UNSUBSCRIBED = "unsubscribed", _("unsubscribed")
        REJECTED = "rejected", _("refused by the mail server")

    # Only the person's own confirmation of a fresh sign-up lifts these.
    LIFTED_BY_CONFIRMING = {Reason.UNSUBSCRIBED}

    address_hash = models.CharField(max_length=64, unique=True)
    reason = models.CharField(max_length=16, choices=Reason.choices)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"suppressed ({self.reason})"


class Issue(models.Model):
    """One week's notes, written by operators from the content library, or one
    day's note, made by the worker from that day's reminder (`day` is set)."""

    class Kind(models.TextChoices):
        WEEKLY = "weekly", _("weekly tips")
        DAILY = "daily", _("daily inspiration")

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        SCHEDULED = "scheduled", _("scheduled")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=8, choices=Kind.choices, default=Kind.WEEKLY)
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    title = models.CharField(
        _("short title"),
        max_length=80,
        help_text=_("Shown to subscribers who chose plain wording, after “Weekly notes: ”."),
    )
    subject_open = models.CharField(
        _("open subject"),
        max_length=120,
        help_text=_("For subscribers who chose open wording. Others see “Weekly notes”."),
    )
    summary = models.CharField(
        _("preview line"),
        max_length=160,
        blank=True,
        help_text=_("The inbox preview, shown only to subscribers who chose open wording."),
    )
    tip = models.TextField(_("tip of the week"), blank=True)
    reflection = models.TextField(_("reflection"), blank=True)
    script_title = models.CharField(_("script of the week: title"), max_length=120, blank=True)
    script_words = models.TextField(_("script of the week: the words"), blank=True)
    guide_title = models.CharField(_("guide link: title"), max_length=200, blank=True)
    guide_path = models.CharField(
        _("guide link: path"), max_length=200, blank=True, help_text=_("For example /guide/signs/")
    )
    send_at = models.DateTimeField(_("send at"), null=True, blank=True)
    # The day a daily note was made for, by the worker: one issue per day at
    # most (the database says so too). Empty for issues operators write.
    day = models.DateField(
        _("made for the day"), null=True, blank=True, unique=True, editable=False
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-send_at", "-created_at"]

    def __str__(self) -> str:
        return self.title


class Delivery(models.Model):
    """One issue to one subscriber: made once, claimed in batches, marked sent once accepted."""

    class State(models.TextChoices):
        PENDING = "pending", _("waiting")
        CLAIMED = "claimed", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("refused")
        SKIPPED = "skipped", _("not sent: unsubscribed or suppressed before their turn")

    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    state = models.CharField(max_length=8, choices=State.choices, default=State.PENDING)
    claim = models.CharField(max_length=32, blank=True, default="")
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issue", "subscriber"], name="newsletter_one_delivery"),
        ]
        indexes = [models.Index(fields=["issue", "state"], name="newsletter_delivery_todo")]

    def __str__(self) -> str:
        return f"delivery {self.pk} ({self.state})"


class SendSettings(models.Model):
    """The operator's sending settings: one row."""

    rate_per_second = models.PositiveIntegerField(
        _("messages per second, at most"),
        default=100,
        help_text=_("For every worker together. Ask your mail provider what it allows."),
    )
    connections = models.PositiveSmallIntegerField(
        _("SMTP connections"), default=4, help_text=_("Connections kept open while sending.")
    )
    weekday = models.PositiveSmallIntegerField(
        _("weekly sending day"),
        default=1,
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
    )
    hour = models.PositiveSmallIntegerField(_("hour (UTC)"), default=9)
    daily_hour = models.PositiveSmallIntegerField(
        _("daily note: hour (server time)"),
        default=7,
        validators=[MaxValueValidator(23)],
        help_text=_(
            "Each day from this hour the worker makes the day's note from the day's reminder"
            " and sends it to everyone who chose the daily inspiration."
        ),
    )
    daily_paused = models.BooleanField(
        _("pause the daily note"),
        default=False,
        help_text=_(
            "While ticked, no daily note is made or started. Untick before the day's hour"
            " (or later that day) and that day's note still goes."
        ),
    )

    class Meta:
        verbose_name_plural = "send settings"

    def __str__(self) -> str:
        return "send settings"

    @classmethod
    def current(cls) -> SendSettings:
        found = cls.objects.order_by("pk").first()
        return found or cls.objects.create()


class RateWindow(models.Model):
    """Messages sent in one second by every worker together: the global rate limit."""

    second = models.BigIntegerField(primary_key=True)
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.second}: {self.count}"
