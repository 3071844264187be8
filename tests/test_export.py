"""The person's own export, end to end: from Settings, through a file, into a new space.

The registry decides what is covered: every BinaryField column (sealed
values) of every model a feature owns must carry its own marker into both
downloads, so a sealed field added without an export fails here.
"""

import datetime
import importlib
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from accounts import actions as account_actions
from accounts import export, export_format, export_views
from accounts.tests.export_checks import sealed_columns, snapshot
from conftest import (
    DURESS_PASSPHRASE,
    OTHER_NAME,
    OTHER_PASSPHRASE,
    OWNER_NAME,
    OWNER_PASSPHRASE,
    make_member,
    signed_in_client,
)
from core import features
from vault import crypto, keys
from vault import keyring as vault_keyring
from vault.box import Box

pytestmark = pytest.mark.django_db

PDFTOTEXT = shutil.which("pdftotext")
needs_pdftotext = pytest.mark.skipif(
    PDFTOTEXT is None, reason="reading a PDF back needs pdftotext (Debian: poppler-utils)"
)
EXPORT_URL = "/settings/export/"
RESTORE_URL = "/settings/export/bring-in/"
NAME = re.compile(r'^attachment; filename="notes-\d{4}-\d{2}-\d{2}\.(bin|zip)"$')


# ---- Filling every sealed column, each with its own marker -----------------


def marker(n: int) -> str:
    return f"MARKER{n:02d}Q"


def fill_every_sealed_column(user, box) -> dict[str, str]:
    """Through each room's own actions; returns "app.Model.field" -> its marker.

    A room that adds a sealed column adds a line here, and an export for it.
    """
    from assess import actions as assess
    from assess.models import SavedCheck
    from assess.scoring import score_relationship
    from assess.tests.helpers import SAFE, patterns
    from inspire import actions as inspire
    from money import actions as money
    from plan import actions as plan
    from scripts import actions as scripts

    m = {}

    def mark(column: str) -> str:
        m[column] = marker(len(m))
        return m[column]

    plan.add_reason(user, box, f"{mark('plan.Reason.text')} a reason")
    plan.save_safety_plan(
        user, box, {"places": [{"name": mark("plan.SafetyPlan.data"), "route": ""}]}
    )
    plan.save_exit_step(
        user,
        box,
        1,
        {"tasks": {}, "own": [], "notes": mark("plan.ExitPlan.data"), "target": ""},
    )
    summary = score_relationship("partner", patterns("often"), SAFE).summary()
    # A check holds only chosen answers; the marker stands in for any of them.
    assess.save_check(
        user, box, SavedCheck.RELATIONSHIP, {**summary, "x": mark("assess.SavedCheck.data")}
    )
    assess.add_observation(
        user,
        box,
        {
            "on": "2026-11-20",
            "sign": "acknowledged",
            "status": "held",
            "note": mark("assess.Observation.data"),
        },
    )
    assess.add_step(user, box, {"on": "2027-01-10", "text": mark("assess.Step.data"), "check": ""})
    assess.save_conditions(
        user, box, mark("assess.Conditions.conditions"), mark("assess.Conditions.trusted_person")
    )
    scripts.create_script(
        user, box, {"title": "", "situation": "", "text": mark("scripts.MyScript.content")}
    )
    money.save_budget(
        user, box, "€", [{"label": mark("money.MoneyPlan.budget"), "amount": Decimal(1)}], []
    )
    money.add_deposit(
        user, box, datetime.date(2025, 3, 1), Decimal(5), mark("money.MoneyPlan.fund")
    )
    money.save_section(
        user, box, "papers", {"id": {"status": "done", "where": mark("money.MoneyPlan.papers")}}
    )
    money.save_section(
        user, box, "steps", {"find-bank": {"done": True, "note": mark("money.MoneyPlan.steps")}}
    )
    inspire.save(user, box, "rest-reward-something-need", mark("inspire.SavedReminders.data"))
    from circle import actions as circle
    from circle import delivery as circle_delivery

    circle.save_words(user, {**circle.default_words(), "checkin": mark("circle.Alert.text")})
    circle.add_contact(
        user,
        box,
        {
            "name": mark("circle.Contact.name"),
            "email": f"{mark('circle.Contact.email')}@example.org",
            "relation": mark("circle.Contact.details"),
            "for_checkins": True,
        },
    )
    circle_delivery.write_alert(user, "missed", [])
    circle.save_words(user, {**circle.default_words(), "checkin": mark("circle.Circle.words")})
    from records import chain as records_chain

    incident = records_chain.create(
        box, user, {"happened": mark("records.IncidentVersion.body"), "tags": []}
    )
    records_chain.append(box, incident, {"happened": mark("records.Incident.body"), "tags": []})
    from records.models import Evidence
    from vault import files as sealed_files

    evidence = Evidence(owner=user, incident=incident)
    evidence.file_name = sealed_files.save(box, io.BytesIO(b"%PDF-1.4 a letter"), "evidence")
    evidence.meta = box.seal_json(evidence, "meta", {"name": mark("records.Evidence.meta")})
    evidence.save()
    from journal import actions as journal

    journal.create_entry(
        user,
        box,
        "facts",
        {
            "title": "",
            "answers": {"happened": mark("journal.Entry.content")},
            "tags": ["a tag"],
            "day": datetime.date(2026, 3, 14),
        },
    )
    from mood import actions as mood
    from mood.checkins import Entry

    day = datetime.date(2026, 5, 1)
    mood.add(user, box, Entry(None, day, 3, note=mark("mood.CheckIn.data")))
    from nocontact import actions as nocontact

    nocontact.save_counter(
        user,
        box,
        {
            "mode": "low",
            "start": datetime.date(2025, 3, 1),
            "allowed": ["app"],
            "allowed_note": mark("nocontact.Steady.counter"),
        },
    )
    nocontact.log_contact(
        user,
        box,
        {"on": datetime.date(2025, 3, 9), "how": "app", "note": mark("nocontact.Steady.contacts")},
    )
    nocontact.add_writing(user, box, mark("nocontact.Steady.urges"))
    nocontact.save_lists(user, box, [mark("nocontact.Steady.lists")], [])
    return m


