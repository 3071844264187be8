import pytest
from pytest_django.asserts import assertContains

from journal.tests.canary_use import use_everything
from tests.steps import assert_sealed_and_filled

pytestmark = pytest.mark.django_db

CANARY = "CANARYJOURNAL42"


def test_the_canary_walk_fills_the_journal_and_keeps_it_sealed(owner, owner_client):
    use_everything(owner_client, CANARY)

    index = owner_client.get("/journal/")
    assertContains(index, f"{CANARY} changed")
    assertContains(index, f"{CANARY} to delete", count=0)
    assertContains(owner_client.get("/journal/new/?mode=free"), f"{CANARY} unfinished")
    assert_sealed_and_filled("journal", CANARY, owner)
