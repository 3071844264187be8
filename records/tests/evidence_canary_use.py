"""Files on an incident, with the canary in their names, their bytes and a photo's camera.

Called by the records canary use (records/tests/canary_use.py), so every
cross-cutting check that fills the features (the canary, deletion, export)
also covers sealed files and thumbnails: a photo kept as it is (the canary
stays inside its sealed bytes), a photo stripped, a PDF, a refused file, a
file removed again, and each one opened back through its page.
"""

from __future__ import annotations

import io

from django.test import Client

from tests.steps import get_ok, post_ok
from vault.tests import filemakers as make


def _named(name: str, content: bytes):
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def use_files(client: Client, canary: str, incident_id: str) -> None:
    add = f"/records/{incident_id}/files/add/"
    get_ok(client, add, says="Keep the original file exactly as it is")
    photo = make.photo("JPEG", make=canary)
    letter = make.pdf(canary.encode(), size=70_000)
    post_ok(
        client,
        add,
        {
            "files": [_named(f"{canary} photo.jpg", photo), _named(f"{canary} letter.pdf", letter)],
            "keep_original": "on",
        },
        then=f"/records/{incident_id}/#files",
        says=["2 files are added to this record.", f"{canary} photo.jpg", f"{canary} letter.pdf"],
    )
    post_ok(
        client,
        add,
        {"files": [_named(f"{canary} stripped.png", make.photo("PNG", make=canary))]},
        then=f"/records/{incident_id}/#files",
        says=[f"{canary} stripped.png", "location removed"],
    )
    post_ok(
        client,
        add,
        {"files": [_named(f"{canary}.zip", make.a_zip() + canary.encode())]},
        says=[f"{canary}.zip", "zip or other packed archive"],
        step="a zip is refused by name, kindly",
    )
    page = get_ok(client, f"/records/{incident_id}/").content.decode()
    ids = _file_ids(page)
    assert len(ids) == 3, ids
    kept = b"".join(client.get(f"/records/files/{ids[0]}/").streaming_content)
    assert kept == photo, "the kept photo did not come back as it was"
    thumb = client.get(f"/records/files/{ids[0]}/small/")
    assert thumb.status_code == 200 and b"".join(thumb.streaming_content)[:2] == b"\xff\xd8"
    assert b"".join(client.get(f"/records/files/{ids[1]}/").streaming_content) == letter
    get_ok(client, f"/records/files/{ids[2]}/remove/", says="Remove this file?")
    post_ok(
        client,
        f"/records/files/{ids[2]}/remove/",
        then=f"/records/{incident_id}/#files",
        says="The file is removed from this record.",
    )


def _file_ids(page: str) -> list[str]:
    import re

    found = re.findall(r'href="/records/files/([0-9a-f-]{36})/"', page)
    return list(dict.fromkeys(found))
