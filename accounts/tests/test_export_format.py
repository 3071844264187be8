"""The sealed export file: it opens with its passphrase alone, and refuses anything else."""

import json
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

from accounts import export_format
from vault import crypto

PARAMS = crypto.KdfParams(memory_kib=64, time_cost=1, parallelism=1)
PASSPHRASE = "lantern orchard velvet tuesday"
TEXT = "Mina's house, the bus at 7, the blue folder. Καταφύγιο. بيت أختي.".encode()


def open_by_hand(blob: bytes, passphrase: str) -> bytes:
    """Exactly the steps docs/export-format.md gives, with nothing from Haven."""
    magic, version, kdf, memory, time_cost, lanes, salt_len = struct.unpack_from(">8sBBIIIB", blob)
    assert (magic, version, kdf, salt_len) == (b"SEALNOTE", 1, 1, 16)
    salt = blob[23:39]
    (chunk_size,) = struct.unpack_from(">I", blob, 39)
    header = blob[:72]
    key = hash_secret_raw(
        passphrase.encode("utf-8"), salt, time_cost, memory, lanes, 32, Type.ID, version=19
    )
    aes = AESGCM(key)
    check = blob[43:72]
    assert check[0] == 1
    aes.decrypt(check[1:13], check[13:], b"key-check|" + blob[:43])
    body = blob[72:]
    size = 1 + 12 + chunk_size + 16
    pieces = [body[i : i + size] for i in range(0, len(body), size)]
    out = b""
    for index, piece in enumerate(pieces):
        last = index == len(pieces) - 1
        aad = header + b"|chunk|" + str(index).encode() + (b"|last" if last else b"|more")
        assert piece[0] == (2 if last and len(piece) < size else 1)
        plain = aes.decrypt(piece[1:13], piece[13:], aad)
        out += plain if piece[0] == 1 else plain.rstrip(b"\0")[:-1]
    return out


def test_a_sealed_file_opens_with_its_passphrase():
    blob = export_format.seal(TEXT, PASSPHRASE, PARAMS)
    assert blob.startswith(b"SEALNOTE")
    assert TEXT not in blob
    assert export_format.open_file(blob, PASSPHRASE) == TEXT


def test_the_file_says_nothing_about_where_it_came_from():
    blob = export_format.seal(TEXT, PASSPHRASE, PARAMS)
    assert b"haven" not in blob.lower()


def test_the_documented_steps_open_a_file_without_any_haven_code():
    blob = export_format.seal(TEXT, PASSPHRASE, PARAMS)
    assert open_by_hand(blob, PASSPHRASE) == TEXT


def test_a_large_file_is_sealed_in_many_chunks_and_still_opens_by_hand():
    big = os.urandom(3 * crypto.CHUNK_BYTES + 123)
    blob = export_format.seal(big, PASSPHRASE, PARAMS)
    assert len(blob) > 3 * crypto.CHUNK_BYTES
    assert export_format.open_file(blob, PASSPHRASE) == big
    assert open_by_hand(blob, PASSPHRASE) == big


def test_an_empty_document_still_makes_a_whole_file():
    blob = export_format.seal(b"", PASSPHRASE, PARAMS)
    assert export_format.open_file(blob, PASSPHRASE) == b""


def test_a_wrong_passphrase_is_told_apart_from_damage():
    blob = export_format.seal(TEXT, PASSPHRASE, PARAMS)
    with pytest.raises(export_format.WrongPassphrase) as caught:
        export_format.open_file(blob, "lantern orchard velvet wednesday")
    assert "lantern" not in str(caught.value)


@pytest.mark.parametrize("keep", [0, 10, 40, 72, 90, -1])
def test_a_file_cut_short_anywhere_is_refused(keep):
    blob = export_format.seal(TEXT, PASSPHRASE, PARAMS)
    with pytest.raises(export_format.DamagedFile):
        export_format.open_file(blob[:keep], PASSPHRASE)


def test_a_file_cut_at_a_chunk_boundary_is_refused():
    big = os.urandom(2 * crypto.CHUNK_BYTES + 5)
    blob = export_format.seal(big, PASSPHRASE, PARAMS)
    sealed_chunk = 1 + crypto.NONCE_BYTES + crypto.CHUNK_BYTES + crypto.TAG_BYTES
    with pytest.raises(export_format.DamagedFile):
        export_format.open_file(blob[: export_format.HEADER_BYTES + sealed_chunk], PASSPHRASE)


def test_chunks_swapped_around_are_refused():
    big = os.urandom(2 * crypto.CHUNK_BYTES + 5)
    blob = export_format.seal(big, PASSPHRASE, PARAMS)
    size = 1 + crypto.NONCE_BYTES + crypto.CHUNK_BYTES + crypto.TAG_BYTES
    start = export_format.HEADER_BYTES
    first, second = blob[start : start + size], blob[start + size : start + 2 * size]
    swapped = blob[:start] + second + first + blob[start + 2 * size :]
    with pytest.raises(export_format.DamagedFile):
        export_format.open_file(swapped, PASSPHRASE)


def test_every_flipped_byte_is_noticed():
    blob = export_format.seal(TEXT, PASSPHRASE, PARAMS)
    for position in range(len(blob)):
        changed = bytearray(blob)
        changed[position] ^= 0x01
        with pytest.raises((export_format.DamagedFile, export_format.WrongPassphrase)):
            export_format.open_file(bytes(changed), PASSPHRASE)


def test_a_byte_flipped_in_the_words_reads_as_damage_not_as_a_wrong_passphrase():
    blob = bytearray(export_format.seal(TEXT, PASSPHRASE, PARAMS))
    blob[-5] ^= 0x80
    with pytest.raises(export_format.DamagedFile):
        export_format.open_file(bytes(blob), PASSPHRASE)


def test_something_else_entirely_is_refused():
    with pytest.raises(export_format.DamagedFile):
        export_format.open_file(b"%PDF-1.7 not an export at all" * 10, PASSPHRASE)


def test_a_file_asking_for_absurd_work_is_refused_before_any_is_done():
    blob = bytearray(export_format.seal(TEXT, PASSPHRASE, PARAMS))
    struct.pack_into(">I", blob, 10, 64 * 1024 * 1024)  # 64 GiB of memory
    with pytest.raises(export_format.DamagedFile):
        export_format.open_file(bytes(blob), PASSPHRASE)
    blob = bytearray(export_format.seal(TEXT, PASSPHRASE, PARAMS))
    struct.pack_into(">I", blob, 14, 1000)  # a thousand passes
    with pytest.raises(export_format.DamagedFile):
        export_format.open_file(bytes(blob), PASSPHRASE)


def test_the_script_in_the_format_page_opens_a_real_file(tmp_path):
    """docs/export-format.md's own Python, run as a person would run it."""
    page = (Path(settings.BASE_DIR) / "docs" / "export-format.md").read_text()
    script = re.search(r"```python\n(.*?)```", page, re.DOTALL).group(1)
    (tmp_path / "open_notes.py").write_text(script)
    document = {"format": "haven-export", "words": "Mina's sofa, 朋友的家"}
    blob = export_format.seal(json.dumps(document).encode(), PASSPHRASE, PARAMS)
    (tmp_path / "notes.bin").write_bytes(blob)
    done = subprocess.run(
        [sys.executable, str(tmp_path / "open_notes.py"), str(tmp_path / "notes.bin")],
        input=PASSPHRASE + "\n",
        capture_output=True,
        text=True,
        check=True,
    )
    assert json.loads(done.stdout.split("Passphrase: ", 1)[-1]) == document
