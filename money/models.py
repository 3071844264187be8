import uuid

from django.conf import settings
from django.db import models


class MoneyPlan(models.Model):
    """One per person: budget, emergency fund, paperwork and account steps.

    Every section is sealed JSON (see money/actions.py for the shapes): the
    figures, labels and notes say a great deal about someone's situation.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="money_plan"
    )
    budget = models.BinaryField(default=b"")  # sealed
    fund = models.BinaryField(default=b"")  # sealed
    papers = models.BinaryField(default=b"")  # sealed
    steps = models.BinaryField(default=b"")  # sealed
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"money plan {self.id}"
