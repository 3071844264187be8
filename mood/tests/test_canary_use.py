import pytest
from pytest_django.asserts import assertContains

from mood.models import CheckIn
from mood.tests.canary_use import use_everything
from tests.steps import assert_sealed_and_filled

pytestmark = pytest.mark.django_db

CANARY = "CANARYMOOD5"


def test_the_canary_walk_fills_a_whole_check_in_and_keeps_it_sealed(owner, owner_client):
    use_everything(owner_client, CANARY)

    assert CheckIn.objects.filter(owner=owner).count() == 1
    week = owner_client.get("/mood/week/")
    assertContains(week, f"{CANARY} note")
    assertContains(week, "Good")
    assert_sealed_and_filled("mood", CANARY, owner)
