"""Evidence: files attached to an incident, sealed in storage, listed by their sealed meta.

A file arrives through `vault.uploads` (sealed as it streams in; a photo in
memory only, so its location can be taken out first). Each kept file is an
`Evidence` row: its sealed meta (name, type, size, the SHA-256 of the bytes
as they arrived, what kind it is, whether the original was kept) and the
storage names of the sealed file and, for a photo, its sealed thumbnail.
Attaching or removing files appends a version to the incident's chain, so
the record shows when each file came and went.

Stored files go when their row goes, however it goes (the file, the incident
or the whole account): `connect()` hangs that on the row's delete signal,
and the storage file is removed once the deletion is committed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import post_delete

from records import chain
from records.actions import open_entry
from records.models import Evidence, Incident
from vault import files, images, uploads
from vault.box import Box
from vault.filekinds import IMAGE, BadFile
from vault.uploads import Received, Refusal, SealedUpload

PURPOSE = uploads.PURPOSE
THUMB_PURPOSE = "evidence-thumb"


def get_evidence_for_user(request, evidence_id) -> Evidence:
    return Evidence.objects.get_for_user(request, evidence_id)


@dataclass(frozen=True)
class Shown:
    """One file as its page lists it (opened meta)."""

    evidence: Evidence
    name: str
    kind: str
    content_type: str
    size: int
    sha256: str
    kept_original: bool

    @property
    def pk(self):
        return self.evidence.pk

    @property
    def has_thumb(self) -> bool:
        return bool(self.evidence.thumb_name)


def shown(box: Box, evidence: Evidence) -> Shown:
    meta = box.open_json(evidence, "meta", {}) or {}
    return Shown(
        evidence=evidence,
        name=meta.get("name", ""),
        kind=meta.get("kind", ""),
        content_type=meta.get("content_type", "application/octet-stream"),
        size=int(meta.get("size", 0)),
        sha256=meta.get("sha256", ""),
        kept_original=bool(meta.get("kept_original", True)),
    )


def files_of(box: Box, incident: Incident) -> list[Shown]:
    rows = Evidence.objects.filter(incident=incident, owner_id=incident.owner_id).order_by(
        "created_at", "pk"
    )
    return [shown(box, row) for row in rows]


def _new_row(box: Box, incident: Incident, upload: SealedUpload, stored: dict) -> Evidence:
    evidence = Evidence(
        owner_id=incident.owner_id,
        incident=incident,
        file_name=stored["file_name"],
        thumb_name=stored.get("thumb_name", ""),
    )
    evidence.meta = box.seal_json(
        evidence,
        "meta",
        {
            "name": upload.name or "",
            "content_type": stored["content_type"],
            "size": stored["size"],
            "sha256": upload.sha256,
            "stored_sha256": stored["stored_sha256"],
            "kind": stored["kind"],
            "kept_original": stored["kept_original"],
        },
    )
    return evidence


def _store(box: Box, upload: SealedUpload, received: Received, keep_original: bool) -> dict:
    """Seal what is kept of one upload; BadFile if a photo turns out broken."""
    if upload.kind.family != IMAGE:
        return {
            "file_name": upload.storage_name,
            "content_type": upload.kind.mime,
            "size": upload.size,
            "stored_sha256": upload.sha256,
            "kind": upload.kind.family,
            "kept_original": True,
        }
    prepared = images.prepare(upload.data, upload.kind, keep_original=keep_original)
    upload.close()  # the plaintext photo is no longer needed
    kind = images.stored_kind(upload.kind, keep_original)
    return {
        "file_name": received.save(box, prepared.stored, PURPOSE),
        "thumb_name": received.save(box, prepared.thumb, THUMB_PURPOSE),
        "content_type": kind.mime,
        "size": len(prepared.stored),
        "stored_sha256": hashlib.sha256(prepared.stored).hexdigest(),
        "kind": IMAGE,
        "kept_original": keep_original,
    }


def attach(
    box: Box,
    incident: Incident,
    arrived: list[SealedUpload],
    received: Received,
    *,
    keep_original: bool,
) -> tuple[list[Evidence], list[Refusal]]:
    """Keep every good file on the incident; one new version of its chain names them."""
    refused: list[Refusal] = []
    rows: list[Evidence] = []
    for upload in arrived:
        try:
            stored = _store(box, upload, received, keep_original)
        except BadFile as bad:
            refused.append(Refusal(upload.name or "", str(bad.message)))
            continue
        rows.append(_new_row(box, incident, upload, stored))
    if rows:
        with transaction.atomic():
            Evidence.objects.bulk_create(rows)
            _append_version(box, incident)
        for row in rows:
            received.keep(row.file_name)
            if row.thumb_name:
                received.keep(row.thumb_name)
    return rows, refused


def _append_version(box: Box, incident: Incident) -> None:
    """A new version of the incident whose body lists the files it has now."""
    body = dict(open_entry(box, incident) or {})
    body["evidence"] = [
        {"id": str(item.pk), "sha256": item.sha256, "name": item.name}
        for item in files_of(box, incident)
    ]
    chain.append(box, incident, body)


def remove(box: Box, evidence: Evidence) -> None:
    incident = evidence.incident
    with transaction.atomic():
        evidence.delete()  # the stored files go once this is committed (see connect)
        _append_version(box, incident)


def open_file(box: Box, evidence: Evidence, *, thumb: bool = False) -> Iterator[bytes]:
    if thumb:
        return files.open_chunks(box, evidence.thumb_name, THUMB_PURPOSE)
    return files.open_chunks(box, evidence.file_name, PURPOSE)


def _drop_stored(sender, instance: Evidence, **kwargs) -> None:
    names = [name for name in (instance.file_name, instance.thumb_name) if name]

    def drop() -> None:
        for name in names:
            files.delete(name)

    transaction.on_commit(drop)


def connect() -> None:
    post_delete.connect(_drop_stored, sender=Evidence, dispatch_uid="records-evidence-files")
