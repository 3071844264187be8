"""Check-ins in the person's export: out, into a new account, and back the same."""

import datetime

import pytest

from accounts.export_tables import RestoreRefused
from accounts.tests.export_checks import ids, round_trip, snapshot
from core.pdf import Writer
from mood import actions, demo, exports
from mood.models import CheckIn
from mood.tests.helpers import log

pytestmark = pytest.mark.django_db
MODELS = [CheckIn]


def test_check_ins_come_back_the_same_in_a_new_space(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    log(owner, box, datetime.date(2026, 5, 1), 2, energy=1, sleep=5.5, safe="no",
        tags=["contact"], own_tags=["rain"], note="A long day.")  # fmt: skip
    log(owner, box, datetime.date(2026, 5, 2), 4, tags=["outside", "friend"])
    round_trip(exports, owner, box, fresh, fresh_box)
    assert snapshot(fresh, fresh_box, MODELS) == snapshot(owner, box, MODELS)
    assert not ids(owner, MODELS) & ids(fresh, MODELS)
    back = actions.open_days(fresh, fresh_box, datetime.date(2026, 5, 1), datetime.date(2026, 5, 2))
    assert [(e.day.day, e.mood, e.note) for e in back] == [(1, 2, "A long day."), (2, 4, "")]


@pytest.mark.parametrize(
    "change",
    [
        {"mood": 6},
        {"mood": "4"},
        {"day": "2026-02-30"},
        {"tags": ["hidden"]},
        {"energy": 0},
        {"sleep": 30},
        {"safe": "maybe"},
    ],
)
def test_a_hand_made_check_in_with_an_odd_value_is_refused(two_spaces, change):
    owner, box, fresh, fresh_box = two_spaces
    log(owner, box, datetime.date(2026, 5, 1), 3)
    data = exports.export(owner, box)
    data["check_ins"][0]["data"].update(change)
    with pytest.raises(RestoreRefused):
        exports.restore(fresh, fresh_box, data)
    assert not CheckIn.objects.filter(owner=fresh).exists()


def test_the_readable_copy_lists_each_day(two_spaces):
    owner, box, _fresh, _fresh_box = two_spaces
    demo.seed(owner, box, today=datetime.date(2026, 6, 30))
    out = Writer()
    exports.readable(out, exports.export(owner, box))
    assert out.render().startswith(b"%PDF")
