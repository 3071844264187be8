import uuid

from django.conf import settings
from django.db import models


class Reason(models.Model):
    """One of the person's reasons for leaving or changing the relationship.

    `text` is sealed by the vault; only its owner's open vault can read it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reasons"
    )
    position = models.PositiveIntegerField(default=0)
    text = models.BinaryField()  # sealed
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["position", "created_at"]
        indexes = [models.Index(fields=["owner", "position"])]

    def __str__(self) -> str:
        return f"reason {self.id}"


class SafetyPlan(models.Model):
    """The person's safety plan: one per member, every answer in one sealed JSON value."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_plan"
    )
    data = models.BinaryField()  # sealed JSON, see plan.safety
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"safety plan {self.id}"


class ExitPlan(models.Model):
    """The six-step exit plan: ticks, own tasks, dates and notes, all in one sealed JSON value."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exit_plan"
    )
    data = models.BinaryField()  # sealed JSON, see plan.exit
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"exit plan {self.id}"
