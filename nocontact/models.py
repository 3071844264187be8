from django.conf import settings
from django.db import models

from vault.records import PrivateDocument, SealedJSONField


class Steady(PrivateDocument):
    """One per person: the day counter, the contacts they logged, and the urges they rode out.

    Everything is sealed JSON (shapes in nocontact/actions.py). Even the start
    date is sealed: when someone stopped contact says a lot about them.
    """

    owner = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="steady"
    )
    counter = SealedJSONField(version=1)
    contacts = SealedJSONField(version=1)
    urges = SealedJSONField(version=1)
    lists = SealedJSONField(version=1)
