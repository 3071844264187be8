import pytest

from plan.tests.canary_use import use_everything

pytestmark = pytest.mark.django_db


def test_the_canary_script_fills_both_plans_for_their_owner(owner_client):
    use_everything(owner_client, "CANARYPLAN")
    safety = owner_client.get("/safety-plan/").content.decode()
    for field in ("person codeword", "route 2", "drawer 1", "kept children", "security note"):
        assert f"CANARYPLAN {field}" in safety
    assert "5 of 5 checklist items done" in owner_client.get("/home/").content.decode()
    step = owner_client.get("/exit-plan/6/").content.decode()
    assert "CANARYPLAN notes 6" in step
    assert "CANARYPLAN own task 6.2" in step
    assert "42 of 42 tasks done" in owner_client.get("/exit-plan/").content.decode()
