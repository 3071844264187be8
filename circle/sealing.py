"""Opening and sealing the circle's server-sealed values (see models.py for which)."""

from __future__ import annotations

import json
from typing import Any

from django.db import models

from vault import crypto, server


def _aad(instance: models.Model, field: str) -> bytes:
    return crypto.field_aad(instance._meta.label_lower, field, instance.pk)


def seal(instance: models.Model, field: str, value: str) -> bytes:
    return server.seal(value, _aad(instance, field))


def open_text(instance: models.Model, field: str) -> str:
    blob = getattr(instance, field)
    return server.open_value(blob, _aad(instance, field)) if blob else ""


def seal_json(instance: models.Model, field: str, value: dict[str, Any]) -> bytes:
    return seal(instance, field, json.dumps(value, separators=(",", ":")))


def open_json(instance: models.Model, field: str) -> dict[str, Any]:
    text = open_text(instance, field)
    return json.loads(text) if text else {}
