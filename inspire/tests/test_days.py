"""One reminder a day: the same for everyone, stable, cycling, never a future day."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.utils.html import escape
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from inspire import days
from inspire.models import Reminder

pytestmark = pytest.mark.django_db

D = datetime.date


def ordered() -> list[Reminder]:
    return list(Reminder.objects.order_by("position", "slug"))


def test_each_day_takes_the_next_reminder_and_the_list_starts_again(library):
    library_order = ordered()
    count = len(library_order)
    assert days.reminder_for(days.FIRST_DAY) == library_order[0]
    assert days.reminder_for(days.FIRST_DAY + datetime.timedelta(days=1)) == library_order[1]
    last = days.FIRST_DAY + datetime.timedelta(days=count - 1)
    assert days.reminder_for(last) == library_order[-1]
    # The day after the last one, the library starts again from the top.
    assert days.reminder_for(last + datetime.timedelta(days=1)) == library_order[0]
    year = [days.reminder_for(days.FIRST_DAY + datetime.timedelta(days=n)) for n in range(365)]
    assert len({r.slug for r in year}) == 365  # a whole year without a repeat


def test_the_day_decides_it_not_the_visitor_or_the_moment(library, owner_client):
    stranger = Client()
    with time_machine.travel("2026-06-15 00:05", tick=False):
        early = stranger.get("/today/")
    with time_machine.travel("2026-06-15 23:55", tick=False):
        late = stranger.get("/today/")
        member = owner_client.get("/today/")
    expected = days.reminder_for(D(2026, 6, 15)).text
    for page in (early, late, member):
        assertContains(page, f"<p>{escape(expected)}</p>")
    with time_machine.travel("2026-06-16 00:05", tick=False):
        assertNotContains(stranger.get("/today/"), f"<p>{escape(expected)}</p>")


def test_a_reminder_added_at_the_end_leaves_past_days_alone(library):
    # Within the first cycle, days keep their reminder when the library grows.
    before = {n: days.reminder_for(days.FIRST_DAY + datetime.timedelta(days=n)) for n in (0, 100)}
    Reminder.objects.create(slug="a-new-one", theme="rest", text="A new one.", position=10_000)
    for n, reminder in before.items():
        assert days.reminder_for(days.FIRST_DAY + datetime.timedelta(days=n)) == reminder


@time_machine.travel("2026-06-15 12:00", tick=False)
def test_a_past_day_has_its_own_page_linked_from_the_next(library):
    client = Client()
    today = client.get("/today/")
    assertContains(today, 'href="/today/2026-06-14/" rel="prev"')
    past = client.get("/today/2026-06-14/")
    assertContains(past, days.reminder_for(D(2026, 6, 14)).slug)
    assertContains(past, 'href="/today/2026-06-13/" rel="prev"')
    assertContains(past, 'href="/today/" rel="next"')
    assertRedirects(client.get("/today/2026-06-15/"), "/today/")


@time_machine.travel("2026-06-15 12:00", tick=False)
@pytest.mark.parametrize(
    "path",
    ["/today/2026-06-16/", "/today/2027-01-01/", "/today/2025-12-31/", "/today/2026-02-30/"],
    ids=["tomorrow", "next-year", "before-the-first", "no-such-day"],
)
def test_days_to_come_and_days_that_never_were_are_not_found(library, path):
    assert Client().get(path).status_code == 404


@time_machine.travel("2026-01-01 12:00", tick=False)
def test_the_first_day_has_no_yesterday(library):
    page = Client().get("/today/")
    assertNotContains(page, 'rel="prev"')


@time_machine.travel("2026-03-15 12:00", tick=False)
def test_the_archive_lists_past_days_up_to_today_and_never_tomorrow(library):
    client = Client()
    first = client.get("/today/past/")
    assertContains(first, 'datetime="2026-03-15"')
    assertContains(first, 'datetime="2026-02-14"')  # thirty days a page
    assertNotContains(first, 'datetime="2026-02-13"')
    assertNotContains(first, 'datetime="2026-03-16"')
    assertContains(first, "Earlier days")
    second = client.get("/today/past/?page=2")
    assertContains(second, 'datetime="2026-02-13"')
    third = client.get("/today/past/?page=3")
    assertContains(third, 'datetime="2026-01-01"')
    assertNotContains(third, "Earlier days")
    assertNotContains(third, 'datetime="2025-12-31"')
    assert client.get("/today/past/?page=4").status_code == 404
    assertContains(client.get("/today/past/?page=nonsense"), 'datetime="2026-03-15"')


def test_an_empty_library_says_so_kindly():
    page = Client().get("/today/")
    assertContains(page, "no note here yet")
