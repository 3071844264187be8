"""The share's part of the records canary: `use_shares(client, canary)`, called
by the records canary use once the member has entries.

It downloads the export (PDF and zip), makes a share of every entry through
the owner's pages with the canary in its note and its passphrase, opens it as
a reader, downloads its PDF and zip, revokes a second share, and asserts each
step worked.
"""

from __future__ import annotations

import re

from django.test import Client

LINK = re.compile(r'<code id="share-link">https?://[^/]+(/records/shared/[\w-]+/)</code>')


def use_shares(client: Client, canary: str) -> None:
    for kind in ("pdf", "zip"):
        download = client.post("/records/export/", {"as": kind, "everything": "on"})
        assert download.status_code == 200, download.content[:300]
    page = client.get("/records/shares/new/")
    assert page.status_code == 200
    entries = re.findall(r'name="entries" value="([0-9a-f-]{36})"', page.content.decode())
    assert entries, "the member has no entries to share yet"
    passphrase = f"{canary} share passphrase"
    links = []
    for note in (f"{canary} for my advocate", f"{canary} closed again"):
        made = client.post(
            "/records/shares/new/",
            {"entries": entries, "lasts": 168, "passphrase": passphrase, "note": note},
        )
        assert made.status_code == 200, made.content[:300]
        links.append(LINK.search(made.content.decode()).group(1))
    reader = Client()
    form = reader.get(links[0]).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', form).group(1)
    opened = reader.post(links[0], {"passphrase": passphrase, "form_token": token})
    assert opened.status_code == 302
    assert canary in reader.get(links[0]).content.decode()
    assert reader.get(f"{links[0]}pdf/").status_code == 200
    assert reader.get(f"{links[0]}zip/").status_code == 200
    listing = client.get("/records/shares/").content.decode()
    ids = re.findall(r'name="share" value="([0-9a-f-]{36})"', listing)
    assert len(ids) == 2
    assert client.post("/records/shares/remove/", {"share": ids[0]}).status_code == 302
