from django.conf import settings
from django.db import models

from vault.records import PrivateDocument, PrivateRecord, SealedField, SealedJSONField


class SavedCheck(PrivateRecord):
    """A relationship check or danger screen the person chose to keep.

    `data` is sealed JSON: the answers, the relationship type and what the
    result showed. Only the kind and the time are readable without the vault.
    """

    RELATIONSHIP = "relationship"
    DANGER = "danger"
    KINDS = [(RELATIONSHIP, "relationship check"), (DANGER, "danger screen")]

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_checks"
    )
    kind = models.CharField(max_length=20, choices=KINDS)
    data = SealedJSONField(version=1)

    class Meta:
        ordering = ["created_at"]
        indexes = [models.Index(fields=["owner", "kind", "created_at"])]


class SealedTimelineItem(PrivateRecord):
    """A dated item in the reconciliation timeline; everything typed is in `data`, sealed JSON.

    Each subclass overrides `owner` to keep its own reverse relation name.
    """

    data = SealedJSONField(version=1)

    class Meta:
        abstract = True
        ordering = ["created_at"]
        indexes = [models.Index(fields=["owner", "created_at"])]


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


class Conditions(PrivateDocument):
    """The person's conditions for going ahead, and who they trust to be involved."""

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reconcile_conditions"
    )
    conditions = SealedField()
    trusted_person = SealedField()
