"""The sealed export file: bytes in, bytes out (layout: docs/export-format.md).

    header   magic "SEALNOTE" | format version | KDF id | Argon2id memory KiB,
             time cost, lanes | salt length | salt | chunk size
    body     AES-256-GCM sealed chunks (vault.crypto's chunked sealing), each
             bound to the header, its position and whether it is the last

The key is Argon2id(passphrase, salt) with the parameters in the header and
nothing else: no server pepper, so any Haven (or a short Python script) can
open the file with the passphrase alone. The magic says nothing about Haven,
for the same reason the file is called "notes-<date>.bin".
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

from vault import crypto, gate

MAGIC = b"SEALNOTE"
FORMAT_VERSION = 1
KDF_ARGON2ID = 1
SALT_BYTES = 16
# magic, version, kdf, memory KiB, time cost, lanes, salt length
_FIXED = struct.Struct(">8sBBIIIB")
_CHUNK = struct.Struct(">I")
# An empty value sealed under the file key: it tells a wrong passphrase
# apart from a damaged file (a guess can be checked against the first chunk
# anyway, so this gives nothing away).
KEY_CHECK_BYTES = 1 + crypto.NONCE_BYTES + crypto.TAG_BYTES
_BEFORE_CHECK = _FIXED.size + SALT_BYTES + _CHUNK.size
HEADER_BYTES = _BEFORE_CHECK + KEY_CHECK_BYTES
KEY_CHECK_AAD = b"key-check|"

# What a file may ask of this server when it is opened: enough for any sane
# setting, not enough to let an uploaded file tie the server up.
MAX_MEMORY_KIB = 1024 * 1024
MAX_TIME_COST = 16
MAX_LANES = 16
MAX_CHUNK_BYTES = 1024 * 1024


class DamagedFile(ValueError):
    """Not one of these files, cut short, or changed since it was made."""


class WrongPassphrase(ValueError):
    """The file looks whole, but this passphrase does not open it."""


def file_key(passphrase: str, salt: bytes, params: crypto.KdfParams) -> bytes:
    # Only someone with an open space gets here (or a background job): they
    # wait their turn for longer rather than hear that Haven is busy.
    with gate.argon2_slot(wait=60):
        return crypto.argon2id(passphrase.encode("utf-8"), salt, params)


def seal(plaintext: bytes, passphrase: str, params: crypto.KdfParams) -> bytes:
    """The whole sealed file, made in memory."""
    salt = crypto.random_salt()
    chunk_bytes = crypto.CHUNK_BYTES
    start = _FIXED.pack(
        MAGIC,
        FORMAT_VERSION,
        KDF_ARGON2ID,
        params.memory_kib,
        params.time_cost,
        params.parallelism,
        len(salt),
    )
    start += salt + _CHUNK.pack(chunk_bytes)
    key = file_key(passphrase, salt, params)
    header = start + crypto.seal_unpadded(key, b"", KEY_CHECK_AAD + start)
    pieces = (plaintext[i : i + chunk_bytes] for i in range(0, len(plaintext), chunk_bytes))
    return header + b"".join(crypto.seal_chunks(key, pieces, header))


def _read_header(blob: bytes) -> tuple[crypto.KdfParams, bytes, int]:
    if len(blob) < _FIXED.size or not blob.startswith(MAGIC):
        raise DamagedFile("not a sealed export")
    _magic, version, kdf, memory, time_cost, lanes, salt_len = _FIXED.unpack_from(blob)
    if version != FORMAT_VERSION or kdf != KDF_ARGON2ID or salt_len != SALT_BYTES:
        raise DamagedFile("unknown format version")
    if len(blob) < HEADER_BYTES:
        raise DamagedFile("cut short")
    salt = blob[_FIXED.size : _FIXED.size + SALT_BYTES]
    (chunk_bytes,) = _CHUNK.unpack_from(blob, _FIXED.size + SALT_BYTES)
    sane = (
        1 <= lanes <= MAX_LANES
        and 8 * lanes <= memory <= MAX_MEMORY_KIB
        and 1 <= time_cost <= MAX_TIME_COST
        and 1 <= chunk_bytes <= MAX_CHUNK_BYTES
    )
    if not sane:
        raise DamagedFile("parameters out of range")
    params = crypto.KdfParams(memory_kib=memory, time_cost=time_cost, parallelism=lanes)
    return params, salt, chunk_bytes


def _split(body: bytes, chunk_bytes: int) -> Iterator[bytes]:
    size = 1 + crypto.NONCE_BYTES + chunk_bytes + crypto.TAG_BYTES
    for start in range(0, len(body), size):
        yield body[start : start + size]


def open_file(blob: bytes, passphrase: str) -> bytes:
    """The plaintext, or DamagedFile / WrongPassphrase (whose messages hold nothing private)."""
    blob = bytes(blob)
    params, salt, chunk_bytes = _read_header(blob)
    header, body = blob[:HEADER_BYTES], blob[HEADER_BYTES:]
    key = file_key(passphrase, salt, params)
    try:
        crypto.open_sealed(key, header[_BEFORE_CHECK:], KEY_CHECK_AAD + header[:_BEFORE_CHECK])
    except crypto.VaultError:
        raise WrongPassphrase("this passphrase does not open the file") from None
    try:
        return b"".join(crypto.open_chunks(key, _split(body, chunk_bytes), header))
    except crypto.VaultError:
        raise DamagedFile("changed or cut short") from None
