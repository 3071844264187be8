"""Background work for records (core.jobs: exactly once, ids only).

records.sweep_shares   key "<hour>", e.g. "2026-12-01T19"   delete expired shares

An expired share is also deleted when anyone asks for it (records.shares.live);
the hourly sweep removes those nobody asks for, with their sealed files.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from core import jobs
from records import shares
from records.models import Share


@jobs.periodic("records.sweep_shares")
def sweep_when_due() -> None:
    # Cheap: one indexed question, and a job only when something has ended.
    if not Share.objects.filter(expires_at__lte=timezone.now()).exists():
        return
    with transaction.atomic():
        jobs.once("records.sweep_shares", timezone.now().strftime("%Y-%m-%dT%H"))


@jobs.handler("records.sweep_shares", lease=timedelta(minutes=2), max_attempts=4)
def sweep_shares(run: jobs.Run) -> str:
    return "swept" if shares.sweep() else "none"
