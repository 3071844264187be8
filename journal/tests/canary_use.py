"""Fill every private field of the journal with the canary, through its pages.

A page in each mode (every box filled from the form the page shows: prompts,
title, day, tags), a draft kept while typing and one kept with the button, a
preview, a kind error, a change, a deletion, a search and a tag filter. Every
step checks it worked.
"""

from django.test import Client

from journal import modes
from tests.steps import created_id, get_ok, ids_in, keep_draft, page_form, post_ok

INDEX = "/journal/"
ENTRY = r"/journal/([0-9a-f-]{36})/"


def new_page(mode: str) -> str:
    return f"/journal/new/?mode={mode}"


def use_everything(client: Client, canary: str) -> None:
    made = []
    for mode in modes.MODES:
        first = f"p_{mode.prompts[0].key}"
        form = page_form(
            get_ok(client, new_page(mode.key), says=f'value="{mode.key}"'), with_field=first
        )
        page = form.filled(canary, text={"tags": f"{canary} tag, {mode.key}"})
        # The draft kept while typing comes back on the next visit.
        keep_draft(client, form.draft_key, page.data)
        get_ok(client, new_page(mode.key), says=page.typed[first], step=f"{mode.key}: the draft")
        if mode.key == "facts":
            post_ok(
                client,
                new_page(mode.key),
                dict(page.data, action="preview"),
                says=["How it reads", page.typed[first]],
                step="looking a page over",
            )
            empty = {name: "" for name in page.data if name.startswith("p_")}
            post_ok(
                client,
                new_page(mode.key),
                dict(page.data, **empty, action="save"),
                says=['class="error', page.typed["title"]],
                step="saving a page with nothing written",
            )
            post_ok(
                client,
                new_page(mode.key),
                dict(page.data, action="draft"),
                says=["Kept as a draft.", page.typed[first]],
                step="keeping a draft with the button",
            )
        saved = post_ok(
            client,
            new_page(mode.key),
            dict(page.data, action="save"),
            then="journal:entry",
            says=[
                "Your page is saved.",
                f"{canary} tag",
                *(words for name, words in page.typed.items() if name != "tags"),
            ],
            step=f"saving a page in {mode.key}",
        )
        made.append(created_id(saved))

    # A page changed.
    edit = f"/journal/{made[0]}/edit/"
    changed = page_form(get_ok(client, edit), with_field="p_body").filled(
        canary, text={"title": f"{canary} changed", "tags": f"{canary} changed tag"}
    )
    post_ok(
        client,
        edit,
        dict(changed.data, action="save"),
        then="journal:entry",
        says=["Your page is saved.", f"{canary} changed"],
    )
    # Looking for words, and for a tag: both posted, never in the address.
    post_ok(client, INDEX, {"q": f"{canary} p_letter"}, says=f"{canary} p_letter")
    post_ok(client, INDEX, {"tag": f"{canary} tag"}, says=f"{canary} p_happened")
    get_ok(client, "/journal/tags/", says=f"{canary} tag")
    get_ok(client, "/journal/calendar/", says=ids_in(get_ok(client, INDEX), ENTRY)[0])

    # One more, deleted after the confirmation page.
    form = page_form(get_ok(client, new_page("free")), with_field="p_body")
    extra = form.filled(canary, text={"p_body": f"{canary} to delete"})
    gone = created_id(
        post_ok(client, new_page("free"), dict(extra.data, action="save"), then="journal:entry")
    )
    get_ok(client, f"/journal/{gone}/delete/", says="Delete this page?")
    post_ok(client, f"/journal/{gone}/delete/", then=INDEX, says="That page is deleted.")

    # A page begun and not saved stays a draft.
    keep_draft(client, form.draft_key, {"mode_key": "free", "p_body": f"{canary} unfinished"})
