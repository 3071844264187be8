"""Fill every private field of the scripts app with the canary, through HTTP."""

import re

from django.test import Client

EDIT_LINK = re.compile(r"/scripts/mine/([0-9a-f-]{36})/edit/")


def _my_script_ids(client: Client) -> list[str]:
    return EDIT_LINK.findall(client.get("/scripts/mine/").content.decode())


def use_everything(client: Client, canary: str) -> None:
    from scripts import library
    from scripts.models import Script

    if not Script.objects.exists():
        library.load()  # the public library is setup, not private data

    parts = {
        "feel": f"{canary} scared",
        "when": f"{canary} shout at me",
        "need": f"{canary} calm voices",
        "then": f"{canary} leave the room",
    }
    # The draft kept while typing, a preview, a kind error, then the save.
    client.post("/drafts/script-builder/", {"title": f"{canary} draft", **parts})
    client.post("/scripts/builder/", {"action": "preview", "title": f"{canary} t", **parts})
    client.post("/scripts/builder/", {"action": "save", "title": f"{canary} t", "feel": ""})
    client.post(
        "/scripts/builder/",
        {"action": "save", "title": f"{canary} boundary", "situation": "work", **parts},
    )

    # Searching the library: the words must not be stored anywhere.
    client.post("/scripts/", {"q": f"{canary} search", "situation": "", "tone": ""})

    # A copy of a library script, personalised.
    slug = Script.objects.order_by("position").first().slug
    client.post(f"/scripts/library/{slug}/save/")

    ids = _my_script_ids(client)
    for script_id in ids:
        page = client.get(f"/scripts/mine/{script_id}/edit/").content.decode()
        if 'name="feel"' in page:
            client.post(
                f"/scripts/mine/{script_id}/edit/",
                {"action": "save", "title": f"{canary} edited", "situation": "", **parts},
            )
        else:
            client.post(
                f"/scripts/mine/{script_id}/edit/",
                {"title": f"{canary} copy", "situation": "saying-no", "text": f"{canary} my words"},
            )

    # One more, removed again after the confirmation page.
    client.post("/scripts/builder/", {"action": "save", **parts})
    extra = [i for i in _my_script_ids(client) if i not in ids]
    for script_id in extra:
        client.get(f"/scripts/mine/{script_id}/delete/")
        client.post(f"/scripts/mine/{script_id}/delete/")
