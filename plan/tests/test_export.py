"""The plan's part of the person's export: out, into a new account, and back the same."""

import pytest

from accounts.tests.export_checks import ids, round_trip, snapshot
from plan import actions, exports
from plan.models import ExitPlan, Reason, SafetyPlan
from vault.crypto import VaultError

pytestmark = pytest.mark.django_db
MODELS = [Reason, SafetyPlan, ExitPlan]


def fill(owner, box):
    for text in ("I want to sleep without fear.", "Mina's sofa is always open", "朋友的家 🌻"):
        actions.add_reason(owner, box, text)
    actions.move_reason(Reason.objects.filter(owner=owner).last(), -1)
    actions.save_safety_plan(
        owner,
        box,
        {
            "checklist": {"places": {"status": "done", "note": "the library stays open"}},
            "places": [{"name": "Aunt Mina's house", "route": "Bus 12"}],
            "numbers": [{"label": "Help line", "number": "0800 123 456"}],
            "person": {"name": "Jo", "codeword": "pineapple"},
            "bag": ["charger"],
            "own_bag": [{"name": "Blue scarf", "done": True}],
            "security_note": "new email is with Jo",
        },
    )
    actions.save_exit_step(
        owner,
        box,
        2,
        {
            "tasks": {"keeper": {"done": True, "date": "2031-01-15"}},
            "own": [{"text": "Copy the lease", "done": False, "date": ""}],
            "notes": "Ask Jo on Sunday",
            "target": "2031-02-01",
        },
    )


def test_everything_in_the_plan_comes_back_the_same_in_a_new_space(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    fill(owner, box)
    round_trip(exports, owner, box, fresh, fresh_box)
    assert snapshot(fresh, fresh_box, MODELS) == snapshot(owner, box, MODELS)
    assert Reason.objects.filter(owner=fresh).count() == 3
    assert not ids(owner, MODELS) & ids(fresh, MODELS)  # new rows, new keys


def test_reasons_keep_the_order_the_person_gave_them(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    fill(owner, box)
    round_trip(exports, owner, box, fresh, fresh_box)
    texts = [text for _reason, text in actions.open_reasons(fresh, fresh_box)]
    assert texts == [text for _reason, text in actions.open_reasons(owner, box)]
    assert texts[1] == "朋友的家 🌻"


def test_restored_values_are_sealed_under_the_new_space_key_only(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    fill(owner, box)
    round_trip(exports, owner, box, fresh, fresh_box)
    restored = SafetyPlan.objects.get(owner=fresh)
    assert b"pineapple" not in bytes(restored.data)
    assert fresh_box.open_json(restored, "data")["person"]["codeword"] == "pineapple"
    with pytest.raises(VaultError):  # the old space's key can't open it
        box.open(restored, "data")


def test_an_empty_plan_exports_as_empty_and_restores_nothing(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    data = round_trip(exports, owner, box, fresh, fresh_box)
    assert data["reasons"] == [] and data["safety_plan"] is None and data["exit_plan"] is None
    assert snapshot(fresh, fresh_box, MODELS) == {m._meta.label: [] for m in MODELS}


def test_a_plan_saved_part_by_part_comes_back_the_same(two_spaces):
    from plan.safety_forms import PARTS
    from plan.tests.helpers import FULL_SAFETY_PLAN

    owner, box, fresh, fresh_box = two_spaces
    for part in PARTS:
        form = part.form(data=FULL_SAFETY_PLAN)
        assert form.is_valid(), (part.slug, form.errors)
        actions.save_safety_part(owner, box, form.to_plan())
    round_trip(exports, owner, box, fresh, fresh_box)
    assert snapshot(fresh, fresh_box, MODELS) == snapshot(owner, box, MODELS)
    restored = actions.open_safety_plan(fresh, fresh_box)
    assert restored["person"]["codeword"] == "pineapple"
    assert restored["own_documents"][0]["where"] == "glovebox"
    assert set(restored) == {key for part in PARTS for key in part.stored}
