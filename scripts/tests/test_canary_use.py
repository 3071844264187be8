import pytest
from pytest_django.asserts import assertContains

from scripts.tests.canary_use import use_everything
from tests.steps import assert_sealed_and_filled

pytestmark = pytest.mark.django_db

CANARY = "CANARYSCRIPTS42"


def test_the_canary_walk_fills_my_scripts_and_keeps_them_sealed(owner, owner_client):
    use_everything(owner_client, CANARY)

    mine = owner_client.get("/scripts/mine/")
    assertContains(mine, f"{CANARY} edited")
    assertContains(mine, f"{CANARY} text")  # the library copy, in the person's words
    assertContains(mine, f"{CANARY} to remove", count=0)
    assertContains(owner_client.get("/scripts/builder/"), f"{CANARY} unfinished")  # a draft
    assert_sealed_and_filled("scripts", CANARY, owner)
