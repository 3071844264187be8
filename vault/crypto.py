"""The vault's cryptography, free of Django so it can be reasoned about alone.

Keys:
- DEK: a random 256-bit data key per account. It seals every private value.
- KEK: derived from the passphrase. One Argon2id run gives 32 bytes; HKDF,
  salted with the server pepper, splits them into a *verifier* (compared by
  the server) and a *wrapping key* (unwraps the DEK). Neither reveals the other.

Sealed value layout: version (1 byte) | nonce (12 bytes) | ciphertext+tag.
Version 2 (written today) pads the plaintext before sealing, so a stored
length says only which size bucket a value falls in, never its exact size:
plaintext | 0x80 | zero bytes up to the bucket. Buckets are powers of two
from 64 bytes to 4 KiB, then whole multiples of 4 KiB. Version 1 (unpadded)
is still opened, so values sealed before padding stay readable.
Associated data binds each value to where it lives (model, field, row), so a
value copied to another row or field fails to open.
"""

from __future__ import annotations

import hmac
import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

VERSION_UNPADDED = 1
VERSION_PADDED = 2
VERSION = VERSION_PADDED
KEY_BYTES = 32
NONCE_BYTES = 12
SALT_BYTES = 16
TAG_BYTES = 16
# Files are sealed in chunks so a large file never sits whole in memory.
CHUNK_BYTES = 64 * 1024
SEALED_CHUNK_BYTES = 1 + NONCE_BYTES + CHUNK_BYTES + TAG_BYTES
# Size buckets for padding (see the module docstring).
SMALLEST_BUCKET = 64
PAGE_BUCKET = 4 * 1024
PAD_MARK = b"\x80"


class VaultError(Exception):
    """A sealed value could not be opened: wrong key, moved, or tampered with.

    The message never contains any plaintext.
    """


@dataclass(frozen=True)
class KdfParams:
    memory_kib: int
    time_cost: int
    parallelism: int

    def as_dict(self) -> dict[str, int]:
        return {
            "memory_kib": self.memory_kib,
            "time_cost": self.time_cost,
            "parallelism": self.parallelism,
        }

    @classmethod
    def from_dict(cls, data: dict[str, int]) -> KdfParams:
        return cls(int(data["memory_kib"]), int(data["time_cost"]), int(data["parallelism"]))


@dataclass(frozen=True)
class DerivedKeys:
    verifier: bytes
    wrapping_key: bytes


def random_key() -> bytes:
    return os.urandom(KEY_BYTES)


