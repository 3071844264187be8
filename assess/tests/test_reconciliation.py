import re

import pytest
import time_machine

from assess.models import Conditions, Observation, Step
from conftest import OWNER_NAME, OWNER_PASSPHRASE, signed_in_client
from vault.models import Draft

pytestmark = pytest.mark.django_db

PAGE = "/check/reconciliation/"
PLAN = "/check/reconciliation/if-you-go-ahead/"


def note(client, on, sign="acknowledged", status="held", text=""):
    return client.post(PAGE, {"on": on, "sign": sign, "status": status, "note": text})


def on_day(day, sign="acknowledged", status="held", text=""):
    """Note something on that day, as the person would: signing in that day."""
    with time_machine.travel(f"{day} 10:00", tick=False):
        client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
        response = note(client, day, sign, status, text)
        assert response.status_code == 302, response.content.decode()[:2000]


def page_on(day):
    with time_machine.travel(f"{day} 10:00", tick=False):
        client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
        return client.get(PAGE).content.decode()


def summary_for(page, label):
    item = re.search(rf"<li><strong>{label}:</strong>(.*?)</li>", page, re.S).group(1)
    return " ".join(item.split())


def test_reconciliation_is_shown_as_optional(owner_client):
    for path in (PAGE, PLAN):
        assert (
            "Reconciliation is never required for healing."
            in owner_client.get(path).content.decode()
        )


def test_the_summary_counts_weeks_held_over_the_last_eight_weeks(owner):
    on_day("2024-12-02")  # long before the weeks shown: not counted
    for day in ("2025-01-28", "2025-02-04", "2025-02-10", "2025-02-18", "2025-02-25", "2025-03-11"):
        on_day(day)
    on_day("2025-02-12", status="slipped")  # same week as 10 Feb: the slip shows
    on_day("2025-03-05", sign="boundaries", status="unsure")

    page = page_on("2025-03-12")
    assert summary_for(page, "Harm acknowledged") == (
        "held in 5 of the 6 weeks you noted something. Slipped in 1 week."
    )
    assert summary_for(page, "Boundaries respected") == (
        "held in 0 of the 1 week you noted something. Not sure in 1 week."
    )
    assert summary_for(page, "Real change, kept up") == "nothing noted in the last 8 weeks."
    assert "not a verdict" in page

    row = re.search(r'<th scope="row">Harm acknowledged</th>(.*?)</tr>', page, re.S).group(1)
    assert row.count("<td>") == 8
    assert row.count("status-held") == 5
    assert row.count("status-slipped") == 1
    assert "20 Jan" in page and "10 Mar" in page  # the weeks, oldest to newest

    later = page_on("2025-05-20")
    assert summary_for(later, "Harm acknowledged") == "nothing noted in the last 8 weeks."
    assert "2 December 2024" in later  # every note is still listed


def test_a_note_is_sealed(owner_client):
    note(owner_client, "2025-01-15", text="a private note 5521")
    stored = bytes(Observation.objects.get().data)
    for word in (b"5521", b"private", b"2025-01-15", b"acknowledged", b"held"):
        assert word not in stored


def test_a_date_still_to_come_is_refused_and_the_note_kept(owner_client):
    with time_machine.travel("2025-03-12 10:00", tick=False):
        owner = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
        response = note(owner, "2025-03-20", status="slipped", text="they cancelled therapy")
    page = response.content.decode()
    assert response.status_code == 200
    assert "That date is still to come" in page
    assert "they cancelled therapy" in page
    assert re.search(r'value="slipped"[^>]*checked', page)
    assert Observation.objects.count() == 0


def test_missing_choices_are_named_and_the_note_kept(owner_client):
    response = owner_client.post(PAGE, {"on": "2025-01-15", "note": "they said sorry"})
    page = response.content.decode()
    assert page.count("This one still needs an answer") == 2
    assert "they said sorry" in page


def test_a_note_can_be_edited(owner_client):
    note(owner_client, "2025-01-15", text="first version")
    obs = Observation.objects.get()
    edit = owner_client.get(f"{PAGE}notes/{obs.pk}/edit/").content.decode()
    assert "first version" in edit
    owner_client.post(
        f"{PAGE}notes/{obs.pk}/edit/",
        {"on": "2025-01-16", "sign": "safeguards", "status": "slipped", "note": "said better"},
    )
    page = owner_client.get(PAGE).content.decode()
    assert "said better" in page
    assert "first version" not in page
    assert "16 January 2025" in page


def test_deleting_a_note_asks_first(owner_client):
    note(owner_client, "2025-01-15", text="to be deleted")
    obs = Observation.objects.get()
    confirm = owner_client.get(f"{PAGE}notes/{obs.pk}/delete/").content.decode()
    assert "Delete this note?" in confirm
    assert "to be deleted" in confirm
    assert Observation.objects.count() == 1
    owner_client.post(f"{PAGE}notes/{obs.pk}/delete/")
    assert Observation.objects.count() == 0


