import pytest

from scripts.models import MyScript
from scripts.tests import canary_use

pytestmark = pytest.mark.django_db


def test_the_canary_walk_fills_my_scripts_and_keeps_them_sealed(owner_client):
    canary_use.use_everything(owner_client, "CANARYSCRIPTS42")
    body = owner_client.get("/scripts/mine/").content.decode()
    assert "CANARYSCRIPTS42 edited" in body
    assert "CANARYSCRIPTS42 my words" in body
    assert MyScript.objects.count() == 2
    for script in MyScript.objects.all():
        assert b"CANARYSCRIPTS42" not in bytes(script.content)
