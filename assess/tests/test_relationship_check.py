import re

import pytest

from assess.tests.helpers import SAFE, patterns, step_two, take_check

pytestmark = pytest.mark.django_db


def body(response):
    return response.content.decode()


def test_the_check_starts_with_who_it_is_about_and_the_safety_questions(client):
    page = body(client.get("/check/relationship/"))
    assert "Who is this check about?" in page
    assert "Has this person ever hurt you physically?" in page
    assert "I&#x27;d rather not say" in page
    assert page.index("Who is this check about?") < page.index("hurt you physically")
    assert 'method="post"' in page


def test_after_the_safety_questions_come_the_nine_how_often_questions(client):
    response = client.post(
        "/check/relationship/", {"step": "safety", "relationship": "partner", **SAFE}
    )
    page = body(response)
    assert page.count('type="radio"') == 9 * 4 + 3  # nine "how often" plus the optional one
    for answer in ("Never", "Sometimes", "Often", "Most of the time"):
        assert answer in page
    assert "Is alcohol, drugs or gambling part of what" in page
    assert "Thinking about a partner" in page


def test_the_questions_are_worded_for_someone_at_work(client):
    response = client.post(
        "/check/relationship/", {"step": "safety", "relationship": "work", **SAFE}
    )
    page = body(response)
    assert "Thinking about someone at work" in page
    assert "keep you from colleagues" in page
    assert "see friends or family" not in page


def test_the_result_names_the_patterns_seen_and_how_often_in_words(client):
    response = take_check(client, doubt="most", eggshells="sometimes")
    page = body(response)
    assert "Being made to doubt yourself" in page
    assert "Most of the time" in page
    assert "Walking on eggshells" in page
    assert "Sometimes" in page
    assert page.index("Being made to doubt yourself") < page.index("Walking on eggshells")


def test_the_result_explains_conflict_and_control_and_is_not_a_diagnosis(client):
    page = body(take_check(client, putdowns="often"))
    assert "Ordinary conflict, or control?" in page
    assert "things get better" in page
    assert "This is a reflection, not a diagnosis." in page
    assert "about control" in page


def test_a_family_check_adds_the_family_note(client):
    page = body(take_check(client, relationship="family", dismissed="often"))
    assert "When it is family" in page
    assert "Protecting yourself is not betrayal" in page
    assert "When it is at work" not in page


def test_a_work_check_adds_the_work_note(client):
    page = body(take_check(client, relationship="work", giving="often"))
    assert "When it is at work" in page
    assert "income" in page
    assert "When it is family" not in page


def test_the_addiction_note_appears_only_when_asked_for(client):
    assert "front-line carer" in body(take_check(client, substances="yes"))
    assert "front-line carer" in body(take_check(client, substances="unsure"))
    assert "front-line carer" not in body(take_check(client, substances="no"))
    assert "front-line carer" not in body(take_check(client))


def one_next_step(page):
    section = re.search(r'<section class="card next-step".*?</section>', page, re.S).group(0)
    assert section.count('class="step"') == 1
    return section


def test_frequent_control_suggests_a_safety_plan(client):
    step = one_next_step(body(take_check(client, doubt="often", isolation="most")))
    assert "/safety-plan/" in step
    assert "Make a safety plan" in step


def test_frequent_patterns_at_work_suggest_words_for_a_boundary(client):
    step = one_next_step(body(take_check(client, relationship="work", drained="often")))
    assert "/scripts/" in step


def test_frequent_patterns_with_a_partner_suggest_talking_to_someone(client):
    step = one_next_step(body(take_check(client, eggshells="most")))
    assert "/help/" in step


def test_patterns_only_sometimes_suggest_noticing_and_reading(client):
    step = one_next_step(body(take_check(client, default="sometimes")))
    assert "keep noticing" in step


def test_no_patterns_suggests_trusting_what_you_notice(client):
    page = body(take_check(client))
    assert "None of the nine patterns showed up" in page
    assert "Keep trusting what you notice" in one_next_step(page)


def test_choosing_not_to_answer_a_safety_question_points_gently_to_safety_first(client):
    client.post("/check/relationship/", {"step": "safety", "relationship": "friend", **SAFE})
    response = client.post(
        "/check/relationship/",
        step_two("friend", safety={**SAFE, "afraid": "skip"}, **patterns(control="most")),
    )
    page = body(response)
    assert "You chose not to answer a safety question" in page
    assert "/check/safety-first/" in one_next_step(page)


def test_unanswered_safety_questions_are_named_and_choices_kept(client):
    response = client.post("/check/relationship/", {"step": "safety", "relationship": "family"})
    page = body(response)
    assert response.status_code == 200
    assert "3 questions still need an answer" in page
    assert 'href="#id_hurt_0"' in page
    assert 'value="family" id="id_relationship_1" checked' in page or re.search(
        r'value="family"[^>]*checked', page
    )


def test_unanswered_pattern_questions_are_named_and_other_answers_kept(client):
    answers = patterns(default="often")
    del answers["shame"]
    del answers["giving"]
    response = client.post("/check/relationship/", step_two("partner", **answers))
    page = body(response)
    assert response.status_code == 200
    assert "2 questions still need an answer. Your other answers are kept." in page
    assert 'href="#id_shame_0"' in page
    assert 'href="#id_giving_0"' in page
    assert len(re.findall(r'value="often"[^>]*checked', page)) == 7
    assert "This one still needs an answer" in page


def test_a_made_up_answer_is_refused_kindly(client):
    response = client.post(
        "/check/relationship/", step_two("partner", **patterns(drained="always"))
    )
    assert "Please choose one of the answers shown" in body(response)
