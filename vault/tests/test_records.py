"""Sealed JSON documents carry their schema version and are upgraded when opened."""

import pytest

from vault.records import SealedJSONField


def add_contacts(document):
    return {**document, "contacts": []}


def name_to_label(document):
    rest = {key: value for key, value in document.items() if key != "name"}
    return {**rest, "label": document["name"]}


def test_a_document_written_before_versions_is_upgraded_from_version_one():
    field = SealedJSONField(version=3, upgrades={1: add_contacts, 2: name_to_label})
    assert field.unwrap({"name": "Sam"}) == {"label": "Sam", "contacts": []}


def test_a_stored_version_skips_the_steps_it_already_had():
    field = SealedJSONField(version=3, upgrades={1: add_contacts, 2: name_to_label})
    stored = {"$v": 2, "d": {"name": "Sam", "contacts": ["x"]}}
    assert field.unwrap(stored) == {"label": "Sam", "contacts": ["x"]}


def test_the_current_version_round_trips_unchanged():
    field = SealedJSONField(version=2, upgrades={1: add_contacts})
    document = {"contacts": [], "note": "kept"}
    assert field.unwrap(field.wrap(document)) == document


def test_a_version_without_its_upgrade_step_is_refused_at_start():
    with pytest.raises(ValueError, match="no upgrade step"):
        SealedJSONField(version=3, upgrades={1: add_contacts})
