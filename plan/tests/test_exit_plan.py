import html
import re

import pytest

from plan.models import ExitPlan
from plan.tests.helpers import form_values

pytestmark = pytest.mark.django_db


def progress_of(body: str) -> list[tuple[str, str]]:
    """(value, max) of every progress bar on the page."""
    return re.findall(r'<progress[^>]*max="(\d+)" value="(\d+)"', body)


def step_form(**values) -> dict:
    return {"own-rows": "3", "notes": "", "target": "", **values}


def test_the_overview_lists_six_steps_with_a_progress_bar_in_words(owner_client):
    body = owner_client.get("/exit-plan/").content.decode()
    assert "0 of 24 tasks done" in body
    for number in range(1, 7):
        assert f'href="/exit-plan/{number}/"' in body
    assert progress_of(body)[0] == ("24", "0")
    assert 'aria-labelledby="overall-progress"' in body


def test_ticking_tasks_moves_the_progress_on(owner_client):
    response = owner_client.post(
        "/exit-plan/1/",
        step_form(**{"task-write_reasons-done": "on", "task-name_boundary-done": "on"}),
    )
    assert response.status_code == 302
    step = owner_client.get(response["Location"]).content.decode()
    assert "Step 1 is saved." in step
    assert "2 of 4 tasks done" in step
    owner_client.post("/exit-plan/3/", step_form(**{"task-daily-done": "on"}))
    overview = owner_client.get("/exit-plan/").content.decode()
    assert "3 of 24 tasks done" in overview
    assert progress_of(overview)[0] == ("24", "3")
    assert "2 of 4 tasks done" in overview and "1 of 4 tasks done" in overview


def test_unticking_a_task_takes_it_off_the_count(owner_client):
    owner_client.post("/exit-plan/4/", step_form(**{"task-savings-done": "on"}))
    owner_client.post("/exit-plan/4/", step_form())
    assert "0 of 24 tasks done" in owner_client.get("/exit-plan/").content.decode()


def test_own_tasks_join_the_count_and_come_back(owner_client):
    owner_client.post(
        "/exit-plan/3/",
        step_form(
            **{
                "own-0-text": "Call the support group on Thursday",
                "own-0-done": "on",
                "own-1-text": "Ask Jo about the spare room",
                "own-1-date": "2030-05-01",
            }
        ),
    )
    page = owner_client.get("/exit-plan/3/")
    shown = form_values(page)
    assert shown["own-0-text"] == "Call the support group on Thursday"
    assert shown["own-0-done"] == "on"
    assert shown["own-1-date"] == "2030-05-01"
    assert "1 of 6 tasks done" in page.content.decode()
    assert "1 of 26 tasks done" in owner_client.get("/exit-plan/").content.decode()


def test_notes_and_dates_are_kept_per_step(owner_client):
    owner_client.post(
        "/exit-plan/2/",
        step_form(
            notes="Mina said I can stay any time.",
            target="2030-01-15",
            **{"task-keeper-date": "2030-01-10"},
        ),
    )
    owner_client.post("/exit-plan/5/", step_form(notes="Not safe to talk yet."))
    shown = form_values(owner_client.get("/exit-plan/2/"))
    assert shown["notes"] == "Mina said I can stay any time."
    assert shown["target"] == "2030-01-15"
    assert shown["task-keeper-date"] == "2030-01-10"
    assert form_values(owner_client.get("/exit-plan/5/"))["notes"] == "Not safe to talk yet."


def test_a_day_first_date_is_understood(owner_client):
    owner_client.post("/exit-plan/1/", step_form(target="14/03/2031"))
    assert form_values(owner_client.get("/exit-plan/1/"))["target"] == "2031-03-14"


ONE_DATE_WORDING = (
    "Please check this date. Choose it from the calendar, or if no calendar appears, "
    "write the day first, like 14/03/2026."
)


@pytest.mark.parametrize(
    "typed", ["31/02", "2031-02-30", "14/13/2031", "next tuesday", "0202-03-14"]
)
def test_a_date_that_cannot_be_is_refused_kindly_and_everything_is_kept(owner_client, typed):
    response = owner_client.post(
        "/exit-plan/2/",
        step_form(
            notes="my careful notes", **{"task-keeper-done": "on", "task-keeper-date": typed}
        ),
    )
    assert response.status_code == 200
    assert ONE_DATE_WORDING in html.unescape(response.content.decode())
    shown = form_values(response)
    assert shown["task-keeper-date"] == typed
    assert shown["notes"] == "my careful notes"
    assert shown["task-keeper-done"] == "on"
    assert not ExitPlan.objects.exists()


