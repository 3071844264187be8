"""The counter and the urge flow in the export: out, into a new space, and back the same."""

import datetime

import pytest

from accounts.tests.export_checks import ids, round_trip, snapshot
from core.pdf import Writer
from nocontact import actions, exports
from nocontact.models import Steady

pytestmark = pytest.mark.django_db
MODELS = [Steady]


def fill(owner, box):
    actions.save_counter(
        owner,
        box,
        {"mode": "low", "start": datetime.date(2026, 1, 5), "allowed": ["app", "email"]},
    )
    actions.log_contact(
        owner, box, {"on": datetime.date(2026, 2, 1), "how": "call", "note": "It hurt."}
    )
    actions.save_lists(owner, box, ["Sunday mornings"], ["Checking my phone before I spoke"])
    actions.add_writing(owner, box, "What I'd say, unsent.")
    actions.log_urge(owner, box, {"before": "9", "after": "4", "helped": ["breathe"], "note": ""})


def test_everything_comes_back_the_same_in_a_new_space(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    fill(owner, box)
    round_trip(exports, owner, box, fresh, fresh_box)
    assert snapshot(fresh, fresh_box, MODELS) == snapshot(owner, box, MODELS)
    assert not ids(owner, MODELS) & ids(fresh, MODELS)
    today = datetime.date(2026, 2, 10)
    assert actions.current_count(fresh, fresh_box, today) == actions.current_count(
        owner, box, today
    )


def test_a_space_that_never_used_it_exports_nothing(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    assert exports.export(owner, box)["steady"] is None
    round_trip(exports, owner, box, fresh, fresh_box)
    assert not Steady.objects.filter(owner=fresh).exists()


def test_the_readable_part_says_what_was_noted(two_spaces):
    owner, box, _fresh, _fresh_box = two_spaces
    fill(owner, box)
    lines = []

    class Out(Writer):
        def heading(self, text):
            lines.append(str(text))

        def line(self, text):
            lines.append(str(text))

        def small(self, text):
            lines.append(str(text))

    exports.readable(Out(), exports.export(owner, box))
    text = "\n".join(lines)
    for words in ("2026-01-05", "It hurt.", "Sunday mornings", "What I'd say, unsent.", "9 to 4"):
        assert words in text
