"""Each incident's history as a hash chain, its head signed by the server.

Every entry and every edit is a new `IncidentVersion`. Its link is a hash over:
the incident's id, the version's number, the server's time, a *commitment* to
the words (SHA-256 over a random salt and the entry, both sealed inside the
version, so the hash tells the server nothing it could guess its way back
from), the SHA-256 of the sealed bytes as stored, and the link before it. The
newest link is signed with the server's Ed25519 key (records/signing.py).

So there are three checks, for three holders:
- `verify_stored` (the server, no one's key: `manage.py verify_records`):
  the sealed bytes, links and signature in the database are as written.
- `verify_opened` (the person, with their key): that, and every sealed entry
  still matches its commitment.
- `verify_proof` (anyone with an exported copy: the public verify page):
  the words in the export hash to the commitments, the commitments chain to
  the signed head, and the signature is the server's.
Each problem names the entry (its short id) and the version.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from records import signing
from records.models import Incident, IncidentVersion
from vault.box import Box

PREFIX = "haven-records/v1"


def canonical(entry: Any) -> bytes:
    """The one byte form of an entry that every check hashes."""
    return json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def commitment(entry: Any, salt: str) -> str:
    return hashlib.sha256(f"{PREFIX}|commit|{salt}|".encode() + canonical(entry)).hexdigest()


def time_text(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="microseconds")


def link_hash(
    incident_id: str, number: int, recorded_at: str, commit: str, sealed: str, previous: str
) -> str:
    text = f"{PREFIX}|link|{incident_id}|{number}|{recorded_at}|{commit}|{sealed}|{previous}"
    return hashlib.sha256(text.encode()).hexdigest()


def head_message(incident_id: str, number: int, link: str) -> bytes:
    return f"{PREFIX}|head|{incident_id}|{number}|{link}".encode()


def short(incident_id: Any) -> str:
    """The short id an entry is named by in problems, PDFs and exports."""
    return str(incident_id)[:8]


def _sign_head(incident: Incident) -> None:
    key_id, signature = signing.sign(
        head_message(str(incident.pk), incident.head_number, incident.head_link)
    )
    incident.head_key_id, incident.head_signature = key_id, signature


def _add_version(box: Box, incident: Incident, entry: dict) -> IncidentVersion:
    salt = secrets.token_hex(16)
    version = IncidentVersion(
        owner_id=incident.owner_id,
        incident=incident,
        number=incident.head_number + 1,
        # Whole microseconds, as every database keeps them.
        recorded_at=timezone.now().replace(tzinfo=datetime.UTC),
        previous=incident.head_link,
    )
    version.body = box.seal_json(version, "body", {"entry": entry, "salt": salt})
    version.commitment = commitment(entry, salt)
    version.sealed_digest = hashlib.sha256(bytes(version.body)).hexdigest()
    version.link = link_hash(
        str(incident.pk),
        version.number,
        time_text(version.recorded_at),
        version.commitment,
        version.sealed_digest,
        version.previous,
    )
    version.save()
    incident.body = box.seal_json(incident, "body", entry)
    incident.head_number, incident.head_link = version.number, version.link
    _sign_head(incident)
    incident.save()
    return version


def create(box: Box, owner: Any, entry: dict) -> Incident:
    """A new incident whose first version is `entry`."""
    with transaction.atomic():
        incident = Incident(owner=owner)
        incident.body = box.seal_json(incident, "body", entry)
        incident.save()
        _add_version(box, incident, entry)
    return incident


def append(box: Box, incident: Incident, entry: dict) -> IncidentVersion:
    """Record `entry` as the incident's next version (an edit, or evidence added)."""
    with transaction.atomic():
        # One writer at a time per incident, so numbers and links never fork.
        locked = Incident.objects.select_for_update().get(pk=incident.pk)
        version = _add_version(box, locked, entry)
    incident.refresh_from_db()
    return version


def history(box: Box, incident: Incident) -> list[dict]:
    """Every version, oldest first: number, server time and the entry as written then."""
    return [
        {
            "number": v.number,
            "recorded_at": v.recorded_at,
            "entry": box.open_json(v, "body")["entry"],
        }
        for v in incident.versions.order_by("number")
    ]


