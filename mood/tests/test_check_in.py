"""Checking in: one tap saves, the second screen adds the rest, both can be changed."""

import datetime
import re

import pytest
import time_machine
from pytest_django.asserts import assertContains, assertNotContains

from mood import actions
from mood.models import CheckIn
from tests.steps import created_id, get_ok, page_form, post_ok

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def wednesday():
    with time_machine.travel("2026-11-18 09:30", tick=False):
        yield


def chosen(form, name) -> list[str]:
    return [box.value for box in form.boxes if box.name == name and box.checked]


def test_one_tap_saves_the_mood_and_offers_the_details(owner, owner_client):
    page = get_ok(owner_client, "/mood/", says=["How I feel", "Very low", "Very good"])
    assert len(re.findall(r'name="mood" value="\d"', page.content.decode())) == 5

    saved = post_ok(
        owner_client, "/mood/check-in/", {"mood": "4"}, then="mood:details", says="Saved: Good."
    )
    assert CheckIn.objects.filter(owner=owner).count() == 1
    details = get_ok(owner_client, saved["Location"], says="A little more, if you like")
    form = page_form(details, with_field="note")
    assert form.written()["note"] == ""
    assert chosen(form, "mood") == ["4"]


def test_the_second_tap_adds_energy_sleep_safety_tags_and_a_note(space):
    owner, box, owner_client = space
    checkin_id = created_id(owner_client.post("/mood/check-in/", {"mood": "2"}))
    post_ok(
        owner_client,
        f"/mood/{checkin_id}/",
        {
            "mood": "3",
            "day": "2026-11-18",
            "energy": "2",
            "sleep": "6,5",
            "safe": "mostly",
            "tags": ["outside", "friend"],
            "own_tags": "choir, Choir, baking",
            "note": "Rain all day, then soup with Ana.",
        },
        then="/mood/week/2026/11/18/",
        says=[
            "Your check-in is saved.",
            "Okay",
            "6.5 hours",
            "Mostly",
            "Went outside, Saw or talked to a friend, choir, baking",
            "Rain all day, then soup with Ana.",
        ],
    )
    entry = actions.open_today(owner, box)[0]
    assert (entry.mood, entry.energy, entry.sleep, entry.safe) == (3, 2, 6.5, "mostly")
    assert entry.own_tags == ["choir", "baking"]


def test_a_mistake_keeps_everything_typed_with_a_kind_note(owner_client):
    checkin_id = created_id(owner_client.post("/mood/check-in/", {"mood": "5"}))
    page = owner_client.post(
        f"/mood/{checkin_id}/",
        {
            "mood": "5",
            "day": "2026-11-25",
            "sleep": "lots",
            "safe": "yes",
            "tags": ["moved"],
            "own_tags": "garden",
            "note": "Planted the bulbs at last.",
        },
    )
    assert page.status_code == 200
    assertContains(page, "That day hasn&#x27;t come yet")
    assertContains(page, "Hours as a number from 0 to 24")
    form = page_form(page, with_field="note")
    assert form.written()["note"] == "Planted the bulbs at last."
    assert form.written()["own_tags"] == "garden"
    assert [box.value for box in form.boxes if box.name == "sleep"] == ["lots"]
    assert chosen(form, "tags") == ["moved"]
    assert chosen(form, "safe") == ["yes"]


def test_a_day_more_than_a_month_back_is_refused_kindly(owner_client):
    checkin_id = created_id(owner_client.post("/mood/check-in/", {"mood": "3"}))
    page = owner_client.post(f"/mood/{checkin_id}/", {"mood": "3", "day": "2026-09-01"})
    assertContains(page, "up to a month before")


def test_a_tap_without_a_mood_says_so_and_saves_nothing(owner, owner_client):
    page = owner_client.post("/mood/check-in/", {"mood": "9"})
    assertContains(page, "Choose one of the five")
    assert not CheckIn.objects.filter(owner=owner).exists()


def test_several_check_ins_a_day_are_averaged(owner_client):
    for mood in ("2", "5"):
        owner_client.post("/mood/check-in/", {"mood": mood})
    page = get_ok(owner_client, "/mood/", says="2 check-ins; on average Good (3.5 of 5).")
    assertContains(page, "Very good")


def test_a_check_in_can_be_removed(owner, owner_client):
    checkin_id = created_id(owner_client.post("/mood/check-in/", {"mood": "1"}))
    get_ok(owner_client, f"/mood/{checkin_id}/delete/", says="Remove this check-in?")
    post_ok(owner_client, f"/mood/{checkin_id}/delete/", then="/mood/", says="check-in is removed")
    assert not CheckIn.objects.filter(owner=owner).exists()


def test_another_member_never_reaches_or_sees_a_check_in(owner_client, other_client):
    checkin_id = created_id(owner_client.post("/mood/check-in/", {"mood": "1"}))
    owner_client.post(
        f"/mood/{checkin_id}/", {"mood": "1", "day": "2026-11-18", "note": "OWNERS-OWN-WORDS"}
    )
    assert other_client.get(f"/mood/{checkin_id}/").status_code == 404
    assert other_client.post(f"/mood/{checkin_id}/delete/").status_code == 404
    assert other_client.post(f"/mood/{checkin_id}/", {"mood": "5"}).status_code == 404
    for path in ("/mood/", "/mood/week/", "/mood/month/", "/mood/year/", "/home/"):
        page = get_ok(other_client, path)
        assertNotContains(page, "OWNERS-OWN-WORDS")
        assertNotContains(page, 'data-level="1"')
    get_ok(owner_client, "/mood/week/", says="OWNERS-OWN-WORDS")


def test_the_dashboard_card_checks_in_with_one_tap(owner, owner_client):
    home = get_ok(owner_client, "/home/", says=["How I feel", "Not logged yet today"])
    assert len(re.findall(r'action="/mood/check-in/"', home.content.decode())) == 5
    post_ok(owner_client, "/mood/check-in/", {"mood": "4"}, then="mood:details")
    get_ok(owner_client, "/home/", says="Logged today: Good.")


def test_under_a_disguise_the_card_is_a_daily_log(owner_client):
    owner_client.cookies["hv_d"] = "notes"
    home = get_ok(owner_client, "/home/", says="Daily log")
    assertNotContains(home, "How I feel")


def test_a_whole_check_in_for_a_missed_day_on_one_page(space):
    owner, box, owner_client = space
    get_ok(owner_client, "/mood/", says="a day you missed")
    page = get_ok(owner_client, "/mood/new/", says="A check-in, with room for more")
    assertNotContains(page, "Remove this check-in")
    post_ok(
        owner_client,
        "/mood/new/",
        {"mood": "2", "day": "2026-11-16", "sleep": "5", "note": "A long Monday."},
        then="/mood/week/2026/11/16/",
        says=["Your check-in is saved.", "A long Monday."],
    )
    monday = datetime.date(2026, 11, 16)
    [entry] = actions.open_days(owner, box, monday, monday)
    assert (entry.mood, entry.sleep, entry.note) == (2, 5.0, "A long Monday.")


def test_the_whole_check_in_page_keeps_what_was_typed_on_a_mistake(owner, owner_client):
    page = owner_client.post("/mood/new/", {"day": "2026-11-16", "note": "Tired but fine."})
    assert page.status_code == 200
    form = page_form(page, with_field="note")
    assert form.written()["note"] == "Tired but fine."
    assert CheckIn.objects.filter(owner=owner).count() == 0
