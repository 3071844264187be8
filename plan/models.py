from django.conf import settings
from django.db import models

from vault.records import PrivateDocument, PrivateRecord, SealedField, SealedJSONField


class Reason(PrivateRecord):
    """One of the person's reasons for leaving or changing the relationship.

    `text` is sealed by the vault; only its owner's open vault can read it.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reasons"
    )
    position = models.PositiveIntegerField(default=0)
    text = SealedField()

    class Meta:
        ordering = ["position", "created_at"]
        indexes = [models.Index(fields=["owner", "position", "id"])]


class SafetyPlan(PrivateDocument):
    """The person's safety plan: one per member, every answer in one sealed JSON value."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_plan"
    )
    data = SealedJSONField(version=1)  # shape: plan/safety_forms.py, plan/safety_content.py


class ExitPlan(PrivateDocument):
    """The six-step exit plan: ticks, own tasks, dates and notes, all in one sealed JSON value."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="exit_plan"
    )
    data = SealedJSONField(version=1)  # shape: plan/exit_forms.py, plan/exit_content.py
