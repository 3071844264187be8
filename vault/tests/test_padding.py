"""Sealed values are padded to size buckets, so a stored length says little."""

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vault import crypto

keys = st.binary(min_size=32, max_size=32)
OVERHEAD = 1 + crypto.NONCE_BYTES + crypto.TAG_BYTES


@given(key=keys, plaintext=st.binary(max_size=9000), aad=st.binary(max_size=40))
def test_any_padded_value_round_trips_exactly(key, plaintext, aad):
    assert crypto.open_sealed(key, crypto.seal(key, plaintext, aad), aad) == plaintext


@given(plaintext=st.binary(max_size=9000))
def test_padding_is_undone_exactly_even_for_values_ending_in_zeros_or_the_mark(plaintext):
    for tail in (b"", b"\x00", b"\x80", b"\x80\x00\x00"):
        value = plaintext + tail
        assert crypto.unpad(crypto.pad(value)) == value


@given(data=st.data(), key=keys)
@settings(max_examples=60)
def test_two_values_in_one_bucket_seal_to_the_same_length(data, key):
    first = data.draw(st.integers(0, 20_000), label="first length")
    bucket = crypto.padded_size(first)
    # Every length that lands in the same bucket, from the smallest up.
    lowest = first
    while lowest > 0 and crypto.padded_size(lowest - 1) == bucket:
        lowest -= 1
    second = data.draw(st.integers(lowest, bucket - 1), label="second length")
    assert crypto.padded_size(second) == bucket
    one = crypto.seal(key, os.urandom(first), b"a")
    two = crypto.seal(key, os.urandom(second), b"a")
    assert len(one) == len(two) == OVERHEAD + bucket


@given(length=st.integers(0, 100_000))
def test_buckets_are_powers_of_two_then_whole_pages_and_always_fit(length):
    bucket = crypto.padded_size(length)
    assert bucket > length
    if bucket <= crypto.PAGE_BUCKET:
        assert bucket >= crypto.SMALLEST_BUCKET
        assert bucket & (bucket - 1) == 0
    else:
        assert bucket % crypto.PAGE_BUCKET == 0
    # Never more than double (or one page more) than needed.
    assert bucket <= max(crypto.SMALLEST_BUCKET, 2 * (length + 1), length + 1 + crypto.PAGE_BUCKET)


def test_values_sealed_before_padding_still_open():
    key = crypto.random_key()
    old = crypto.seal_unpadded(key, b"written last year", b"place")
    assert old[0] == crypto.VERSION_UNPADDED == 1
    assert len(old) == OVERHEAD + len(b"written last year")
    assert crypto.open_sealed(key, old, b"place") == b"written last year"


def test_new_values_carry_the_padded_format_version():
    key = crypto.random_key()
    assert crypto.seal(key, b"today", b"place")[0] == crypto.VERSION_PADDED == 2


def test_the_version_byte_is_bound_to_the_value():
    # Relabelling a padded value as unpadded (or back) must not open: the
    # version byte is outside the ciphertext, so check it changes the result.
    key = crypto.random_key()
    padded = bytearray(crypto.seal(key, b"secret", b"place"))
    padded[0] = crypto.VERSION_UNPADDED
    opened = crypto.open_sealed(key, bytes(padded), b"place")
    # Opening as unpadded yields the padded bytes: never the value alone.
    assert opened != b"secret"
    assert len(opened) == crypto.SMALLEST_BUCKET


def test_a_padded_value_whose_padding_was_emptied_is_refused():
    key = crypto.random_key()
    nonce = os.urandom(crypto.NONCE_BYTES)
    forged = (
        bytes([crypto.VERSION_PADDED])
        + nonce
        + crypto.cipher(key).encrypt(nonce, bytes(64), b"place")
    )
    with pytest.raises(crypto.VaultError):
        crypto.open_sealed(key, forged, b"place")


def test_keys_are_wrapped_without_padding_as_their_size_is_no_secret():
    wrapping, key = crypto.random_key(), crypto.random_key()
    wrapped = crypto.wrap_key(wrapping, key, b"dek")
    assert len(wrapped) == OVERHEAD + crypto.KEY_BYTES
    assert crypto.unwrap_key(wrapping, wrapped, b"dek") == key


@pytest.mark.parametrize(
    "size",
    [
        0,
        1,
        4000,
        crypto.CHUNK_BYTES - 1,
        crypto.CHUNK_BYTES,
        crypto.CHUNK_BYTES + 1,
        3 * crypto.CHUNK_BYTES + 5000,
    ],
)
def test_files_open_whole_and_no_sealed_chunk_is_bigger_than_a_full_one(size):
    key = crypto.random_key()
    data = os.urandom(size)
    sealed = list(crypto.seal_chunks(key, [data], b"file"))
    assert all(len(chunk) <= crypto.SEALED_CHUNK_BYTES for chunk in sealed)
    assert b"".join(crypto.open_chunks(key, sealed, b"file")) == data


def test_a_file_tells_its_size_only_to_the_bucket_of_its_last_chunk():
    key = crypto.random_key()
    sizes = {
        sum(len(c) for c in crypto.seal_chunks(key, [os.urandom(n)], b"file"))
        for n in (crypto.CHUNK_BYTES + 9000, crypto.CHUNK_BYTES + 12000)
    }
    assert len(sizes) == 1
