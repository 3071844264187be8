import re

import pytest

from money.models import MoneyPlan
from money.tests.helpers import budget_data

pytestmark = pytest.mark.django_db


def deposit(client, amount, note="", date="2025-03-01"):
    return client.post(
        "/money/emergency-fund/",
        {"action": "deposit", "deposit-date": date, "deposit-amount": amount, "deposit-note": note},
    )


def test_progress_shows_how_much_is_saved_toward_the_goal(owner_client):
    owner_client.post("/money/budget/", budget_data(income=[("Pay", "10")], currency="£"))
    owner_client.post("/money/emergency-fund/", {"action": "totals", "goal": "500", "saved": "120"})
    body = owner_client.get("/money/emergency-fund/").content.decode()
    assert "£120 of £500 saved" in body
    assert '<progress class="fund-progress" max="500.00" value="120.00"' in body
    assert "£380 to go." in body
    assert "£120 of £500 saved" in owner_client.get("/money/").content.decode()


def test_without_a_goal_the_page_invites_one_gently(owner_client):
    body = owner_client.get("/money/emergency-fund/").content.decode()
    assert "Any amount is a start" in body
    assert "<progress" not in body


def test_deposits_add_to_the_total_and_are_listed(owner_client):
    owner_client.post("/money/emergency-fund/", {"action": "totals", "goal": "100", "saved": "10"})
    assert deposit(owner_client, "12,50", "birthday money").status_code == 302
    deposit(owner_client, "5", date="2025-04-02")
    body = owner_client.get("/money/emergency-fund/").content.decode()
    assert "27.50 of 100 saved" in body
    assert "birthday money" in body
    assert body.index("2 Apr 2025") < body.index("1 Mar 2025")  # newest first


def test_reaching_the_goal_is_noticed(owner_client):
    owner_client.post("/money/emergency-fund/", {"action": "totals", "goal": "50", "saved": "40"})
    deposit(owner_client, "15")
    body = owner_client.get("/money/emergency-fund/").content.decode()
    assert "55 of 50 saved" in body
    assert "reached your goal. That took patience and care." in body
    assert 'max="50.00" value="50.00"' in body


def test_a_deposit_that_cannot_be_read_keeps_the_note(owner_client):
    response = deposit(owner_client, "a tenner", "from the jar")
    body = response.content.decode()
    assert "Please write this as a number" in body
    assert 'value="a tenner"' in body
    assert 'value="from the jar"' in body
    assert not MoneyPlan.objects.exists()


def test_a_zero_deposit_is_refused_kindly(owner_client):
    body = deposit(owner_client, "0").content.decode()
    assert "Please write an amount above zero." in body


def test_removing_a_deposit_asks_first_then_lowers_the_total(owner_client):
    owner_client.post("/money/emergency-fund/", {"action": "totals", "goal": "100", "saved": "0"})
    deposit(owner_client, "30", "mistake")
    page = owner_client.get("/money/emergency-fund/").content.decode()
    deposit_id = re.search(r"/money/emergency-fund/([0-9a-f-]{36})/remove/", page).group(1)
    confirm = owner_client.get(f"/money/emergency-fund/{deposit_id}/remove/").content.decode()
    assert "Remove this entry?" in confirm
    assert "mistake" in confirm
    owner_client.post(f"/money/emergency-fund/{deposit_id}/remove/")
    body = owner_client.get("/money/emergency-fund/").content.decode()
    assert "0 of 100 saved" in body
    assert "mistake" not in body


def test_another_member_cannot_reach_my_deposits(owner_client, other_client):
    deposit(owner_client, "30", "mine")
    page = owner_client.get("/money/emergency-fund/").content.decode()
    deposit_id = re.search(r"/money/emergency-fund/([0-9a-f-]{36})/remove/", page).group(1)
    url = f"/money/emergency-fund/{deposit_id}/remove/"
    assert other_client.get(url).status_code == 404
    assert other_client.post(url).status_code == 404
    assert "mine" not in other_client.get("/money/emergency-fund/").content.decode()
    assert "mine" in owner_client.get("/money/emergency-fund/").content.decode()


def test_the_fund_is_sealed(owner_client):
    owner_client.post("/money/emergency-fund/", {"action": "totals", "goal": "4321", "saved": "0"})
    deposit(owner_client, "17", "hidden in the blue tin")
    stored = bytes(MoneyPlan.objects.get().fund)
    assert b"4321" not in stored
    assert b"blue tin" not in stored


def test_a_date_that_cannot_be_read_gets_the_one_date_wording_and_keeps_the_rest(owner_client):
    body = deposit(owner_client, "12,50", "from the jar", date="sometime").content.decode()
    assert "Please check this date. Choose it from the calendar" in body
    assert 'value="sometime"' in body
    assert 'value="12,50"' in body and 'value="from the jar"' in body
    assert not MoneyPlan.objects.exists()


def test_a_day_first_date_is_understood(owner_client):
    assert deposit(owner_client, "5", date="02/04/2025").status_code == 302
    assert "2 Apr 2025" in owner_client.get("/money/emergency-fund/").content.decode()
