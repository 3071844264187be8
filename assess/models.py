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


class Observation(models.Model):
    """One dated note against one of the four reconciliation signs.

    Everything the person wrote or chose (date, sign, held/slipped, note) is in
    `data`, sealed JSON; the timeline is worked out after opening.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reconcile_observations"
    )
    data = models.BinaryField()  # sealed
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["owner", "created_at"])]

    def __str__(self) -> str:
        return f"observation {self.id}"


class Step(models.Model):
    """A dated step in the "if you go ahead" timeline. `data` is sealed JSON."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reconcile_steps"
    )
    data = models.BinaryField()  # sealed
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["owner", "created_at"])]

    def __str__(self) -> str:
        return f"step {self.id}"


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