def registry_columns() -> set[str]:
    """Every sealed column the export must carry. A model says `exported = False`
    only for rows bound to this server that a person's file leaves out on
    purpose (a records share link: docs/export-format.md)."""
    return {
        f"{model._meta.label}.{name}"
        for model in features.owned_models()
        if getattr(model, "exported", True)
        for name in sealed_columns(model)
    }


# ---- Driving the pages ------------------------------------------------------


def download(client, passphrase=OWNER_PASSPHRASE, kind="sealed", **extra):
    return client.post(EXPORT_URL, {"current": passphrase, "kind": kind, **extra})


def bring_in(client, blob: bytes, passphrase: str):
    upload = SimpleUploadedFile("notes.bin", blob, content_type="application/octet-stream")
    return client.post(RESTORE_URL, {"file": upload, "passphrase": passphrase})


def opened(blob: bytes, passphrase=OWNER_PASSPHRASE) -> dict:
    return json.loads(export_format.open_file(blob, passphrase))


def read_pdf(content: bytes) -> str:
    done = subprocess.run(
        [PDFTOTEXT, "-enc", "UTF-8", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode()


def all_owned(user, box):
    return snapshot(user, box, features.owned_models())


@pytest.fixture
def member(db):
    user, dek, _code = make_member(OWNER_NAME, OWNER_PASSPHRASE)
    return user, Box(dek), signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)


@pytest.fixture
def fresh(db):
    user, dek, _code = make_member(OTHER_NAME, OTHER_PASSPHRASE)
    return user, Box(dek), signed_in_client(OTHER_NAME, OTHER_PASSPHRASE)


# ---- What is in the downloads -----------------------------------------------


def test_the_fill_reaches_every_sealed_column_the_registry_knows(member):
    user, box, _client = member
    filled = fill_every_sealed_column(user, box)
    assert set(filled) == registry_columns(), "a sealed column has no marker: add it above"
    assert len(set(filled.values())) == len(filled)
    for column in filled:
        label, name = column.rsplit(".", 1)
        model = next(m for m in features.owned_models() if m._meta.label == label)
        stored = [bytes(v) for v in model.objects.filter(owner=user).values_list(name, flat=True)]
        assert stored and all(stored), f"{column} was not filled"


def test_every_marker_is_in_the_sealed_file_and_in_the_readable_folder(member):
    user, box, client = member
    filled = fill_every_sealed_column(user, box)

    sealed = download(client)
    assert sealed.status_code == 200
    document = opened(sealed.content)
    assert document["format"] == "haven-export" and document["version"] == 1
    for column, mark in filled.items():
        app = column.split(".")[0]
        assert mark in json.dumps(document["features"][app], ensure_ascii=False), column
        assert mark.encode() not in sealed.content

    readable = download(client, kind="readable")
    assert readable.status_code == 200
    with zipfile.ZipFile(io.BytesIO(readable.content)) as archive:
        names = set(archive.namelist())
        for feature, _module in features.with_module("export"):
            assert {f"{feature.app}.json", f"{feature.app}.pdf"} <= names
        for column, mark in filled.items():
            part = archive.read(f"{column.split('.')[0]}.json").decode()
            assert mark in part, column
        readme = archive.read("README.txt").decode()
    assert "not protected" in readme
    assert "plan.pdf" in readme


@needs_pdftotext
def test_the_readable_pdfs_hold_the_words_as_written(member):
    user, box, client = member
    filled = fill_every_sealed_column(user, box)
    filled.pop("assess.SavedCheck.data")  # chosen answers only: shown as their labels
    from assess import actions as assess
    from assess.models import SavedCheck
    from plan import actions as plan

    plan.add_reason(user, box, "Καταφύγιο στην Αθήνα, بيت أختي")
    assess.save_check(user, box, SavedCheck.DANGER, {"answers": {"weapon": "yes"}})
    readable = download(client, kind="readable")
    with zipfile.ZipFile(io.BytesIO(readable.content)) as archive:
        apps = (
            "records",
            "plan",
            "assess",
            "scripts",
            "money",
            "inspire",
            "circle",
            "journal",
            "mood",
            "nocontact",
        )
        text = {app: read_pdf(archive.read(f"{app}.pdf")) for app in apps}
    for column, mark in filled.items():
        assert mark in text[column.split(".")[0]], column
    assert "Καταφύγιο στην Αθήνα" in text["plan"]
    assert "Quick checklist" in text["plan"]  # the safety plan reads as it does on its own
    assert "Relationship check" in text["assess"] and "Often" in text["assess"]
    assert "Danger screen" in text["assess"]


def test_the_downloads_have_plain_names_and_are_never_cached(member):
    _user, _box, client = member
    for kind, content_type in (("sealed", "application/octet-stream"), ("readable", "zip")):
        response = download(client, kind=kind)
        assert NAME.match(response["Content-Disposition"]), response["Content-Disposition"]
        assert content_type in response["Content-Type"]
        assert "no-store" in response["Cache-Control"]


def test_the_sealed_file_can_have_its_own_passphrase(member):
    user, box, client = member
    fill_every_sealed_column(user, box)
    other = "harbour ginger willow seven"
    response = download(client, other=other, other_again=other)
    assert opened(response.content, other)["features"]["plan"]["reasons"]
    with pytest.raises(export_format.WrongPassphrase):
        export_format.open_file(response.content, OWNER_PASSPHRASE)


def test_a_weak_or_mistyped_file_passphrase_is_explained(member):
    _user, _box, client = member
    weak = download(client, other="short", other_again="short")
    assert weak.status_code == 200 and "at least 10 characters" in weak.content.decode()
    other = "harbour ginger willow seven"
    mistyped = download(client, other=other, other_again=other + "s")
    assert "The two passphrases are different" in mistyped.content.decode()
    assert other not in mistyped.content.decode()


def test_a_wrong_passphrase_gets_a_kind_no_and_is_never_shown_back(member):
    _user, _box, client = member
    response = download(client, passphrase="copper kettle winter meadows")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "That passphrase isn&#x27;t right" in body
    assert "winter meadows" not in body
    assert 'autocomplete="off"' in body


def test_guessing_the_passphrase_here_is_slowed_like_signing_in(member):
    _user, _box, client = member
    with override_settings(HAVEN_SIGNIN_LIMIT_PER_NAME=3):
        for _ in range(3):
            download(client, passphrase="a wrong guess here")
        blocked = download(client)
    assert blocked["Content-Type"].startswith("text/html")
    assert "too many tries" in blocked.content.decode()


def test_settings_leads_to_the_download_and_the_download_page_to_bringing_in(member):
    _user, _box, client = member
    assert EXPORT_URL in client.get("/settings/").content.decode()
    page = client.get(EXPORT_URL).content.decode()
    assert RESTORE_URL in page
    assert "not protected" in page and "downloads list" in page


# ---- Bringing a file back in -------------------------------------------------


def test_a_sealed_file_from_real_use_brings_everything_back_into_a_new_space(member, fresh):
    user, box, client = member
    from scripts import library

    library.load()
    for feature, _module in features.with_module("export"):
        use = importlib.import_module(f"{feature.app}.tests.canary_use")
        use.use_everything(client, "ROUNDTRIP")
    before = all_owned(user, box)
    assert sum(len(rows) for rows in before.values()) >= 10
    assert "ROUNDTRIP" in json.dumps(before)

    blob = download(client).content
    fresh_user, fresh_box, fresh_client = fresh
    assert fresh_client.get(RESTORE_URL).status_code == 200
    response = bring_in(fresh_client, blob, OWNER_PASSPHRASE)
    assert response.status_code == 302 and response["Location"] == settings.HAVEN_HOME_URL
    assert all_owned(fresh_user, fresh_box) == before
    home = fresh_client.get(response["Location"])
    assert "Everything from your file is here now." in home.content.decode()
    assert all_owned(user, box) == before  # the source space is untouched


def test_the_marked_space_round_trips_through_the_pages_too(member, fresh):
    user, box, client = member
    fill_every_sealed_column(user, box)
    blob = download(client).content
    fresh_user, fresh_box, fresh_client = fresh
    assert bring_in(fresh_client, blob, OWNER_PASSPHRASE).status_code == 302
    assert all_owned(fresh_user, fresh_box) == all_owned(user, box)


def _cut(blob):
    return blob[: len(blob) - 20]


def _flip(blob):
    changed = bytearray(blob)
    changed[len(blob) // 2 + 40] ^= 0x04
    return bytes(changed)


@pytest.mark.parametrize(
    "spoil, passphrase, message",
    [
        (lambda b: b, "violet harbour paper lanterns", "doesn&#x27;t open this file"),
        (_cut, OWNER_PASSPHRASE, "cut short or changed"),
        (_flip, OWNER_PASSPHRASE, "cut short or changed"),
        (lambda b: b"PK\x03\x04 a zip, not the sealed file" * 20, OWNER_PASSPHRASE, "cut short"),
    ],
    ids=["wrong passphrase", "cut short", "a byte changed", "another file"],
)
def test_a_file_that_cannot_be_opened_changes_nothing(member, fresh, spoil, passphrase, message):
    user, box, client = member
    fill_every_sealed_column(user, box)
    blob = spoil(download(client).content)
    fresh_user, _fresh_box, fresh_client = fresh
    response = bring_in(fresh_client, blob, passphrase)
    body = response.content.decode()
    assert response.status_code == 200
    assert message in body and "Nothing here has changed" in body
    assert passphrase not in body
    assert export.space_is_empty(fresh_user)


def test_a_space_that_already_has_something_takes_nothing_in(member, fresh):
    user, box, client = member
    fill_every_sealed_column(user, box)
    blob = download(client).content
    fresh_user, fresh_box, fresh_client = fresh
    fresh_client.post("/reasons/", {"text": "my own first reason"})
    before = all_owned(fresh_user, fresh_box)
    page = fresh_client.get(RESTORE_URL).content.decode()
    assert "already has things in it" in page and 'type="file"' not in page
    response = bring_in(fresh_client, blob, OWNER_PASSPHRASE)
    assert response.status_code == 200
    assert "already has things in it" in response.content.decode()
    assert all_owned(fresh_user, fresh_box) == before


def test_bringing_the_same_file_in_twice_does_not_double_anything(member, fresh):
    user, box, client = member
    fill_every_sealed_column(user, box)
    blob = download(client).content
    fresh_user, fresh_box, fresh_client = fresh
    assert bring_in(fresh_client, blob, OWNER_PASSPHRASE).status_code == 302
    once = all_owned(fresh_user, fresh_box)
    assert bring_in(fresh_client, blob, OWNER_PASSPHRASE).status_code == 200
    assert all_owned(fresh_user, fresh_box) == once


def _sealed_document(document, passphrase=OWNER_PASSPHRASE) -> bytes:
    params = crypto.KdfParams(memory_kib=64, time_cost=1, parallelism=1)
    return export_format.seal(json.dumps(document).encode(), passphrase, params)


def test_one_bad_part_keeps_every_part_out(member, fresh):
    user, box, client = member
    fill_every_sealed_column(user, box)
    document = opened(download(client).content)
    document["features"]["money"]["money_plan"]["budget"] = ["not", "a", "budget"]
    fresh_user, _fresh_box, fresh_client = fresh
    response = bring_in(fresh_client, _sealed_document(document), OWNER_PASSPHRASE)
    assert "can&#x27;t be brought in here, so none of it was" in response.content.decode()
    assert export.space_is_empty(fresh_user)  # plan, assess and scripts came in first: undone


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda d: d["features"].update(garden={"version": 1}), "parts that this site"),
        (lambda d: d.update(version=2), "newer version of Haven"),
        (lambda d: d["features"]["plan"].update(version=9), "newer version of Haven"),
        (lambda d: d["features"]["plan"]["reasons"][0].update(position=-4), "can&#x27;t be"),
        (lambda d: d["features"]["plan"]["reasons"][0].update(text=["x"]), "can&#x27;t be"),
        (lambda d: d["features"]["plan"]["reasons"][0].update(created_at="soon"), "can&#x27;t"),
    ],
    ids=[
        "a room this site lacks",
        "a newer format",
        "a newer room",
        "odd order",
        "odd text",
        "odd date",
    ],
)
def test_a_file_this_haven_cannot_take_is_refused_kindly(member, fresh, change, message):
    user, box, client = member
    fill_every_sealed_column(user, box)
    document = opened(download(client).content)
    change(document)
    fresh_user, _fresh_box, fresh_client = fresh
    response = bring_in(fresh_client, _sealed_document(document), OWNER_PASSPHRASE)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert export.space_is_empty(fresh_user)


