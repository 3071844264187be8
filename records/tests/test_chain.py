"""The hash chain: each version linked to the one before, the head signed."""

import copy
import json

import pytest

from records import chain, signing
from records.models import Incident, IncidentVersion
from vault.box import Box

pytestmark = pytest.mark.django_db

FIRST = {"what": "He threw my phone against the wall.", "where": "kitchen", "tags": ["verbal"]}
EDIT = {**FIRST, "witnesses": "my sister, on the phone"}


@pytest.fixture
def box_and_incident(owner_dek):
    user, dek = owner_dek
    box = Box(dek)
    incident = chain.create(box, user, FIRST)
    chain.append(box, incident, EDIT)
    return box, incident


def test_an_entry_and_its_edit_keep_both_versions_in_order(box_and_incident):
    box, incident = box_and_incident
    history = chain.history(box, incident)
    assert [h["entry"] for h in history] == [FIRST, EDIT]
    assert incident.head_number == 2
    assert box.open_json(incident, "body") == EDIT
    versions = list(incident.versions.order_by("number"))
    assert versions[1].previous == versions[0].link
    assert versions[0].previous == ""


def test_an_untouched_chain_verifies_every_way(box_and_incident):
    box, incident = box_and_incident
    assert chain.verify_stored(incident) == []
    assert chain.verify_opened(box, incident) == []
    assert chain.verify_proof(chain.proof(box, incident)) == []


def test_no_hash_or_signature_carries_the_words(box_and_incident):
    _box, incident = box_and_incident
    for version in IncidentVersion.objects.filter(incident=incident):
        public = " ".join(
            [version.commitment, version.sealed_digest, version.link, version.previous]
        )
        assert "phone" not in public and "kitchen" not in public
        # Only the salted commitment could say anything, and it is not the bare hash.
        unsalted = chain.commitment(EDIT, "")
        assert unsalted != version.commitment


def test_one_byte_changed_in_the_stored_seal_is_found_and_named(box_and_incident):
    box, incident = box_and_incident
    version = IncidentVersion.objects.get(incident=incident, number=1)
    body = bytearray(bytes(version.body))
    body[-1] ^= 0x01
    IncidentVersion.objects.filter(pk=version.pk).update(body=bytes(body))
    problems = chain.verify_stored(incident)
    name = chain.short(incident.pk)
    assert problems == [f"entry {name}, version 1: its sealed words were changed"]


def test_a_moved_time_breaks_the_link_it_belongs_to(box_and_incident):
    _box, incident = box_and_incident
    version = IncidentVersion.objects.get(incident=incident, number=2)
    IncidentVersion.objects.filter(pk=version.pk).update(
        recorded_at=version.recorded_at.replace(year=version.recorded_at.year - 1)
    )
    problems = chain.verify_stored(incident)
    assert any("version 2: changed after it was recorded" in p for p in problems)


def test_a_dropped_last_version_is_noticed_by_the_signature(box_and_incident):
    _box, incident = box_and_incident
    IncidentVersion.objects.filter(incident=incident, number=2).delete()
    problems = chain.verify_stored(incident)
    assert any("newest version is not the one that was signed" in p for p in problems)


def test_a_head_moved_back_without_the_key_fails_the_signature(box_and_incident):
    _box, incident = box_and_incident
    first = IncidentVersion.objects.get(incident=incident, number=1)
    IncidentVersion.objects.filter(incident=incident, number=2).delete()
    Incident.objects.filter(pk=incident.pk).update(head_number=1, head_link=first.link)
    incident.refresh_from_db()
    assert chain.verify_stored(incident) == [
        f"entry {chain.short(incident.pk)}: the server's signature does not match"
    ]


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["versions"][0]["entry"].__setitem__("what", "Nothing happened."),
        lambda d: d["versions"][1]["entry"].__setitem__("witnesses", "nobody"),
        lambda d: d["versions"][1].__setitem__("recorded_at", "2020-01-01T00:00:00.000000+00:00"),
        lambda d: d["versions"].pop(),
        lambda d: d["head"].__setitem__("signature", d["head"]["signature"][:-4] + "AAA="),
        lambda d: d.__setitem__("id", "00000000-0000-0000-0000-000000000000"),
    ],
)
def test_any_change_to_an_exported_copy_fails_verification(box_and_incident, change):
    box, incident = box_and_incident
    data = chain.proof(box, incident)
    assert chain.verify_proof(copy.deepcopy(data)) == []
    changed = json.loads(json.dumps(data))
    change(changed)
    assert chain.verify_proof(changed) != []


def test_one_byte_changed_anywhere_in_the_exported_text_fails(box_and_incident):
    box, incident = box_and_incident
    text = json.dumps(chain.proof(box, incident), ensure_ascii=False)
    start = text.index("phone")
    flipped = text[:start] + "Phone" + text[start + 5 :]
    problems = chain.verify_proof(json.loads(flipped))
    assert problems and problems[0].startswith(f"entry {chain.short(incident.pk)}, version 1")


def test_a_copy_checks_against_the_keys_it_is_given(box_and_incident):
    box, incident = box_and_incident
    data = chain.proof(box, incident)
    assert chain.verify_proof(data, signing.public_keys()) == []
    other = {"t1": "A" * 43 + "="}
    assert chain.verify_proof(data, other) != []
    assert chain.verify_proof({"nothing": 1}) != []