def random_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def argon2id(secret: bytes, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        secret=secret,
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _hkdf(ikm: bytes, pepper: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=pepper, info=info).derive(ikm)


def split_stretched(stretched: bytes, pepper: bytes) -> DerivedKeys:
    """Turn one Argon2id output into a verifier and a wrapping key."""
    return DerivedKeys(
        verifier=_hkdf(stretched, pepper, b"haven/v1/verifier"),
        wrapping_key=_hkdf(stretched, pepper, b"haven/v1/wrap"),
    )


def derive_from_passphrase(
    passphrase: str, salt: bytes, params: KdfParams, pepper: bytes
) -> DerivedKeys:
    return split_stretched(argon2id(passphrase.encode("utf-8"), salt, params), pepper)


def derive_from_recovery_code(code: str, pepper: bytes) -> bytes:
    """A recovery code carries 125+ random bits, so a fast KDF is enough."""
    return _hkdf(normalise_recovery_code(code).encode("ascii"), pepper, b"haven/v1/recovery")


def verifiers_match(expected: bytes | None, candidate: bytes) -> bool:
    """Constant-time compare that also spends the same time when unset."""
    if expected is None:
        hmac.compare_digest(candidate, candidate)
        return False
    return hmac.compare_digest(expected, candidate)


def cipher(key: bytes) -> AESGCM:
    """A reusable cipher for one key (building one costs more than sealing a short value)."""
    return AESGCM(key)


def padded_size(length: int) -> int:
    """The bucket a plaintext of `length` bytes is padded to (mark included)."""
    needed = length + len(PAD_MARK)
    if needed <= SMALLEST_BUCKET:
        return SMALLEST_BUCKET
    if needed <= PAGE_BUCKET:
        return 1 << (needed - 1).bit_length()
    return -(-needed // PAGE_BUCKET) * PAGE_BUCKET


def pad(plaintext: bytes, size: int | None = None) -> bytes:
    size = padded_size(len(plaintext)) if size is None else size
    return b"".join((plaintext, PAD_MARK, bytes(size - len(plaintext) - len(PAD_MARK))))


def unpad(padded: bytes) -> bytes:
    """Undo `pad`: the last mark is where the value ends; only zeros follow it."""
    end = padded.rfind(PAD_MARK)
    if end < 0 or padded.count(0, end + 1) != len(padded) - end - 1:
        raise VaultError("sealed value has an unknown format")
    return padded[:end]


def _seal_as(aes: AESGCM, version: int, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return bytes([version]) + nonce + aes.encrypt(nonce, plaintext, aad)


def seal(key: bytes | AESGCM, plaintext: bytes, aad: bytes) -> bytes:
    """Seal a value padded to its size bucket (format version 2)."""
    aes = key if isinstance(key, AESGCM) else AESGCM(key)
    return _seal_as(aes, VERSION_PADDED, pad(plaintext), aad)


def seal_unpadded(key: bytes | AESGCM, plaintext: bytes, aad: bytes) -> bytes:
    """Seal without padding (version 1), for values whose size is no secret:
    keys, which are always 32 bytes, and the full middle chunks of a file."""
    aes = key if isinstance(key, AESGCM) else AESGCM(key)
    return _seal_as(aes, VERSION_UNPADDED, plaintext, aad)


def open_sealed(key: bytes | AESGCM, blob: bytes, aad: bytes) -> bytes:
    aes = key if isinstance(key, AESGCM) else AESGCM(key)
    blob = bytes(blob)
    if len(blob) < 1 + NONCE_BYTES + TAG_BYTES or blob[0] not in (
        VERSION_UNPADDED,
        VERSION_PADDED,
    ):
        raise VaultError("sealed value has an unknown format")
    nonce = blob[1 : 1 + NONCE_BYTES]
    try:
        plaintext = aes.decrypt(nonce, blob[1 + NONCE_BYTES :], aad)
    except InvalidTag:
        raise VaultError("sealed value cannot be opened with this key and place") from None
    return unpad(plaintext) if blob[0] == VERSION_PADDED else plaintext


def wrap_key(wrapping_key: bytes, key: bytes, aad: bytes) -> bytes:
    return seal_unpadded(wrapping_key, key, b"haven/v1/key|" + aad)


def unwrap_key(wrapping_key: bytes, blob: bytes, aad: bytes) -> bytes:
    return open_sealed(wrapping_key, blob, b"haven/v1/key|" + aad)


def field_aad(label: str, field: str, pk: object) -> bytes:
    """Bind a value to model, field and row."""
    return f"haven/v1/field|{label}|{field}|{pk}".encode()


# Chunked files. Each chunk's associated data names the file, its position
# and whether it is the last, so chunks can't be reordered, dropped, swapped
# between files, or the file cut short without the open failing.


def _chunk_aad(file_aad: bytes, index: int, last: bool) -> bytes:
    return file_aad + b"|chunk|" + str(index).encode() + (b"|last" if last else b"|more")


class ChunkSealer:
    """Seals a file pushed to it piece by piece (an upload arriving), in chunks of CHUNK_BYTES.

    `feed_into(piece, write)` hands the sealed bytes to `write` in order, as
    soon as they are made (a sealed chunk may come in several calls), and
    `finish_into(write)` the last chunk; `feed`/`finish` return whole sealed
    chunks as bytes instead. Bytes handed to `write` are only valid during
    that call (one buffer is reused).

    Unlike `seal_chunks`, which looks ahead, a full chunk is sealed at once as
    "more follows", so nothing is held back: the last chunk is whatever is
    left, and a file that ends exactly on a chunk boundary ends with an empty
    last chunk (padded, like any short last chunk). `open_chunks` reads both
    the same, and the stored size still tells only the size bucket.

    Memory, whatever the file's size, stays under two chunks:
    - a piece that holds a whole chunk (pieces that line up, as when a stored
      file is read back in chunks) is sealed where it is, in one call, into
      one reused buffer for a sealed chunk;
    - otherwise (an upload: the form's first piece is short, so no later piece
      lines up) the plaintext waits in one chunk-sized buffer until the chunk
      is full (its "more follows" mark is sealed into the chunk's first bytes,
      so they cannot be sealed sooner), then is encrypted in slices of
      SLICE_BYTES into a small reused buffer. No whole sealed chunk is held.
    Each buffer is made the first time it is needed, once, at its full size.
    """

    SLICE_BYTES = 32 * 1024

    __slots__ = (
        "_key",
        "_aes",
        "_file_aad",
        "_buffer",
        "_filled",
        "_index",
        "_out",
        "_slice",
        "_pending",
    )

    def __init__(self, key: bytes, file_aad: bytes) -> None:
        self._key = algorithms.AES(key)
        self._aes = AESGCM(key)
        self._file_aad = file_aad
        self._buffer: bytearray | None = None  # plaintext of a chunk still filling
        self._filled = 0
        self._index = 0
        self._out: bytearray | None = None  # a whole sealed chunk
        self._slice: bytearray | None = None  # a slice of one (update_into needs a block spare)
        self._pending = bytearray()  # for feed(): sealed bytes not yet a whole chunk

    def _next_aad(self) -> bytes:
        aad = _chunk_aad(self._file_aad, self._index, False)
        self._index += 1
        return aad

    def _emit_whole(self, data: memoryview, write: Callable[[Any], object]) -> None:
        # The layout of seal_unpadded, sealed in one call straight into the reused buffer.
        if self._out is None:
            self._out = bytearray(SEALED_CHUNK_BYTES)
        aad = self._next_aad()
        nonce = os.urandom(NONCE_BYTES)
        out = memoryview(self._out)
        out[0] = VERSION_UNPADDED
        out[1 : 1 + NONCE_BYTES] = nonce
        self._aes.encrypt_into(nonce, data, aad, out[1 + NONCE_BYTES :])
        write(out)

    def _emit_in_slices(self, data: bytearray, write: Callable[[Any], object]) -> None:
        # The same layout (version, nonce, ciphertext, tag), made and written slice by slice.
        if self._slice is None:
            self._slice = bytearray(self.SLICE_BYTES + 16)
        aad = self._next_aad()
        nonce = os.urandom(NONCE_BYTES)
        encryptor = Cipher(self._key, modes.GCM(nonce)).encryptor()
        encryptor.authenticate_additional_data(aad)
        write(bytes((VERSION_UNPADDED,)) + nonce)
        view, out = memoryview(data), memoryview(self._slice)
        for start in range(0, len(view), self.SLICE_BYTES):
            made = encryptor.update_into(view[start : start + self.SLICE_BYTES], self._slice)
            write(out[:made])
        encryptor.finalize()
        write(encryptor.tag)

    def feed_into(self, piece: bytes, write: Callable[[Any], object]) -> None:
        view = memoryview(piece)
        while view:
            if not self._filled and len(view) >= CHUNK_BYTES:
                self._emit_whole(view[:CHUNK_BYTES], write)  # no copy when pieces line up
                view = view[CHUNK_BYTES:]
                continue
            if self._buffer is None:
                self._buffer = bytearray(CHUNK_BYTES)
            take = min(CHUNK_BYTES - self._filled, len(view))
            self._buffer[self._filled : self._filled + take] = view[:take]
            self._filled += take
            view = view[take:]
            if self._filled == CHUNK_BYTES:
                self._emit_in_slices(self._buffer, write)
                self._filled = 0

    def finish_into(self, write: Callable[[Any], object]) -> None:
        aad = _chunk_aad(self._file_aad, self._index, True)
        rest = bytes(self._buffer[: self._filled]) if self._buffer is not None else b""
        write(seal(self._aes, rest, aad))
        self._filled = 0

    def feed(self, piece: bytes) -> list[bytes]:
        self.feed_into(piece, self._pending.extend)
        ready = []
        while len(self._pending) >= SEALED_CHUNK_BYTES:
            ready.append(bytes(self._pending[:SEALED_CHUNK_BYTES]))
            del self._pending[:SEALED_CHUNK_BYTES]
        return ready

    def finish(self) -> bytes:
        last: list[bytes] = []
        self.finish_into(lambda chunk: last.append(bytes(chunk)))
        return last[0]


def seal_chunks(key: bytes, chunks: Iterable[bytes], file_aad: bytes) -> Iterator[bytes]:
    """Seal a stream of plaintext pieces into sealed chunks of CHUNK_BYTES.

    A chunk is only sealed once more data is known to follow it, so the last
    one is always marked as last (an empty file is one empty last chunk).
    Full middle chunks are sealed unpadded (their size is no secret). The last
    chunk is padded to its size bucket, so a stored file tells its size only
    to the nearest bucket; a last chunk that is exactly full has no room for
    the mark and is sealed unpadded, which comes to the same stored size.
    """
    sealer = ChunkSealer(key, file_aad)
    for piece in chunks:
        yield from sealer.feed(piece)
    yield sealer.finish()


def open_chunks(key: bytes, sealed: Iterable[bytes], file_aad: bytes) -> Iterator[bytes]:
    """Open sealed chunks in order; raises VaultError if anything is off."""
    iterator = iter(sealed)
    current = next(iterator, None)
    if current is None:
        raise VaultError("sealed file is empty")
    index = 0
    while current is not None:
        following = next(iterator, None)
        yield open_sealed(key, current, _chunk_aad(file_aad, index, following is None))
        current = following
        index += 1


RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I look-alikes
RECOVERY_GROUPS = 5
RECOVERY_GROUP_LEN = 5


def new_recovery_code() -> str:
    # 25 symbols from 32 = 125 random bits.
    symbols = [
        secrets.choice(RECOVERY_ALPHABET) for _ in range(RECOVERY_GROUPS * RECOVERY_GROUP_LEN)
    ]
    groups = [
        "".join(symbols[i : i + RECOVERY_GROUP_LEN])
        for i in range(0, len(symbols), RECOVERY_GROUP_LEN)
    ]
    return "-".join(groups)


def normalise_recovery_code(code: str) -> str:
    """Forgive spaces, dashes and lower case."""
    return "".join(ch for ch in code.upper() if ch.isalnum())
