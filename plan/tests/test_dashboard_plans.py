import pytest

from plan.tests.helpers import save_whole_plan

pytestmark = pytest.mark.django_db


def test_a_new_dashboard_invites_starting_both_plans(owner_client):
    body = owner_client.get("/home/").content.decode()
    assert "Start your safety plan" in body
    assert "Look at the six steps" in body
    assert "Write your first reason" in body  # the reasons card is still there


def test_the_dashboard_counts_the_safety_checklist(owner_client):
    save_whole_plan(owner_client)
    body = owner_client.get("/home/").content.decode()
    assert "3 of 5 checklist items done" in body
    assert "(1 marked not for you)" in body
    assert 'href="/safety-plan/"' in body


def test_the_dashboard_shows_exit_plan_progress_in_words_and_as_a_bar(owner_client):
    ticks = {f"task-{key}-done": "on" for key in ("write_reasons", "name_boundary", "reread")}
    owner_client.post("/exit-plan/1/", {"own-rows": "3", **ticks})
    body = owner_client.get("/home/").content.decode()
    assert "3 of 24 tasks done" in body
    assert 'max="24" value="3"' in body
    assert 'href="/exit-plan/"' in body


def test_the_dashboard_counts_the_parts_filled_in(owner_client):
    owner_client.post("/safety-plan/places/", {"place-rows": "1", "place-0-name": "The library"})
    body = owner_client.get("/home/").content.decode()
    assert "1 of 7 parts filled in" in body
    save_whole_plan(owner_client)
    body = owner_client.get("/home/").content.decode()
    assert "7 of 7 parts filled in" in body
