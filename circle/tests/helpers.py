"""Setting up a member's circle directly through its actions, for tests."""

from __future__ import annotations

import re
from datetime import time, timedelta

import time_machine
from django.db import transaction
from django.utils import timezone

from circle import actions
from circle.models import CheckIn, Contact
from core import jobs

CONTACT_LINK = re.compile(r"https?://[^/\s]+(/circle/for-you/[^/\s]+/)")
REMINDER_LINK = re.compile(r"https?://[^/\s]+(/circle/tick/[^/\s]+/)")


def person(user, box, name, email, *, confirmed=True, **roles) -> Contact:
    with transaction.atomic():
        contact = actions.add_contact(user, box, {"name": name, "email": email, **roles})
    if confirmed:
        actions.confirm(contact)
    contact.refresh_from_db()
    return contact


def once_by(user, at: time, **kwargs) -> CheckIn:
    return actions.add_check_in(user, CheckIn.Kind.ONCE, at=at, zone="UTC", **kwargs)


def sweep_at(moment) -> None:
    """The worker's sweeper, at `moment` (what a running worker does every few seconds)."""
    with time_machine.travel(moment, tick=False):
        jobs.sweep()


def a_minute_after(moment):
    return moment + timedelta(seconds=59)


def now():
    return timezone.now()
