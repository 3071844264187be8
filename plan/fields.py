"""Small form pieces the safety plan and the exit plan share.

Lists of rows work without JavaScript: the page shows a few empty rows and a
hidden count; "Add more rows" is a submit button that sends everything typed
so far and gets the same page back with more rows.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping

from django import forms
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from plan.safety_content import ADD_ROWS, BLANK_ROWS, MAX_ROWS, MIN_ROWS

TOO_LONG = _(
    "This is a little long (%(show_value)d characters). "
    "Could you shorten it to %(limit_value)d or fewer?"
)


def text(label, max_length: int = 200, *, area: bool = False, rows: int = 3, help_text=""):
    # dir="auto": words typed in Arabic or Hebrew read right to left as they're typed.
    # spellcheck="false": Chrome's enhanced spellcheck sends the text to a remote service.
    attrs = {"autocomplete": "off", "spellcheck": "false", "dir": "auto"}
    if area:
        attrs.update(rows=str(rows))
        widget: forms.Widget = forms.Textarea(attrs=attrs)
    else:
        widget = forms.TextInput(attrs=attrs)
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=False,
        widget=widget,
        help_text=help_text,
        error_messages={"max_length": TOO_LONG},
    )


def tick(label):
    return forms.BooleanField(label=label, required=False)


def row_count(source: Mapping, prefix: str, more: str | None) -> int:
    """How many rows of the `prefix` list to show for this request."""
    try:
        count = int(source.get(f"{prefix}-rows") or 0)
    except (TypeError, ValueError):
        count = 0
    # Rows that already hold something always show, even if the count was lost.
    pattern = re.compile(rf"^{re.escape(prefix)}-(\d+)-")
    for name in source:
        found = pattern.match(name)
        if found and source.get(name):
            count = max(count, int(found.group(1)) + 1)
    count = max(count, MIN_ROWS)
    if more == prefix:
        count += ADD_ROWS
    return min(count, MAX_ROWS)


def rows_for_saved(saved: int) -> int:
    return min(max(saved + BLANK_ROWS, MIN_ROWS), MAX_ROWS)


def flat(post: Mapping[str, str]) -> dict[str, str]:
    """A posted form as `initial` for the same form (last value wins, like a bound form)."""
    return {name: post[name] for name in post if name != "csrfmiddlewaretoken"}


# ---- Dates -----------------------------------------------------------------

ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
DAY_FIRST = re.compile(r"^(\d{1,2})\s*[./-]\s*(\d{1,2})(?:\s*[./-]\s*(\d{2}|\d{4}))?$")


class KindDateField(forms.CharField):
    """An optional date. Browsers with a date picker send 2026-03-14; others
    may type 14/03/2026 or 14/03 (day first). Returns an ISO string or ""."""

    def __init__(self, label, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"type": "date", "autocomplete": "off", "spellcheck": "false"}),
        )
        kwargs.setdefault(
            "error_messages",
            {"max_length": _("That's longer than a date. Could you write it like 14/03/2026?")},
        )
        super().__init__(label=label, max_length=20, **kwargs)

    def clean(self, value):
        value = super().clean(value).strip()
        if not value:
            return ""
        return parse_kind_date(value).isoformat()


def parse_kind_date(value: str, today: datetime.date | None = None) -> datetime.date:
    today = today or datetime.date.today()
    iso = ISO_DATE.match(value)
    day_first = DAY_FIRST.match(value)
    if iso:
        year, month, day = (int(part) for part in iso.groups())
    elif day_first:
        day, month = int(day_first.group(1)), int(day_first.group(2))
        year_text = day_first.group(3)
        if year_text is None:
            year = today.year
        elif len(year_text) == 2:
            year = 2000 + int(year_text)
        else:
            year = int(year_text)
    else:
        raise forms.ValidationError(
            _(
                "We couldn't read that as a date. Could you write it as day/month/year, "
                "like 14/03/2026?"
            ),
            code="unreadable",
        )
    if not 1 <= month <= 12:
        raise forms.ValidationError(
            _(
                "A year only has 12 months. Could you check the month? Write the day "
                "first, like 14/03/2026."
            ),
            code="month",
        )
    if not 1900 <= year <= 2200:
        raise forms.ValidationError(_("Could you check the year?"), code="year")
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        raise forms.ValidationError(
            _("That date isn't on the calendar: %(month)s has no day %(day)s. Could you check it?"),
            code="no_such_day",
            params={"month": MONTHS[month], "day": day},
        ) from None
    if day_first and day_first.group(3) is None and date < today:
        # "14/03" typed in April means next March.
        try:
            date = date.replace(year=year + 1)
        except ValueError:  # 29 February
            pass
    return date
