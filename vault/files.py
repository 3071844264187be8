"""Sealed files: encrypted chunk by chunk before they touch storage.

Storage is Django's default storage, so S3-compatible storage at scale is a
settings change. A file is named by a random UUID that says nothing.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from typing import IO

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
