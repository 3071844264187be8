import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OnceJob(models.Model):
    """A piece of work that must happen once (see core/jobs.py).

    It holds a kind, a key made of ids, times and short outcome codes: never
    private text, never an address, never an exception message.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")
        GAVE_UP = "gave_up", _("gave up")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=64)
    # The idempotency key: the same (kind, key) is one job however often it is asked for.
    key = models.CharField(max_length=200)
    state = models.CharField(max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=8)
    run_after = models.DateTimeField(default=timezone.now)
    # Who holds the job while it runs, and until when: a worker killed
    # mid-job stops renewing, the lease runs out and another worker takes over.
    claim = models.CharField(max_length=32, blank=True, default="")
    claimed_until = models.DateTimeField(null=True, blank=True)
    # When a task to run the job was last queued (the sweeper queues again
    # only when that was long enough ago).
    nudged_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=64, blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "key"], name="core_oncejob_one_per_key"),
        ]
        indexes = [
            models.Index(fields=["state", "run_after"], name="core_oncejob_due"),
            models.Index(fields=["state", "claimed_until"], name="core_oncejob_lease"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} job {self.id}"


class OnceJobTally(models.Model):
    """How many jobs of a kind ended with each outcome.

    Counts only, with no time and no id: a job whose row is forgotten when it
    ends (a duress alert) still leaves a total operators can watch.
    """

    kind = models.CharField(max_length=64)
    outcome = models.CharField(max_length=64)
    count = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "outcome"], name="core_oncejobtally_one_row"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.outcome}: {self.count}"
