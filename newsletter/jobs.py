"""Background work for the newsletter (core.jobs: exactly once, ids only).

newsletter.confirm      key "<subscriber id>:<generation>"  the confirmation note
newsletter.already      key "<subscriber id>:<window>"      "you're already subscribed"
newsletter.send_issue   key "<issue id>:<send time>"        the whole issue, resumable
newsletter.daily        key "<date>", e.g. "2026-12-01"     that day's note: made, then sent

The daily note's job is asked for by a periodic hook (`daily_when_due`),
which every worker's sweeper calls every few seconds; see newsletter/daily.py.
"""

from __future__ import annotations

import datetime
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core import jobs
from newsletter import addresses, daily, emails, sending
from newsletter.models import Issue, SendSettings, Subscriber, Suppression


def _subscriber(key: str) -> tuple[Subscriber | None, str]:
    ident, _, rest = key.partition(":")
    return Subscriber.objects.filter(pk=ident).first(), rest


def _blocked(subscriber: Subscriber, *, lifted_by_confirming: bool) -> bool:
    found = Suppression.objects.filter(address_hash=subscriber.address_hash)
    if lifted_by_confirming:
        found = found.exclude(reason__in=Suppression.LIFTED_BY_CONFIRMING)
    return found.exists()


@jobs.handler("newsletter.confirm", lease=timedelta(minutes=2), max_attempts=6)
def confirm(run: jobs.Run) -> str:
    subscriber, generation = _subscriber(run.key)
    if subscriber is None or str(subscriber.generation) != generation:
        return "stale"
    if subscriber.state != Subscriber.State.PENDING:
        return "stale"
    if _blocked(subscriber, lifted_by_confirming=True):
        return "suppressed"
    emails.send_confirmation(addresses.open_address(subscriber.address, subscriber.id), subscriber)
    return "sent"


@jobs.handler("newsletter.already", lease=timedelta(minutes=2), max_attempts=4)
def already(run: jobs.Run) -> str:
    subscriber, _window = _subscriber(run.key)
    if subscriber is None or subscriber.state != Subscriber.State.CONFIRMED:
        return "stale"
    if _blocked(subscriber, lifted_by_confirming=False):
        return "suppressed"
    address = addresses.open_address(subscriber.address, subscriber.id)
    emails.send_already_subscribed(address, subscriber)
    return "sent"


SENDING = {
    "lease": timedelta(seconds=settings.HAVEN_NEWSLETTER_LEASE_SECONDS),
    "backoff": timedelta(seconds=30),
    "backoff_cap": timedelta(minutes=30),
    "max_attempts": 20,
}


@jobs.handler("newsletter.send_issue", **SENDING)
def send_issue(run: jobs.Run) -> str:
    ident, _, when = run.key.partition(":")
    issue = Issue.objects.filter(pk=ident).first()
    if issue is None:
        return "gone"
    if when != _stamp(issue):
        return "rescheduled"  # a newer job, for the new time, sends it
    if issue.state == Issue.State.SENT:
        return "already_sent"
    if issue.state == Issue.State.DRAFT:
        return "unscheduled"
    sending.send(issue, heartbeat=run.heartbeat)
    return "sent"


def _stamp(issue: Issue) -> str:
    return str(int(issue.send_at.timestamp())) if issue.send_at else ""


def schedule(issue: Issue) -> None:
    """Queue the issue's sending job for its time (call inside a transaction).

    The job's key carries the time, so moving an issue to another time makes
    a new job and the old one ends as "rescheduled".
    """
    if issue.send_at is None:
        raise ValueError("an issue needs a time before it is scheduled")
    jobs.once("newsletter.send_issue", f"{issue.pk}:{_stamp(issue)}", run_after=issue.send_at)


def next_weekly_slot(after=None):
    """The next sending time on the operator's weekday and hour (UTC)."""
    options = SendSettings.current()
    now = after or timezone.now()
    slot = now.replace(hour=options.hour, minute=0, second=0, microsecond=0)
    slot += timedelta(days=(options.weekday - slot.weekday()) % 7)
    if slot <= now:
        slot += timedelta(days=7)
    return slot


# ---- The daily note ----


@jobs.periodic("newsletter.daily")
def daily_when_due() -> None:
    """From the operator's hour, ask for the day's job (once per day, whoever asks)."""
    if not daily.available() or not daily.has_readers():
        return  # nothing to send, or nobody to send it to: not even a settings row is made
    day = daily.due_day()
    if day is None:
        return
    with transaction.atomic():
        jobs.once("newsletter.daily", day.isoformat())


@jobs.handler("newsletter.daily", **SENDING)
def send_daily(run: jobs.Run) -> str:
    day = datetime.date.fromisoformat(run.key)
    issue = Issue.objects.filter(day=day).first()
    if issue is None:
        # Checked again here: the operator may have paused since the hook asked.
        if SendSettings.current().daily_paused:
            return "paused"
        if not daily.available():
            return "no_inspire"
        if day != daily.today():
            return "too_late"  # a day's note is made on its own day, never after
        if daily.written_by_hand(day):
            return "written_by_hand"
        issue = daily.make(day)
        if issue is None:
            return "no_reminder"
    if issue.state == Issue.State.SENT:
        return "already_sent"
    if issue.state == Issue.State.DRAFT:
        return "unscheduled"  # an operator took it back before it went
    sending.send(issue, heartbeat=run.heartbeat)
    return "sent"
