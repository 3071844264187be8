import pytest

from plan.models import Reason

pytestmark = pytest.mark.django_db


def test_a_written_reason_shows_on_the_dashboard(owner_client):
    response = owner_client.post("/reasons/", {"text": "I want to sleep without fear."})
    assert response.status_code == 302
    home = owner_client.get("/home/")
    assert "I want to sleep without fear." in home.content.decode()


def test_the_reason_is_sealed_in_the_database(owner_client):
    owner_client.post("/reasons/", {"text": "a private reason 4471"})
    stored = bytes(Reason.objects.get().text)
    assert b"4471" not in stored
    assert b"private" not in stored


def test_an_empty_reason_is_refused_kindly(owner_client):
    response = owner_client.post("/reasons/", {"text": "   "})
    assert response.status_code == 200
    assert "Even a few words is enough" in response.content.decode()
    assert Reason.objects.count() == 0


def test_a_too_long_reason_keeps_what_was_typed(owner_client):
    text = "word " * 500
    response = owner_client.post("/reasons/", {"text": text})
    body = response.content.decode()
    assert "Could you split it into two?" in body
    assert "word word word" in body


def test_reasons_can_be_edited(owner_client):
    owner_client.post("/reasons/", {"text": "first draft"})
    reason = Reason.objects.get()
    owner_client.post(f"/reasons/{reason.pk}/edit/", {"text": "said better"})
    body = owner_client.get("/reasons/").content.decode()
    assert "said better" in body
    assert "first draft" not in body


def test_reasons_can_be_reordered(owner_client):
    for text in ("one", "two", "three"):
        owner_client.post("/reasons/", {"text": f"reason {text}"})
    third = Reason.objects.order_by("position")[2]
    owner_client.post(f"/reasons/{third.pk}/move/", {"direction": "up"})
    body = owner_client.get("/home/").content.decode()
    assert body.index("reason one") < body.index("reason three") < body.index("reason two")


def test_deleting_asks_first_and_then_removes(owner_client):
    owner_client.post("/reasons/", {"text": "to be removed"})
    reason = Reason.objects.get()
    confirm = owner_client.get(f"/reasons/{reason.pk}/delete/")
    assert "Remove this reason?" in confirm.content.decode()
    assert Reason.objects.count() == 1
    owner_client.post(f"/reasons/{reason.pk}/delete/")
    assert Reason.objects.count() == 0


def test_another_member_cannot_reach_my_reason(owner_client, other_client):
    owner_client.post("/reasons/", {"text": "mine alone"})
    reason = Reason.objects.get()
    for url in (f"/reasons/{reason.pk}/edit/", f"/reasons/{reason.pk}/delete/"):
        assert other_client.get(url).status_code == 404
    assert other_client.post(f"/reasons/{reason.pk}/delete/").status_code == 404
    assert Reason.objects.count() == 1
