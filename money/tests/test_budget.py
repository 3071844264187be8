import pytest

from money.models import MoneyPlan
from money.tests.helpers import budget_data

pytestmark = pytest.mark.django_db


def test_the_budget_adds_up_what_comes_in_and_goes_out(owner_client):
    response = owner_client.post(
        "/money/budget/",
        budget_data(
            income=[("Pay", "1,200"), ("Child benefit", "150,50"), ("Odd jobs", "0.25")],
            expenses=[("Rent", "700.10"), ("Food", "45")],
        ),
    )
    assert response.status_code == 302
    body = owner_client.get("/money/budget/").content.decode()
    assert "<dt>Coming in</dt><dd>£1,350.75</dd>" in body
    assert "<dt>Going out</dt><dd>£745.10</dd>" in body
    assert "<dt>Left over</dt><dd>£605.65</dd>" in body
    assert "More is going out than coming in" not in body
    assert 'value="Child benefit"' in body


def test_the_money_overview_shows_the_same_totals(owner_client):
    owner_client.post("/money/budget/", budget_data(income=[("Pay", "100")], currency="€"))
    body = owner_client.get("/money/").content.decode()
    assert "<dt>Left over</dt><dd>€100</dd>" in body


def test_a_month_that_comes_up_short_gets_a_gentle_note(owner_client):
    owner_client.post(
        "/money/budget/",
        budget_data(income=[("Pay", "900")], expenses=[("Rent", "850"), ("Food", "200.50")]),
    )
    body = owner_client.get("/money/budget/").content.decode()
    assert "<dt>Short by</dt><dd>£150.50</dd>" in body
    assert "More is going out than coming in right now." in body
    assert "it is not a failing" in body
    assert '<a href="/help/">Find help near you</a>' in body


def test_an_amount_that_cannot_be_read_keeps_every_typed_row(owner_client):
    response = owner_client.post(
        "/money/budget/",
        budget_data(
            income=[("Pay", "1200"), ("Gift from Gran", "abc")],
            expenses=[("Rent", "700")],
            currency="kr",
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Please write this as a number, like 45 or 12.50." in body
    assert "Everything you typed is still here" in body
    for kept in ('value="Pay"', 'value="1200"', 'value="Gift from Gran"', 'value="abc"'):
        assert kept in body
    assert 'value="Rent"' in body and 'value="700"' in body
    assert 'value="kr"' in body
    assert not MoneyPlan.objects.exists()


def test_a_line_with_a_label_but_no_amount_asks_kindly(owner_client):
    response = owner_client.post("/money/budget/", budget_data(expenses=[("Phone", "")]))
    body = response.content.decode()
    assert "How much is this, roughly? A guess is fine." in body
    assert 'value="Phone"' in body


def test_add_more_rows_keeps_what_was_typed_and_adds_blank_lines(owner_client):
    response = owner_client.post(
        "/money/budget/",
        budget_data(
            income=[("Pay", "12,50")], expenses=[("Rent", "not sure")], more="expenses", blank=2
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="12,50"' in body  # exactly as typed
    assert 'value="not sure"' in body  # no error yet: the person is still typing
    assert "Please write this as a number" not in body
    assert 'name="expenses-rows" value="6"' in body
    assert 'name="expenses-5-label"' in body
    assert 'name="income-rows" value="3"' in body
    assert not MoneyPlan.objects.exists()
    # Kept as a draft, with the added lines, in case the page is left now.
    again = owner_client.get("/money/budget/").content.decode()
    assert 'value="not sure"' in again
    assert 'name="expenses-rows" value="6"' in again


def test_empty_lines_are_left_out_when_saving(owner_client):
    owner_client.post(
        "/money/budget/", budget_data(income=[("Pay", "100")], expenses=[("Bus", "20")], blank=3)
    )
    body = owner_client.get("/money/budget/").content.decode()
    # What was saved, plus three fresh blank lines each.
    assert 'name="income-rows" value="4"' in body
    assert 'name="expenses-rows" value="4"' in body


def test_the_budget_is_sealed(owner_client):
    owner_client.post(
        "/money/budget/",
        budget_data(income=[("Wages 7731", "1234.56")], currency="zł"),
    )
    stored = bytes(MoneyPlan.objects.get().budget)
    assert b"7731" not in stored
    assert b"1234" not in stored
    assert b"Wages" not in stored


def test_an_unfinished_budget_is_kept_as_a_draft(owner_client):
    owner_client.post("/drafts/money-budget/", budget_data(income=[("Half typed", "30")]))
    body = owner_client.get("/money/budget/").content.decode()
    assert 'value="Half typed"' in body
    assert "We kept what you were writing last time." in body
    owner_client.post("/money/budget/", budget_data(income=[("Pay", "30")]))
    assert "Half typed" not in owner_client.get("/money/budget/").content.decode()


def test_strangers_are_sent_to_sign_in(stranger_client):
    for url in ("/money/", "/money/budget/", "/money/emergency-fund/", "/money/paperwork/"):
        response = stranger_client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in/")