def test_a_file_made_on_another_haven_opens_here(member):
    """Another Haven has its own pepper and keys: the file depends on neither."""
    user, box, client = member
    fill_every_sealed_column(user, box)
    blob = download(client).content
    before = all_owned(user, box)
    elsewhere = "ZWxzZXdoZXJlLXBlcHBlci0zMi1ieXRlcy1sb25nLi4uLi4="
    try:
        with override_settings(HAVEN_PEPPER=elsewhere):
            keys.clear_caches()
            there, dek, _code = make_member("far-away", "orchard copper lantern friday")
            client_there = signed_in_client("far-away", "orchard copper lantern friday")
            assert bring_in(client_there, blob, OWNER_PASSPHRASE).status_code == 302
            assert all_owned(there, Box(dek)) == before
    finally:
        keys.clear_caches()


def test_a_file_far_too_large_is_refused_before_it_is_read(fresh, monkeypatch):
    _user, _box, fresh_client = fresh
    monkeypatch.setattr(export_views, "MAX_UPLOAD_BYTES", 100_000)
    response = bring_in(fresh_client, os.urandom(400_000), OWNER_PASSPHRASE)
    assert response.status_code == 200
    assert "much larger than an export can be" in response.content.decode()


# ---- The decoy space ----------------------------------------------------------


