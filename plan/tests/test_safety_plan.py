import re

import pytest

from plan.models import SafetyPlan
from plan.tests.helpers import FULL_SAFETY_PLAN, form_values
from vault.models import Draft

pytestmark = pytest.mark.django_db


def test_every_section_of_the_plan_comes_back_after_saving(owner_client):
    response = owner_client.post("/safety-plan/", FULL_SAFETY_PLAN)
    assert response.status_code == 302
    page = owner_client.get(response["Location"])
    assert "Your safety plan is saved." in page.content.decode()
    shown = form_values(page)
    for name, value in FULL_SAFETY_PLAN.items():
        if name.endswith("-rows") or not value:
            continue
        assert shown.get(name) == value, name
    # Boxes left unticked stay unticked; the empty rows stay empty.
    assert "doc-bank-done" not in shown
    assert "ownbag-1-done" not in shown
    assert shown["place-2-name"] == ""


def test_a_saved_plan_always_offers_empty_rows_to_add_more(owner_client):
    owner_client.post("/safety-plan/", FULL_SAFETY_PLAN)
    shown = form_values(owner_client.get("/safety-plan/"))
    # Two places saved, so rows 3 and 4 wait empty.
    assert shown["place-rows"] == "4"
    assert shown["place-3-name"] == ""


def test_the_checklist_answers_can_change(owner_client):
    owner_client.post("/safety-plan/", FULL_SAFETY_PLAN)
    changed = dict(FULL_SAFETY_PLAN, **{"check-documents": "done"})
    owner_client.post("/safety-plan/", changed)
    assert form_values(owner_client.get("/safety-plan/"))["check-documents"] == "done"


def test_a_route_without_a_place_name_is_refused_kindly_and_keeps_everything(owner_client):
    posted = dict(FULL_SAFETY_PLAN, **{"place-2-route": "Left at the bakery, then straight on"})
    response = owner_client.post("/safety-plan/", posted)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Give this place a short name" in body
    shown = form_values(response)
    assert shown["place-2-route"] == "Left at the bakery, then straight on"
    assert shown["person-codeword"] == "pineapple"
    assert shown["check-places"] == "done"
    assert not SafetyPlan.objects.exists()


def test_a_number_without_digits_or_without_a_number_gets_a_kind_note(owner_client):
    posted = dict(
        FULL_SAFETY_PLAN,
        **{"number-1-number": "ask at the desk", "number-2-label": "Neighbour Ana"},
    )
    response = owner_client.post("/safety-plan/", posted)
    body = response.content.decode()
    assert "A phone number needs at least one digit" in body
    assert "Add the number too, or clear the name" in body
    shown = form_values(response)
    assert shown["number-1-number"] == "ask at the desk"
    assert shown["number-2-label"] == "Neighbour Ana"


def test_an_unnamed_own_item_that_is_ticked_asks_for_a_name(owner_client):
    posted = dict(FULL_SAFETY_PLAN, **{"ownbag-2-done": "on", "owndoc-1-where": "the shed"})
    body = owner_client.post("/safety-plan/", posted).content.decode()
    assert "What is this item? Add a name, or untick it." in body
    assert "What is this paper called?" in body


def test_a_very_long_note_is_refused_kindly_and_kept(owner_client):
    long_note = "so much to say " * 200
    posted = dict(FULL_SAFETY_PLAN, **{"check-phone-note": long_note})
    response = owner_client.post("/safety-plan/", posted)
    assert "Could you shorten it to 2000 or fewer?" in response.content.decode()
    assert form_values(response)["check-phone-note"] == long_note


def test_add_more_rows_without_javascript_keeps_every_word(owner_client):
    posted = dict(FULL_SAFETY_PLAN, more="place")
    posted["place-2-name"] = "Library"
    response = owner_client.post("/safety-plan/", posted)
    assert response.status_code == 200
    shown = form_values(response)
    assert shown["place-rows"] == "6"
    assert shown["place-5-name"] == ""
    assert shown["place-2-name"] == "Library"
    assert shown["person-name"] == "Jo"
    assert shown["doc-id-done"] == "on"
    assert shown["check-accounts"] == "not_for_me"
    body = response.content.decode()
    assert "More rows are ready below" in body
    assert "Something needs a small change" not in body
    assert not SafetyPlan.objects.exists()  # nothing saved until the person chooses Save


