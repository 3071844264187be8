"""Fill every private field of the mood app with the canary: a check-in made
with one tap, then every detail of the second screen, through real requests.

Each form is filled from the page as the person sees it (tests/steps.py), so
a box added later is filled too, and every step checks it worked.
"""

from django.test import Client

from tests.steps import created_id, get_ok, keep_draft, page_form, post_ok


def use_everything(client: Client, canary: str) -> None:
    get_ok(client, "/mood/", step="the check-in page")
    made = post_ok(client, "/mood/check-in/", {"mood": "2"}, then="mood:details", says="Saved")
    checkin = created_id(made)
    path = f"/mood/{checkin}/"

    def filled(page):
        return page_form(page, with_field="note").filled(
            canary, text={"sleep": "7.5"}, choose={"mood": "4", "energy": "3", "safe": "mostly"}
        )

    details = filled(get_ok(client, path, step="the second screen"))
    assert set(details.typed) == {"own_tags", "note"}, details.typed
    keep_draft(client, details.draft_key, details.data)
    get_ok(client, path, says=details.typed.values(), step="the details, kept as a draft")
    post_ok(
        client,
        path,
        dict(details.data, sleep="a while"),
        says=['class="error', *details.typed.values()],
        step="hours of sleep that aren't a number",
    )
    post_ok(
        client,
        path,
        details.data,
        then="mood:week_of",
        says=["Your check-in is saved.", "7.5 hours", "Mostly", *details.typed.values()],
        step="saving the details",
    )
    get_ok(client, "/mood/", says=details.typed["note"], step="today's check-ins")
    # A second tap the same day, then taken back.
    second = created_id(post_ok(client, "/mood/check-in/", {"mood": "5"}, then="mood:details"))
    post_ok(client, f"/mood/{second}/delete/", then="/mood/", says="That check-in is removed.")
    for page in ("/mood/week/", "/mood/month/", "/mood/year/", "/mood/patterns/"):
        get_ok(client, page)
