"""Fill every private field of the records room with the canary, through its pages.

A quick entry (kept as a draft first, then saved and completed), a full entry
with every box and tag, one from each template, a kind error that keeps what
was typed, an edit that makes a new version, the versions page, the check
page, and a deletion.
"""

from django.test import Client

from records.tests import evidence_canary_use
from records.tests.share_canary import use_shares
from tests.steps import created_id, get_ok, keep_draft, page_form, post_ok

INCIDENT = "records:incident"


def use_everything(client: Client, canary: str) -> None:
    quick_id = quick_entry(client, canary)
    full_id = full_entry(client, canary, "/records/new/")
    work_id = full_entry(
        client, canary, "/records/new/work/", extra=("manager", "hr_route", "policy")
    )
    family_id = full_entry(client, canary, "/records/new/family/", extra=("present", "said"))
    complete(client, canary, quick_id)
    evidence_canary_use.use_files(client, canary, work_id)
    get_ok(client, f"/records/{full_id}/versions/", says="Written once and never edited.")
    get_ok(client, "/records/", says=f"{canary} happened")
    get_ok(client, "/records/?tag=work", says=f"{canary} happened")
    get_ok(client, "/records/check/", says="All 4 entries are as you wrote them.")
    get_ok(client, f"/records/{family_id}/delete/", says="Delete this entry?")
    post_ok(
        client,
        f"/records/{family_id}/delete/",
        then="/records/",
        says="That entry and all its versions are deleted.",
    )
    use_shares(client, canary)


def quick_entry(client: Client, canary: str) -> str:
    form = page_form(get_ok(client, "/records/quick/"), with_field="happened").filled(canary)
    keep_draft(client, form.draft_key, form.data)
    get_ok(client, "/records/quick/", says=form.typed.values(), step="the quick draft, back")
    post_ok(
        client,
        "/records/quick/",
        {**form.data, "happened": ""},
        says=["Write a few words about what happened", form.typed["when_text"]],
        step="a quick entry with nothing in it keeps the rest",
    )
    saved = post_ok(
        client,
        "/records/quick/",
        form.data,
        then=INCIDENT,
        says=["Add the details", *form.typed.values()],
    )
    return created_id(saved)


def full_entry(client: Client, canary: str, path: str, extra=()) -> str:
    page = get_ok(client, path)
    form = page_form(page, with_field="happened").filled(canary)
    for name in ("where", "felt", "meant", "witnesses", "injuries", "references", *extra):
        assert name in form.typed, f"{path} has no box {name}"
    post_ok(
        client,
        path,
        {**form.data, "date": f"31/02/2026 {canary}", "time": f"25:99 {canary}"},
        says=['class="error', f"31/02/2026 {canary}", *form.typed.values()],
        step=f"an impossible date and time on {path}",
    )
    saved = post_ok(client, path, form.data, then=INCIDENT, says=form.typed.values())
    return created_id(saved)


def complete(client: Client, canary: str, incident_id: str) -> None:
    path = f"/records/{incident_id}/edit/"
    form = page_form(get_ok(client, path), with_field="where").filled(
        canary, text={"happened": f"{canary} happened, in full"}
    )
    keep_draft(client, form.draft_key, form.data)
    get_ok(client, path, says=form.typed.values(), step="the edit's draft, back")
    post_ok(
        client,
        path,
        form.data,
        then=INCIDENT,
        says=["Saved as a new version", "Edited 1 time", *form.typed.values()],
    )
    get_ok(
        client,
        f"/records/{incident_id}/versions/",
        says=["Version 2", "Version 1: as first written", "<ins>happened, in full</ins>"],
    )
