"""Without an account, answers live only in the request: no rows, no session, no URL."""

import re

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session

from assess.tests.helpers import SAFE, danger_answers, patterns, take_check

pytestmark = pytest.mark.django_db


def row_counts():
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_an_anonymous_relationship_check_stores_nothing(client):
    before = row_counts()
    response = take_check(client, default="most", substances="yes")
    assert "What your answers show" in response.content.decode()
    assert row_counts() == before
    assert Session.objects.count() == 0
    assert "hv_s" not in client.cookies  # no session was started


def test_an_anonymous_danger_screen_stores_nothing(client):
    before = row_counts()
    response = client.post("/check/danger/", danger_answers("yes"))
    assert "The signs you said yes to" in response.content.decode()
    assert row_counts() == before
    assert "hv_s" not in client.cookies


def test_a_yes_to_a_safety_question_stores_nothing_either(client):
    before = row_counts()
    client.post(
        "/check/relationship/",
        {"step": "safety", "relationship": "partner", **SAFE, "hurt": "yes"},
        follow=True,
    )
    assert row_counts() == before
    assert "hv_s" not in client.cookies


def test_a_signed_in_person_who_does_not_press_save_leaves_nothing_behind(owner_client):
    before = row_counts()
    session_before = dict(owner_client.session)
    take_check(owner_client, default="often")
    owner_client.post("/check/danger/", danger_answers("unsure"))
    assert row_counts() == before
    assert dict(owner_client.session).keys() == session_before.keys()


def test_answers_never_travel_in_a_url(client):
    for path in ("/check/relationship/", "/check/danger/"):
        page = client.get(path).content.decode()
        forms = re.findall(r"<form[^>]*>", page)
        check_forms = [f for f in forms if "check-form" in f]
        assert check_forms and all('method="post"' in f for f in check_forms)
    response = take_check(client, doubt="most")
    assert response.status_code == 200  # shown at once, no redirect carrying answers
    response = client.get("/check/relationship/", {"doubt": "most", **patterns("most")})
    assert "Most of the time" not in response.content.decode().split("<main", 1)[1]


def test_anonymous_people_are_not_offered_a_save_button(client):
    page = take_check(client, default="often").content.decode()
    assert "Save this check" not in page
    assert "have not been stored anywhere" in page


def test_signed_in_people_with_an_open_space_are_offered_a_save_button(owner_client):
    page = take_check(owner_client, default="often").content.decode()
    assert "Save this check" in page
    assert 'action="/check/relationship/save/"' in page
