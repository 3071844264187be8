"""The step helpers every canary walk stands on fail loudly, naming the step,
whenever a request did not do what it was for."""

import pytest
from django.http import HttpResponse

from tests.steps import get_ok, keep_draft, page_form, post_ok

FORM = """<!doctype html><html><body>
<form method="post" action="/lock/"><button type="submit">Lock</button></form>
<form method="post" data-draft="sample" novalidate>
  <input type="hidden" name="form" value="sample">
  <input name="title" maxlength="14">
  <textarea name="story">kept from before</textarea>
  <input type="date" name="on">
  <input name="amount" inputmode="decimal">
  <input type="checkbox" name="packed">
  <input type="radio" name="mood" value="calm"><input type="radio" name="mood" value="tense">
  <select name="where"><option value="">Choose</option><option value="home">Home</option>
    <option value="work">Work</option></select>
  <button type="submit" name="more" value="rows">More rows</button>
</form></body></html>"""


def sample_page() -> HttpResponse:
    response = HttpResponse(FORM)
    response.request = {"PATH_INFO": "/sample/"}
    return response


def test_a_form_is_filled_as_a_person_would_with_the_canary_in_every_text_box():
    form = page_form(sample_page(), draft="sample")
    filled = form.filled("CANARY1", choose={"mood": "tense"})

    assert filled.draft_key == "sample"
    assert filled.typed == {"title": "CANARY1 title", "story": "CANARY1 story"}
    assert filled.data["form"] == "sample"  # hidden values travel as they are
    assert filled.data["amount"] == "25"
    assert filled.data["packed"] == "on"
    assert filled.data["mood"] == "tense"
    assert filled.data["where"] == "home"
    assert "more" not in filled.data  # a button counts only when pressed
    assert form.written()["story"] == "kept from before"


def test_a_box_too_short_for_the_canary_stops_the_walk():
    form = page_form(sample_page(), with_field="title")
    with pytest.raises(AssertionError, match="title takes 14 characters"):
        form.filled("A-VERY-LONG-CANARY")


def test_a_choice_the_page_does_not_offer_stops_the_walk():
    form = page_form(sample_page(), with_field="mood")
    with pytest.raises(AssertionError, match="mood offers"):
        form.filled("CANARY1", choose={"mood": "furious"})


def test_a_step_sent_to_sign_in_fails_and_names_the_step(stranger_client):
    with pytest.raises(AssertionError, match=r"GET /reasons/: it was sent to sign in"):
        get_ok(stranger_client, "/reasons/")


def test_a_step_sent_to_unlock_fails_and_names_the_step(owner_client):
    owner_client.post("/lock/")
    with pytest.raises(AssertionError, match=r"GET /safety-plan/: it was sent to unlock"):
        get_ok(owner_client, "/safety-plan/")


def test_a_save_refused_because_the_vault_locked_fails(owner_client):
    owner_client.post("/lock/")
    with pytest.raises(AssertionError, match=r"saving a reason: answered 403"):
        post_ok(
            owner_client, "/reasons/", {"text": "words"}, then="/reasons/", step="saving a reason"
        )


def test_a_kind_error_is_not_taken_for_a_save(owner_client):
    with pytest.raises(AssertionError, match=r"POST /reasons/: answered 200, not a redirect"):
        post_ok(owner_client, "/reasons/", {"text": ""}, then="/reasons/")


def test_a_save_that_lands_somewhere_else_fails(owner_client):
    with pytest.raises(AssertionError, match="POST /reasons/"):
        post_ok(owner_client, "/reasons/", {"text": "words"}, then="/home/")
    with pytest.raises(AssertionError, match=r"not plan:home"):
        post_ok(owner_client, "/reasons/", {"text": "words"}, then="plan:home")


def test_a_page_missing_the_words_it_should_show_fails(owner_client):
    post_ok(
        owner_client, "/reasons/", {"text": "first words"}, then="/reasons/", says="first words"
    )
    with pytest.raises(AssertionError, match="GET /reasons/"):
        get_ok(owner_client, "/reasons/", says="words never written")


def test_a_draft_the_server_does_not_keep_fails(stranger_client):
    with pytest.raises(AssertionError, match="answered 403, not 204"):
        keep_draft(stranger_client, "reason-new", {"text": "words"})
