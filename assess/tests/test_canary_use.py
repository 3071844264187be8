import pytest

from assess.models import Conditions, Observation, SavedCheck, Step
from assess.tests.canary_use import use_everything

pytestmark = pytest.mark.django_db

CANARY = "CANARYASSESS42"


def test_every_private_field_is_filled_and_shows_for_the_owner(owner_client):
    use_everything(owner_client, CANARY)
    assert SavedCheck.objects.filter(kind="relationship").count() == 1
    assert SavedCheck.objects.filter(kind="danger").count() == 1
    assert Observation.objects.count() == 2
    assert Step.objects.count() == Conditions.objects.count() == 1

    notes = owner_client.get("/check/reconciliation/").content.decode()
    assert f"{CANARY} edited" in notes
    assert f"{CANARY} 2" in notes
    assert f"{CANARY} unfinished note" in notes  # the draft, restored
    plan = owner_client.get("/check/reconciliation/if-you-go-ahead/").content.decode()
    for text in ("weekly therapy", "my sister", "step edited", "check edited", "unfinished"):
        assert f"{CANARY} {text}" in plan
    history = owner_client.get("/check/relationship/history/").content.decode()
    assert history.count('class="point"') == 1


def test_nothing_typed_is_readable_in_the_stored_rows(owner_client):
    use_everything(owner_client, CANARY)
    blobs = [bytes(c.data) for c in SavedCheck.objects.all()]
    blobs += [bytes(o.data) for o in Observation.objects.all()]
    blobs += [bytes(s.data) for s in Step.objects.all()]
    record = Conditions.objects.get()
    blobs += [bytes(record.conditions), bytes(record.trusted_person)]
    assert all(blobs)
    for blob in blobs:
        assert CANARY.encode() not in blob
