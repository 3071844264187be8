import pytest
from django.test import Client

from vault.models import Draft

pytestmark = pytest.mark.django_db


def test_an_unsaved_reason_survives_leaving_the_page(owner_client):
    assert owner_client.post("/drafts/reason-new/", {"text": "half a thought"}).status_code == 204
    page = owner_client.get("/reasons/").content.decode()
    assert "half a thought" in page
    assert "We kept what you were writing" in page


def test_the_draft_is_sealed(owner_client):
    owner_client.post("/drafts/reason-new/", {"text": "sealed draft 9931"})
    assert b"9931" not in bytes(Draft.objects.get().data)


def test_saving_for_real_discards_the_draft(owner_client):
    owner_client.post("/drafts/reason-new/", {"text": "finished now"})
    owner_client.post("/reasons/", {"text": "finished now"})
    assert Draft.objects.count() == 0
    assert "We kept what you were writing" not in owner_client.get("/reasons/").content.decode()


def test_drafts_need_an_open_vault_and_a_sensible_key(owner_client):
    assert Client().post("/drafts/reason-new/", {"text": "x"}).status_code == 403
    assert owner_client.post("/drafts/..%2Fbad/", {"text": "x"}).status_code in (400, 404)
    owner_client.post("/lock/")
    assert owner_client.post("/drafts/reason-new/", {"text": "x"}).status_code == 403


def test_one_members_draft_is_invisible_to_another(owner_client, other_client):
    owner_client.post("/drafts/reason-new/", {"text": "only mine"})
    assert "only mine" not in other_client.get("/reasons/").content.decode()
