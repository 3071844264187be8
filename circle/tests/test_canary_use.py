import pytest

from circle.models import Alert, Contact, Delivery
from circle.tests.canary_use import use_everything
from tests.steps import assert_sealed_and_filled

pytestmark = pytest.mark.django_db

CANARY = "CANARYCIRCLE4"


def test_the_canary_walk_fills_every_circle_field_and_keeps_it_sealed(owner, owner_client):
    use_everything(owner_client, CANARY)
    assert Contact.objects.filter(owner=owner).count() == 2
    assert Alert.objects.filter(owner=owner).count() == 1
    assert list(Delivery.objects.values_list("state", flat=True)) == ["sent"]
    assert_sealed_and_filled("circle", CANARY, owner)
