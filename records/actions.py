"""Changes to a person's incident log, and the log opened for reading.

Every entry and every edit goes through records.chain (`create`, `append`):
nothing here writes an incident's words directly.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Prefetch

from records import chain
from records.models import Evidence, Incident, IncidentVersion
from vault import files
from vault.box import Box

logger = logging.getLogger(__name__)


@dataclass
class Row:
    """One incident as the list shows it: its entry opened, or None if it won't open."""

    incident: Incident
    entry: dict[str, Any] | None

    @property
    def day(self) -> datetime.date:
        """The incident's own date when the person gave one, else the day it was written."""
        if self.entry and self.entry.get("date"):
            try:
                return datetime.date.fromisoformat(self.entry["date"])
            except ValueError:
                pass
        return self.incident.created_at.date()

    @property
    def sort_key(self) -> tuple:
        time = (self.entry or {}).get("time") or ""
        return (self.day, time, self.incident.created_at)

    @property
    def when(self) -> dict[str, Any]:
        return when_of(self.entry)

    @property
    def dated(self) -> bool:
        return bool(self.entry and self.entry.get("date"))

    @property
    def tags(self) -> list[str]:
        return list((self.entry or {}).get("tags") or [])


def when_of(entry: dict[str, Any] | None) -> dict[str, Any]:
    """When an entry says it happened, ready for a template: a date or None, the rest as text."""
    entry = entry or {}
    try:
        date = datetime.date.fromisoformat(entry.get("date") or "")
    except ValueError:
        date = None
    return {
        "date": date,
        "time": entry.get("time") or "",
        "about": bool(entry.get("about")),
        "text": entry.get("when_text") or "",
    }


def record(owner, box: Box, entry: dict[str, Any]) -> Incident:
    return chain.create(box, owner, entry)


def edit(box: Box, incident: Incident, current: dict[str, Any], changes: dict[str, Any]) -> bool:
    """A new version holding `changes` over the current entry. False when nothing changed
    (no version is made for a save that changes nothing)."""
    # A restored version's note speaks for that version only, never for an edit.
    base = {key: value for key, value in current.items() if key != "restored"}
    entry = {**base, **changes}
    if entry == base:
        return False
    chain.append(box, incident, entry)
    return True


def open_entry(box: Box, incident: Incident) -> dict[str, Any] | None:
    try:
        return box.open_json(incident, "body")
    except Exception:  # noqa: BLE001 - a value that won't open is shown as such, and checked
        logger.warning("an incident's sealed entry would not open")
        return None


def open_log(owner, box: Box) -> list[Row]:
    """Every incident of the person, newest incident date first (one query).

    The date is sealed, so the order is made here, in memory, after opening.
    """
    incidents = Incident.objects.filter(owner=owner).annotate(version_count=Count("versions"))
    rows = [Row(incident, open_entry(box, incident)) for incident in incidents]
    rows.sort(key=lambda row: row.sort_key, reverse=True)
    return rows


def summary(owner) -> dict[str, Any]:
    """What the dashboard may show: how many entries, and the day the last was written."""
    owned = Incident.objects.filter(owner=owner)
    found = owned.aggregate(count=Count("id"), last=Max("created_at"))
    return {"count": found["count"], "last": found["last"]}


def delete(incident: Incident) -> None:
    """The incident, every version of it and every file attached, for good."""
    names = [
        name
        for pair in Evidence.objects.filter(incident=incident).values_list(
            "file_name", "thumb_name"
        )
        for name in pair
        if name
    ]
    with transaction.atomic():
        incident.delete()

        def remove_files() -> None:
            for name in names:
                files.delete(name)

        transaction.on_commit(remove_files)


@dataclass
class Checked:
    incident: Incident
    entry: dict[str, Any] | None
    problems: list[str]

    @property
    def when(self) -> dict[str, Any]:
        return when_of(self.entry)


def open_history(box: Box, incident: Incident) -> list[dict[str, Any]]:
    """Like chain.history, but a version that won't open is shown as such, not an error."""
    history = []
    for version in incident.versions.order_by("number"):
        try:
            entry = box.open_json(version, "body")["entry"]
        except Exception:  # noqa: BLE001 - the check page names it; here it is just unreadable
            entry = None
        history.append(
            {"number": version.number, "recorded_at": version.recorded_at, "entry": entry}
        )
    return history


def check_all(owner, box: Box) -> list[Checked]:
    """Every incident checked against its chain and its commitments (chain.verify_opened)."""
    checked = []
    # Two queries whatever the number of entries: the entries, then all their versions.
    in_order = Prefetch("versions", queryset=IncidentVersion.objects.order_by("number"))
    incidents = Incident.objects.filter(owner=owner).order_by("created_at")
    for incident in incidents.prefetch_related(in_order):
        versions = list(incident.versions.all())
        checked.append(
            Checked(
                incident, open_entry(box, incident), chain.verify_opened(box, incident, versions)
            )
        )
    return checked
