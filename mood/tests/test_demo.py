"""The demo member's months of check-ins bring the charts alive; a decoy's look ordinary."""

import datetime

import pytest
import time_machine

from mood import actions, demo
from tests.steps import get_ok

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def autumn():
    with time_machine.travel("2026-10-20 21:00", tick=False):
        yield


def test_the_demo_fills_months_of_days_and_something_to_notice(space):
    owner, box, client = space
    demo.seed(owner, box)
    year = get_ok(client, "/mood/year/").content.decode()
    logged = year.count('data-count="1"') + year.count('data-count="2"')
    assert 90 <= logged <= demo.DEMO_DAYS + 1, logged
    get_ok(client, "/mood/patterns/", says="On days you went outside, your mood was higher")
    get_ok(client, "/home/", says="Logged today")


def test_a_decoys_check_ins_say_nothing_about_safety_or_contact(space):
    owner, box, _client = space
    demo.seed_decoy(owner, box)
    entries = actions.open_days(owner, box, datetime.date(2026, 10, 1), datetime.date(2026, 10, 20))
    assert len(entries) >= 3
    assert all(e.safe == "" and "contact" not in e.tags and e.mood >= 3 for e in entries)
