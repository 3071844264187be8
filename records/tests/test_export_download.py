"""The owner's export: a PDF and a zip of chosen entries, through real requests."""

import hashlib
import io
import json
import subprocess
import zipfile

import pytest

from conftest import OWNER_NAME, OWNER_PASSPHRASE, signed_in_client
from records import chain, signing
from records.tests.export_world import picture, three_incidents
from vault.box import Box

pytestmark = pytest.mark.django_db


@pytest.fixture
def owner_with_records(owner_dek):
    user, dek = owner_dek
    incidents = three_incidents(Box(dek), user)
    return signed_in_client(OWNER_NAME, OWNER_PASSPHRASE), incidents


def pdf_text(content: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return done.stdout.decode()


def test_the_export_page_lists_every_entry_to_tick(owner_with_records):
    client, incidents = owner_with_records
    page = client.get("/records/export/")
    assert page.status_code == 200
    body = page.content.decode()
    for incident in incidents:
        assert f'value="{incident.pk}"' in body
    assert "2026-03-05 · home" in body


def test_the_pdf_has_the_summary_each_entry_its_chain_and_page_numbers(owner_with_records):
    client, incidents = owner_with_records
    response = client.post("/records/export/", {"as": "pdf", "everything": "on"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"].startswith("no-store")
    assert response["Content-Disposition"] == 'attachment; filename="notes.pdf"'
    text = pdf_text(response.content)
    assert "Summary" in text and "2026-03-01" in text and "2026-04-02" in text
    assert "Took my phone and read it" in text  # the entry as it reads now
    second = incidents[1]
    second.refresh_from_db()
    assert f"Entry {chain.short(second.pk)}" in text
    for version in second.versions.all():
        assert version.link in text.replace("\n", "")
    assert second.head_signature[:40] in text.replace("\n", "")
    assert "Signed by key t1" in text
    assert "bruise .jpg" in text
    assert "/records/verify/" in text
    assert "1/" in text and "Records · " in text  # the footer's page numbers
    # The summary comes before the entries, oldest first.
    assert text.index("2026-03-01") < text.index("2026-03-05") < text.index("2026-04-02")


def test_the_pdf_holds_the_photos_thumbnail(owner_with_records):
    client, _incidents = owner_with_records
    content = client.post("/records/export/", {"as": "pdf", "everything": "on"}).content
    assert content.count(b"/Subtype /Image") == 1


def test_a_date_range_takes_only_the_entries_inside_it(owner_with_records):
    client, incidents = owner_with_records
    response = client.post("/records/export/", {"as": "pdf", "start": "2026-03-02"})
    text = pdf_text(response.content)
    assert "Took my phone" in text and "Followed me" in text
    assert "corridor" not in text


def test_ticked_entries_are_the_only_ones_taken(owner_with_records):
    client, incidents = owner_with_records
    response = client.post("/records/export/", {"as": "pdf", "entries": [str(incidents[2].pk)]})
    text = pdf_text(response.content)
    assert "Followed me" in text
    assert "corridor" not in text and "phone" not in text


def test_an_empty_choice_is_told_kindly_and_keeps_the_dates(owner_with_records):
    client, _incidents = owner_with_records
    response = client.post("/records/export/", {"as": "pdf", "start": "2030-01-01"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "No entries match" in body
    assert 'value="2030-01-01"' in body


def test_dates_the_wrong_way_round_are_pointed_out(owner_with_records):
    client, _incidents = owner_with_records
    response = client.post(
        "/records/export/", {"as": "pdf", "start": "2026-04-01", "end": "2026-03-01"}
    )
    assert response.status_code == 400
    assert "swap them" in response.content.decode()


def test_the_zip_holds_the_pdf_the_originals_records_json_and_a_manifest(owner_with_records):
    client, incidents = owner_with_records
    response = client.post("/records/export/", {"as": "zip", "everything": "on"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="notes.zip"'
    assert response["Cache-Control"].startswith("no-store")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = set(archive.namelist())
    short = chain.short(incidents[1].pk)
    assert {"records.pdf", "records.json", "MANIFEST.txt"} <= names
    assert archive.read(f"evidence/{short}/01-bruise .jpg") == picture()
    assert archive.read(f"evidence/{short}/02-letter .pdf").startswith(b"%PDF-1.4 a doctor")
    manifest = dict(
        reversed(line.split("  ", 1)) for line in archive.read("MANIFEST.txt").decode().splitlines()
    )
    assert set(manifest) == names - {"MANIFEST.txt"}
    for name, digest in manifest.items():
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    document = json.loads(archive.read("records.json"))
    assert document["public_keys"] == signing.public_keys()
    assert [e["proof"]["id"] for e in document["entries"]] == [str(i.pk) for i in incidents]
    for record in document["entries"]:
        assert chain.verify_proof(record["proof"]) == []
    evidence = document["entries"][1]["evidence"]
    assert evidence[0]["sha256"] == hashlib.sha256(picture()).hexdigest()
    assert evidence[0]["name"] == "bruise .jpg"


def test_another_member_exports_only_their_own_entries(owner_with_records, other_client):
    response = other_client.post("/records/export/", {"as": "pdf", "everything": "on"})
    assert response.status_code == 400
    assert "No entries match" in response.content.decode()


def test_a_stranger_is_sent_to_sign_in(owner_with_records, stranger_client):
    response = stranger_client.post("/records/export/", {"as": "zip", "everything": "on"})
    assert response.status_code == 302
    assert "/sign-in/" in response["Location"]


def test_words_in_any_script_reach_the_pdf(owner_dek):
    user, dek = owner_dek
    box = Box(dek)
    chain.create(box, user, {"date": "2026-05-01", "happened": "Он кричал. 他大声喊叫。 صرخ عليّ"})
    client = signed_in_client(OWNER_NAME, OWNER_PASSPHRASE)
    text = pdf_text(client.post("/records/export/", {"as": "pdf", "everything": "on"}).content)
    assert "Он кричал." in text
    assert "他大声喊叫" in text


def test_an_export_gathers_the_same_proofs_as_the_chain_in_a_few_queries(owner_dek):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from records import export_zip

    user, dek = owner_dek
    box = Box(dek)
    incidents = three_incidents(box, user)
    with CaptureQueriesContext(connection) as queries:
        items, _source = export_zip.gather(box, incidents)
    assert len(queries) == 2  # evidence, versions: never one per entry
    assert [item.proof for item in items] == [chain.proof(box, i) for i in incidents]


def test_no_choice_at_all_asks_which_entries_kindly(owner_with_records):
    client, _incidents = owner_with_records
    response = client.post("/records/export/", {"as": "pdf"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "Which entries would you like?" in response.content.decode()
