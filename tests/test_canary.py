"""Type a canary into every private field, then look for it everywhere it must not be.

The canary must appear nowhere: not in the database file (or a PostgreSQL
dump), not in any SQL sent to the database, not in the logs, not in media.
"""

import logging
import re
from pathlib import Path

import pyotp
import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from core import features
from tests.steps import shown_recovery_code
from tests.stored import committed_database_bytes

CANARY = "CANARY7731"
PASSPHRASE = f"{CANARY} lantern orchard velvet"
DURESS = f"{CANARY} pebble silver monday"
NEW_PASSPHRASE = f"{CANARY} harbour willow ginger"


class Collect(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines = []

    def emit(self, record):
        self.lines.append(self.format(record))


def _code(page):
    code = shown_recovery_code(page.content.decode())
    assert code, "the page shows no recovery code"
    return code


def _secret(page):
    found = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page.content.decode())
    return found.group(1).replace(" ", "")


def use_everything(client: Client) -> list[str]:
    """A full scripted use; returns every secret the server must never store in the clear."""
    client.post(
        "/start/",
        {
            "username": "canary-user",
            "new_passphrase": PASSPHRASE,
            "new_passphrase_again": PASSPHRASE,
        },
    )
    code = _code(client.get("/recovery-code/"))
    client.post("/recovery-code/", {"code": code})
    for n in range(3):
        client.post("/reasons/", {"text": f"{CANARY} reason {n}"})
    client.post("/reasons/", {"text": f"{CANARY} " + "too long " * 400})  # a kind error
    from plan.models import Reason

    first = Reason.objects.order_by("position").first()
    client.post(f"/reasons/{first.pk}/edit/", {"text": f"{CANARY} edited"})
    client.post(f"/reasons/{first.pk}/move/", {"direction": "down"})
    last = Reason.objects.order_by("position").last()
    client.post(f"/reasons/{last.pk}/delete/")
    secret = _secret(client.get("/settings/two-step/"))
    client.post("/settings/two-step/", {"code": pyotp.TOTP(secret).now()})
    client.post(
        "/settings/duress/",
        {"current": PASSPHRASE, "duress": DURESS, "duress_again": DURESS},
    )
    client.post("/settings/duress/prepare/")
    client.post("/reasons/", {"text": f"{CANARY} decoy reason"})
    client.post("/lock/")
    client.post("/unlock/", {"passphrase": PASSPHRASE})
    client.post("/sign-in/code/", {"code": pyotp.TOTP(secret).now()})
    client.post(
        "/settings/passphrase/",
        {
            "current": PASSPHRASE,
            "new_passphrase": NEW_PASSPHRASE,
            "new_passphrase_again": NEW_PASSPHRASE,
        },
    )
    client.post("/settings/recovery-code/", {"current": NEW_PASSPHRASE})
    new_code = _code(client.get("/recovery-code/"))
    client.post("/recovery-code/", {"code": new_code})
    import uuid

    assert client.get(f"/reasons/{uuid.uuid4()}/edit/").status_code == 404  # logged
    client.post("/sign-in/", {"username": "canary-user", "passphrase": f"{CANARY} wrong"})
    feature_uses = run_feature_uses(client)
    client.get("/x/")
    other = Client()
    other.post("/sign-in/", {"username": "canary-user", "passphrase": DURESS})
    other.post("/sign-in/code/", {"code": pyotp.TOTP(secret).now()})
    assert CANARY in other.get("/reasons/").content.decode()  # the decoy reason, opened
    home = client.get("/home/")
    assert home.status_code == 302  # locked by quick exit
    assert feature_uses, "no feature filled its private fields"
    return [CANARY, code, new_code, secret, code.replace("-", ""), new_code.replace("-", "")]


def run_feature_uses(client: Client) -> list[str]:
    """Each feature fills every one of its private fields with the canary (the
    `canary` module its feature.py names), so a new private field is covered
    when it lands."""
    used = []
    for feature, module in features.with_module("canary"):
        module.use_everything(client, CANARY)
        used.append(feature.app)
    keepers = {feature.app for feature in features.all_features() if feature.models}
    missing = keepers - set(used)
    assert not missing, f"these features keep private data but fill nothing: {missing}"
    return used


def _files_under(folder: Path):
    if folder.exists():
        for path in folder.rglob("*"):
            if path.is_file():
                yield path


@pytest.mark.django_db(transaction=True)
def test_no_private_text_is_left_readable_anywhere():
    collector = Collect()
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(collector)
    root.setLevel(logging.DEBUG)
    try:
        with CaptureQueriesContext(connection) as queries:
            secrets = use_everything(Client())
    finally:
        root.removeHandler(collector)
        root.setLevel(old_level)

    needles = [s.encode() for s in secrets if s]
    needles += [s.encode("utf-16-le") for s in secrets if s]

    # Every SQL statement and its parameters, as sent to the database.
    sql = "\n".join(q["sql"] for q in queries.captured_queries)
    assert len(queries.captured_queries) > 50
    for secret in secrets:
        assert secret not in sql, "a private value reached the database unsealed"

    # The database as stored.
    stored = committed_database_bytes()
    assert b"canary-user" in stored  # proves we are reading the right database
    for needle in needles:
        assert needle not in stored, "a private value is readable in the database"

    # Logs.
    assert collector.lines, "nothing was logged, so this part proved nothing"
    logged = "\n".join(collector.lines)
    for secret in secrets:
        assert secret not in logged

    # Media and the rest of the var folder (outbox, sealed files).
    for path in _files_under(Path(settings.MEDIA_ROOT)):
        content = path.read_bytes()
        for needle in needles:
            assert needle not in content, f"{path} holds a private value"
