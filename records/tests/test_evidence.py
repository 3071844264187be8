"""Files on an incident through its pages: add, see, download, remove, and what's left on disk."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from pytest_django.asserts import assertContains, assertNotContains

from conftest import OWNER_PASSPHRASE
from records import chain
from records.models import Evidence, Incident
from vault import files
from vault.tests import filemakers as make

pytestmark = pytest.mark.django_db
CANARY = "CANARY4420"


def sealed_on_disk() -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / files.PREFIX
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def named(name: str, content: bytes):
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def add(client, incident_id, *named_files, keep=False):
    data = {"files": [named(n, c) for n, c in named_files]}
    if keep:
        data["keep_original"] = "on"
    return client.post(f"/records/{incident_id}/files/add/", data)


@pytest.fixture
def incident_id(owner_client) -> str:
    saved = owner_client.post(
        "/records/quick/", {"date": "2026-03-14", "happened": "He shouted in the hall."}
    )
    assert saved.status_code == 302
    return re.search(r"/records/([0-9a-f-]{36})/", saved["Location"]).group(1)


def test_photos_and_files_are_added_listed_with_thumbnails_and_named_in_the_chain(
    owner_client, incident_id
):
    page = owner_client.get(f"/records/{incident_id}/files/add/")
    assertContains(page, 'enctype="multipart/form-data"')
    assertContains(page, "Keep the original file exactly as it is")
    letter = make.pdf(size=300_000)
    photo = ("IMG_2041.jpg", make.photo())
    response = add(owner_client, incident_id, photo, ("letter.pdf", letter))
    assert response.status_code == 302
    assert response["Location"] == f"/records/{incident_id}/#files"
    shown = owner_client.get(f"/records/{incident_id}/")
    assertContains(shown, "2 files are added to this record.")
    assertContains(shown, "IMG_2041.jpg")
    assertContains(shown, "letter.pdf")
    assertContains(shown, "location removed")
    photo, pdf = Evidence.objects.filter(incident_id=incident_id).order_by("created_at", "pk")
    assert photo.thumb_name and not pdf.thumb_name
    assertContains(shown, f"/records/files/{photo.pk}/small/")

    thumb = owner_client.get(f"/records/files/{photo.pk}/small/")
    assert thumb["Content-Type"] == "image/jpeg"
    assert b"".join(thumb.streaming_content)[:3] == b"\xff\xd8\xff"
    served = owner_client.get(f"/records/files/{pdf.pk}/")
    assert b"".join(served.streaming_content) == letter
    assert served["Content-Type"] == "application/pdf"
    assert served["Content-Disposition"] == f'inline; filename="file-{str(pdf.pk)[:8]}.pdf"'
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Cache-Control"].startswith("no-store")
    download = owner_client.get(f"/records/files/{pdf.pk}/?download=1")
    assert download["Content-Disposition"].startswith("attachment;")

    # The incident's chain gained a version naming both files by hash.
    incident = Incident.objects.get(pk=incident_id)
    assert incident.head_number == 2
    box = box_of(owner_client)
    listed = chain.history(box, incident)[-1]["entry"]["evidence"]
    assert [item["name"] for item in listed] == ["IMG_2041.jpg", "letter.pdf"]
    import hashlib

    assert listed[1]["sha256"] == hashlib.sha256(letter).hexdigest()
    assert chain.verify_opened(box, incident) == []


def box_of(client):
    """The person's open vault, as the client's next request will see it."""
    from django.test import RequestFactory

    from vault.session import open_box

    request = RequestFactory().get("/")
    request.session = client.session
    request.COOKIES = {k: v.value for k, v in client.cookies.items()}
    return open_box(request)


def test_a_bad_file_is_named_with_a_kind_reason_and_the_good_ones_still_come_in(
    owner_client, incident_id
):
    before = sealed_on_disk()
    response = add(
        owner_client,
        incident_id,
        ("photos.zip", make.a_zip()),
        ("holiday.jpg", make.a_page()),
        ("big.png", make.bomb()),
        ("cut.jpg", make.truncated_photo()),
        ("memo.mp3", make.mp3()),
    )
    assert response.status_code == 200
    assertContains(response, "Some files weren")
    assertContains(response, "photos.zip")
    assertContains(response, "zip or other packed archive")
    assertContains(response, "name says it is one kind of file")
    assertContains(response, "far larger than any photo")
    assertContains(response, "damaged or cut short")
    assertContains(response, "1 file is added to this record.")
    assert Evidence.objects.filter(incident_id=incident_id).count() == 1
    assert len(sealed_on_disk()) == len(before) + 1


def test_more_than_25_mb_is_refused_and_nothing_is_left(owner_client, incident_id):
    before = sealed_on_disk()
    response = add(owner_client, incident_id, ("big.pdf", make.pdf(size=25 * 1024 * 1024 + 1)))
    assertContains(response, "larger than 25 MB")
    assert sealed_on_disk() == before
    assert not Evidence.objects.exists()


def test_choosing_no_file_says_so(owner_client, incident_id):
    response = owner_client.post(f"/records/{incident_id}/files/add/", {})
    assertContains(response, "Please choose a file to add.")


def test_a_photo_keeps_its_location_only_when_the_person_chooses(owner_client, incident_id):
    original = make.photo()
    add(owner_client, incident_id, ("a.jpg", original))
    add(owner_client, incident_id, ("b.jpg", original), keep=True)
    stripped, kept = Evidence.objects.order_by("created_at", "pk")
    body = b"".join(owner_client.get(f"/records/files/{stripped.pk}/").streaming_content)
    assert make.gps_of(body) == {}
    body = b"".join(owner_client.get(f"/records/files/{kept.pk}/").streaming_content)
    assert body == original and make.gps_of(body)


def test_a_changed_byte_in_a_stored_file_gives_a_clear_page(owner_client, incident_id):
    add(owner_client, incident_id, ("letter.pdf", make.pdf(size=200_000)))
    evidence = Evidence.objects.get()
    with default_storage.open(evidence.file_name, "rb") as handle:
        sealed = bytearray(handle.read())
    sealed[100_000] ^= 0x01
    default_storage.delete(evidence.file_name)
    default_storage.save(evidence.file_name, io.BytesIO(bytes(sealed)))
    response = owner_client.get(f"/records/files/{evidence.pk}/")
    assert response.status_code == 409
    assertContains(response, "can't be opened", status_code=409)


def test_removing_a_file_deletes_it_from_storage_and_notes_it_in_the_chain(
    owner_client, incident_id, django_capture_on_commit_callbacks
):
    add(owner_client, incident_id, ("a.jpg", make.photo()))
    evidence = Evidence.objects.get()
    stored = [evidence.file_name, evidence.thumb_name]
    assertContains(owner_client.get(f"/records/files/{evidence.pk}/remove/"), "Remove this file?")
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(f"/records/files/{evidence.pk}/remove/")
    assert response.status_code == 302
    assert not Evidence.objects.exists()
    assert not any(default_storage.exists(name) for name in stored)
    incident = Incident.objects.get(pk=incident_id)
    assert chain.history(box_of(owner_client), incident)[-1]["entry"]["evidence"] == []


def test_another_member_gets_not_found_for_every_file_page(owner_client, other_client, incident_id):
    add(owner_client, incident_id, ("a.jpg", make.photo()))
    evidence = Evidence.objects.get()
    for path in (
        f"/records/{incident_id}/files/add/",
        f"/records/files/{evidence.pk}/",
        f"/records/files/{evidence.pk}/small/",
        f"/records/files/{evidence.pk}/remove/",
    ):
        assert other_client.get(path).status_code == 404, path
    assert other_client.post(f"/records/files/{evidence.pk}/remove/").status_code == 404
    assert Evidence.objects.exists()


def test_deleting_the_incident_or_the_account_takes_the_stored_files(
    owner_client, incident_id, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        add(owner_client, incident_id, ("a.jpg", make.photo()), ("b.pdf", make.pdf(size=9000)))
    names = [n for e in Evidence.objects.all() for n in (e.file_name, e.thumb_name) if n]
    assert len(names) == 3 and all(default_storage.exists(n) for n in names)
    with django_capture_on_commit_callbacks(execute=True):
        response = owner_client.post(
            "/settings/delete/", {"current": OWNER_PASSPHRASE, "understood": "on"}
        )
    assert response.status_code == 302
    assert not any(default_storage.exists(n) for n in names)


def test_the_file_pages_never_show_the_file_name_in_a_url_or_title(owner_client, incident_id):
    add(owner_client, incident_id, (f"{CANARY}.jpg", make.photo()))
    shown = owner_client.get(f"/records/{incident_id}/")
    assertContains(shown, CANARY)
    assertNotContains(shown, f"<title>{CANARY}")
    assert CANARY not in re.sub(r">[^<]*<", "><", shown.content.decode())  # only as text
