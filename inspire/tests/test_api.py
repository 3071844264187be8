"""What other rooms may ask of inspire: the day's reminder as plain values, with its page."""

import datetime

import pytest
import time_machine
from django.test import Client, override_settings
from pytest_django.asserts import assertContains

from inspire import api, days
from inspire.models import Reminder

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 12, 1)


@override_settings(HAVEN_SITE_URL="https://haven.example/")
def test_the_days_reminder_comes_with_its_public_page(library):
    found = api.reminder_for(DAY)
    reminder = days.reminder_for(DAY)
    assert found == {
        "day": DAY,
        "slug": reminder.slug,
        "text": reminder.text,
        "theme": reminder.get_theme_display(),
        "path": "/today/2026-12-01/",
        "url": "https://haven.example/today/2026-12-01/",
    }
    # The page is there for anyone once the day has come, and stays.
    with time_machine.travel("2026-12-03 08:00 +0000", tick=False):
        assertContains(Client().get(found["path"]), reminder.text)


def test_an_empty_library_has_no_reminder_to_give():
    assert Reminder.objects.count() == 0
    assert api.reminder_for(DAY) is None
