"""Evidence files in the person's own export, and back in on restore.

The records export calls these: `export(user, box)` gives every file with its
meta, opened, the bytes as base64 (the export is JSON, sealed as a whole by
the account export), and `restore(user, box, items, incidents)` seals each
file again into storage under the restored incidents. A restore that fails
part way leaves no stored file behind.
"""

from __future__ import annotations

import base64
import io

from django.db import transaction

from records.evidence_actions import PURPOSE, THUMB_PURPOSE
from records.models import Evidence
from vault import files
from vault.box import Box


def _opened(box: Box, name: str, purpose: str) -> str:
    if not name:
        return ""
    return base64.b64encode(b"".join(files.open_chunks(box, name, purpose))).decode("ascii")


def export(user, box: Box) -> list[dict]:
    rows = Evidence.objects.filter(owner=user).order_by("created_at", "pk")
    return [
        {
            "id": str(row.pk),
            "incident": str(row.incident_id),
            "created_at": row.created_at.isoformat(),
            "meta": box.open_json(row, "meta", {}),
            "content": _opened(box, row.file_name, PURPOSE),
            "thumb": _opened(box, row.thumb_name, THUMB_PURPOSE),
        }
        for row in rows
    ]


def restore(user, box: Box, items: list[dict], incidents: dict) -> None:
    """`incidents` maps each exported incident id to its restored Incident row."""
    from django.utils.dateparse import parse_datetime

    written: list[str] = []

    def seal(encoded: str, purpose: str) -> str:
        if not encoded:
            return ""
        name = files.save(box, io.BytesIO(base64.b64decode(encoded, validate=True)), purpose)
        written.append(name)
        return name

    try:
        with transaction.atomic():
            for item in items:
                row = Evidence(
                    owner=user,
                    incident=incidents[item["incident"]],
                    file_name=seal(item["content"], PURPOSE),
                    thumb_name=seal(item.get("thumb", ""), THUMB_PURPOSE),
                )
                if item.get("created_at"):
                    row.created_at = parse_datetime(item["created_at"]) or row.created_at
                row.meta = box.seal_json(row, "meta", dict(item["meta"]))
                row.save()
    except BaseException:
        for name in written:
            files.delete(name)
        raise
