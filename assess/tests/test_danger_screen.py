import re

import pytest

from assess import content
from assess.models import SavedCheck
from assess.tests.helpers import danger_answers

pytestmark = pytest.mark.django_db

EMERGENCY = "If you are in danger now, call your emergency number."


def main(response):
    return response.content.decode().split('<main id="main"', 1)[1]


def test_the_screen_asks_about_each_well_known_sign_in_plain_words(client):
    page = main(client.get("/check/danger/"))
    assert page.count("<fieldset") == len(content.DANGER_SIGNS) == 9
    assert page.count('value="unsure"') == 9
    for phrase in (
        "kill you",
        "around your neck",
        "gun",
        "sex",
        "follow you",
        "jealous",
        "recently left",
        "got worse",
        "harm or kill themselves",
    ):
        assert phrase in page
    assert EMERGENCY in page  # even before the first question


def test_the_result_leads_with_what_to_do_now(client):
    page = main(client.post("/check/danger/", danger_answers(neck="yes", stalking="yes")))
    assert page.index(EMERGENCY) < page.index("The signs you said yes to")
    assert page.index('class="card help-lines"') < page.index("The signs you said yes to")
    assert 'href="/safety-plan/"' in page
    assert "a shelter" in page


def test_the_result_names_the_signs_said_yes_to_in_words(client):
    page = main(client.post("/check/danger/", danger_answers(neck="yes", separation="unsure")))
    signs = page.split("The signs you said yes to", 1)[1]
    assert "They have choked or strangled you" in signs
    assert "Pressure on the neck can cause harm" in signs
    assert "Any one of these signs is serious." in signs
    unsure = signs.split("The ones you weren't sure about", 1)[1]
    assert "You have recently left, or are planning to leave." in unsure
    assert "They have threatened to kill you" not in signs
    assert "Trust your instinct" in page


def test_all_no_still_leads_with_what_to_do_and_honours_instinct(client):
    page = main(client.post("/check/danger/", danger_answers("no")))
    assert page.index(EMERGENCY) < page.index("You didn't say yes to any of these signs.")
    assert "If you feel afraid, that feeling matters" in page


def test_the_result_is_never_a_score_or_a_prediction(client):
    page = main(client.post("/check/danger/", danger_answers("yes"))).lower()
    assert "risk score" not in page
    assert "risk level" not in page
    assert "score" not in page
    assert not re.search(r"\b\d+ (out )?of 9\b", page)
    # The only mention of predicting says that no one can.
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page))
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s", text) if "predict" in s]
    assert sentences == ["no screen, and no one, can predict what another person will do."]


def test_unanswered_questions_are_named_and_given_answers_kept(client):
    answers = danger_answers("yes")
    del answers["weapon"]
    response = client.post("/check/danger/", answers)
    page = main(response)
    assert "One question still needs an answer. Your other answers are kept." in page
    assert 'href="#id_weapon_0"' in page
    assert len(re.findall(r'value="yes"[^>]*checked', page)) == 8
    assert EMERGENCY in page


def test_a_signed_in_person_can_save_the_screen_sealed(owner_client):
    page = main(owner_client.post("/check/danger/", danger_answers(kill_threats="yes")))
    assert "Save this check" in page
    response = owner_client.post("/check/danger/save/", danger_answers(kill_threats="yes"))
    check = SavedCheck.objects.get(kind="danger")
    assert response["Location"] == f"/check/danger/{check.pk}/"
    stored = bytes(check.data)
    for word in (b"kill_threats", b"yes", b"answers"):
        assert word not in stored
    detail = main(owner_client.get(response["Location"]))
    assert detail.index(EMERGENCY) < detail.index("They have threatened to kill you")
    listing = main(owner_client.get("/check/danger/saved/"))
    assert "you said yes to 1 sign" in listing


def test_deleting_saved_danger_answers_asks_first(owner_client):
    owner_client.post("/check/danger/save/", danger_answers())
    check = SavedCheck.objects.get()
    assert "Delete your danger screen answers" in main(
        owner_client.get(f"/check/danger/{check.pk}/delete/")
    )
    assert SavedCheck.objects.count() == 1
    owner_client.post(f"/check/danger/{check.pk}/delete/")
    assert SavedCheck.objects.count() == 0
