"""What other rooms may ask of inspire, on purpose: a day's reminder as plain values.

Other apps call `reminder_for(day)` instead of reading inspire's models, so
the library's shape can change without them noticing. The day's page is
public (the reminder is the same for everyone), so its address may go in an
email.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.urls import reverse

from inspire import days


def reminder_for(day: datetime.date) -> dict | None:
    """The day's reminder, or None while the library is empty.

    {"day": date, "slug": str, "text": str, "theme": str (its label, in the
    active language), "path": "/today/2026-12-01/", "url": the same, absolute
    (HAVEN_SITE_URL)}. The page answers once the day has come.
    """
    reminder = days.reminder_for(day)
    if reminder is None:
        return None
    path = reverse("inspire:day", args=[day])
    return {
        "day": day,
        "slug": reminder.slug,
        "text": reminder.text,
        "theme": str(reminder.get_theme_display()),
        "path": path,
        "url": settings.HAVEN_SITE_URL.rstrip("/") + path,
    }
