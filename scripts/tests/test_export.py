"""The person's own scripts in their export: out, into a new account, and back the same."""

import pytest

from accounts.tests.export_checks import ids, round_trip, snapshot
from scripts import actions, exports
from scripts.models import MyScript

pytestmark = pytest.mark.django_db
MODELS = [MyScript]


def fill(owner, box):
    actions.create_script(
        owner,
        box,
        {
            "title": "Calls about money",
            "situation": "work",
            "feel": "on edge",
            "when": "check my spending",
            "need": "my card to stay mine",
            "then": "end the call",
        },
    )
    actions.create_script(
        owner, box, {"title": "", "situation": "saying-no", "text": "No, and that's final."}
    )


def test_my_scripts_come_back_the_same_in_a_new_space(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    fill(owner, box)
    round_trip(exports, owner, box, fresh, fresh_box)
    assert snapshot(fresh, fresh_box, MODELS) == snapshot(owner, box, MODELS)
    assert not ids(owner, MODELS) & ids(fresh, MODELS)


def test_a_built_boundary_stays_a_built_boundary(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    fill(owner, box)
    round_trip(exports, owner, box, fresh, fresh_box)
    opened = {item.title: item for item in actions.open_scripts(fresh, fresh_box)}
    assert opened["Calls about money"].is_builder
    assert opened["Calls about money"].parts["then"] == "end the call"
    assert opened[""].text == "No, and that's final."
    # The newest first, as before: the times came across too.
    assert [i.title for i in actions.open_scripts(fresh, fresh_box)] == [
        i.title for i in actions.open_scripts(owner, box)
    ]