def test_a_date_without_a_task_asks_what_the_task_is(owner_client):
    response = owner_client.post("/exit-plan/6/", step_form(**{"own-1-date": "2031-01-01"}))
    assert "What is this task? Add a few words" in response.content.decode()
    assert form_values(response)["own-1-date"] == "2031-01-01"


def test_add_more_tasks_without_javascript_keeps_every_word(owner_client):
    response = owner_client.post(
        "/exit-plan/6/",
        step_form(more="own", notes="half a thought", **{"own-2-text": "Change my number"}),
    )
    assert response.status_code == 200
    shown = form_values(response)
    assert shown["own-rows"] == "6"
    assert shown["own-5-text"] == ""
    assert shown["own-2-text"] == "Change my number"
    assert shown["notes"] == "half a thought"
    assert not ExitPlan.objects.exists()
    again = owner_client.get("/exit-plan/6/")
    assert form_values(again)["own-2-text"] == "Change my number"  # kept as a draft
    assert "We kept what you were writing last time" in again.content.decode()


def test_a_draft_for_one_step_is_offered_back_on_that_step_only(owner_client):
    owner_client.post("/drafts/exit-step-4/", {"notes": "draft about savings"})
    assert form_values(owner_client.get("/exit-plan/4/"))["notes"] == "draft about savings"
    assert form_values(owner_client.get("/exit-plan/3/"))["notes"] == ""
    assert 'data-draft="exit-step-4"' in owner_client.get("/exit-plan/4/").content.decode()


def test_saving_one_step_leaves_the_others_as_they_were(owner_client):
    owner_client.post("/exit-plan/1/", step_form(**{"task-reread-done": "on"}))
    owner_client.post("/exit-plan/2/", step_form(**{"task-keeper-done": "on"}))
    assert form_values(owner_client.get("/exit-plan/1/"))["task-reread-done"] == "on"


def test_the_children_caution_shows_on_step_two_and_where_it_applies(owner_client):
    caution = "If you have children"
    assert caution in owner_client.get("/exit-plan/2/").content.decode()
    assert caution in owner_client.get("/exit-plan/6/").content.decode()
    assert caution not in owner_client.get("/exit-plan/1/").content.decode()


def test_each_step_links_to_the_tools_that_help(owner_client):
    links = {
        1: ['href="/reasons/"', 'href="/scripts/builder/"'],
        2: ['href="/safety-plan/"'],
        3: ['href="/help/"'],
        4: ['href="/money/"'],
        5: ['href="/scripts/"'],
        6: ['href="/scripts/"'],
    }
    for number, expected in links.items():
        body = owner_client.get(f"/exit-plan/{number}/").content.decode()
        for link in expected:
            assert link in body, (number, link)


def test_the_support_step_shows_help_lines_right_on_the_page(owner_client):
    assert "help-lines" in owner_client.get("/exit-plan/3/").content.decode()


def test_step_five_puts_safety_before_talking(owner_client):
    body = owner_client.get("/exit-plan/5/").content.decode()
    assert "Only if it's safe" in html.unescape(body)
    assert "I feel unsafe when you ___" in body


def test_step_six_covers_blocking_a_separate_email_and_practical_only_contact(owner_client):
    body = owner_client.get("/exit-plan/6/").content.decode()
    assert "Block or mute" in body
    assert "separate email" in body
    assert "practical matters only" in body


def test_there_is_no_seventh_step(owner_client):
    assert owner_client.get("/exit-plan/7/").status_code == 404
    assert owner_client.get("/exit-plan/0/").status_code == 404


def test_the_exit_plan_is_sealed_in_the_database(owner_client):
    owner_client.post(
        "/exit-plan/2/",
        step_form(notes="secret note 8812", **{"own-0-text": "hidden task 8813"}),
    )
    stored = bytes(ExitPlan.objects.get().data)
    for word in (b"8812", b"8813", b"secret", b"keeper", b"steps"):
        assert word not in stored


def test_another_member_never_sees_my_exit_plan(owner_client, other_client):
    owner_client.post(
        "/exit-plan/2/",
        step_form(notes="only mine 5150", **{"task-keeper-done": "on"}),
    )
    assert "only mine 5150" not in other_client.get("/exit-plan/2/").content.decode()
    assert "0 of 24 tasks done" in other_client.get("/exit-plan/").content.decode()
    other_client.post("/exit-plan/clear/")
    assert ExitPlan.objects.count() == 1


def test_clearing_the_exit_plan_asks_first(owner_client):
    owner_client.post("/exit-plan/1/", step_form(**{"task-reread-done": "on"}))
    assert "Clear your exit plan?" in owner_client.get("/exit-plan/clear/").content.decode()
    assert ExitPlan.objects.count() == 1
    owner_client.post("/exit-plan/clear/")
    assert ExitPlan.objects.count() == 0
