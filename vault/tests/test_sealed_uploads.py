"""Files are sealed as they arrive: nothing readable ever touches the disk.

A page that takes files puts `vault.uploads` in place of Django's handlers
(which write anything over 2.5 MB to a plaintext temporary file). These tests
post real multipart requests to such a page and then look at the disk.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.test.client import BOUNDARY, MULTIPART_CONTENT, ClientHandler, encode_multipart

from vault import crypto, files, images, uploads
from vault.crypto import VaultError
from vault.session import open_box
from vault.tests import filemakers as make

assert images  # its import quiets Pillow's loggers, as the page's import does

pytestmark = [pytest.mark.urls("vault.tests.upload_urls"), pytest.mark.django_db]
CANARY = "CANARY5519"


@pytest.fixture(autouse=True)
def spool(tmp_path, settings):
    folder = tmp_path / "spool"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    return folder


def sealed_on_disk() -> list[Path]:
    folder = Path(settings.MEDIA_ROOT) / files.PREFIX
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def upload(client, *named: tuple[str, bytes], **fields):
    data = {"file": [_named(name, content) for name, content in named], **fields}
    return client.post("/take-files/", data)


def _named(name: str, content: bytes):
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def box_of(client):
    """The person's open vault, as the next request will see it."""
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.session = client.session
    request.COOKIES = {k: v.value for k, v in client.cookies.items()}
    return open_box(request)


def opened(client, name: str) -> bytes:
    return b"".join(files.open_chunks(box_of(client), name, uploads.PURPOSE))


def test_a_large_pdf_is_sealed_in_chunks_and_opens_back_whole(owner_client, spool):
    content = make.pdf(CANARY.encode(), size=3 * 1024 * 1024 + 17)
    before = sealed_on_disk()
    response = upload(owner_client, (f"{CANARY} statement.pdf", content))
    assert response.status_code == 200, response.content[:300]
    [kept] = response.json()["kept"]
    assert kept["kind"] == "pdf"
    assert kept["size"] == len(content)
    assert kept["sha256"] == hashlib.sha256(content).hexdigest()
    [stored] = [p for p in sealed_on_disk() if p not in before]
    raw = stored.read_bytes()
    assert CANARY.encode() not in raw and content[1000:1100] not in raw
    assert len(raw) // crypto.SEALED_CHUNK_BYTES == len(content) // crypto.CHUNK_BYTES
    assert opened(owner_client, kept["stored"]) == content
    assert list(spool.iterdir()) == [], "the sealed spool was left behind"


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("note.mp3", make.mp3(), "mp3"),
        ("voice.m4a", make.m4a(), "m4a"),
        ("voice.ogg", make.ogg(), "ogg"),
        ("call.wav", make.wav(), "wav"),
        ("memo.webm", make.webm_audio(), "webm"),
        ("letter.pdf", make.pdf(size=900), "pdf"),
        ("recording", make.mp3(), "mp3"),
    ],
)
def test_sound_recordings_and_pdfs_are_taken_by_what_they_are(owner_client, name, content, kind):
    response = upload(owner_client, (name, content))
    assert response.json()["refused"] == []
    [kept] = response.json()["kept"]
    assert kept["kind"] == kind
    assert opened(owner_client, kept["stored"]) == content


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("photos.zip", make.a_zip(), "zip"),
        ("photo.jpg", make.a_zip(), "zip"),
        ("setup.exe", make.a_program(), "program"),
        ("holiday.jpg", make.a_page(), "name says"),
        ("page.html", make.a_page(), "isn't one Haven can keep"),
        ("scan.pdf", make.photo("PNG"), "name says"),
        ("letter.pdf", make.pdf(size=9000)[:-7], "damaged or cut short"),
        ("photo.heic", make.heic(), "HEIC"),
        ("nothing.pdf", b"", "empty"),
    ],
)
def test_a_file_we_dont_keep_is_refused_kindly_and_leaves_nothing(
    owner_client, spool, name, content, says
):
    before = sealed_on_disk()
    response = upload(owner_client, (name, content))
    assert response.status_code == 200
    assert response.json()["kept"] == []
    [message] = response.json()["refused"]
    assert says in message
    assert sealed_on_disk() == before
    assert list(spool.iterdir()) == []


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("photo.jpg", make.truncated_photo(), "damaged or cut short"),
        ("big.png", make.bomb(), "far larger than any photo"),
        ("photo.png", make.photo("JPEG"), "name says"),  # JPEG inside, named PNG: fine by family
    ],
)
def test_a_broken_photo_is_refused_and_leaves_nothing(owner_client, name, content, says):
    before = sealed_on_disk()
    response = upload(owner_client, (name, content))
    if says == "name says":
        # Both photos: the content decides, so it is kept as the JPEG it is.
        assert response.json()["kept"][0]["kind"] == "jpg"
        return
    assert response.json()["kept"] == []
    [message] = response.json()["refused"]
    assert says in message
    assert sealed_on_disk() == before


