"""Real files of every kind, good and bad, made on the spot for the upload tests."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib

GPS_IFD = 0x8825
MAKE = 0x010F
ORIENTATION = 0x0112


def photo(fmt: str = "JPEG", *, size=(400, 200), noisy: bool = False, make: str = "") -> bytes:
    """A photo with where it was taken (GPS), the camera's name and a sideways orientation."""
    from PIL import Image

    if noisy:
        image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    else:
        image = Image.new("RGB", size, (180, 90, 40))
    exif = Image.Exif()
    exif[MAKE] = make or "PocketCam"
    exif[ORIENTATION] = 6  # turn 90 degrees to stand upright
    gps = exif.get_ifd(GPS_IFD)
    gps[1] = "N"
    gps[2] = (51.0, 30.0, 12.5)
    gps[3] = "W"
    gps[4] = (0.0, 7.0, 39.0)
    out = io.BytesIO()
    options = {"exif": exif.tobytes()}
    if fmt == "GIF":
        options = {}
    image.save(out, fmt, **options)
    return out.getvalue()


def gps_of(data: bytes) -> dict:
    from PIL import Image

    return dict(Image.open(io.BytesIO(data)).getexif().get_ifd(GPS_IFD))


def pdf(body: bytes = b"", size: int = 0) -> bytes:
    start = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + body
    filler = os.urandom(max(0, size - len(start) - 7))
    return start + filler + b"\n%%EOF\n"


def mp3(size: int = 20_000) -> bytes:
    return b"ID3\x04\x00\x00\x00\x00\x00\x00" + os.urandom(size)


def wav(size: int = 20_000) -> bytes:
    return b"RIFF" + struct.pack("<I", size + 4) + b"WAVEfmt " + os.urandom(size)


def ogg(size: int = 20_000) -> bytes:
    return b"OggS\x00\x02" + os.urandom(size)


def m4a(size: int = 20_000) -> bytes:
    return struct.pack(">I", 24) + b"ftypM4A \x00\x00\x00\x00M4A isom" + os.urandom(size)


def webm_audio(size: int = 20_000) -> bytes:
    head = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm\x42\x87\x81\x04"
    tracks = b"\x16\x54\xae\x6b\x8c\xae\x8a\x86\x86A_OPUS"
    return head + tracks + os.urandom(size)


def heic(size: int = 20_000) -> bytes:
    return struct.pack(">I", 24) + b"ftypheic\x00\x00\x00\x00mif1heic" + os.urandom(size)


def a_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("photo.jpg", photo())
    return out.getvalue()


def a_program() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00" + os.urandom(5000)


def a_page() -> bytes:
    return b"<!doctype html><script>alert(1)</script>" + b" " * 5000


def truncated_photo() -> bytes:
    whole = photo(size=(300, 300), noisy=True)
    return whole[: len(whole) // 2]


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb() -> bytes:
    """A tiny PNG that claims to be 40,000 by 40,000 pixels (1.6 billion)."""
    header = struct.pack(">IIBBBBB", 40_000, 40_000, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * 5001 * 200, 9)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", rows)
        + _png_chunk(b"IEND", b"")
    )
