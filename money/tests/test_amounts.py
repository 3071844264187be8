from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from money.amounts import parse_amount


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("45", "45.00"),
        ("12.50", "12.50"),
        ("12,50", "12.50"),
        ("12,5", "12.50"),
        ("£12.50", "12.50"),
        ("12.50 €", "12.50"),
        ("1,200", "1200.00"),
        ("1,200.50", "1200.50"),
        ("1.200,50", "1200.50"),
        ("1 200", "1200.00"),
        ("1.200.000", "1200000.00"),
        (".5", "0.50"),
        ("0", "0.00"),
    ],
)
def test_amounts_are_read_the_way_people_write_them(typed, value):
    assert parse_amount(typed) == Decimal(value)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Please write this as a number"),
        ("12,50,3", "Please write this as a number"),
        ("1.2.3", "Please write this as a number"),
        ("-40", "Please leave out the minus sign"),
        ("12.505", "no more than two digits after the point"),
        ("99999999999", "bigger than this planner can hold"),
    ],
)
def test_amounts_that_cannot_be_read_get_a_kind_explanation(typed, message):
    with pytest.raises(ValidationError) as caught:
        parse_amount(typed)
    assert message in str(caught.value.messages[0])
