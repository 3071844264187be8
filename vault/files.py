"""Sealed files: encrypted chunk by chunk before they touch storage.

Storage is Django's default storage, so S3-compatible storage at scale is a
settings change. A file is named by a random UUID that says nothing.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import uuid
from collections.abc import Iterator
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage

from vault import crypto
from vault.box import Box

PREFIX = "sealed/"


def _aad(name: str, purpose: str) -> bytes:
    return f"haven/v1/file|{purpose}|{name}".encode()


def _read_pieces(fileobj: IO[bytes]) -> Iterator[bytes]:
    while piece := fileobj.read(crypto.CHUNK_BYTES):
        yield piece


def save(box: Box, fileobj: IO[bytes], purpose: str) -> str:
    """Seal `fileobj` into storage; returns the storage name to keep on the row."""
    name = f"{PREFIX}{uuid.uuid4().hex}"
    # Only sealed bytes reach the spool, so spilling to disk reveals nothing.
    with tempfile.SpooledTemporaryFile(max_size=1024 * 1024) as spool:
        for chunk in box.seal_stream(_aad(name, purpose), _read_pieces(fileobj)):
            spool.write(chunk)
        spool.seek(0)
        return default_storage.save(name, File(spool))


class _SealedSpool(File):
    """A finished spool of sealed bytes; FileSystemStorage moves it instead of copying."""

    def temporary_file_path(self) -> str:
        assert self.file is not None
        return self.file.name


class SealedWriter:
    """Seals a file pushed to it piece by piece (an upload as it arrives).

    Sealed chunks go to a temporary file as they are made, so memory holds one
    chunk and one piece at most, and only sealed bytes ever reach the disk.
    The SHA-256 of the plaintext is taken in the same pass. `finish()` puts
    the file in storage and returns its name; `abort()` leaves nothing behind.
    """

    def __init__(self, box: Box, purpose: str) -> None:
        self.name = f"{PREFIX}{uuid.uuid4().hex}"
        self.size = 0
        self._hash = hashlib.sha256()
        self._sealer = box.sealer(_aad(self.name, purpose))
        self._spool = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed in finish/abort)
            prefix="haven-sealed-",
            dir=settings.FILE_UPLOAD_TEMP_DIR,
            delete=False,
            buffering=0,  # whole sealed chunks are written at once: no copy in a buffer
        )

    def write(self, piece: bytes) -> None:
        self.size += len(piece)
        self._hash.update(piece)
        self._sealer.feed_into(piece, self._spool.write)

    @property
    def sha256(self) -> str:
        return self._hash.hexdigest()

    def finish(self) -> str:
        try:
            self._sealer.finish_into(self._spool.write)
            self._spool.flush()
            self._spool.seek(0)
            saved = default_storage.save(self.name, _SealedSpool(self._spool))
            if saved != self.name:  # the name is bound into every chunk
                delete(saved)
                raise RuntimeError("storage renamed a sealed file")
            return saved
        finally:
            self._drop_spool()

    def abort(self) -> None:
        self._drop_spool()

    def _drop_spool(self) -> None:
        path = self._spool.name
        self._spool.close()
        if os.path.exists(path):  # moved into storage, or still ours to remove
            os.unlink(path)


def _sealed_chunks(name: str) -> Iterator[bytes]:
    with default_storage.open(name, "rb") as handle:
        while chunk := handle.read(crypto.SEALED_CHUNK_BYTES):
            yield chunk


def open_chunks(box: Box, name: str, purpose: str) -> Iterator[bytes]:
    """Plaintext pieces, in order; raises VaultError if the file was tampered with."""
    return box.open_stream(_aad(name, purpose), _sealed_chunks(name))


def delete(name: str) -> None:
    if name and default_storage.exists(name):
        default_storage.delete(name)