def test_a_photo_keeps_no_location_or_camera_unless_the_person_asks(owner_client):
    original = make.photo("JPEG", make=CANARY)
    assert make.gps_of(original)  # the test photo does say where it was taken

    stripped = upload(owner_client, ("IMG_0001.jpg", original)).json()["kept"][0]
    stored = opened(owner_client, stripped["stored"])
    assert make.gps_of(stored) == {}
    assert CANARY.encode() not in stored and b"Exif" not in stored
    from PIL import Image

    assert Image.open(io.BytesIO(stored)).size == (200, 400)  # turned upright first
    thumb = opened_as(owner_client, stripped["thumb"], "evidence-thumb")
    assert max(Image.open(io.BytesIO(thumb)).size) <= 320
    assert make.gps_of(thumb) == {}

    kept = upload(owner_client, ("IMG_0001.jpg", original), keep="on").json()["kept"][0]
    assert opened(owner_client, kept["stored"]) == original
    assert make.gps_of(opened(owner_client, kept["stored"]))[1] == "N"


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_other_photo_kinds_lose_their_location_too(owner_client, fmt):
    original = make.photo(fmt)
    assert make.gps_of(original)
    kept = upload(owner_client, (f"shot.{fmt.lower()}", original)).json()["kept"][0]
    assert make.gps_of(opened(owner_client, kept["stored"])) == {}


def opened_as(client, name: str, purpose: str) -> bytes:
    return b"".join(files.open_chunks(box_of(client), name, purpose))


def test_25_mb_is_taken_and_one_byte_more_leaves_nothing_on_disk(owner_client, spool):
    limit = uploads.MAX_FILE_BYTES
    before = sealed_on_disk()
    refused = upload(owner_client, ("big.pdf", make.pdf(size=limit + 1)))
    assert refused.json()["kept"] == []
    assert "larger than 25 MB" in refused.json()["refused"][0]
    assert sealed_on_disk() == before
    assert list(spool.iterdir()) == []

    taken = upload(owner_client, ("big.pdf", make.pdf(size=limit)))
    assert taken.json()["kept"][0]["size"] == limit
    assert len(sealed_on_disk()) == len(before) + 1


def test_a_refused_file_leaves_the_good_ones_beside_it(owner_client):
    response = upload(
        owner_client,
        ("a.pdf", make.pdf(size=5000)),
        ("b.zip", make.a_zip()),
        ("c.mp3", make.mp3()),
    )
    assert [k["kind"] for k in response.json()["kept"]] == ["pdf", "mp3"]
    assert len(response.json()["refused"]) == 1


def test_a_view_that_fails_after_saving_leaves_no_file(owner_client):
    before = sealed_on_disk()
    owner_client.raise_request_exception = False
    response = upload(
        owner_client,
        ("a.pdf", make.pdf(size=200_000)),
        ("b.jpg", make.photo()),
        fail_after_saving="yes",
    )
    assert response.status_code == 500
    assert sealed_on_disk() == before


class DropsAfter:
    """A request body whose connection drops after `limit` bytes."""

    def __init__(self, body: bytes, limit: int) -> None:
        self.stream = io.BytesIO(body)
        self.limit = limit

    def read(self, size=-1):
        if self.stream.tell() >= self.limit:
            raise OSError("connection reset by peer")
        if size is None or size < 0:
            size = self.limit
        return self.stream.read(min(size, self.limit - self.stream.tell()))

    def readline(self, size=-1):
        return self.read(size)


