"""The day count: no contact, low contact with allowed ways, a kind restart, the longest stretch."""

import datetime

import pytest
import time_machine

from nocontact import actions
from nocontact.counter import count
from nocontact.models import Steady
from tests.steps import get_ok, post_ok

TODAY = datetime.date(2026, 6, 30)


def day(n: int) -> str:
    """n days before TODAY, as stored."""
    return (TODAY - datetime.timedelta(days=n)).isoformat()


def test_no_contact_counts_from_the_start_day_as_day_one():
    assert count({"mode": "none", "start": day(0)}, [], TODAY).day == 1
    shown = count({"mode": "none", "start": day(9)}, [], TODAY)
    assert (shown.day, shown.longest, shown.restarted) == (10, 10, False)


def test_a_contact_starts_the_count_again_and_the_stretch_before_is_remembered():
    contacts = [{"on": day(4), "how": "message"}]
    shown = count({"mode": "none", "start": day(20)}, contacts, TODAY)
    assert shown.day == 5  # the contact's day was day 1 again
    assert shown.longest == 16  # the 16 days before it
    assert shown.restarted
    assert shown.since == TODAY - datetime.timedelta(days=4)


def test_low_contact_through_an_allowed_way_keeps_the_count_going():
    counter = {"mode": "low", "start": day(20), "allowed": ["app", "email"]}
    assert count(counter, [{"on": day(3), "how": "app"}], TODAY).day == 21
    assert count(counter, [{"on": day(3), "how": "call"}], TODAY).day == 4


def test_the_same_way_counts_under_no_contact():
    counter = {"mode": "none", "start": day(20), "allowed": ["app"]}
    assert count(counter, [{"on": day(3), "how": "app"}], TODAY).day == 4


def test_the_longest_of_several_stretches_is_kept():
    contacts = [{"on": day(30), "how": "call"}, {"on": day(5), "how": "person"}]
    shown = count({"mode": "none", "start": day(40)}, contacts, TODAY)
    assert (shown.day, shown.longest) == (6, 25)


def test_contacts_before_the_start_or_on_the_same_day_twice_change_nothing_odd():
    contacts = [{"on": day(50), "how": "call"}, {"on": day(2), "how": "call"}, {"on": day(2)}]
    shown = count({"mode": "none", "start": day(10)}, contacts, TODAY)
    assert (shown.day, shown.longest) == (3, 8)


def test_without_a_start_there_is_no_count():
    assert not count({}, [{"on": day(1), "how": "call"}], TODAY).started


@pytest.mark.django_db
def test_the_longest_stretch_survives_a_new_start_date(owner_dek):
    user, dek = owner_dek
    from vault.box import Box

    box = Box(dek)
    with time_machine.travel(datetime.datetime(2026, 6, 30, 12), tick=False):
        actions.save_counter(user, box, {"mode": "none", "start": TODAY - datetime.timedelta(30)})
        actions.save_counter(user, box, {"mode": "none", "start": TODAY})
        shown = actions.current_count(user, box)
    assert (shown.day, shown.longest) == (1, 31)


# ---- Through the pages ------------------------------------------------------


pages = pytest.mark.django_db


def start(client, days_ago: int, **more):
    begun = (datetime.date.today() - datetime.timedelta(days=days_ago)).isoformat()
    data = {"start": begun, "mode": "none", "allowed_note": "", "name": "", **more}
    return post_ok(client, "/steady/settings/", data, then="/steady/", says="Your longest stretch")


def note(client, how: str, **more):
    data = {"on": datetime.date.today().isoformat(), "how": how, "note": "", **more}
    return client.post("/steady/log/", data)


@pages
def test_a_person_starts_counting_and_sees_the_day_on_the_page_and_the_card(owner_client):
    get_ok(owner_client, "/home/", says=["Days without contact", "Start counting", "Tempted?"])
    start(owner_client, 11)
    get_ok(owner_client, "/steady/", says=['<span class="steady-number">12</span> days'])
    get_ok(owner_client, "/home/", says=['<span class="steady-number">12</span>'])


@pages
def test_a_noted_contact_says_day_one_again_kindly_and_keeps_the_longest(owner_client):
    start(owner_client, 11)
    response = note(owner_client, "message", who="them", felt="pulled", note="They wrote first")
    assert response.status_code == 302
    page = get_ok(owner_client, "/steady/", says=["Day 1 again", "Your longest stretch: 11 days."])
    assert "They wrote first" in page.content.decode()
    assert "Pulled back in" in page.content.decode()


@pages
def test_low_contact_through_the_app_is_noted_and_the_count_goes_on(owner_client):
    start(owner_client, 4, mode="low", allowed=["app"], allowed_note="Only about pick-ups")
    response = note(owner_client, "app")
    assert response.status_code == 302
    page = owner_client.get("/steady/")
    body = page.content.decode()
    assert "within what you allow, so your count goes on" in body
    assert '<span class="steady-number">5</span>' in body
    assert "Only about pick-ups" in body and "A co-parenting app" in body


@pages
def test_low_contact_without_anything_allowed_is_explained_and_kept(owner_client):
    data = {"start": "2026-01-05", "mode": "low", "allowed_note": "kids only", "name": ""}
    page = post_ok(owner_client, "/steady/settings/", data, says="Tick at least one way")
    assert 'value="kids only"' in page.content.decode()
    assert not Steady.objects.exists()


@pages
def test_a_date_still_to_come_is_refused_kindly(owner_client):
    ahead = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    page = post_ok(
        owner_client,
        "/steady/log/",
        {"on": ahead, "how": "call", "note": "what I noticed"},
        says=["This date is still to come", "what I noticed"],
    )
    assert page.status_code == 200


@pages
def test_a_contact_with_no_way_chosen_keeps_the_note(owner_client):
    page = post_ok(
        owner_client,
        "/steady/log/",
        {"on": datetime.date.today().isoformat(), "note": "kept words"},
        says=["Choose how it happened", "kept words"],
    )
    assert page.status_code == 200


@pages
def test_an_own_name_replaces_our_words_on_the_card(owner_client):
    start(owner_client, 2, name="Quiet days")
    body = get_ok(owner_client, "/home/").content.decode()
    assert "Quiet days" in body and "Days without contact" not in body
    assert "Pause" in body and "Tempted?" not in body.split('class="card steady-card"')[1]


@pages
def test_another_member_cannot_remove_someone_elses_contact(owner_client, other_client):
    start(owner_client, 3)
    note(owner_client, "call")
    from tests.steps import ids_in

    [contact_id] = ids_in(owner_client.get("/steady/"), r"/steady/log/([0-9a-f-]{36})/remove/")
    assert other_client.get(f"/steady/log/{contact_id}/remove/").status_code == 404
    assert other_client.post(f"/steady/log/{contact_id}/remove/").status_code == 404
    assert contact_id in owner_client.get("/steady/").content.decode()
