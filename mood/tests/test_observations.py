"""Plain observations: only with enough days on each side, in the right direction,
always with the line that they are not a diagnosis, and only from the person's own days."""

import datetime

import pytest
import time_machine
from pytest_django.asserts import assertContains, assertNotContains

from mood.tests.helpers import log
from tests.steps import get_ok

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def late_november():
    with time_machine.travel("2026-11-26 18:00", tick=False):
        yield


def days_back(n: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=n)


def outside_days(owner, box, *, outside: int, inside: int) -> None:
    """`outside` days out (moods 4, 5, 4, ...) and `inside` days in (3, 2, 3, ...)."""
    for n in range(outside):
        log(owner, box, days_back(n), 4 + n % 2, tags=["outside"])
    for n in range(inside):
        log(owner, box, days_back(outside + n), 3 - n % 2, tags=["rest"])


def test_days_outside_are_said_to_be_higher_with_the_numbers(space):
    owner, box, client = space
    outside_days(owner, box, outside=6, inside=5)
    page = get_ok(
        client,
        "/mood/patterns/",
        says="On days you went outside, your mood was higher on average (4.5 vs 2.6; 6 days vs 5).",
    )
    # The same days seen from the other side: resting days were the lower ones.
    assertContains(
        page,
        "On days you took time to rest, your mood was lower on average (2.6 vs 4.5; 5 days vs 6).",
    )
    assertContains(page, "This is not a diagnosis")


def test_nothing_is_said_with_fewer_than_five_days_on_a_side(space):
    owner, box, client = space
    outside_days(owner, box, outside=8, inside=4)
    page = get_ok(client, "/mood/patterns/", says="Nothing to compare yet")
    assertNotContains(page, "On days you")
    assertContains(page, "This is not a diagnosis")


def test_a_heavier_day_after_contact_is_said_plainly(space):
    owner, box, client = space
    for n in range(5):
        log(owner, box, days_back(n), 2, tags=["contact"], safe="mostly")
    for n in range(5, 12):
        log(owner, box, days_back(n), 4, safe="yes")
    page = get_ok(client, "/mood/patterns/")
    assertContains(
        page,
        "On days you had contact with them, your mood was lower on average "
        "(2.0 vs 4.0; 5 days vs 7).",
    )
    assertContains(
        page, "On days you felt safe, your mood was higher on average (4.0 vs 2.0; 7 days vs 5)."
    )


def test_a_small_difference_is_called_about_the_same(space):
    owner, box, client = space
    for n in range(6):
        log(owner, box, days_back(n), 3, own_tags=["Choir"])
    for n in range(6, 12):
        log(owner, box, days_back(n), 3 + (n == 6))
    get_ok(
        client,
        "/mood/patterns/",
        says="On days you noted “Choir”, your mood was about the same as on other days "
        "(3.0 vs 3.2; 6 days vs 6).",
    )


def test_another_members_days_never_count(space, other_member):
    owner, box, client = space
    from conftest import OTHER_NAME, OTHER_PASSPHRASE, signed_in_client

    outside_days(owner, box, outside=6, inside=6)
    other = signed_in_client(OTHER_NAME, OTHER_PASSPHRASE)
    page = get_ok(other, "/mood/patterns/", says="Nothing to compare yet")
    assertNotContains(page, "On days you")
