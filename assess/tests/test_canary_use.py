import pytest
from pytest_django.asserts import assertContains

from assess.tests.canary_use import use_everything
from tests.steps import assert_sealed_and_filled, ids_in

pytestmark = pytest.mark.django_db

CANARY = "CANARYASSESS42"


def test_every_private_field_is_filled_shows_for_the_owner_and_is_sealed(owner, owner_client):
    use_everything(owner_client, CANARY)

    notes = owner_client.get("/check/reconciliation/")
    for text in ("edited", "second", "unfinished note"):  # the last one a draft, restored
        assertContains(notes, f"{CANARY} {text}")
    plan = owner_client.get("/check/reconciliation/if-you-go-ahead/")
    for text in ("weekly therapy", "trusted_person", "step edited", "check edited", "unfinished"):
        assertContains(plan, f"{CANARY} {text}")
    assertContains(owner_client.get("/check/relationship/history/"), 'class="point"', count=1)
    saved = ids_in(owner_client.get("/check/danger/saved/"), r"/check/danger/([0-9a-f-]{36})/")
    assert len(saved) == 1, saved
    assert_sealed_and_filled("assess", CANARY, owner)
