"""Reading amounts the way people type them.

Accepted: 45, 12.50, 12,50, £12.50, 12.50 €, 1,200, 1,200.50, 1.200,50, 1 200.
A single comma followed by one or two digits is a decimal comma (12,50 is
twelve and a half); followed by three digits it groups thousands (1,200).
A single point is always a decimal point. No minus signs: money out goes in
its own list.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vault.forms import PRIVATE_INPUT

MAX_AMOUNT = Decimal("999999999.99")
CENT = Decimal("0.01")

_EDGES = re.compile(r"^[^\d.,-]+|[^\d.,]+$")
_SPACES = re.compile(r"[\s\u00a0\u202f'’]")

MESSAGES = {
    "invalid": _("Please write this as a number, like 45 or 12.50."),
    "negative": _(
        "Please leave out the minus sign. Money coming in and money going out each "
        "have their own list."
    ),
    "places": _("Please use no more than two digits after the point, like 12.50."),
    "too_big": _("That number is bigger than this planner can hold. Could you check it?"),
}


def parse_amount(raw: str) -> Decimal:
    text = _EDGES.sub("", _SPACES.sub("", raw or ""))
    if text.startswith("-"):
        raise ValidationError(MESSAGES["negative"], code="negative")
    if not re.fullmatch(r"[\d.,]*\d[\d.,]*", text):
        raise ValidationError(MESSAGES["invalid"], code="invalid")
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        grouping = "." if decimal_mark == "," else ","
        whole, _mark, fraction = text.rpartition(decimal_mark)
        if decimal_mark in whole or not re.fullmatch(rf"\d{{1,3}}(\{grouping}\d{{3}})*", whole):
            raise ValidationError(MESSAGES["invalid"], code="invalid")
        text = whole.replace(grouping, "") + "." + fraction
    elif "," in text:
        if re.fullmatch(r"\d*,\d{1,2}", text):
            text = text.replace(",", ".")
        elif re.fullmatch(r"\d{1,3}(,\d{3})+", text):
            text = text.replace(",", "")
        else:
            raise ValidationError(MESSAGES["invalid"], code="invalid")
    elif text.count(".") > 1:
        if not re.fullmatch(r"\d{1,3}(\.\d{3})+", text):
            raise ValidationError(MESSAGES["invalid"], code="invalid")
        text = text.replace(".", "")
    if text.startswith("."):
        text = "0" + text
    if text.endswith("."):
        text = text[:-1]
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValidationError(MESSAGES["invalid"], code="invalid") from None
    if value.as_tuple().exponent < -2 and value != value.quantize(CENT):
        raise ValidationError(MESSAGES["places"], code="places")
    if value > MAX_AMOUNT:
        raise ValidationError(MESSAGES["too_big"], code="too_big")
    return value.quantize(CENT)


def to_text(value: Decimal | None) -> str:
    """How an amount is stored in the sealed JSON ("12.50"); "" for none."""
    return "" if value is None else str(value.quantize(CENT))


def from_text(text: str | None) -> Decimal | None:
    try:
        return Decimal(text) if text else None
    except InvalidOperation:
        return None


class AmountField(forms.Field):
    """A text box (so "12,50" survives an error untouched) that cleans to Decimal."""

    MAX_TYPED = 30

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={**PRIVATE_INPUT, "inputmode": "decimal", "maxlength": str(self.MAX_TYPED)}
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        if len(text) > self.MAX_TYPED:
            raise ValidationError(MESSAGES["invalid"], code="invalid")
        return parse_amount(text)

    def prepare_value(self, value):
        return to_text(value) if isinstance(value, Decimal) else value
