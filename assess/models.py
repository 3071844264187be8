import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class SavedCheck(models.Model):
    """A relationship check or danger screen the person chose to keep.

    `data` is sealed JSON: the answers, the relationship type and what the
    result showed. Only the kind and the time are readable without the vault.
    """

    RELATIONSHIP = "relationship"
    DANGER = "danger"
    KINDS = [(RELATIONSHIP, "relationship check"), (DANGER, "danger screen")]

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_checks"
    )
    kind = models.CharField(max_length=20, choices=KINDS)
    data = models.BinaryField()  # sealed
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["owner", "kind", "created_at"])]

    def __str__(self) -> str:
        return f"{self.kind} check {self.id}"


class SealedTimelineItem(models.Model):
    """A dated item in the reconciliation timeline; everything typed is in `data`, sealed JSON."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner: models.ForeignKey  # each subclass names its own reverse relation
    data = models.BinaryField()  # sealed
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["created_at"]
        indexes = [models.Index(fields=["owner", "created_at"])]

    def __str__(self) -> str:
        return f"{self._meta.model_name} {self.id}"


class Observation(SealedTimelineItem):
    """One dated note against one of the four reconciliation signs.

    Date, sign, held/slipped and note are all in `data`; the timeline is worked
    out after opening.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reconcile_observations"
    )

    class Meta(SealedTimelineItem.Meta):
        pass


class Step(SealedTimelineItem):
    """A dated step in the "if you go ahead" timeline."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reconcile_steps"
    )

    class Meta(SealedTimelineItem.Meta):
        pass


class Conditions(models.Model):
    """The person's conditions for going ahead, and who they trust to be involved."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reconcile_conditions"
    )
    conditions = models.BinaryField()  # sealed
    trusted_person = models.BinaryField()  # sealed
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"conditions {self.id}"
