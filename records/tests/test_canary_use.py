import pytest

from records.models import Incident, IncidentVersion
from records.tests.canary_use import use_everything
from tests.steps import sealed_columns

pytestmark = pytest.mark.django_db

CANARY = "CANARYREC"


def test_the_canary_walk_fills_every_box_and_keeps_it_sealed(owner, owner_client):
    use_everything(owner_client, CANARY)
    assert Incident.objects.filter(owner=owner).count() == 3
    assert IncidentVersion.objects.filter(owner=owner).count() == 4
    columns = sealed_columns("records")
    for name in ("Incident.body", "IncidentVersion.body"):
        assert columns[name] and all(CANARY.encode() not in value for value in columns[name])
