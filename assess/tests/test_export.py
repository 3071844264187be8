"""Kept checks and the reconciliation record in the person's export: out and back the same."""

import datetime

import pytest

from accounts.export_tables import RestoreRefused
from accounts.tests.export_checks import ids, round_trip, snapshot
from assess import actions, exports
from assess.models import Conditions, Observation, SavedCheck, Step
from assess.scoring import score_relationship
from assess.tests.helpers import SAFE, danger_answers, patterns

pytestmark = pytest.mark.django_db
MODELS = [SavedCheck, Observation, Step, Conditions]


def fill(owner, box):
    result = score_relationship("partner", patterns("sometimes", putdowns="often"), SAFE)
    check = actions.save_check(owner, box, SavedCheck.RELATIONSHIP, result.summary())
    # A check kept months ago keeps its date: it is part of the person's record.
    SavedCheck.objects.filter(pk=check.pk).update(
        created_at=datetime.datetime(2025, 3, 1, 9, 30, tzinfo=datetime.UTC)
    )
    actions.save_check(owner, box, SavedCheck.DANGER, {"answers": danger_answers("unsure")})
    actions.add_observation(
        owner,
        box,
        {"on": "2026-11-20", "sign": "acknowledged", "status": "held", "note": "they named it"},
    )
    actions.add_step(
        owner, box, {"on": "2027-01-10", "text": "coffee, in public", "check": "on time"}
    )
    actions.save_conditions(owner, box, "weekly therapy\npublic places only", "my sister")


def test_every_check_and_note_comes_back_the_same_in_a_new_space(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    fill(owner, box)
    round_trip(exports, owner, box, fresh, fresh_box)
    assert snapshot(fresh, fresh_box, MODELS) == snapshot(owner, box, MODELS)
    assert not ids(owner, MODELS) & ids(fresh, MODELS)


def test_a_kept_check_keeps_its_kind_and_its_date(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    fill(owner, box)
    round_trip(exports, owner, box, fresh, fresh_box)
    kept = actions.open_checks(fresh, fresh_box, SavedCheck.RELATIONSHIP)
    assert len(kept) == 1
    assert kept[0][0].created_at.date() == datetime.date(2025, 3, 1)
    assert kept[0][1]["answers"]["putdowns"] == "often"
    assert len(actions.open_checks(fresh, fresh_box, SavedCheck.DANGER)) == 1


def test_the_reconciliation_timeline_reads_the_same_after_restoring(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    fill(owner, box)
    round_trip(exports, owner, box, fresh, fresh_box)
    ((_note, opened),) = actions.open_observations(fresh, fresh_box)
    assert opened["on"] == datetime.date(2026, 11, 20) and opened["note"] == "they named it"
    assert actions.open_conditions(fresh, fresh_box)["lines"] == [
        "weekly therapy",
        "public places only",
    ]


def test_a_timeline_note_without_a_real_date_is_refused(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    fill(owner, box)
    data = exports.export(owner, box)
    data["reconciliation_notes"][0]["data"]["on"] = "next tuesday"
    with pytest.raises(RestoreRefused):
        exports.restore(fresh, fresh_box, data)


def test_a_check_of_a_kind_this_haven_does_not_know_is_refused(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    fill(owner, box)
    data = exports.export(owner, box)
    data["saved_checks"][0]["kind"] = "horoscope"
    with pytest.raises(RestoreRefused):
        exports.restore(fresh, fresh_box, data)
