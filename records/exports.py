"""The incident log in the person's own export, and back.

Each incident comes out as its chain's proof (records.chain.proof: every
version's words, salt, server time and hashes, and the signed head), with
the public keys that signed it, so the exported copy can be checked on its
own. Restoring rebuilds each chain in the new space through chain.create
and chain.append, signed by this Haven's key: the server times and links
are new, and each version carries a `restored` note with the time the
earlier Haven received it and whether its chain checked out there. See
docs/export-format.md.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from accounts.export_tables import RestoreRefused
from records import chain, signing
from records.forms import FIELD_LABELS, TAG_LABELS
from records.models import Incident
from vault.box import Box

VERSION = 1
TITLE = _("Incident log")
RESTORED = "restored"
EVIDENCE_MODULE = "records.evidence_exports"


def _evidence():
    try:
        return importlib.import_module(EVIDENCE_MODULE)
    except ModuleNotFoundError as error:
        if error.name != EVIDENCE_MODULE:
            raise
        return None


def export(user, box: Box) -> dict[str, Any]:
    incidents = [
        {
            "created_at": incident.created_at.isoformat(),
            "updated_at": incident.updated_at.isoformat(),
            "versions_written": [
                [v.created_at.isoformat(), v.updated_at.isoformat()]
                for v in incident.versions.order_by("number")
            ],
            "proof": chain.proof(box, incident),
        }
        for incident in Incident.objects.filter(owner=user).order_by("created_at")
    ]
    data: dict[str, Any] = {
        "version": VERSION,
        "keys": signing.public_keys(),
        "incidents": incidents,
    }
    evidence = _evidence()
    if evidence is not None:
        data["evidence"] = evidence.export(user, box)
    return data


def _checked_versions(item: Any) -> tuple[Any, list[dict[str, Any]]]:
    """The created time and the versions of one exported incident, or RestoreRefused."""
    if not isinstance(item, dict) or not isinstance(item.get("proof"), dict):
        raise RestoreRefused(RestoreRefused.INVALID)
    created = parse_datetime(item.get("created_at") or "")
    versions = item["proof"].get("versions")
    if created is None or created.tzinfo is None or not isinstance(versions, list) or not versions:
        raise RestoreRefused(RestoreRefused.INVALID)
    for version in versions:
        if not isinstance(version, dict) or not isinstance(version.get("entry"), dict):
            raise RestoreRefused(RestoreRefused.INVALID)
        if not isinstance(version.get("recorded_at"), str):
            raise RestoreRefused(RestoreRefused.INVALID)
    return created, versions


def _moment(value: Any):
    moment = parse_datetime(value) if isinstance(value, str) else None
    return moment if moment is not None and moment.tzinfo is not None else None


def _keep_times(incident: Incident, item: dict[str, Any]) -> None:
    """The rows' own times as they were (the chain's server times are new)."""
    created = _moment(item.get("created_at"))
    updated = _moment(item.get("updated_at")) or created
    Incident.objects.filter(pk=incident.pk).update(created_at=created, updated_at=updated)
    written = item.get("versions_written")
    if not isinstance(written, list):
        return
    for version, times in zip(incident.versions.order_by("number"), written, strict=False):
        if isinstance(times, list) and len(times) == 2:
            made, changed = _moment(times[0]), _moment(times[1])
            if made and changed:
                type(version).objects.filter(pk=version.pk).update(
                    created_at=made, updated_at=changed
                )


def restore(user, box: Box, data: Any) -> None:
    if not isinstance(data, dict):
        raise RestoreRefused(RestoreRefused.INVALID)
    written = data.get("version")
    if not isinstance(written, int) or isinstance(written, bool) or written < 1:
        raise RestoreRefused(RestoreRefused.INVALID)
    if written > VERSION:
        raise RestoreRefused(RestoreRefused.NEWER)
    items = data.get("incidents")
    keys = data.get("keys")
    if not isinstance(items, list) or not isinstance(keys, dict):
        raise RestoreRefused(RestoreRefused.INVALID)
    checked = [(item, *_checked_versions(item)) for item in items]
    made: dict[str, Incident] = {}
    for item, _created, versions in checked:
        held = chain.verify_proof(item["proof"], keys) == []
        entries = [
            {
                **{k: v for k, v in version["entry"].items() if k != RESTORED},
                RESTORED: {"recorded_at": version["recorded_at"], "checked": held},
            }
            for version in versions
        ]
        incident = chain.create(box, user, entries[0])
        for entry in entries[1:]:
            chain.append(box, incident, entry)
        _keep_times(incident, item)
        made[str(item["proof"].get("id"))] = incident
    evidence = _evidence()
    if evidence is not None and data.get("evidence") is not None:
        evidence.restore(user, box, data["evidence"], incidents=made)


def readable(out, data: dict) -> None:
    """The export's PDF: each incident as it reads now, with how many versions it has."""
    labels = dict(FIELD_LABELS)
    incidents = data.get("incidents") or []
    out.section(_("Incident log"))
    if not incidents:
        out.small(_("Nothing written here yet."))
    for item in incidents:
        versions = (item.get("proof") or {}).get("versions") or []
        if not versions:
            continue
        entry = versions[-1].get("entry") or {}
        when = " ".join(
            part for part in (entry.get("date"), entry.get("time"), entry.get("when_text")) if part
        )
        out.heading(when or str(_("No date given")))
        out.small(
            _("%(count)s version(s); entry %(id)s")
            % {
                "count": len(versions),
                "id": chain.short((item.get("proof") or {}).get("id", "")),
            }
        )
        _write_entry(out, labels, entry)
        incident_id = str((item.get("proof") or {}).get("id", ""))
        for attached in data.get("evidence") or []:
            if attached.get("incident") == incident_id:
                meta = attached.get("meta") or {}
                out.small(
                    _("File: %(name)s (SHA-256 %(sha)s)")
                    % {"name": meta.get("name", ""), "sha": meta.get("sha256", "")}
                )
        for version in reversed(versions[:-1]):
            out.small(
                _("Earlier: version %(n)s, received %(at)s")
                % {"n": version.get("number"), "at": version.get("recorded_at")}
            )
            _write_entry(out, labels, version.get("entry") or {})


def _write_entry(out, labels: dict, entry: dict) -> None:
    for key, label in labels.items():
        if isinstance(entry.get(key), str) and entry[key].strip():
            out.line(f"{label}: {entry[key]}")
    tags = [str(TAG_LABELS.get(tag, tag)) for tag in entry.get("tags") or []]
    if tags:
        out.line(f"{_('Tags')}: {', '.join(tags)}")
