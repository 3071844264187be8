import pytest

from money.content import ACCOUNT_STEPS
from money.models import MoneyPlan

pytestmark = pytest.mark.django_db


def test_the_steps_come_in_order_with_a_caution_about_shared_money(owner_client):
    body = owner_client.get("/money/separate-account/").content.decode()
    first = body.index("Find a bank or credit union")
    assert first < body.index("Use an address they can&#x27;t see.")
    assert "paperless statements" in body
    assert "Turn off notifications" in body
    assert "Before you change anything you share" in body
    assert "talk to a legal adviser first" in body
    assert "0 of 9 steps done." in body


def test_ticked_steps_and_notes_are_kept(owner_client):
    response = owner_client.post(
        "/money/separate-account/",
        {"find-bank-done": "on", "find-bank-note": "the credit union on High St", "pin-done": "on"},
    )
    assert response.status_code == 302
    body = owner_client.get("/money/separate-account/").content.decode()
    assert 'name="find-bank-done" id="id_find-bank-done" checked' in body
    assert 'name="pin-done" id="id_pin-done" checked' in body
    assert 'name="paperless-done" id="id_paperless-done">' in body
    assert 'value="the credit union on High St"' in body
    assert "2 of 9 steps done." in body


def test_unticking_a_step_is_saved_too(owner_client):
    owner_client.post("/money/separate-account/", {"pin-done": "on"})
    owner_client.post("/money/separate-account/", {})
    assert "0 of 9 steps done." in owner_client.get("/money/separate-account/").content.decode()


def test_a_too_long_note_keeps_the_ticks(owner_client):
    key = ACCOUNT_STEPS[1].key
    response = owner_client.post(
        "/money/separate-account/", {f"{key}-done": "on", f"{key}-note": "y" * 400}
    )
    body = response.content.decode()
    assert "Could you shorten this a little?" in body
    assert f'name="{key}-done" id="id_{key}-done" checked' in body


def test_an_unfinished_form_is_kept_as_a_draft(owner_client):
    owner_client.post("/money/separate-account/", {"pin-done": "on"})
    owner_client.post("/drafts/money-account/", {"paperless-note": "ask at the branch"})
    body = owner_client.get("/money/separate-account/").content.decode()
    assert 'value="ask at the branch"' in body
    assert 'name="pin-done" id="id_pin-done">' in body  # the draft is the form as it was left


def test_the_steps_are_sealed(owner_client):
    owner_client.post("/money/separate-account/", {"safe-address-note": "PO box 8842"})
    assert b"8842" not in bytes(MoneyPlan.objects.get().steps)
