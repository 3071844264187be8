"""Property tests: sealed values round-trip, and anything out of place is refused."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vault import crypto

keys = st.binary(min_size=32, max_size=32)
places = st.tuples(
    st.sampled_from(["plan.reason", "records.incident", "heal.entry"]),
    st.sampled_from(["text", "notes", "title"]),
    st.uuids(),
)


@given(key=keys, text=st.text(), place=places)
def test_any_text_round_trips(key, text, place):
    aad = crypto.field_aad(*place)
    assert crypto.open_sealed(key, crypto.seal(key, text.encode(), aad), aad).decode() == text


@given(key=keys, text=st.text(min_size=1), place=places, data=st.data())
def test_any_flipped_byte_is_refused(key, text, place, data):
    aad = crypto.field_aad(*place)
    sealed = bytearray(crypto.seal(key, text.encode(), aad))
    index = data.draw(st.integers(0, len(sealed) - 1))
    bit = data.draw(st.integers(0, 7))
    sealed[index] ^= 1 << bit
    with pytest.raises(crypto.VaultError):
        crypto.open_sealed(key, bytes(sealed), aad)


@given(key=keys, other=keys, text=st.text(), place=places)
def test_a_wrong_key_is_refused(key, other, text, place):
    if key == other:
        return
    aad = crypto.field_aad(*place)
    with pytest.raises(crypto.VaultError):
        crypto.open_sealed(other, crypto.seal(key, text.encode(), aad), aad)


@given(key=keys, text=st.text(), place=places, elsewhere=places)
def test_a_value_moved_to_another_row_or_field_is_refused(key, text, place, elsewhere):
    if place == elsewhere:
        return
    sealed = crypto.seal(key, text.encode(), crypto.field_aad(*place))
    with pytest.raises(crypto.VaultError):
        crypto.open_sealed(key, sealed, crypto.field_aad(*elsewhere))


@given(key=keys, text=st.text(min_size=1))
def test_the_same_text_seals_differently_each_time(key, text):
    aad = b"x"
    assert crypto.seal(key, text.encode(), aad) != crypto.seal(key, text.encode(), aad)


@given(key=keys, cut=st.integers(0, 28))
def test_truncated_values_are_refused(key, cut):
    sealed = crypto.seal(key, b"hello", b"a")
    with pytest.raises(crypto.VaultError):
        crypto.open_sealed(key, sealed[:cut], b"a")


@settings(max_examples=25, deadline=None)
@given(key=keys, pieces=st.lists(st.binary(max_size=50_000), max_size=8))
def test_files_round_trip_in_chunks(key, pieces):
    aad = b"file-1"
    sealed = list(crypto.seal_chunks(key, pieces, aad))
    assert b"".join(crypto.open_chunks(key, sealed, aad)) == b"".join(pieces)
    expected_chunks = max(1, -(-len(b"".join(pieces)) // crypto.CHUNK_BYTES))
    assert len(sealed) == expected_chunks


def _big_file(key, aad=b"file-1"):
    data = bytes(range(256)) * (crypto.CHUNK_BYTES * 3 // 256 + 7)
    return data, list(crypto.seal_chunks(key, [data], aad))


def test_a_file_cut_short_is_refused():
    key = crypto.random_key()
    _data, sealed = _big_file(key)
    with pytest.raises(crypto.VaultError):
        b"".join(crypto.open_chunks(key, sealed[:-1], b"file-1"))


def test_reordered_chunks_are_refused():
    key = crypto.random_key()
    _data, sealed = _big_file(key)
    sealed[0], sealed[1] = sealed[1], sealed[0]
    with pytest.raises(crypto.VaultError):
        b"".join(crypto.open_chunks(key, sealed, b"file-1"))


def test_a_chunk_from_another_file_is_refused():
    key = crypto.random_key()
    _data, sealed = _big_file(key, b"file-1")
    _other, foreign = _big_file(key, b"file-2")
    sealed[1] = foreign[1]
    with pytest.raises(crypto.VaultError):
        b"".join(crypto.open_chunks(key, sealed, b"file-1"))


def test_recovery_codes_forgive_spaces_and_case():
    code = crypto.new_recovery_code()
    assert len(code) == 29
    sloppy = code.lower().replace("-", " ")
    assert crypto.normalise_recovery_code(sloppy) == crypto.normalise_recovery_code(code)
