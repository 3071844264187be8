import re

import pytest
from pytest_django.asserts import assertContains

from plan.tests.canary_use import use_everything
from tests.steps import assert_sealed_and_filled, page_form

pytestmark = pytest.mark.django_db

CANARY = "CANARYPLAN"


def test_the_canary_walk_fills_reasons_and_both_plans_and_keeps_them_sealed(owner, owner_client):
    use_everything(owner_client, CANARY)

    home = owner_client.get("/home/")
    exit_plan = owner_client.get("/exit-plan/").content.decode()
    assertContains(home, f"{CANARY} edited")
    assertContains(home, "5 of 5 checklist items done")
    overall = re.search(r'id="overall-progress"[^>]*>(\d+) of (\d+) tasks done', exit_plan)
    assert overall and overall[1] == overall[2] and int(overall[1]) >= 42, overall
    for number, own_tasks in ((1, 6), (6, 3)):  # step 1 was given more rows
        step = page_form(owner_client.get(f"/exit-plan/{number}/"), with_field="notes").written()
        assert CANARY in step.pop("notes")
        kept = [words for words in step.values() if words]
        assert len(kept) == own_tasks and all(CANARY in words for words in kept), step
    assert_sealed_and_filled("plan", CANARY, owner)
