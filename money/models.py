from django.conf import settings
from django.db import models

from vault.records import PrivateDocument, SealedJSONField


class MoneyPlan(PrivateDocument):
    """One per person: budget, emergency fund, paperwork and account steps.

    Every section is sealed JSON (see money/actions.py for the shapes): the
    figures, labels and notes say a great deal about someone's situation.
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="money_plan"
    )
    budget = SealedJSONField(version=1)
    fund = SealedJSONField(version=1)
    papers = SealedJSONField(version=1)
    steps = SealedJSONField(version=1)
