"""Photos, in memory only: checked whole, turned upright, stripped, and a thumbnail made.

A photo from a phone carries where and when it was taken and which camera
took it (EXIF, GPS, XMP). By default the kept copy is drawn again from its
pixels alone, so none of that goes with it; a person may choose to keep the
original exactly as it is instead. Either way the thumbnail is drawn from the
pixels only. Nothing here touches the disk: the caller seals what it gets.
"""

from __future__ import annotations

import io
import logging
import warnings
from dataclasses import dataclass

from vault import filekinds
from vault.filekinds import BadFile, Kind

# Pillow logs every EXIF tag it reads or writes at DEBUG, values included: a
# photo's GPS position and camera would reach the logs of a server run at
# DEBUG. Its loggers say nothing below a warning.
logging.getLogger("PIL").setLevel(logging.WARNING)

THUMB_PIXELS = 320
# What a picture may keep when drawn again: how it looks, never where it was taken.
KEPT_INFO = ("transparency", "duration", "loop", "icc_profile", "background", "disposal")


@dataclass(frozen=True)
class Prepared:
    stored: bytes  # what is sealed and kept
    thumb: bytes  # a small JPEG
    width: int
    height: int


def _open_whole(data: bytes, kind: Kind):
    from PIL import Image

    with warnings.catch_warnings():
        # Pillow only warns between its limit and twice it; both are refused here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
            if image.format != kind.pillow:
                raise BadFile(filekinds.LIES)
            frames = getattr(image, "n_frames", 1)
            if frames * image.width * image.height > (Image.MAX_IMAGE_PIXELS or 0):
                raise BadFile(filekinds.HUGE)
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise BadFile(filekinds.HUGE) from None
        except BadFile:
            raise
        except (OSError, SyntaxError, EOFError, ValueError, IndexError, TypeError):
            # Truncated, corrupt, or not what its first bytes said.
            raise BadFile(filekinds.DAMAGED) from None
    return image


def _clean_copy(image):
    """The picture's pixels and how to show them, nothing else."""
    clean = image.copy()
    clean.info = {key: image.info[key] for key in KEPT_INFO if key in image.info}
    return clean


def _stripped(image, kind: Kind) -> bytes:
    from PIL import ImageOps, ImageSequence

    out = io.BytesIO()
    if kind.pillow == "GIF" and getattr(image, "n_frames", 1) > 1:
        frames = [_clean_copy(frame) for frame in ImageSequence.Iterator(image)]
        frames[0].save(
            out,
            "GIF",
            save_all=True,
            append_images=frames[1:],
            loop=image.info.get("loop", 0),
            duration=image.info.get("duration", 100),
        )
        return out.getvalue()
    upright = _clean_copy(ImageOps.exif_transpose(image))
    options: dict = {}
    if "icc_profile" in upright.info:
        options["icc_profile"] = upright.info["icc_profile"]
    if kind.pillow == "JPEG":
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        options.update(quality=92, optimize=True)
    elif kind.pillow in ("WEBP", "AVIF"):
        options.update(quality=90)
    elif kind.pillow == "HEIF":  # only when a HEIF plugin is installed: kept as JPEG
        upright = upright.convert("RGB")
        kind = filekinds.JPEG
    upright.save(out, kind.pillow, **options)
    return out.getvalue()


def _thumbnail(image) -> bytes:
    from PIL import Image, ImageOps

    small = ImageOps.exif_transpose(image)
    small.thumbnail((THUMB_PIXELS, THUMB_PIXELS))
    if small.mode in ("RGBA", "LA", "P"):
        small = small.convert("RGBA")
        backed = Image.new("RGB", small.size, "white")
        backed.paste(small, mask=small.split()[-1])
        small = backed
    elif small.mode != "RGB":
        small = small.convert("RGB")
    out = io.BytesIO()
    small.save(out, "JPEG", quality=80)
    return out.getvalue()


def prepare(data: bytes, kind: Kind, *, keep_original: bool) -> Prepared:
    """Check a whole photo and make what is kept; BadFile if it can't be."""
    image = _open_whole(data, kind)
    try:
        stored = data if keep_original else _stripped(image, kind)
        return Prepared(stored, _thumbnail(image), image.width, image.height)
    except (OSError, ValueError) as error:
        raise BadFile(filekinds.DAMAGED) from error
    finally:
        image.close()


def stored_kind(kind: Kind, keep_original: bool) -> Kind:
    """A HEIF photo is kept as JPEG once stripped (see `_stripped`)."""
    return filekinds.JPEG if kind.pillow == "HEIF" and not keep_original else kind
