"""Sealed fields are marked and listed; sealed JSON carries its schema version."""

import json

import pytest

from vault import crypto
from vault.box import Box
from vault.models import Draft
from vault.records import SealedField, SealedJSONField, all_sealed_fields


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


def test_an_old_document_that_only_resembles_a_versioned_one_is_read_as_it_was():
    field = SealedJSONField(version=2, upgrades={1: add_contacts})
    old = {"$v": 1, "d": "a note", "name": "Sam"}
    assert field.unwrap(old) == {**old, "contacts": []}
    assert field.unwrap({"$v": "1", "d": {"name": "Sam"}}) == {
        "$v": "1",
        "d": {"name": "Sam"},
        "contacts": [],
    }


def test_a_document_from_a_newer_haven_is_refused_without_showing_it():
    field = SealedJSONField(version=1)
    field.set_attributes_from_name("data")
    field.model = Draft
    with pytest.raises(ValueError) as refused:
        field.unwrap({"$v": 2, "d": {"text": "private words"}})
    assert "private words" not in str(refused.value)
    assert "vault.Draft.data" in str(refused.value)


def test_a_nullable_sealed_field_starts_as_null_and_a_required_one_as_empty_bytes():
    assert SealedField(null=True).get_default() is None
    assert SealedField().get_default() == b""


def test_migrations_record_only_choices_that_differ_from_a_sealed_fields_own():
    _name, path, _args, kwargs = SealedField(null=True).deconstruct()
    assert path == "vault.records.SealedField"
    assert kwargs == {"null": True}
    assert SealedField(server=True).deconstruct()[3] == {"server": True}
    assert SealedField(editable=True).deconstruct()[3] == {"editable": True}


@pytest.mark.django_db
def test_a_document_sealed_before_versions_opens_and_is_versioned_when_saved_again(owner):
    dek = crypto.random_key()
    box = Box(dek)
    draft = Draft.objects.create(owner=owner, key="reason-new")
    bare = json.dumps({"text": "half a thought"}, separators=(",", ":"))
    draft.data = crypto.seal(dek, bare.encode(), crypto.field_aad("vault.draft", "data", draft.pk))
    draft.save()
    assert box.open_json(draft, "data") == {"text": "half a thought"}

    draft.data = box.seal_json(draft, "data", box.open_json(draft, "data"))
    draft.save()
    draft.refresh_from_db()
    assert json.loads(box.open(draft, "data")) == {"$v": 1, "d": {"text": "half a thought"}}
    assert box.open_json(draft, "data") == {"text": "half a thought"}


def test_every_sealed_column_in_the_project_is_listed():
    listed = {(model._meta.label, field.name) for model, field in all_sealed_fields()}
    assert ("vault.Draft", "data") in listed
    assert ("accounts.User", "totp_secret") in listed
    assert not any(label == "vault.Keyring" for label, _name in listed)