def test_a_connection_that_drops_mid_upload_leaves_nothing(owner_client, spool, monkeypatch):
    deleted = []
    real_delete = files.delete

    def delete(name):
        deleted.append(name)
        real_delete(name)

    monkeypatch.setattr(files, "delete", delete)
    first = make.pdf(size=600_000)
    second = make.mp3(3_000_000)
    body = encode_multipart(
        BOUNDARY,
        {
            "csrfmiddlewaretoken": "",
            "file": [_named("a.pdf", first), _named("b.mp3", second)],
        },
    )
    before = sealed_on_disk()
    cookie = "; ".join(f"{k}={v.value}" for k, v in owner_client.cookies.items())
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/take-files/",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
        "wsgi.input": DropsAfter(body, len(first) + 2_000_000),  # inside the second file
        "wsgi.errors": io.StringIO(),
        "CONTENT_TYPE": MULTIPART_CONTENT,
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_COOKIE": cookie,
    }
    response = ClientHandler(enforce_csrf_checks=False)(environ)
    assert response.status_code in (400, 500)
    assert len(deleted) == 1, "the first file, whole before the drop, was not removed"
    assert sealed_on_disk() == before, "a file from the dropped request was kept"
    assert list(spool.iterdir()) == []


def test_a_sealed_file_with_one_byte_changed_will_not_open(owner_client):
    content = make.pdf(size=200_000)
    kept = upload(owner_client, ("letter.pdf", content)).json()["kept"][0]
    with default_storage.open(kept["stored"], "rb") as handle:
        sealed = bytearray(handle.read())
    sealed[len(sealed) // 2] ^= 0x01
    default_storage.delete(kept["stored"])
    default_storage.save(kept["stored"], io.BytesIO(bytes(sealed)))
    with pytest.raises(VaultError):
        opened(owner_client, kept["stored"])


def test_a_locked_space_keeps_nothing_of_a_file(owner_client):
    owner_client.post("/lock/")
    before = sealed_on_disk()
    response = upload(owner_client, ("a.pdf", make.pdf(size=5000)))
    assert response.status_code == 403
    assert sealed_on_disk() == before


@pytest.mark.parametrize(
    "size",
    [0, 1, crypto.CHUNK_BYTES - 1, crypto.CHUNK_BYTES, crypto.CHUNK_BYTES + 1, 200_000],
)
@pytest.mark.parametrize("piece", [1000, crypto.CHUNK_BYTES, crypto.CHUNK_BYTES * 2 + 3])
def test_a_file_sealed_as_it_arrives_opens_whole_and_tells_only_its_size_bucket(size, piece):
    import os

    key = crypto.random_key()
    content = os.urandom(size)
    sealer = crypto.ChunkSealer(key, b"file")
    sealed = []
    for start in range(0, size, piece):
        part = content[start : start + piece]
        sealed += sealer.feed(bytearray(part) if start % 2 else part)
    sealed.append(sealer.finish())
    assert b"".join(crypto.open_chunks(key, sealed, b"file")) == content
    # Every chunk but the last is full; the last is padded to its bucket.
    assert {len(c) for c in sealed[:-1]} <= {crypto.SEALED_CHUNK_BYTES}
    assert len(sealed[-1]) >= 1 + crypto.NONCE_BYTES + crypto.SMALLEST_BUCKET + crypto.TAG_BYTES
    with pytest.raises(VaultError):
        list(crypto.open_chunks(key, sealed[:-1] or [b""], b"file"))  # cut short


def test_a_canary_in_a_file_name_and_its_bytes_is_nowhere_on_disk_or_in_the_logs(
    owner_client, spool, caplog
):
    import logging

    photo = make.photo("PNG", make=CANARY)
    recording = make.mp3() + CANARY.encode() * 50
    refused = make.a_zip() + CANARY.encode()
    caplog.set_level(logging.DEBUG)
    response = upload(
        owner_client,
        (f"{CANARY}.png", photo),
        (f"{CANARY}.mp3", recording),
        (f"{CANARY}.zip", refused),
        keep="on",
    )
    assert len(response.json()["kept"]) == 2
    assert CANARY.encode() in opened(owner_client, response.json()["kept"][0]["stored"])
    needles = [CANARY.encode(), CANARY.encode("utf-16-le")]
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            assert not any(n in path.read_bytes() for n in needles), path
    assert list(spool.iterdir()) == []
    # Pillow logs every EXIF value it reads at DEBUG; here everything is captured at DEBUG.
    assert CANARY not in caplog.text
