import pytest

from money.content import PAPERS
from money.models import MoneyPlan

pytestmark = pytest.mark.django_db


def papers_data(**overrides):
    data = {}
    for item in PAPERS:
        data[f"{item.key}-status"] = "not-yet"
        data[f"{item.key}-where"] = ""
    data.update(overrides)
    return data


def test_the_checklist_lists_every_document_as_a_radio_group(owner_client):
    body = owner_client.get("/money/paperwork/").content.decode()
    for title in ("ID", "Bank statements", "Lease or mortgage", "Legal papers", "Pay slips"):
        assert f"<legend>{title}</legend>" in body
    for title in ("Benefits letters", "Tax records", "Debts", "Insurance"):
        assert f"<legend>{title}</legend>" in body
    assert "<legend>Children&#x27;s documents</legend>" in body
    assert 'name="id-status" value="not-yet" id="id_id-status_1" checked' in body
    assert "0 of 11 ready." in body


def test_statuses_and_hiding_places_are_saved(owner_client):
    response = owner_client.post(
        "/money/paperwork/",
        papers_data(
            **{
                "id-status": "done",
                "id-where": "with Aunt May",
                "children-status": "not-for-me",
                "bank-status": "done",
            }
        ),
    )
    assert response.status_code == 302
    body = owner_client.get("/money/paperwork/").content.decode()
    assert 'value="done" id="id_id-status_0" checked' in body
    assert 'value="not-for-me" id="id_children-status_2" checked' in body
    assert 'value="with Aunt May"' in body
    # "Not for me" doesn't count against anyone.
    assert "2 of 10 ready." in body
    assert "2 of 10 ready." in owner_client.get("/money/").content.decode()


def test_a_too_long_note_keeps_every_answer(owner_client):
    response = owner_client.post(
        "/money/paperwork/",
        papers_data(**{"tax-status": "done", "tax-where": "x" * 400, "id-where": "drawer"}),
    )
    body = response.content.decode()
    assert "Could you shorten this a little?" in body
    assert 'value="done" id="id_tax-status_0" checked' in body
    assert 'value="drawer"' in body
    assert not MoneyPlan.objects.exists()


def test_the_checklist_is_sealed(owner_client):
    owner_client.post("/money/paperwork/", papers_data(**{"legal-where": "locker 5519"}))
    assert b"5519" not in bytes(MoneyPlan.objects.get().papers)


def test_an_unfinished_checklist_is_kept_as_a_draft(owner_client):
    owner_client.post("/drafts/money-papers/", {"pay-status": "done", "pay-where": "work locker"})
    body = owner_client.get("/money/paperwork/").content.decode()
    assert "We kept what you were writing last time." in body
    assert 'value="done" id="id_pay-status_0" checked' in body
    assert 'value="work locker"' in body
    owner_client.post("/money/paperwork/", papers_data())
    assert "work locker" not in owner_client.get("/money/paperwork/").content.decode()
