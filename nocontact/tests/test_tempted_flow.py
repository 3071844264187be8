"""The "I want to contact them" flow, one step per page, without JavaScript."""

import logging
import re

import pytest

from conftest import OWNER_NAME, OWNER_PASSPHRASE, signed_in_client
from nocontact import actions
from nocontact.steps import STEPS
from tests.steps import get_ok, post_ok
from vault.box import Box

pytestmark = pytest.mark.django_db

STEP = "/steady/pause/{}/"
HREF = re.compile(r'<nav class="steady-moves"[^>]*>\s*<a class="button" href="([^"]+)"')


def test_every_step_opens_and_leads_on_to_the_next_and_back(owner_client):
    page = get_ok(owner_client, "/steady/pause/", says=["Step 1 of 8", "Breathe for one minute"])
    assert 'href="/home/"' in page.content.decode()  # Back from the first step: home
    for index, step in enumerate(STEPS):
        page = get_ok(owner_client, STEP.format(step.slug), says=f"Step {index + 1} of 8")
        body = page.content.decode()
        after = STEPS[index + 1].slug if index + 1 < len(STEPS) else "done"
        assert HREF.search(body).group(1) == (
            STEP.format(after) if after != "done" else "/steady/pause/done/"
        )
        if index:
            assert f'href="{STEP.format(STEPS[index - 1].slug)}"' in body
    get_ok(owner_client, "/steady/pause/done/", says="You gave yourself a pause")


def test_breathing_works_as_plain_numbered_steps_without_javascript(owner_client):
    body = get_ok(owner_client, "/steady/pause/").content.decode()
    steps = re.search(r'<ol class="breathe-steps"[^>]*>(.*?)</ol>', body, re.S).group(1)
    assert steps.count("<li>") == 6
    assert "Breathe in slowly for 4" in steps
    # The paced timer waits hidden for the script; the script is a static file.
    assert 'data-breathe data-seconds="60" hidden' in body
    assert '<script src="/static/nocontact/breathe.js"></script>' in body


def test_an_unknown_step_is_not_found(owner_client):
    assert owner_client.get("/steady/pause/somewhere/").status_code == 404


def test_the_persons_reasons_from_their_plan_appear(owner_dek):
    user, dek = owner_dek
    from plan import actions as plan

    plan.add_reason(user, Box(dek), "I want quiet evenings again.")
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    get_ok(client, STEP.format("reasons"), says="I want quiet evenings again.")


def test_without_reasons_the_step_offers_to_write_one(owner_client):
    get_ok(owner_client, STEP.format("reasons"), says=["one line is enough", 'href="/reasons/"'])


def test_the_trusted_person_from_the_safety_plan_can_be_called(owner_dek):
    user, dek = owner_dek
    from plan import actions as plan

    plan.save_safety_plan(user, Box(dek), {"person": {"name": "Alex", "reach": "07700 900 321"}})
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    get_ok(client, STEP.format("call"), says=["Alex", 'href="tel:07700900321"'])


def test_the_circles_safe_person_appears_through_the_registry(owner_dek):
    user, dek = owner_dek
    from circle.tests.test_safe_person import add

    add(user, Box(dek), "Sam", "+44 7700 900123", for_tempted=True)
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    get_ok(client, STEP.format("call"), says=["Sam", 'href="tel:+447700900123"'])


def test_the_two_questions_and_gentle_notes_are_there(owner_client):
    get_ok(owner_client, STEP.format("questions"), says=["only the best of it", "comfort"])
    get_ok(owner_client, STEP.format("wait"), says=["Come back at", "start again from here"])


def test_the_lists_are_kept_for_next_time(owner_client):
    post_ok(
        owner_client,
        STEP.format("lists"),
        {"miss": "Sunday mornings\n\n  Being known ", "lived": "Walking on eggshells"},
        then=STEP.format("call"),
    )
    page = get_ok(owner_client, STEP.format("lists"), says="your lists from last time")
    assert "Sunday mornings\nBeing known</textarea>" in page.content.decode()


def test_writing_it_out_is_kept_here_sealed_when_there_is_no_journal(owner_dek, monkeypatch):
    from nocontact import links

    # A Haven without the journal room: no letter to lead to.
    monkeypatch.setattr(links, "journal_letter_url", lambda: "")
    user, dek = owner_dek
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    page = get_ok(client, STEP.format("write"))
    assert "in your journal" not in page.content.decode()
    post_ok(client, STEP.format("write"), {"text": "All of it."}, then=STEP.format("wait"))
    writings = actions.open_section(user, Box(dek), "urges")["writings"]
    assert [w["text"] for w in writings] == ["All of it."]
    post_ok(client, STEP.format("write"), {"text": ""}, says="nothing written yet")


def test_writing_it_out_leads_to_the_journals_letter_when_there_is_one(owner_client):
    page = get_ok(owner_client, STEP.format("write"), says='href="/journal/new/?mode=letter"')
    get_ok(owner_client, "/journal/new/?mode=letter", says="letter")
    assert "Or write it here" in page.content.decode()


def test_how_the_urge_passed_is_noted(owner_client):
    data = {"before": "8", "after": "3", "helped": ["breathe", "wait"], "note": "a walk"}
    post_ok(owner_client, STEP.format("log"), data, then="/steady/pause/done/")
    get_ok(owner_client, "/steady/", says="ridden out the pull once")


def test_an_empty_urge_log_asks_kindly(owner_client):
    post_ok(owner_client, STEP.format("log"), {"note": ""}, says="Nothing is filled in yet")


# ---- Crisis words -------------------------------------------------------------

WORDS = "I want to end my life tonight"


@pytest.mark.parametrize(
    "slug, data",
    [
        ("write", {"text": WORDS}),
        ("lists", {"miss": "Them", "lived": WORDS}),
        ("log", {"before": "9", "note": WORDS}),
    ],
)
def test_crisis_words_show_help_lines_beside_them_and_leave_nothing_else(
    owner_dek, caplog, slug, data
):
    owner, dek = owner_dek
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    session_before = set(client.session.keys())
    with caplog.at_level(logging.DEBUG):
        page = post_ok(client, STEP.format(slug), data, says=["sounds very heavy", WORDS])
    body = page.content.decode()
    assert 'class="call-now' in body
    assert "Go on to the next step" in body
    assert not [r for r in caplog.records if "end my life" in r.getMessage()]
    assert set(client.session.keys()) == session_before
    # Only what was written is kept, sealed: no mark of the check anywhere.
    kept = actions.open_all(owner, Box(dek))
    assert "crisis" not in repr(kept).lower()
    assert set(kept["urges"]) <= {"items", "writings"}


def test_ordinary_words_go_straight_on(owner_client):
    post_ok(owner_client, STEP.format("write"), {"text": "I miss them."}, then=STEP.format("wait"))


def test_with_the_help_turned_off_in_settings_the_words_go_straight_on(owner, owner_client):
    type(owner).objects.filter(pk=owner.pk).update(show_help_lines=False)
    post_ok(owner_client, STEP.format("write"), {"text": WORDS}, then=STEP.format("wait"))
