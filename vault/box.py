"""The explicit API feature code uses: an open vault for one request.

    reason.text = request.vault.seal(reason, "text", cleaned_text)
    text = request.vault.open(reason, "text")

Values are bound to model, field and row, so they can't be moved.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import models

from vault import crypto
from vault.records import SealedJSONField


def _json_field(instance: models.Model, field: str) -> SealedJSONField | None:
    found = instance._meta.get_field(field)
    return found if isinstance(found, SealedJSONField) else None


class Box:
    __slots__ = ("_dek", "_cipher")

    def __init__(self, dek: bytes) -> None:
        self._dek = dek
        self._cipher = crypto.cipher(dek)

    def __repr__(self) -> str:  # never show the key
        return "<Box (open)>"

    @staticmethod
    def _aad(instance: models.Model, field: str) -> bytes:
        if instance.pk is None:
            raise ValueError("seal needs a row with its primary key set (use UUID keys)")
        return crypto.field_aad(instance._meta.label_lower, field, instance.pk)

    def seal(self, instance: models.Model, field: str, value: str) -> bytes:
        return crypto.seal(self._cipher, value.encode("utf-8"), self._aad(instance, field))

    def open(self, instance: models.Model, field: str) -> str:
        blob = getattr(instance, field)
        if not blob:
            return ""
        return crypto.open_sealed(self._cipher, bytes(blob), self._aad(instance, field)).decode()

    def seal_json(self, instance: models.Model, field: str, value: Any) -> bytes:
        spec = _json_field(instance, field)
        stored = spec.wrap(value) if spec else value
        return self.seal(instance, field, json.dumps(stored, separators=(",", ":")))

    def open_json(self, instance: models.Model, field: str, default: Any = None) -> Any:
        """The document, upgraded to its field's current schema version."""
        text = self.open(instance, field)
        if not text:
            return default
        spec = _json_field(instance, field)
        stored = json.loads(text)
        return spec.unwrap(stored) if spec else stored

    def seal_stream(self, file_aad: bytes, chunks: Iterable[bytes]) -> Iterator[bytes]:
        return crypto.seal_chunks(self._dek, chunks, file_aad)

    def sealer(self, file_aad: bytes) -> crypto.ChunkSealer:
        """For a file that arrives piece by piece (an upload): feed it, then finish."""
        return crypto.ChunkSealer(self._dek, file_aad)

    def open_stream(self, file_aad: bytes, sealed: Iterable[bytes]) -> Iterator[bytes]:
        return crypto.open_chunks(self._dek, sealed, file_aad)
