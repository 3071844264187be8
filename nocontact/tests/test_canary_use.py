import pytest

from nocontact.models import Steady
from nocontact.tests.canary_use import use_everything
from tests.test_canary import CANARY

pytestmark = pytest.mark.django_db


def test_the_canary_use_fills_every_part_and_nothing_is_stored_in_the_clear(owner_client, owner):
    use_everything(owner_client, CANARY)
    doc = Steady.objects.get(owner=owner)
    for column in ("counter", "contacts", "urges", "lists"):
        stored = bytes(getattr(doc, column))
        assert stored, f"{column} was never written"
        assert CANARY.encode() not in stored
