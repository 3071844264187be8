import pytest

from records.models import Evidence, Incident, IncidentVersion
from records.tests.canary_use import use_everything
from tests.steps import sealed_columns

pytestmark = pytest.mark.django_db

CANARY = "CANARYREC"


def test_the_canary_walk_fills_every_box_and_keeps_it_sealed(owner, owner_client):
    use_everything(owner_client, CANARY)
    assert Incident.objects.filter(owner=owner).count() == 3
    # Four entries and edits, then three for files: two added, one more, one removed.
    assert IncidentVersion.objects.filter(owner=owner).count() == 7
    assert Evidence.objects.filter(owner=owner).count() == 2
    columns = sealed_columns("records")
    for name in ("Incident.body", "IncidentVersion.body", "Evidence.meta"):
        assert columns[name] and all(CANARY.encode() not in value for value in columns[name])
