"""What a feature's `exports` module stands on: its owned models as tables.

    TABLES = [
        Table(Reason, "reasons", text=["text"], plain=["position"]),
        Table(SafetyPlan, "safety_plan", json=["data"], single=True),
    ]

    def export(user, box):
        return export_tables(user, box, TABLES, VERSION)

    def restore(user, box, data):
        restore_tables(user, box, data, TABLES, VERSION)

A row comes out as its readable columns (kind, position), its times, and
every sealed column opened: text as a string, JSON as the document itself.
Restoring makes new rows (new UUIDs) sealed under the new account's key,
keeps the times, and checks every value before anything is written, so a
file someone shaped by hand can't put odd values in the database.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.dateparse import parse_datetime

from vault.box import Box
from vault.records import DOCUMENT_KEY, VERSION_KEY, SealedJSONField

TIMES = ("created_at", "updated_at")


class RestoreRefused(ValueError):
    """The file can't be brought in. `reason` is one of the codes below; the
    message never holds anything from the file."""

    NEWER = "newer"  # made by a newer Haven than this one
    INVALID = "invalid"  # a value that this Haven can't take

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Table:
    model: type[models.Model]
    key: str
    text: Sequence[str] = ()
    json: Sequence[str] = ()
    plain: Sequence[str] = ()
    # One per person (a one-to-one owner): a row or null, not a list.
    single: bool = False
    # Checks a row's opened JSON documents further: False refuses the file.
    valid: Callable[[dict[str, Any]], bool] | None = None

    @property
    def sealed(self) -> tuple[str, ...]:
        return (*self.text, *self.json)

    def times(self) -> list[str]:
        names = {f.name for f in self.model._meta.get_fields()}
        return [name for name in TIMES if name in names]


def schema_version(model: type[models.Model], field: str) -> int:
    found = model._meta.get_field(field)
    return found.schema_version if isinstance(found, SealedJSONField) else 1


def _row_out(box: Box, table: Table, instance: models.Model) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for name in table.times():
        row[name] = getattr(instance, name).isoformat()
    for name in table.plain:
        row[name] = getattr(instance, name)
    for name in table.text:
        row[name] = box.open(instance, name)
    for name in table.json:
        row[name] = box.open_json(instance, name)
    return row


def export_tables(user, box: Box, tables: Sequence[Table], version: int) -> dict[str, Any]:
    data: dict[str, Any] = {"version": version}
    data["schemas"] = {
        f"{table.key}.{name}": schema_version(table.model, name)
        for table in tables
        for name in table.json
    }
    for table in tables:
        owned = table.model._default_manager.filter(owner=user)
        rows = [_row_out(box, table, row) for row in owned]
        data[table.key] = (rows[0] if rows else None) if table.single else rows
    return data


def _document(table: Table, name: str, value: Any, schemas: dict) -> Any:
    """The document as this Haven's field expects it (older schemas upgraded)."""
    if value is None:
        return None
    field = table.model._meta.get_field(name)
    written = schemas.get(f"{table.key}.{name}", 1)
    if not isinstance(written, int) or isinstance(written, bool) or written < 1:
        raise RestoreRefused(RestoreRefused.INVALID)
    if isinstance(field, SealedJSONField):
        if written > field.schema_version:
            raise RestoreRefused(RestoreRefused.NEWER)
        try:
            value = field.unwrap({VERSION_KEY: written, DOCUMENT_KEY: value})
        except (KeyError, TypeError, ValueError, AttributeError):
            raise RestoreRefused(RestoreRefused.INVALID) from None
    elif written > 1:
        raise RestoreRefused(RestoreRefused.NEWER)
    if not isinstance(value, dict):
        raise RestoreRefused(RestoreRefused.INVALID)
    return value


def _moment(value: Any) -> datetime.datetime:
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is None or moment.tzinfo is None:
        raise RestoreRefused(RestoreRefused.INVALID)
    return moment


def _row_in(user, box: Box, table: Table, row: Any, schemas: dict):
    """An unsaved, checked instance with every sealed value sealed, and its times."""
    if not isinstance(row, dict):
        raise RestoreRefused(RestoreRefused.INVALID)
    instance = table.model(owner=user)
    for name in table.plain:
        setattr(instance, name, row.get(name))
    try:
        instance.clean_fields(exclude=[*table.sealed, "owner", "id", *TIMES])
    except ValidationError:
        raise RestoreRefused(RestoreRefused.INVALID) from None
    for name in table.text:
        value = row.get(name, "")
        if not isinstance(value, str):
            raise RestoreRefused(RestoreRefused.INVALID)
        setattr(instance, name, box.seal(instance, name, value))
    documents = {name: _document(table, name, row.get(name), schemas) for name in table.json}
    if table.valid is not None and not table.valid(documents):
        raise RestoreRefused(RestoreRefused.INVALID)
    for name, document in documents.items():
        if document is not None:
            setattr(instance, name, box.seal_json(instance, name, document))
    times = {name: _moment(row[name]) for name in table.times() if name in row}
    return instance, times


def restore_tables(user, box: Box, data: Any, tables: Sequence[Table], version: int) -> None:
    """Write a feature's export back. Call inside the caller's transaction."""
    if not isinstance(data, dict):
        raise RestoreRefused(RestoreRefused.INVALID)
    written = data.get("version")
    if not isinstance(written, int) or isinstance(written, bool) or written < 1:
        raise RestoreRefused(RestoreRefused.INVALID)
    if written > version:
        raise RestoreRefused(RestoreRefused.NEWER)
    schemas = data.get("schemas") or {}
    if not isinstance(schemas, dict):
        raise RestoreRefused(RestoreRefused.INVALID)
    made = []
    for table in tables:
        rows = data.get(table.key)
        if table.single:
            rows = [] if rows is None else [rows]
        if not isinstance(rows, list):
            raise RestoreRefused(RestoreRefused.INVALID)
        made += [_row_in(user, box, table, row, schemas) for row in rows]
    for instance, times in made:
        instance.save()
        if times:
            # auto_now and auto_now_add would stamp today: put the real times back.
            type(instance)._default_manager.filter(pk=instance.pk).update(**times)
