"""Fill every private field of the scripts app with the canary, through its pages.

The person's own scripts (made in the builder, or copied from the library and
changed) are filled from the forms the pages show (tests/steps.py); every
step checks it worked. The library itself is public content, loaded as setup.
"""

from django.test import Client

from tests.steps import created_id, get_ok, ids_in, keep_draft, page_form, post_ok

BUILDER = "/scripts/builder/"
MINE = "/scripts/mine/"
SCRIPT = r"/scripts/mine/([0-9a-f-]{36})/edit/"
SAVE_COPY = r'action="(/scripts/library/[a-z0-9-]+/save/)"'


def use_everything(client: Client, canary: str) -> None:
    from scripts import library
    from scripts.models import Script

    if not Script.objects.exists():
        library.load()  # the public library is setup, not private data

    before = ids_in(get_ok(client, MINE), SCRIPT)
    builder = page_form(get_ok(client, BUILDER), with_field="feel")
    script = builder.filled(canary, choose={"situation": "work"})
    # The draft kept while typing, a preview, a kind error, then the save.
    keep_draft(client, builder.draft_key, script.data)
    get_ok(client, BUILDER, says=script.typed.values())
    post_ok(
        client,
        BUILDER,
        dict(script.data, action="preview"),
        says=script.typed.values(),
        step="previewing a boundary",
    )
    post_ok(
        client,
        BUILDER,
        dict(script.data, action="save", feel=""),
        says=['class="error', script.typed["when"]],
        step="saving a boundary with no feeling named",
    )
    post_ok(
        client,
        BUILDER,
        dict(script.data, action="save"),
        then=MINE,
        says=["Your script is saved.", *script.typed.values()],
    )
    (made,) = [i for i in ids_in(get_ok(client, MINE), SCRIPT) if i not in before]
    edit = f"/scripts/mine/{made}/edit/"
    changed = page_form(get_ok(client, edit), with_field="feel").filled(
        canary, text={"title": f"{canary} edited"}, choose={"situation": "saying-no"}
    )
    post_ok(
        client,
        edit,
        dict(changed.data, action="save"),
        then="scripts:mine",
        says=["Your script is updated.", f"{canary} edited"],
    )

    # Searching the library: the words must not be stored anywhere.
    post_ok(
        client,
        "/scripts/",
        {"q": f"{canary} search", "situation": "", "tone": ""},
        says=f"{canary} search",
        step="searching the library",
    )

    # A copy of a library script, made the person's own.
    first_copy = ids_in(get_ok(client, "/scripts/"), SAVE_COPY)[0]
    copied = post_ok(client, first_copy, then="scripts:edit", says="A copy is in your scripts.")
    edit = f"/scripts/mine/{created_id(copied)}/edit/"
    own = page_form(get_ok(client, edit), with_field="text").filled(canary)
    post_ok(
        client,
        edit,
        own.data,
        then="scripts:mine",
        says=["Your script is updated.", *own.typed.values()],
    )

    # One more, removed again after the confirmation page.
    extra = builder.filled(canary, text={"title": f"{canary} to remove"})
    post_ok(client, BUILDER, dict(extra.data, action="save"), then=MINE)
    mine = get_ok(client, MINE, says=f"{canary} to remove")
    gone = [i for i in ids_in(mine, SCRIPT) if i not in (*before, made, created_id(copied))]
    assert len(gone) == 1, gone
    get_ok(client, f"/scripts/mine/{gone[0]}/delete/", says="Remove this script?")
    post_ok(client, f"/scripts/mine/{gone[0]}/delete/", then=MINE, says="That script is removed.")

    # A boundary begun and not saved stays a draft.
    keep_draft(client, builder.draft_key, {"feel": f"{canary} unfinished"})
