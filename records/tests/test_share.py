"""Share links: made by the owner, opened by a reader with the passphrase, and nothing more."""

import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.files.storage import default_storage
from django.test import Client
from django.utils import timezone

from conftest import OWNER_NAME, OWNER_PASSPHRASE, signed_in_client
from records import chain, shares, verify
from records.models import Share
from records.tests.export_world import picture, three_incidents
from tests.stored import every_row_as_text
from vault.box import Box

pytestmark = pytest.mark.django_db

SECRET_WORDS = "CANARY5150"
LINK = re.compile(r'<code id="share-link">https?://[^/]+(/records/shared/[\w-]+/)</code>')
PASSPHRASE = re.compile(r'<code id="share-passphrase">([^<]+)</code>')


@pytest.fixture
def world(owner_dek):
    user, dek = owner_dek
    incidents = three_incidents(Box(dek), user, words=SECRET_WORDS)
    return signed_in_client(OWNER_NAME, OWNER_PASSPHRASE), incidents


def make_share(client, incidents, lasts=24, passphrase=None, note=""):
    form = client.get("/records/shares/new/")
    assert form.status_code == 200
    made_up = re.search(r'name="passphrase" value="([^"]+)"', form.content.decode()).group(1)
    response = client.post(
        "/records/shares/new/",
        {
            "entries": [str(i.pk) for i in incidents],
            "lasts": lasts,
            "passphrase": passphrase or made_up,
            "note": note,
        },
    )
    assert response.status_code == 200, response.content[:300]
    body = response.content.decode()
    return LINK.search(body).group(1), PASSPHRASE.search(body).group(1)


def open_share(link, passphrase, reader=None):
    reader = reader or Client()
    page = reader.get(link)
    assert page.status_code == 200
    token = re.search(r'name="form_token" value="([^"]+)"', page.content.decode()).group(1)
    answer = reader.post(link, {"passphrase": passphrase, "form_token": token})
    return reader, answer


def test_the_reader_with_the_passphrase_sees_only_the_chosen_entries(world):
    client, incidents = world
    link, passphrase = make_share(client, incidents[1:2])
    reader, answer = open_share(link, passphrase)
    assert answer.status_code == 302
    page = reader.get(link)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Took my phone and read it" in body
    assert "corridor" not in body and "Followed me" not in body
    assert f"Entry {chain.short(incidents[1].pk)}" in body
    assert "2 versions" in body
    # Read-only and nothing else of Haven: quick exit, no nav, no links into the app.
    assert 'id="quick-exit"' in body
    hrefs = re.findall(r'href="(/[^"]*)"', body)
    assert hrefs and all(h.startswith(link) or h.startswith("/static/") for h in hrefs)
    assert "<textarea" not in body and 'class="site-nav"' not in body
    assert page["Referrer-Policy"] == "no-referrer"
    assert "noindex" in page["X-Robots-Tag"]
    assert page["Cache-Control"].startswith("no-store")


