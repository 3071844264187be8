"""Fill every private field of the counter and the urge flow with the canary, through its pages.

Each form is filled from the page as the person sees it (tests/steps.py).
Every step checks it worked.
"""

from django.test import Client

from tests.steps import get_ok, ids_in, keep_draft, page_form, post_ok

INDEX = "/steady/"
SETTINGS = "/steady/settings/"
CONTACT = "/steady/log/"
REMOVE = r"/steady/log/([0-9a-f-]{36})/remove/"
STEP = "/steady/pause/{}/"
DONE = "/steady/pause/done/"


def use_everything(client: Client, canary: str) -> None:
    get_ok(client, INDEX, says="Start counting", step="the counter before it starts")
    page = get_ok(client, SETTINGS)
    counter = page_form(page, draft="nocontact-counter").filled(canary, choose={"mode": "low"})
    keep_draft(client, counter.draft_key, counter.data)
    get_ok(client, SETTINGS, says=counter.typed.values(), step="the counter's draft, offered back")
    post_ok(
        client,
        SETTINGS,
        counter.data,
        then=INDEX,
        says=["Saved. Your count is ready.", counter.typed["allowed_note"]],
    )
    for how in ("message", "app"):
        page = get_ok(client, CONTACT)
        noted = page_form(page, draft="nocontact-contact").filled(
            canary, choose={"how": how}, text={"note": f"{canary} by {how}"}
        )
        post_ok(client, CONTACT, noted.data, then=INDEX, says=["Noted.", f"{canary} by {how}"])
    # One removed, one kept (the access walk needs one to find).
    last = ids_in(get_ok(client, INDEX), REMOVE)[-1]
    remove = f"/steady/log/{last}/remove/"
    get_ok(client, remove, step="asking to remove a contact")
    post_ok(client, remove, then=INDEX, says="That entry is removed")
    assert ids_in(get_ok(client, INDEX), REMOVE), "no contact is left to walk"

    get_ok(client, "/steady/pause/", says="Breathe", step="the urge flow's first step")
    for slug, draft, says in (
        ("lists", "nocontact-lists", "Your two lists are kept for next time."),
        ("write", "nocontact-write", "Kept here, sealed."),
        ("log", "nocontact-urge", "Noted. You rode it out"),
    ):
        path = STEP.format(slug)
        after = _after(slug)
        then = DONE if after == "done" else STEP.format(after)
        filled = page_form(get_ok(client, path), draft=draft).filled(canary)
        assert filled.typed, f"{path} has no box to write in"
        keep_draft(client, filled.draft_key, filled.data)
        get_ok(client, path, says=filled.typed.values(), step=f"{slug}: the draft, offered back")
        post_ok(client, path, filled.data, then=then, says=says)
    get_ok(client, STEP.format("lists"), says=[f"{canary} miss", f"{canary} lived"])


def _after(slug: str) -> str:
    from nocontact.steps import BY_SLUG, neighbours

    after = neighbours(BY_SLUG[slug])[1]
    return after.slug if after else "done"
