"""An export of chosen entries: the data every copy is made from, and the zip.

An export is a list of `Item`s: each entry's proof (records.chain.proof: every
version with its salt, hashes and the signed head) and the list of its
evidence files (name, type, size, SHA-256). The bytes of the files come from
a `Source`: the owner's vault (`OwnerSource`) or a share's sealed copy
(records.shares), so the PDF, `records.json` and the zip are the same
whoever asks.

The zip is built in memory (nothing written in the clear to disk):

    records.pdf        the PDF (records/exports_pdf.py)
    records.json       every proof, evidence names and hashes, the public keys
    evidence/<entry>/<n>-<name>   the originals
    MANIFEST.txt       the SHA-256 of every other file in the zip
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from records import chain, signing
from records.evidence_actions import PURPOSE as EVIDENCE_PURPOSE
from records.evidence_actions import THUMB_PURPOSE
from records.models import Evidence, Incident, IncidentVersion
from vault import files
from vault.box import Box

FORMAT = "haven-records/v1"
PDF_NAME = "records.pdf"
JSON_NAME = "records.json"
MANIFEST_NAME = "MANIFEST.txt"
# Storage purposes the evidence files and thumbnails are sealed under.


@dataclass
class Item:
    """One entry as exported: its proof and its evidence's details."""

    proof: dict
    evidence: list[dict] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.proof["id"]

    @property
    def short(self) -> str:
        return chain.short(self.proof["id"])

    @property
    def entry(self) -> dict:
        versions = self.proof.get("versions") or [{}]
        return versions[-1].get("entry") or {}


class Source(Protocol):
    def original(self, evidence_id: str) -> Iterator[bytes]: ...

    def thumb(self, evidence_id: str) -> bytes | None: ...


class OwnerSource:
    """Evidence bytes opened with the owner's key from their sealed files."""

    def __init__(self, box: Box, rows: Iterable[Evidence]) -> None:
        self.box = box
        self.rows = {str(row.pk): row for row in rows}

    def original(self, evidence_id: str) -> Iterator[bytes]:
        return files.open_chunks(self.box, self.rows[evidence_id].file_name, EVIDENCE_PURPOSE)

    def thumb(self, evidence_id: str) -> bytes | None:
        row = self.rows.get(evidence_id)
        if row is None or not row.thumb_name:
            return None
        return b"".join(files.open_chunks(self.box, row.thumb_name, THUMB_PURPOSE))


def entry_day(entry: dict, fallback: datetime.date | None = None) -> datetime.date | None:
    """The day an entry says it happened on (its own `date`, else `fallback`)."""
    try:
        return datetime.date.fromisoformat(entry.get("date") or "")
    except ValueError:
        return fallback


def gather(box: Box, incidents: list[Incident]) -> tuple[list[Item], OwnerSource]:
    """The items for `incidents` (in the order given) and where their files are."""
    rows = list(Evidence.objects.filter(incident__in=incidents).order_by("created_at"))
    versions: dict[Any, list[IncidentVersion]] = {}
    # Every version in one question, not one per incident.
    for version in IncidentVersion.objects.filter(incident__in=incidents).order_by(
        "incident", "number"
    ):
        versions.setdefault(version.incident_id, []).append(version)
    by_incident: dict[Any, list[Evidence]] = {}
    for row in rows:
        by_incident.setdefault(row.incident_id, []).append(row)
    items = []
    for incident in incidents:
        evidence = []
        for row in by_incident.get(incident.pk, []):
            meta = box.open_json(row, "meta", {}) or {}
            evidence.append(
                {
                    "id": str(row.pk),
                    "name": str(meta.get("name") or "file"),
                    "content_type": str(meta.get("content_type") or "application/octet-stream"),
                    "size": int(meta.get("size") or 0),
                    "sha256": str(meta.get("sha256") or ""),
                    "kind": str(meta.get("kind") or ""),
                    "thumb": bool(row.thumb_name),
                }
            )
        proof = _proof(box, incident, versions.get(incident.pk, []))
        items.append(Item(proof=proof, evidence=evidence))
    return items, OwnerSource(box, rows)


def _proof(box: Box, incident: Incident, versions: list[IncidentVersion]) -> dict:
    """records.chain.proof, from versions fetched for many incidents at once."""
    links = chain._stored_links(incident, versions)
    items = []
    for link, version in zip(links, versions, strict=True):
        body = box.open_json(version, "body")
        items.append({**link, "salt": body["salt"], "entry": body["entry"]})
    return {"id": str(incident.pk), "head": chain._head(incident), "versions": items}


def safe_name(name: str) -> str:
    """A file name that is safe inside a zip on any system (no folders, no controls)."""
    name = unicodedata.normalize("NFC", name).replace("/", "_").replace("\\", "_")
    name = re.sub(r"[\x00-\x1f\x7f:*?\"<>|]", "_", name).strip(" .") or "file"
    return name[:80]


def evidence_path(item: Item, index: int, evidence: dict) -> str:
    return f"evidence/{item.short}/{index:02d}-{safe_name(evidence['name'])}"


def records_json(items: list[Item]) -> bytes:
    document = {
        "format": FORMAT,
        "made_at": chain.time_text(datetime.datetime.now(datetime.UTC)),
        "public_keys": signing.public_keys(),
        "how_to_check": (
            "Each entry's versions hash to its commitments, chain link by link, "
            "and the newest link is signed with one of public_keys (Ed25519). "
            "Upload this file, or the whole zip, to a Haven's /records/verify/ page, "
            "or run `manage.py verify_records FILE`."
        ),
        "entries": [
            {
                "proof": item.proof,
                "evidence": [
                    {
                        "name": ev["name"],
                        "content_type": ev["content_type"],
                        "size": ev["size"],
                        "sha256": ev["sha256"],
                        "kind": ev["kind"],
                        "path": evidence_path(item, n, ev),
                    }
                    for n, ev in enumerate(item.evidence, start=1)
                ],
            }
            for item in items
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def build_zip(items: list[Item], source: Source, pdf: bytes) -> bytes:
    """The whole zip, in memory; every file's SHA-256 listed in MANIFEST.txt."""
    out = io.BytesIO()
    sums: list[tuple[str, str]] = []
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in ((PDF_NAME, pdf), (JSON_NAME, records_json(items))):
            archive.writestr(name, data)
            sums.append((hashlib.sha256(data).hexdigest(), name))
        for item in items:
            for n, ev in enumerate(item.evidence, start=1):
                path = evidence_path(item, n, ev)
                digest = hashlib.sha256()
                # Photos and sound are compressed already.
                with archive.open(zipfile.ZipInfo(path, _now_tuple()), "w") as target:
                    for piece in source.original(ev["id"]):
                        digest.update(piece)
                        target.write(piece)
                sums.append((digest.hexdigest(), path))
        manifest = "".join(f"{digest}  {name}\n" for digest, name in sums)
        archive.writestr(MANIFEST_NAME, manifest.encode())
    return out.getvalue()


def _now_tuple() -> tuple[int, int, int, int, int, int]:
    now = datetime.datetime.now(datetime.UTC)
    return (now.year, now.month, now.day, now.hour, now.minute, now.second)