def test_the_reader_gets_the_files_thumbnails_pdf_and_a_zip_that_checks_out(world):
    client, incidents = world
    link, passphrase = make_share(client, incidents[1:2])
    reader, _answer = open_share(link, passphrase)
    original = reader.get(f"{link}file/1/1/")
    assert original.status_code == 200
    assert b"".join(original.streaming_content) == picture()
    assert original["Content-Disposition"] == 'attachment; filename="file-1-1.jpg"'
    assert original["Referrer-Policy"] == "no-referrer"
    thumb = reader.get(f"{link}thumb/1/1/")
    assert thumb.status_code == 200 and thumb["Content-Type"] == "image/jpeg"
    assert reader.get(f"{link}thumb/1/2/").status_code == 404  # the letter has none
    assert reader.get(f"{link}file/2/1/").status_code == 404  # only one entry shared
    pdf = reader.get(f"{link}pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    bundle = reader.get(f"{link}zip/")
    assert bundle.status_code == 200
    report = verify.check(bundle.content)
    assert report.ok, report.lines()
    assert [e.short for e in report.entries] == [chain.short(incidents[1].pk)]
    assert len(zipfile.ZipFile(io.BytesIO(bundle.content)).namelist()) == 5


def test_a_wrong_passphrase_opens_nothing(world):
    client, incidents = world
    link, _passphrase = make_share(client, incidents)
    reader, answer = open_share(link, "not the right one at all")
    assert answer.status_code == 400
    assert "doesn&#x27;t open this link" in answer.content.decode()
    assert "corridor" not in reader.get(link).content.decode()
    assert reader.get(f"{link}pdf/").status_code == 404
    assert Share.objects.get().opened_count == 0


def test_a_form_without_its_token_is_asked_again(world):
    client, incidents = world
    link, passphrase = make_share(client, incidents)
    reader = Client()
    reader.get(link)
    answer = reader.post(link, {"passphrase": passphrase})
    assert answer.status_code == 400
    assert Share.objects.get().opened_count == 0


def test_guessing_at_a_passphrase_is_slowed_per_share(world):
    client, incidents = world
    link, passphrase = make_share(client, incidents)
    for n in range(shares.PER_SHARE):
        reader = Client(REMOTE_ADDR=f"10.0.0.{n}")
        _reader, answer = open_share(link, f"guess number {n}", reader)
        assert answer.status_code == 400
    # Even the right passphrase now waits, from anywhere.
    _reader, answer = open_share(link, passphrase, Client(REMOTE_ADDR="10.9.9.9"))
    assert answer.status_code == 429
    assert "Please wait a little" in answer.content.decode()


def test_a_guessed_link_is_not_found_and_guessing_is_slowed_per_address(world, stranger_client):
    client, incidents = world
    make_share(client, incidents)
    for _n in range(shares.PER_ADDRESS):
        guess = stranger_client.get(f"/records/shared/{shares.secrets.token_urlsafe(24)}/")
        assert guess.status_code == 404
        assert "This link isn't open" in guess.content.decode()
    assert stranger_client.get("/records/shared/another-guess/").status_code == 429


def test_an_expired_link_is_refused_and_its_copy_swept(world):
    client, incidents = world
    link, passphrase = make_share(client, incidents, lasts=1)
    share = Share.objects.get()
    names = list(share.file_names)
    assert names and all(default_storage.exists(n) for n in names)
    reader, _answer = open_share(link, passphrase)
    assert reader.get(link).status_code == 200
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=1, minutes=1)):
        with django_capture_on_commit():
            assert reader.get(link).status_code == 404
        assert reader.get(f"{link}zip/").status_code == 404
    assert not Share.objects.exists()
    assert not any(default_storage.exists(n) for n in names)


def test_the_sweep_deletes_expired_shares_nobody_asked_for(world):
    client, incidents = world
    make_share(client, incidents[:1], lasts=1)
    make_share(client, incidents[1:], lasts=720)
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        from records import jobs as record_jobs

        with django_capture_on_commit():
            assert record_jobs.sweep_shares(None) == "swept"
    assert Share.objects.count() == 1


def test_the_sweepers_hook_asks_for_one_job_only_when_a_share_has_ended(world):
    from core.models import OnceJob
    from records import jobs as record_jobs

    client, incidents = world
    make_share(client, incidents[:1], lasts=1)
    record_jobs.sweep_when_due()
    assert not OnceJob.objects.filter(kind="records.sweep_shares").exists()
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        record_jobs.sweep_when_due()
        record_jobs.sweep_when_due()
    assert OnceJob.objects.filter(kind="records.sweep_shares").count() == 1


def test_a_revoked_link_is_refused_at_once_and_its_copy_deleted(world):
    client, incidents = world
    link, passphrase = make_share(client, incidents)
    share = Share.objects.get()
    names = list(share.file_names)
    reader, _answer = open_share(link, passphrase)
    with django_capture_on_commit():
        response = client.post("/records/shares/remove/", {"share": str(share.pk)})
    assert response.status_code == 302
    assert "That link is closed" in client.get("/records/shares/").content.decode()
    assert reader.get(link).status_code == 404
    assert reader.get(f"{link}file/1/1/").status_code == 404
    assert not any(default_storage.exists(n) for n in names)


def test_another_member_cannot_revoke_the_owners_link(world, other_client):
    client, incidents = world
    make_share(client, incidents)
    share = Share.objects.get()
    other_client.post("/records/shares/remove/", {"share": str(share.pk)})
    assert Share.objects.filter(pk=share.pk).exists()
    assert "Not opened yet" not in other_client.get("/records/shares/").content.decode()