def _page_shape(body: str) -> str:
    body = re.sub(r'value="[^"]{20,}"', 'value=""', body)  # CSRF tokens
    body = re.sub(r'content="[A-Za-z0-9]{20,}"', 'content=""', body)
    return re.sub(r'nonce="[^"]+"', 'nonce=""', body)


def test_in_the_decoy_the_export_holds_the_decoys_own_words_and_looks_the_same(member):
    user, box, client = member
    filled = fill_every_sealed_column(user, box)
    real_dek = vault_keyring.unlock(account_actions.keyring_of(user), OWNER_PASSPHRASE).dek
    account_actions.set_duress(user, real_dek, DURESS_PASSPHRASE)
    # Setting a duress passphrase ends the other sessions: sign in again.
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    decoy_client = signed_in_client(OWNER_NAME, DURESS_PASSPHRASE)
    real_page = _page_shape(client.get(EXPORT_URL).content.decode())
    decoy_page = _page_shape(decoy_client.get(EXPORT_URL).content.decode())
    assert decoy_page == real_page

    # The real passphrase is just a wrong one here, word for word.
    refused = download(decoy_client, passphrase=OWNER_PASSPHRASE).content.decode()
    wrong = download(client, passphrase="not the right one at all").content.decode()
    assert "That passphrase isn&#x27;t right" in refused
    assert _page_shape(refused) == _page_shape(wrong)

    sealed = download(decoy_client, passphrase=DURESS_PASSPHRASE)
    document = opened(sealed.content, DURESS_PASSPHRASE)
    text = json.dumps(document, ensure_ascii=False)
    assert "Get to bed before eleven" in text
    for mark in filled.values():
        assert mark not in text
    assert set(document["features"]) == set(opened(download(client).content)["features"])

    readable = download(decoy_client, passphrase=DURESS_PASSPHRASE, kind="readable")
    with zipfile.ZipFile(io.BytesIO(readable.content)) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
    for mark in filled.values():
        assert mark.encode() not in everything


