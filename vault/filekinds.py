"""What a file really is, read from its first bytes, never from its name.

Photos, screenshots, PDFs and sound recordings are welcome; anything else
(an archive, a program, a page, a file we can't tell) is refused with a kind
message. A file named like a photo that is something else inside is refused
too: it is lying about what it is.

Photos are checked further once whole (`images.prepare`): Pillow must read
them to the last pixel, in the format their first bytes promised, and they
must not unpack into an enormous picture (a decompression bomb).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# Enough of the start of a file to tell its kind (a WebM's track list included).
SNIFF_BYTES = 4096

IMAGE = "image"
PDF = "pdf"
AUDIO = "audio"


@dataclass(frozen=True)
class Kind:
    family: str  # IMAGE, PDF or AUDIO
    mime: str
    ext: str
    pillow: str = ""  # the format Pillow must find, for images

    @property
    def needs_tail(self) -> bool:
        """Whether `check_whole` reads the file's last bytes."""
        return self.family == PDF


JPEG = Kind(IMAGE, "image/jpeg", "jpg", "JPEG")
PNG = Kind(IMAGE, "image/png", "png", "PNG")
GIF = Kind(IMAGE, "image/gif", "gif", "GIF")
WEBP = Kind(IMAGE, "image/webp", "webp", "WEBP")
AVIF = Kind(IMAGE, "image/avif", "avif", "AVIF")
HEIC = Kind(IMAGE, "image/heic", "heic", "HEIF")
PDF_FILE = Kind(PDF, "application/pdf", "pdf")
MP3 = Kind(AUDIO, "audio/mpeg", "mp3")
M4A = Kind(AUDIO, "audio/mp4", "m4a")
AAC = Kind(AUDIO, "audio/aac", "aac")
OGG = Kind(AUDIO, "audio/ogg", "ogg")
WAV = Kind(AUDIO, "audio/wav", "wav")
WEBM_AUDIO = Kind(AUDIO, "audio/webm", "webm")

# Which family a file's name claims, to catch one that lies about itself.
NAMED = {
    **dict.fromkeys(
        ("jpg", "jpeg", "jfif", "png", "gif", "webp", "avif", "heic", "heif", "bmp", "tif", "tiff"),
        IMAGE,
    ),
    "pdf": PDF,
    **dict.fromkeys(("mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "weba"), AUDIO),
}

UNKNOWN = _(
    "This file isn't one Haven can keep. You can add photos and screenshots (JPEG, PNG, "
    "WebP, GIF), PDFs and sound recordings (MP3, M4A, AAC, OGG, Opus, WAV, WebM)."
)
ARCHIVE = _(
    "This looks like a zip or other packed archive. Please add the photos, PDFs or "
    "recordings inside it one by one."
)
PROGRAM = _("This looks like a program, not a photo, PDF or recording, so it wasn't added.")
LIES = _(
    "This file's name says it is one kind of file, but inside it is another, so it wasn't "
    "added. If you made it yourself, try saving or exporting it again."
)
HEIC_UNSUPPORTED = _(
    "Photos in HEIC format can't be added here yet. On an iPhone you can share the photo "
    "as JPEG, or choose \u201cMost Compatible\u201d in the camera settings."
)
DAMAGED = _(
    "This file seems damaged or cut short, so it wasn't added. Try adding it again, or "
    "save a fresh copy first."
)
HUGE = _(
    "This picture unpacks into something far larger than any photo, so it wasn't added. "
    "A screenshot or a smaller copy of it will work."
)
EMPTY = _("This file is empty, so there was nothing to add.")


class BadFile(Exception):
    """A file that can't be kept; `message` says why, kindly, without its content."""

    def __init__(self, message) -> None:
        super().__init__("refused file")
        self.message = message


def _ftyp_brands(head: bytes) -> set[bytes]:
    if len(head) < 12 or head[4:8] != b"ftyp":
        return set()
    size = int.from_bytes(head[:4], "big")
    box = head[8 : max(16, min(size, len(head)))]
    return {box[i : i + 4] for i in range(0, len(box) - 3, 4)} - {b"\0\0\0\0"}


def _webm_audio(head: bytes) -> bool:
    """A WebM with a sound track and no picture track in its first bytes."""
    if b"webm" not in head[:64]:
        return False
    sound = b"A_OPUS" in head or b"A_VORBIS" in head
    return sound and b"V_VP" not in head and b"V_AV1" not in head


def _content_kind(head: bytes) -> Kind:
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return WAV
    if head.startswith(b"%PDF-"):
        return PDF_FILE
    if head.startswith(b"OggS"):
        return OGG
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2", b"\xff\xe3"):
        return MP3
    if head[:2] in (b"\xff\xf1", b"\xff\xf9"):
        return AAC
    brands = _ftyp_brands(head)
    if brands & {b"avif", b"avis"}:
        return AVIF
    if brands & {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"}:
        return HEIC
    if brands & {b"M4A ", b"M4B ", b"M4P "}:
        return M4A
    if head.startswith(b"\x1a\x45\xdf\xa3") and _webm_audio(head):
        return WEBM_AUDIO
    packed = (b"PK\x03\x04", b"PK\x05\x06", b"Rar!", b"7z\xbc\xaf")
    if head[:4] in packed or head[:3] == b"\x1f\x8b\x08":
        raise BadFile(ARCHIVE)
    if head[:2] == b"MZ" or head[:4] in (
        b"\x7fELF",
        b"\xcf\xfa\xed\xfe",
        b"\xce\xfa\xed\xfe",
        b"\xca\xfe\xba\xbe",
    ):
        raise BadFile(PROGRAM)
    if head.startswith(b"#!"):
        raise BadFile(PROGRAM)
    raise BadFile(UNKNOWN)


def sniff(head: bytes, file_name: str) -> Kind:
    """The kind of a file from its first bytes (up to SNIFF_BYTES); BadFile if not welcome."""
    if not head:
        raise BadFile(EMPTY)
    claimed = NAMED.get(file_name.rpartition(".")[2].lower()) if "." in file_name else None
    try:
        kind = _content_kind(head)
    except BadFile as refused:
        # Named as something we keep, but not one inside: say it is lying, unless
        # we can say better (an archive, a program).
        if claimed and refused.message is UNKNOWN:
            raise BadFile(LIES) from None
        raise
    if claimed and claimed != kind.family:
        raise BadFile(LIES)
    if kind is HEIC and not heic_supported():
        raise BadFile(HEIC_UNSUPPORTED)
    return kind


def heic_supported() -> bool:
    from PIL import Image

    return "HEIF" in Image.registered_extensions().values()


def check_whole(kind: Kind, tail: bytes) -> None:
    """Checks that need the end of a file that was streamed (only its last bytes kept)."""
    if kind is PDF_FILE and b"%%EOF" not in tail:
        raise BadFile(DAMAGED)
