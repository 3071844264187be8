"""The log in the person's own export: out as signed proofs, back as rebuilt chains."""

import pytest

from accounts.export_tables import RestoreRefused
from accounts.tests.export_checks import round_trip
from records import chain, exports
from records.models import Incident

pytestmark = pytest.mark.django_db

FIRST = {"kind": "full", "date": "2026-03-14", "happened": "first words", "tags": ["verbal"]}
SECOND = {**FIRST, "witnesses": "Mina"}


def test_every_version_comes_back_in_a_chain_that_checks_out(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    incident = chain.create(box, owner, FIRST)
    chain.append(box, incident, SECOND)
    data = round_trip(exports, owner, box, fresh, fresh_box)
    assert chain.verify_proof(data["incidents"][0]["proof"], data["keys"]) == []
    restored = Incident.objects.get(owner=fresh)
    assert chain.verify_opened(fresh_box, restored) == []
    history = chain.history(fresh_box, restored)
    assert [h["entry"]["happened"] for h in history] == ["first words", "first words"]
    assert history[1]["entry"]["witnesses"] == "Mina"
    notes = [h["entry"]["restored"] for h in history]
    assert all(note["checked"] for note in notes)
    assert [n["recorded_at"] for n in notes] == [
        v["recorded_at"] for v in data["incidents"][0]["proof"]["versions"]
    ]
    assert restored.created_at == incident.created_at


def test_a_changed_export_still_comes_back_but_says_it_did_not_check_out(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    chain.create(box, owner, FIRST)
    data = exports.export(owner, box)
    data["incidents"][0]["proof"]["versions"][0]["entry"]["happened"] = "other words"
    exports.restore(fresh, fresh_box, data)
    entry = fresh_box.open_json(Incident.objects.get(owner=fresh), "body")
    assert entry["restored"]["checked"] is False


def test_a_shapeless_file_is_refused_and_nothing_is_written(two_spaces):
    _owner, _box, fresh, fresh_box = two_spaces
    for bad in (
        {"version": 1, "keys": {}, "incidents": [{"proof": {"versions": "x"}}]},
        {"version": 9, "keys": {}, "incidents": []},
        [],
    ):
        with pytest.raises(RestoreRefused):
            exports.restore(fresh, fresh_box, bad)
    assert Incident.objects.filter(owner=fresh).count() == 0