def _chain_problems(
    name: str,
    links: list[dict],
    head: dict,
    keys: dict[str, str] | None,
) -> list[str]:
    """Problems with a list of link dicts (number, recorded_at, commitment,
    sealed_digest, previous, link) and a head (number, link, key_id, signature)."""
    problems: list[str] = []
    incident_id = head["incident"]
    previous = ""
    for expected, item in enumerate(links, start=1):
        where = f"entry {name}, version {item.get('number')}"
        if item.get("number") != expected:
            problems.append(f"{where}: a version is missing or out of order")
            break
        if item.get("previous") != previous:
            problems.append(f"{where}: does not follow the version before it")
        again = link_hash(
            incident_id,
            expected,
            item["recorded_at"],
            item["commitment"],
            item["sealed_digest"],
            item["previous"],
        )
        if again != item.get("link"):
            problems.append(f"{where}: changed after it was recorded")
        previous = item.get("link", "")
    if not links:
        problems.append(f"entry {name}: has no versions")
    elif head["number"] != len(links) or head["link"] != previous:
        problems.append(f"entry {name}: its newest version is not the one that was signed")
    if not signing.verify(
        head_message(incident_id, head["number"], head["link"]),
        head["key_id"],
        head["signature"],
        keys,
    ):
        problems.append(f"entry {name}: the server's signature does not match")
    return problems


def _stored_links(incident: Incident, versions: list[IncidentVersion]) -> list[dict]:
    return [
        {
            "number": v.number,
            "recorded_at": time_text(v.recorded_at),
            "commitment": v.commitment,
            "sealed_digest": v.sealed_digest,
            "previous": v.previous,
            "link": v.link,
        }
        for v in versions
    ]


def _head(incident: Incident) -> dict:
    return {
        "incident": str(incident.pk),
        "number": incident.head_number,
        "link": incident.head_link,
        "key_id": incident.head_key_id,
        "signature": incident.head_signature,
    }


def verify_stored(incident: Incident, versions: list[IncidentVersion] | None = None) -> list[str]:
    """What the server can check without anyone's key. Empty when all is well."""
    if versions is None:
        versions = list(incident.versions.order_by("number"))
    name = short(incident.pk)
    problems = []
    for v in versions:
        if hashlib.sha256(bytes(v.body)).hexdigest() != v.sealed_digest:
            problems.append(f"entry {name}, version {v.number}: its sealed words were changed")
    links = _stored_links(incident, versions)
    return problems + _chain_problems(name, links, _head(incident), None)


def verify_opened(
    box: Box, incident: Incident, versions: list[IncidentVersion] | None = None
) -> list[str]:
    """The stored checks, and every sealed entry against its commitment.
    `versions`: the incident's versions in order, when already fetched."""
    if versions is None:
        versions = list(incident.versions.order_by("number"))
    problems = verify_stored(incident, versions)
    name = short(incident.pk)
    for v in versions:
        try:
            body = box.open_json(v, "body")
        except Exception:  # noqa: BLE001 - a sealed value that won't open is the finding
            problems.append(f"entry {name}, version {v.number}: its sealed words won't open")
            continue
        if commitment(body["entry"], body["salt"]) != v.commitment:
            problems.append(f"entry {name}, version {v.number}: its words do not match its hash")
        elif v.number == incident.head_number:
            # The copy pages show is outside the chain: an older sealed copy of
            # the same row would still open, so it must equal the newest version.
            try:
                shown = box.open_json(incident, "body")
            except Exception:  # noqa: BLE001 - a copy that won't open is the finding
                shown = None
            if shown != body["entry"]:
                problems.append(
                    f"entry {name}: the copy shown is not its newest version {v.number}"
                )
    return problems


def proof(box: Box, incident: Incident) -> dict:
    """An incident's whole history in a form anyone can check (exports, shares)."""
    versions = list(incident.versions.order_by("number"))
    items = []
    for link, v in zip(_stored_links(incident, versions), versions, strict=True):
        body = box.open_json(v, "body")
        items.append({**link, "salt": body["salt"], "entry": body["entry"]})
    return {"id": str(incident.pk), "head": _head(incident), "versions": items}


def verify_proof(data: dict, keys: dict[str, str] | None = None) -> list[str]:
    """Problems with one exported incident (`proof()`'s shape); empty when it holds.

    `keys`: the public keys to trust (id -> base64); by default the server's.
    """
    try:
        name = short(data["id"])
        head = data["head"]
        if head.get("incident") != data["id"]:
            return [f"entry {name}: its signed head belongs to another entry"]
        problems = []
        for item in data["versions"]:
            if commitment(item["entry"], item["salt"]) != item["commitment"]:
                problems.append(
                    f"entry {name}, version {item['number']}: its words do not match its hash"
                )
        return problems + _chain_problems(name, data["versions"], head, keys)
    except (KeyError, TypeError, AttributeError):
        return ["this copy is not in the shape Haven writes: something is missing or was changed"]
