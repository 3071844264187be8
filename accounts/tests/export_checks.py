"""What the export tests compare: every row a person owns, with every sealed value opened.

Feature apps' export tests use these (feature apps may depend on accounts).
"""

from __future__ import annotations

import json
from typing import Any

from django.db import models, transaction

from accounts.export_tables import TIMES
from vault.box import Box

SKIP = {"id", "owner"}


def sealed_columns(model: type[models.Model]) -> list[str]:
    """Every BinaryField on the model (SealedField is one too)."""
    return [f.name for f in model._meta.concrete_fields if isinstance(f, models.BinaryField)]


def _opened(box: Box, row: models.Model, name: str) -> Any:
    if getattr(row._meta.get_field(name), "server_sealed", False):
        from vault import crypto, server

        blob = getattr(row, name)
        aad = crypto.field_aad(row._meta.label_lower, name, row.pk)
        text = server.open_value(blob, aad) if blob else ""
    else:
        text = box.open(row, name)
    try:
        return json.loads(text)
    except ValueError:
        return text


def snapshot(user, box: Box, model_list) -> dict[str, list[str]]:
    """Per model, each row as canonical JSON: readable columns, times, opened values.

    A model may name `restore_resets` (columns a restore deliberately starts
    afresh, such as a contact's confirmation) and set `restored = False` (rows
    a restore deliberately leaves out); those are not compared.
    """
    seen: dict[str, list[str]] = {}
    for model in model_list:
        if not getattr(model, "restored", True):
            continue
        sealed = sealed_columns(model)
        resets = set(getattr(model, "restore_resets", ()))
        rows = []
        for row in model._default_manager.filter(owner=user):
            values: dict[str, Any] = {}
            for field in model._meta.concrete_fields:
                if field.name in SKIP or field.name in resets:
                    continue
                if field.name in sealed:
                    values[field.name] = _opened(box, row, field.name)
                elif field.name in TIMES:
                    values[field.name] = getattr(row, field.name).isoformat()
                else:
                    values[field.name] = field.value_to_string(row)
            rows.append(json.dumps(values, sort_keys=True, ensure_ascii=False))
        seen[model._meta.label] = sorted(rows)
    return seen


def ids(user, model_list) -> set:
    return {
        pk
        for model in model_list
        for pk in model._default_manager.filter(owner=user).values_list("pk", flat=True)
    }


def round_trip(module, source, source_box: Box, target, target_box: Box) -> dict:
    """Export from `source`, through JSON text as a file would carry it, into `target`."""
    data = json.loads(json.dumps(module.export(source, source_box), ensure_ascii=False))
    with transaction.atomic():
        module.restore(target, target_box, data)
    return data
