"""Fill every private field of the checks and the reconciliation record with the canary.

The checks are taken and kept the way a person does it: the questions, the
result, then "Save this check". The reconciliation pages are filled from the
forms they show (tests/steps.py), and every step checks it worked.
"""

import datetime

from django.test import Client
from django.utils import timezone

from tests.steps import get_ok, ids_in, keep_draft, page_form, post_ok

RECONCILE = "/check/reconciliation/"
GOING_AHEAD = "/check/reconciliation/if-you-go-ahead/"
EDIT_NOTE = r"/check/reconciliation/notes/([0-9a-f-]{36})/edit/"
EDIT_STEP = r"/check/reconciliation/steps/([0-9a-f-]{36})/edit/"


def use_everything(client: Client, canary: str) -> None:
    keep_a_relationship_check(client, canary)
    keep_a_danger_screen(client, canary)
    note_signs_over_time(client, canary)
    plan_for_going_ahead(client, canary)


def keep_a_relationship_check(client: Client, canary: str) -> None:
    start = get_ok(client, "/check/relationship/")
    safety = page_form(start, with_field="hurt").filled(
        canary,
        choose={"relationship": "partner", "hurt": "no", "threatened": "no", "afraid": "skip"},
    )
    questions = post_ok(
        client, "/check/relationship/", safety.data, says="How often does this happen?"
    )
    answers = page_form(questions, with_field="substances").filled(
        canary, choose={"substances": "yes", "*": "often"}
    )
    result = post_ok(client, "/check/relationship/", answers.data, says="One next step")
    keep = page_form(result, action="/check/relationship/save/").filled(canary)
    post_ok(
        client,
        "/check/relationship/save/",
        keep.data,
        then="assess:relationship_detail",
        says="Your check is saved.",
    )


def keep_a_danger_screen(client: Client, canary: str) -> None:
    screen = get_ok(client, "/check/danger/")
    answers = page_form(screen, action="/check/danger/").filled(canary, choose={"*": "unsure"})
    result = post_ok(client, "/check/danger/", answers.data, says="What to do now")
    keep = page_form(result, action="/check/danger/save/").filled(canary)
    post_ok(
        client,
        "/check/danger/save/",
        keep.data,
        then="assess:danger_detail",
        says="Your answers are saved.",
    )


def note_signs_over_time(client: Client, canary: str) -> None:
    today = timezone.localdate()
    earlier = today - datetime.timedelta(days=8)
    page = get_ok(client, RECONCILE)
    before = ids_in(page, EDIT_NOTE)
    form = page_form(page, with_field="note")

    first = form.filled(
        canary, text={"on": earlier.isoformat()}, choose={"sign": "acknowledged", "status": "held"}
    )
    keep_draft(client, form.draft_key, first.data)
    get_ok(client, RECONCILE, says=first.typed["note"])  # the draft, offered back
    post_ok(
        client,
        RECONCILE,
        dict(first.data, on=(today + datetime.timedelta(days=3)).isoformat()),
        says=["That date is still to come", first.typed["note"]],
        step="a note dated in the future",
    )
    post_ok(
        client,
        RECONCILE,
        first.data,
        then=RECONCILE,
        says=["Your note is saved.", first.typed["note"]],
    )

    (note_id,) = [i for i in ids_in(get_ok(client, RECONCILE), EDIT_NOTE) if i not in before]
    edit_path = f"{RECONCILE}notes/{note_id}/edit/"
    edited = page_form(get_ok(client, edit_path), with_field="note").filled(
        canary,
        text={"on": today.isoformat(), "note": f"{canary} edited"},
        choose={"sign": "change", "status": "slipped"},
    )
    post_ok(
        client,
        edit_path,
        edited.data,
        then=RECONCILE,
        says=["Your note is updated.", f"{canary} edited"],
    )

    second = form.filled(
        canary,
        text={"on": today.isoformat(), "note": f"{canary} second"},
        choose={"sign": "boundaries", "status": "unsure"},
    )
    post_ok(client, RECONCILE, second.data, then=RECONCILE, says=f"{canary} second")

    # A note begun and not yet saved stays a draft.
    keep_draft(client, form.draft_key, {"note": f"{canary} unfinished note"})
    get_ok(client, RECONCILE, says=f"{canary} unfinished note")


def plan_for_going_ahead(client: Client, canary: str) -> None:
    today = timezone.localdate()
    page = get_ok(client, GOING_AHEAD)
    before = ids_in(page, EDIT_STEP)
    conditions_form = page_form(page, with_field="trusted_person")
    conditions = conditions_form.filled(
        canary, text={"conditions": f"{canary} weekly therapy\n{canary} public places only"}
    )
    post_ok(
        client,
        GOING_AHEAD,
        conditions.data,
        then=GOING_AHEAD,
        says=[
            "Your conditions are saved.",
            f"{canary} weekly therapy",
            f"{canary} public places only",
            conditions.typed["trusted_person"],
        ],
    )

    step_form = page_form(page, with_field="check")
    step = step_form.filled(canary, text={"on": (today + datetime.timedelta(days=30)).isoformat()})
    post_ok(
        client,
        GOING_AHEAD,
        dict(step.data, text=""),
        says=["nothing written yet", step.typed["check"]],
        step="a step with nothing written",
    )
    post_ok(
        client,
        GOING_AHEAD,
        step.data,
        then=GOING_AHEAD,
        says=["The step is added to your timeline.", *step.typed.values()],
    )

    (step_id,) = [i for i in ids_in(get_ok(client, GOING_AHEAD), EDIT_STEP) if i not in before]
    edit_path = f"{RECONCILE}steps/{step_id}/edit/"
    edited = page_form(get_ok(client, edit_path), with_field="check").filled(
        canary,
        text={
            "on": (today + datetime.timedelta(days=40)).isoformat(),
            "text": f"{canary} step edited",
            "check": f"{canary} check edited",
        },
    )
    post_ok(
        client,
        edit_path,
        edited.data,
        then=GOING_AHEAD,
        says=["The step is updated.", f"{canary} step edited", f"{canary} check edited"],
    )

    # Begun, not saved: both forms keep drafts.
    keep_draft(client, step_form.draft_key, {"text": f"{canary} unfinished step"})
    keep_draft(client, conditions_form.draft_key, {"conditions": f"{canary} unfinished"})
    get_ok(client, GOING_AHEAD, says=[f"{canary} unfinished step", f"{canary} unfinished"])
