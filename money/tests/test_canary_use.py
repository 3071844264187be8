import pytest
from pytest_django.asserts import assertContains

from money.tests.canary_use import use_everything
from tests.steps import assert_sealed_and_filled, page_form

pytestmark = pytest.mark.django_db

CANARY = "CANARYMONEY9"


def test_the_canary_walk_fills_every_money_section_and_keeps_it_sealed(owner, owner_client):
    use_everything(owner_client, CANARY)

    assertContains(owner_client.get("/money/budget/"), f"{CANARY} new")  # the draft, restored
    fund = owner_client.get("/money/emergency-fund/")
    assertContains(fund, f"{CANARY} first")
    assertContains(fund, f"{CANARY} second", count=0)  # removed
    for path, draft in (
        ("/money/paperwork/", "money-papers"),
        ("/money/separate-account/", "money-account"),
    ):
        written = page_form(owner_client.get(path), draft=draft).written()
        assert written and all(CANARY in words for words in written.values()), written
    assert_sealed_and_filled("money", CANARY, owner)
