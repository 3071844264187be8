"""Fill every private field of the inspire app with the canary, through its pages.

The board of saved reminders is one sealed document: which reminders were
kept (taken from the pages' own one-tap forms) and the person's note on each
(typed into the note form, with a kind error on the way). The library itself
is public content, loaded as setup.
"""

import re

from django.test import Client

from tests.steps import get_ok, page_form, post_ok

TODAY = "/today/"
SAVED = "/today/saved/"
KEEP = "/today/keep/"
NOTE = r'href="(/today/saved/[0-9a-f-]{36}/)"'


def use_everything(client: Client, canary: str) -> None:
    from inspire import content_files
    from inspire.models import Reminder

    if not Reminder.objects.exists():
        content_files.load()  # the public library is setup, not private data

    # Save today's reminder from the public page, in one tap.
    today = page_form(get_ok(client, TODAY), action=KEEP).filled(canary)
    assert today.data["action"] == "save", "today's reminder is already on the board"
    post_ok(client, KEEP, today.data, then=TODAY, says="Saved to your board.")
    # And yesterday's, from its own page.
    yesterday = re.search(
        r'href="(/today/\d{4}-\d{2}-\d{2}/)" rel="prev"', get_ok(client, TODAY).content.decode()
    )
    assert yesterday, "today's page links to no earlier day"
    earlier = page_form(get_ok(client, yesterday.group(1)), action=KEEP).filled(canary)
    post_ok(client, KEEP, earlier.data, then=yesterday.group(1), says="Saved to your board.")

    board = get_ok(client, SAVED, says="Add a note")
    notes = re.findall(NOTE, board.content.decode())
    assert len(notes) == 2, notes
    for number, path in enumerate(notes):
        form = page_form(get_ok(client, path), with_field="note").filled(
            canary, text={"note": f"{canary} note {number}"}
        )
        # Too long: a kind error, and every word typed comes back.
        long_note = f"{canary} note {number} " + "more " * 120
        post_ok(
            client,
            path,
            {**form.data, "note": long_note},
            says=['class="error', f"{canary} note {number} more more"],
            step="a note that is too long",
        )
        post_ok(client, path, form.data, then="inspire:saved", says=form.typed.values())

    # Taken off the board and kept again, from the board itself.
    (let_go,) = [f for f in _keep_forms(client) if f.data["slug"] == today.data["slug"]]
    assert let_go.data["action"] == "unsave"
    post_ok(client, KEEP, let_go.data, then=SAVED, says="Taken off your board.")
    again = page_form(get_ok(client, TODAY), action=KEEP).filled(canary)
    assert again.data["action"] == "save", "today's reminder is still on the board"
    post_ok(client, KEEP, again.data, then=TODAY, says="Saved to your board.")
    before_own = set(
        re.findall(NOTE, get_ok(client, SAVED, says=f"{canary} note").content.decode())
    )

    # Words of the person's own: a kind error when empty or too long, each
    # keeping what was typed, then saved, changed, and one taken off again.
    own = page_form(get_ok(client, SAVED), with_field="own").filled(canary)
    post_ok(client, SAVED, {**own.data, "own": "  "}, says='class="error', step="empty own words")
    too_long = f"{canary} own " + "word " * 60
    post_ok(
        client,
        SAVED,
        {**own.data, "own": too_long},
        says=['class="error', f"{canary} own word word"],
        step="own words that are too long",
    )
    for number in range(2):
        words = {**own.data, "own": f"{canary} own {number}"}
        post_ok(client, SAVED, words, then=SAVED, says=f"{canary} own {number}")
    made = [
        p for p in re.findall(NOTE, get_ok(client, SAVED).content.decode()) if p not in before_own
    ]
    assert len(made) == 2, made
    change = page_form(get_ok(client, made[0]), with_field="own").filled(
        canary, text={"own": f"{canary} own changed"}
    )
    post_ok(client, made[0], change.data, then="inspire:saved", says=f"{canary} own changed")
    post_ok(
        client,
        made[1],
        {**change.data, "action": "remove"},
        then=SAVED,
        says="Those words are off your board.",
    )
    get_ok(client, SAVED, says=f"{canary} own changed")


def _keep_forms(client: Client):
    from tests.steps import page_forms

    page = get_ok(client, SAVED)
    return [f.filled("unused") for f in page_forms(page) if f.action == KEEP]
