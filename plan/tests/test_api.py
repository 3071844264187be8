"""What the plan lends other rooms on purpose (plan/api.py): read-only, with the request's vault."""

from types import SimpleNamespace

import pytest

from plan import actions, api
from vault.box import Box

pytestmark = pytest.mark.django_db


def request_for(user, box):
    return SimpleNamespace(user=user, vault=box)


def test_reasons_come_in_the_persons_order(owner_dek):
    user, dek = owner_dek
    box = Box(dek)
    actions.add_reason(user, box, "Quiet evenings.")
    actions.add_reason(user, box, "My friends.")
    assert api.reasons(request_for(user, box)) == ["Quiet evenings.", "My friends."]


def test_the_trusted_person_comes_with_a_number_to_dial(owner_dek):
    user, dek = owner_dek
    box = Box(dek)
    assert api.trusted_person(request_for(user, box)) is None
    actions.save_safety_plan(user, box, {"person": {"name": "Alex", "reach": "+44 (0)7700 900"}})
    assert api.trusted_person(request_for(user, box)) == {
        "name": "Alex",
        "reach": "+44 (0)7700 900",
        "phone_link": "+447700900",
    }
    actions.save_safety_plan(user, box, {"person": {"name": "Alex", "reach": "on Signal"}})
    assert api.trusted_person(request_for(user, box))["phone_link"] == ""


def test_without_an_open_vault_nothing_is_read(owner):
    locked = request_for(owner, None)
    assert api.reasons(locked) == [] and api.trusted_person(locked) is None
