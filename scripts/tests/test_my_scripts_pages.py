"""The person's own scripts come a page at a time, newest first."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import OWNER_NAME, OWNER_PASSPHRASE, signed_in_client
from scripts.actions import SCRIPTS_PER_PAGE
from scripts.models import MyScript
from vault.box import Box

pytestmark = pytest.mark.django_db


def add_scripts(owner, dek: bytes, count: int, start: int = 0) -> None:
    box = Box(dek)
    now = timezone.now()
    rows = []
    for n in range(start, start + count):
        script = MyScript(owner=owner)
        script.content = box.seal_json(
            script, "content", {"title": f"Script number {n}.", "situation": "", "text": "Words."}
        )
        rows.append(script)
    MyScript.objects.bulk_create(rows)
    # bulk_create sets one time for all; spread them so the newest is the highest number.
    for n, script in enumerate(rows, start=start):
        MyScript.objects.filter(pk=script.pk).update(updated_at=now + datetime.timedelta(seconds=n))


def numbers(body: str) -> list[int]:
    return [int(n) for n in re.findall(r"Script number (\d+)\.", body)]


def test_my_scripts_walk_newest_first_and_cost_the_same_at_any_size(owner_dek):
    owner, dek = owner_dek
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    total = SCRIPTS_PER_PAGE * 2 + 3
    add_scripts(owner, dek, total)
    with CaptureQueriesContext(connection) as small:
        first = client.get("/scripts/mine/").content.decode()
    assert numbers(first) == list(range(total - 1, total - 1 - SCRIPTS_PER_PAGE, -1))
    seen, body = [], first
    while True:
        seen += numbers(body)
        found = re.search(r'href="(\?after=[^"]+)"', body)
        if not found:
            break
        body = client.get("/scripts/mine/" + found.group(1).replace("&amp;", "&")).content.decode()
    assert seen == list(range(total - 1, -1, -1))
    assert "Newer scripts" in body
    add_scripts(owner, dek, 300, start=total)
    with CaptureQueriesContext(connection) as big:
        client.get("/scripts/mine/")
    assert len(big) == len(small)
