"""Checking an exported copy (page, command, function) and the records held here."""

import hashlib
import io
import json
import logging
import zipfile

import pytest
from django.core.management import call_command
from django.test import override_settings

from conftest import OWNER_NAME, OWNER_PASSPHRASE, signed_in_client
from records import chain, verify
from records.models import IncidentVersion
from records.tests.export_world import three_incidents
from vault.box import Box

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(owner_dek):
    """The owner's three incidents, exported as a zip through the export page."""
    user, dek = owner_dek
    incidents = three_incidents(Box(dek), user, words="WORDS4412")
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    response = client.post("/records/export/", {"as": "zip", "everything": "on"})
    assert response.status_code == 200
    return response.content, incidents


def rebuild(data: bytes, change, fix_manifest: bool = False) -> bytes:
    """The zip with `change(name, bytes) -> bytes` applied to each file; with
    `fix_manifest` the manifest is rewritten to match, as a careful forger would."""
    source = zipfile.ZipFile(io.BytesIO(data))
    files = {name: change(name, source.read(name)) for name in source.namelist()}
    if fix_manifest:
        files["MANIFEST.txt"] = "".join(
            f"{hashlib.sha256(content).hexdigest()}  {name}\n"
            for name, content in files.items()
            if name != "MANIFEST.txt"
        ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in files.items():
            target.writestr(name, content)
    return out.getvalue()


def flip_in_entry(document: bytes, word: bytes = b"corridor") -> bytes:
    at = document.index(word)
    return document[:at] + bytes([document[at] ^ 0x20]) + document[at + 1 :]


def test_an_untouched_export_checks_out(exported):
    data, incidents = exported
    report = verify.check(data)
    assert report.ok, report.lines()
    assert [e.short for e in report.entries] == [chain.short(i.pk) for i in incidents]
    assert [e.versions for e in report.entries] == [1, 2, 1]
    assert len(report.entries[1].evidence) == 2
    assert {path for path, _digest, ok in report.manifest if ok} >= {"records.pdf", "records.json"}


def test_its_records_json_alone_checks_out_too(exported):
    data, _incidents = exported
    document = zipfile.ZipFile(io.BytesIO(data)).read("records.json")
    report = verify.check(document)
    assert report.ok and report.kind == "json"


def test_one_byte_changed_in_an_entry_in_records_json_names_that_entry(exported):
    data, incidents = exported
    document = zipfile.ZipFile(io.BytesIO(data)).read("records.json")
    report = verify.check(flip_in_entry(document))
    assert not report.ok
    name = chain.short(incidents[0].pk)
    failed = [e for e in report.entries if not e.ok]
    assert [e.short for e in failed] == [name]
    assert failed[0].problems[0] == f"entry {name}, version 1: its words do not match its hash"


def test_a_changed_entry_inside_the_zip_fails_even_with_a_rewritten_manifest(exported):
    data, incidents = exported
    changed = rebuild(
        data,
        lambda name, content: flip_in_entry(content) if name == "records.json" else content,
        fix_manifest=True,
    )
    report = verify.check(changed)
    assert not report.ok
    assert any(
        p.startswith(f"entry {chain.short(incidents[0].pk)}, version 1")
        for p in report.entries[0].problems
    )


def test_one_byte_changed_in_an_evidence_file_names_the_entry(exported):
    data, incidents = exported
    name = chain.short(incidents[1].pk)

    def change(path, content):
        if path.startswith(f"evidence/{name}/01-"):
            return content[:-1] + bytes([content[-1] ^ 0x01])
        return content

    for fix_manifest in (False, True):
        report = verify.check(rebuild(data, change, fix_manifest))
        assert not report.ok
        failed = [e for e in report.entries if not e.ok]
        assert [e.short for e in failed] == [name]
        assert f"entry {name}, evidence 1: the file does not match its SHA-256" in (
            failed[0].problems
        )


def test_a_file_slipped_into_the_zip_is_noticed(exported):
    data, _incidents = exported
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr("evidence/extra.jpg", b"not from the export")
    report = verify.check(out.getvalue())
    assert "evidence/extra.jpg: in the zip but not in MANIFEST.txt" in report.problems


def test_something_else_entirely_gets_a_clear_answer():
    assert verify.check(b"hello").problems == [
        "this is neither a Haven export zip nor its records.json"
    ]
    assert not verify.check(b"PK\x03\x04 broken").ok
    assert not verify.check(json.dumps({"entries": []}).encode()).ok


def test_the_public_page_checks_an_upload_without_an_account(exported, stranger_client):
    data, incidents = exported
    page = stranger_client.get("/records/verify/")
    assert page.status_code == 200
    assert "t1" in page.content.decode()  # the public key is shown
    good = io.BytesIO(data)
    good.name = "notes.zip"
    answer = stranger_client.post("/records/verify/", {"copy": good})
    assert answer.status_code == 200
    assert "All good: 3 entries checked" in answer.content.decode()

    document = zipfile.ZipFile(io.BytesIO(data)).read("records.json")
    bad = io.BytesIO(flip_in_entry(document))
    bad.name = "records.json"
    answer = stranger_client.post("/records/verify/", {"copy": bad})
    body = answer.content.decode()
    assert "This copy does not check out" in body
    assert f"entry {chain.short(incidents[0].pk)}, version 1" in body
    assert "WORDS4412" not in body  # the report names entries, never repeats them


def test_the_page_keeps_nothing_and_logs_nothing_of_the_file(exported, stranger_client, caplog):
    from django.core.files.storage import default_storage

    data, _incidents = exported
    before = default_storage.listdir("sealed")[1]
    upload = io.BytesIO(data)
    upload.name = "notes.zip"
    with caplog.at_level(logging.DEBUG):
        stranger_client.post("/records/verify/", {"copy": upload})
    assert default_storage.listdir("sealed")[1] == before
    assert "WORDS4412" not in caplog.text and "corridor" not in caplog.text


@override_settings(HAVEN_RECORDS_VERIFY_MAX_BYTES=1000)
def test_a_file_over_the_cap_is_refused_kindly(exported, stranger_client):
    data, _incidents = exported
    upload = io.BytesIO(data)
    upload.name = "notes.zip"
    answer = stranger_client.post("/records/verify/", {"copy": upload})
    assert answer.status_code == 400
    assert "larger than this page takes" in answer.content.decode()


def test_no_file_is_asked_for_kindly(stranger_client):
    answer = stranger_client.post("/records/verify/", {})
    assert answer.status_code == 400
    assert "Choose the file to check." in answer.content.decode()


def test_the_command_prints_the_same_report_and_exits_1_on_a_failure(exported, tmp_path, capsys):
    data, incidents = exported
    good = tmp_path / "notes.zip"
    good.write_bytes(data)
    call_command("verify_records", str(good))
    out = capsys.readouterr().out
    assert out.startswith("OK: 3 entries checked")
    assert f"entry {chain.short(incidents[1].pk)}: ok (2 versions)" in out

    document = zipfile.ZipFile(io.BytesIO(data)).read("records.json")
    bad = tmp_path / "records.json"
    bad.write_bytes(flip_in_entry(document))
    with pytest.raises(SystemExit) as stopped:
        call_command("verify_records", str(bad))
    assert stopped.value.code == 1
    out = capsys.readouterr().out
    assert out.startswith("FAILED")
    assert f"entry {chain.short(incidents[0].pk)}, version 1: its words do not match" in out


def test_the_stored_check_passes_then_names_an_entry_changed_in_the_database(exported, capsys):
    _data, incidents = exported
    call_command("verify_records", "--stored")
    assert "OK: 3 entries checked, 0 with problems" in capsys.readouterr().out

    version = IncidentVersion.objects.get(incident=incidents[2], number=1)
    body = bytearray(bytes(version.body))
    body[20] ^= 0x01
    IncidentVersion.objects.filter(pk=version.pk).update(body=bytes(body))
    with pytest.raises(SystemExit) as stopped:
        call_command("verify_records", "--stored")
    assert stopped.value.code == 1
    out = capsys.readouterr().out
    name = chain.short(incidents[2].pk)
    assert f"FAILED entry {name}, version 1: its sealed words were changed" in out
    assert "3 entries checked, 1 with problems" in out
