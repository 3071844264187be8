"""The money plan in the person's export: out, into a new account, and back the same."""

import datetime
from decimal import Decimal

import pytest

from accounts.tests.export_checks import ids, round_trip, snapshot
from money import actions, exports
from money.models import MoneyPlan

pytestmark = pytest.mark.django_db
MODELS = [MoneyPlan]


def fill(owner, box):
    actions.save_budget(
        owner,
        box,
        "€",
        [{"label": "Pay", "amount": Decimal("1200")}],
        [{"label": "Rent", "amount": Decimal("700.50")}],
    )
    actions.save_fund_totals(owner, box, Decimal("500"), Decimal("20"))
    actions.add_deposit(owner, box, datetime.date(2025, 3, 1), Decimal("25"), "from the tips jar")
    actions.save_section(owner, box, "papers", {"id": {"status": "done", "where": "with Jo"}})


def test_the_money_plan_comes_back_the_same_in_a_new_space(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    fill(owner, box)
    round_trip(exports, owner, box, fresh, fresh_box)
    assert snapshot(fresh, fresh_box, MODELS) == snapshot(owner, box, MODELS)
    assert not ids(owner, MODELS) & ids(fresh, MODELS)
    fund = actions.Fund.from_data(actions.open_section(fresh, fresh_box, "fund"))
    assert fund.saved == Decimal("45.00") and fund.goal == Decimal("500.00")


def test_a_section_never_filled_in_stays_empty(two_spaces):
    owner, box, fresh, fresh_box = two_spaces
    fill(owner, box)
    data = round_trip(exports, owner, box, fresh, fresh_box)
    assert data["money_plan"]["steps"] is None
    assert bytes(MoneyPlan.objects.get(owner=fresh).steps) == b""
    assert actions.open_section(fresh, fresh_box, "steps") == {}