def test_rows_typed_before_adding_more_survive_leaving_the_page(owner_client):
    posted = dict(FULL_SAFETY_PLAN, more="number")
    posted["number-2-label"] = "Night bus line"
    posted["number-2-number"] = "0300 000 000"
    owner_client.post("/safety-plan/", posted)
    page = owner_client.get("/safety-plan/")
    shown = form_values(page)
    assert shown["number-2-number"] == "0300 000 000"
    assert shown["number-5-label"] == ""  # the added rows are still there
    assert "We kept what you were writing last time" in page.content.decode()


def test_words_in_right_to_left_scripts_come_back_and_read_the_right_way(owner_client):
    owner_client.post("/safety-plan/", dict(FULL_SAFETY_PLAN, **{"place-0-name": "بيت أختي"}))
    page = owner_client.get("/safety-plan/")
    assert form_values(page)["place-0-name"] == "بيت أختي"
    field = re.search(r'<input[^>]*name="place-0-name"[^>]*>', page.content.decode()).group(0)
    assert 'dir="auto"' in field


def test_a_draft_typed_with_javascript_is_offered_back(owner_client):
    response = owner_client.post(
        "/drafts/safety-plan/",
        {"place-rows": "3", "place-0-name": "Half-typed place", "bag-cash": "on"},
    )
    assert response.status_code == 204
    page = owner_client.get("/safety-plan/")
    shown = form_values(page)
    assert shown["place-0-name"] == "Half-typed place"
    assert shown["bag-cash"] == "on"
    assert "We kept what you were writing last time" in page.content.decode()


def test_saving_the_plan_lets_go_of_the_draft(owner_client):
    owner_client.post("/drafts/safety-plan/", {"place-0-name": "draft words"})
    owner_client.post("/safety-plan/", FULL_SAFETY_PLAN)
    assert not Draft.objects.filter(key="safety-plan").exists()
    shown = form_values(owner_client.get("/safety-plan/"))
    assert shown["place-0-name"] == "Aunt Mina's house"


def test_the_form_is_marked_for_drafts_and_keeps_private_fields_out_of_autofill(owner_client):
    body = owner_client.get("/safety-plan/").content.decode()
    assert 'data-draft="safety-plan"' in body
    codeword = re.search(r'<input[^>]*name="person-codeword"[^>]*>', body).group(0)
    assert 'autocomplete="off"' in codeword


def test_each_checklist_question_is_a_labelled_group_of_three_answers(owner_client):
    body = owner_client.get("/safety-plan/").content.decode()
    assert body.count('<fieldset class="choice"') == 5
    assert "<legend>I know of safe places I could go</legend>" in body
    for answer in ("Done", "Not yet", "Not for me"):
        assert f"<span>{answer}</span>" in body


def test_the_plan_points_to_help_lines_and_warns_about_children(owner_client):
    body = owner_client.get("/safety-plan/").content.decode()
    assert 'href="/help/"' in body
    numbers = body[body.index('id="numbers"') : body.index('id="documents"')]
    assert "help-lines" in numbers  # the help lines for the person's country, right there
    assert "If you have children" in body


def test_the_plan_is_sealed_in_the_database(owner_client):
    posted = dict(FULL_SAFETY_PLAN, **{"person-codeword": "zebra-4471"})
    owner_client.post("/safety-plan/", posted)
    stored = bytes(SafetyPlan.objects.get().data)
    for word in (b"4471", b"zebra", b"Mina", b"pineapple", b"Jo", b"checklist"):
        assert word not in stored


def test_another_member_never_sees_my_plan(owner_client, other_client):
    owner_client.post("/safety-plan/", FULL_SAFETY_PLAN)
    for url in ("/safety-plan/", "/safety-plan/print/", "/home/"):
        body = other_client.get(url).content.decode()
        assert "pineapple" not in body
        assert "Aunt Mina" not in body
    other_client.post("/safety-plan/clear/")
    assert SafetyPlan.objects.count() == 1  # clearing their own plan leaves mine alone


def test_clearing_asks_first_then_removes_the_plan(owner_client):
    owner_client.post("/safety-plan/", FULL_SAFETY_PLAN)
    confirm = owner_client.get("/safety-plan/clear/")
    assert "Clear your safety plan?" in confirm.content.decode()
    assert SafetyPlan.objects.count() == 1
    owner_client.post("/safety-plan/clear/")
    assert SafetyPlan.objects.count() == 0
    assert form_values(owner_client.get("/safety-plan/")).get("person-name") == ""


def test_strangers_are_sent_to_sign_in(stranger_client):
    for url in ("/safety-plan/", "/safety-plan/print/", "/safety-plan/pdf/"):
        response = stranger_client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/sign-in/")