def test_an_unfinished_note_comes_back_and_goes_once_saved(owner_client):
    owner_client.post("/drafts/reconcile-observation/", {"note": "half a thought"})
    page = owner_client.get(PAGE).content.decode()
    assert "half a thought" in page
    assert "We kept what you were writing last time" in page
    note(owner_client, "2025-01-15", text="half a thought, finished")
    assert not Draft.objects.filter(key="reconcile-observation").exists()


def test_conditions_and_a_trusted_person_are_kept_sealed(owner_client):
    response = owner_client.post(
        PLAN,
        {
            "form": "conditions",
            "conditions": "Weekly therapy 7719\n\nWe meet in public only",
            "trusted_person": "My sister Ana 7719",
        },
    )
    assert response.status_code == 302
    page = owner_client.get(PLAN).content.decode()
    assert "<li>Weekly therapy 7719</li>" in page
    assert "<li>We meet in public only</li>" in page
    assert "My sister Ana 7719" in page
    record = Conditions.objects.get()
    assert b"7719" not in bytes(record.conditions)
    assert b"7719" not in bytes(record.trusted_person)


def test_empty_conditions_are_refused_kindly(owner_client):
    response = owner_client.post(PLAN, {"form": "conditions", "conditions": " "})
    assert "Both boxes are empty" in response.content.decode()
    assert Conditions.objects.count() == 0


def test_clearing_conditions_asks_first(owner_client):
    owner_client.post(PLAN, {"form": "conditions", "conditions": "Therapy first"})
    confirm = owner_client.get(f"{PLAN}clear/").content.decode()
    assert "Clear your conditions and trusted person?" in confirm
    assert "Therapy first" in confirm
    assert Conditions.objects.count() == 1
    owner_client.post(f"{PLAN}clear/")
    assert Conditions.objects.count() == 0


def test_steps_form_a_timeline_in_date_order(owner_client):
    for on, text in (("2025-06-01", "Meet for coffee"), ("2025-04-01", "Three months of therapy")):
        owner_client.post(PLAN, {"form": "step", "on": on, "text": text, "check": ""})
    page = owner_client.get(PLAN).content.decode()
    assert page.index("Three months of therapy") < page.index("Meet for coffee")
    assert "1 April 2025" in page
    assert b"coffee" not in b"".join(bytes(s.data) for s in Step.objects.all())


def test_a_step_without_words_is_refused_and_the_rest_kept(owner_client):
    response = owner_client.post(
        PLAN, {"form": "step", "on": "2025-06-01", "text": "", "check": "they arrive on time"}
    )
    page = response.content.decode()
    assert "There's nothing written yet" in page or "There&#x27;s nothing written yet" in page
    assert "they arrive on time" in page
    assert Step.objects.count() == 0


def test_a_step_can_be_edited_and_removed_after_asking(owner_client):
    owner_client.post(PLAN, {"form": "step", "on": "2025-06-01", "text": "old step"})
    step = Step.objects.get()
    owner_client.post(
        f"{PAGE}steps/{step.pk}/edit/", {"on": "2025-07-01", "text": "new step", "check": ""}
    )
    page = owner_client.get(PLAN).content.decode()
    assert "new step" in page and "old step" not in page
    assert "Remove this step" in owner_client.get(f"{PAGE}steps/{step.pk}/delete/").content.decode()
    owner_client.post(f"{PAGE}steps/{step.pk}/delete/")
    assert Step.objects.count() == 0


def test_another_member_cannot_reach_my_notes_or_steps(owner_client, other_client):
    note(owner_client, "2025-01-15", text="mine alone 3390")
    owner_client.post(PLAN, {"form": "step", "on": "2025-06-01", "text": "my step 3390"})
    owner_client.post(PLAN, {"form": "conditions", "conditions": "my condition 3390"})
    obs, step = Observation.objects.get(), Step.objects.get()
    for url in (
        f"{PAGE}notes/{obs.pk}/edit/",
        f"{PAGE}notes/{obs.pk}/delete/",
        f"{PAGE}steps/{step.pk}/edit/",
        f"{PAGE}steps/{step.pk}/delete/",
    ):
        assert other_client.get(url).status_code == 404
        assert other_client.post(url).status_code == 404
    for path in (PAGE, PLAN):
        assert "3390" not in other_client.get(path).content.decode()
    assert other_client.post(f"{PLAN}clear/").status_code == 302
    assert Observation.objects.count() == Step.objects.count() == Conditions.objects.count() == 1


def test_reconciliation_needs_a_private_space(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in/")


def test_a_date_that_is_not_on_the_calendar_gets_the_one_date_wording_and_the_note_is_kept(
    owner_client,
):
    response = note(owner_client, "31/02/2025", status="slipped", text="they shouted again")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Please check this date. Choose it from the calendar" in page
    assert 'value="31/02/2025"' in page
    assert "they shouted again" in page
    assert Observation.objects.count() == 0


def test_a_day_typed_without_a_year_means_the_last_one_for_a_note(owner):
    with time_machine.travel("2025-03-12 10:00", tick=False):
        client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
        assert note(client, "20/03", text="before the move").status_code == 302
        page = client.get(PAGE).content.decode()
    assert "20 March 2024" in page