def test_the_owner_sees_how_often_and_when_each_link_was_opened(world):
    client, incidents = world
    link, passphrase = make_share(client, incidents, note="For my advocate")
    listing = client.get("/records/shares/").content.decode()
    assert "For my advocate" in listing and "Not opened yet" in listing
    assert link in listing  # the owner can copy the link again
    open_share(link, passphrase)
    open_share(link, passphrase)
    listing = client.get("/records/shares/").content.decode()
    assert "Opened 2 times, last on" in listing


def test_the_owner_must_tick_an_entry_and_keeps_what_they_typed(world):
    client, _incidents = world
    response = client.post(
        "/records/shares/new/", {"lasts": 24, "passphrase": "short", "note": "For Ms Rivera"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Tick at least one entry" in body
    assert "at least 10 characters" in body
    assert 'value="For Ms Rivera"' in body
    assert not Share.objects.exists()


def test_the_share_lasts_no_longer_than_thirty_days(world):
    client, incidents = world
    response = client.post(
        "/records/shares/new/",
        {"entries": [str(incidents[0].pk)], "lasts": 24 * 90, "passphrase": "long enough words"},
    )
    assert response.status_code == 400
    assert not Share.objects.exists()


def test_the_reader_key_is_held_only_a_short_time(world):
    client, incidents = world
    link, passphrase = make_share(client, incidents, lasts=720)
    reader, _answer = open_share(link, passphrase)
    assert "corridor" in reader.get(link).content.decode()
    later = timezone.now() + datetime.timedelta(seconds=shares.HOLD_SECONDS + 5)
    with time_machine.travel(later):
        assert 'name="passphrase"' in reader.get(link).content.decode()


def test_the_reader_can_close_the_notes_on_their_browser(world):
    client, incidents = world
    link, passphrase = make_share(client, incidents)
    reader, _answer = open_share(link, passphrase)
    page = reader.get(link).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page).group(1)
    reader.post(f"{link}close/", {"form_token": token})
    assert 'name="passphrase"' in reader.get(link).content.decode()


def test_the_server_alone_holds_nothing_readable(world):
    """The canary: typed into entries, file names and files, and a share made of
    them, appears nowhere in the database or in storage; nor does the link or
    the passphrase. Only the passphrase opens the copy."""
    client, incidents = world
    link, passphrase = make_share(client, incidents, passphrase=f"{SECRET_WORDS} pass words")
    token = link.rstrip("/").rsplit("/", 1)[1]
    share = Share.objects.get()
    needles = [SECRET_WORDS.encode(), token.encode(), passphrase.encode()]
    dump = every_row_as_text().encode()
    for needle in needles:
        assert needle not in dump
    media = Path(settings.MEDIA_ROOT)
    for path in media.rglob("*") if media.exists() else []:
        if path.is_file():
            content = path.read_bytes()
            assert all(needle not in content for needle in needles), path
    # Without the passphrase the copy doesn't open; with it, it does.
    assert shares.unlock(share, "a guess at the passphrase") is None
    key = shares.unlock(share, passphrase)
    assert key is not None
    assert len(shares.Opened(share, key).items) == 3


def test_a_stranger_cannot_reach_the_owners_share_pages(world, stranger_client):
    for path in ("/records/shares/", "/records/shares/new/", "/records/export/"):
        response = stranger_client.get(path)
        assert response.status_code == 302 and "/sign-in/" in response["Location"]


class django_capture_on_commit:
    """Run on_commit callbacks of the test's transaction, as a real commit would."""

    def __enter__(self):
        from django.test import TestCase

        self._ctx = TestCase.captureOnCommitCallbacks(execute=True)
        return self._ctx.__enter__()

    def __exit__(self, *exc):
        return self._ctx.__exit__(*exc)


def test_the_shares_canary_use_makes_opens_and_revokes_a_share(world):
    from records.tests.share_canary import use_shares

    client, _incidents = world
    use_shares(client, SECRET_WORDS)
    share = Share.objects.get()
    assert share.opened_count == 1