# ---- Nothing left behind -------------------------------------------------------

_writes: list[str] | None = None


def _watch_writes(event, args):
    if _writes is not None and event == "open":
        path, mode, flags = (list(args) + [None, None, None])[:3]
        writing = (mode and any(c in mode for c in "wax+")) or (
            isinstance(flags, int) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        )
        if writing:
            _writes.append(str(path))


sys.addaudithook(_watch_writes)


def _files_in(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def files_prefix() -> str:
    from vault import files

    return files.PREFIX


def test_exporting_and_bringing_in_leave_nothing_readable_on_disk_or_in_logs(
    member, fresh, caplog, monkeypatch, tmp_path
):
    global _writes
    user, box, client = member
    filled = fill_every_sealed_column(user, box)
    fresh_user, fresh_box, fresh_client = fresh
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    media_before = _files_in(Path(settings.MEDIA_ROOT))
    _writes = []
    try:
        with caplog.at_level(logging.DEBUG):
            sealed = download(client)
            readable = download(client, kind="readable")
            restored = bring_in(fresh_client, sealed.content, OWNER_PASSPHRASE)
            # A file bigger than Django would keep in memory by itself.
            bring_in(fresh_client, os.urandom(3 * 1024 * 1024), OWNER_PASSPHRASE)
    finally:
        opened_for_writing, _writes = _writes, None
    assert sealed.status_code == readable.status_code == 200 and restored.status_code == 302
    # Only sealed files, into storage (a restore seals attached files again).
    # (A number is a descriptor of a path opened just before, checked by its path.)
    sealed_prefix = f"/{files_prefix()}"
    assert [w for w in opened_for_writing if sealed_prefix not in w and not w.isdigit()] == []
    assert _files_in(private_tmp) == set()
    # A restore seals attached files again into storage: new sealed files, nothing readable.
    added = _files_in(Path(settings.MEDIA_ROOT)) - media_before
    assert added and all("/sealed/" in str(path) for path in added)
    for path in added:
        content = Path(path).read_bytes()
        assert not any(mark.encode() in content for mark in filled.values()), path
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "export made" in logged  # the logs were captured, so their silence means something
    for mark in filled.values():
        assert mark not in logged
    assert OWNER_PASSPHRASE not in logged
    assert all_owned(fresh_user, fresh_box) == all_owned(user, box)
