import datetime
from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat

register = template.Library()


@register.filter
def money(value, currency=""):
    """12.5 with "£" -> "£12.50"; 120 -> "£120"; 1234 -> "£1,234"; "CHF" -> "CHF 120".

    The sign is the person's own text; the template escapes it as usual.
    """
    if value in (None, ""):
        return ""
    amount = floatformat(Decimal(value), "-2g")
    currency = (currency or "").strip()
    if not currency:
        return amount
    gap = " " if len(currency) > 1 and currency[-1].isalpha() else ""
    return f"{currency}{gap}{amount}"


@register.filter
def plain_number(value) -> str:
    """For machine attributes such as <progress value>: never localised."""
    return format(Decimal(value or 0), "f")


@register.filter
def as_date(value):
    """A stored ISO date ("2025-03-01") as a date, for the |date filter."""
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None
