"""The circle's exactly-once jobs, one per minute slot (key "YYYYMMDDHHMM", UTC).

Every check-in due in the same minute shares one job, and each run does all
that is due by its time, so a crowd of deadlines is one batch:

- `circle.missed`: the check-ins whose deadline has passed are taken a batch
  at a time, and in one transaction per batch each is marked missed (or
  moved to next week) and its alert, with one row per chosen contact, is
  written (the round goes up with it, and one alert per check-in and round
  is all the database allows, so two runs never alert twice); then the
  unfinished rows are sent (circle/delivery.py: claimed a batch at a time
  under a lease, each marked right after the mail server answers).
- `circle.remind`: every active check-in whose reminder time has come gets
  its reminder email, if the person gave an address (once per round).
- `circle.invite`: asks a new contact to confirm (key: contact id and count).

Nothing here is logged, and no address or word is in a key or an outcome.
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.utils import formats, timezone

from circle import actions, delivery, emails, schedule, sealing, tokens
from circle.models import Alert, CheckIn, Contact, Delivery
from circle.notify import Unreachable, notifier
from core import jobs

Active = CheckIn.State.ACTIVE
# How long a worker holds a job or a row before another may take it over (the
# worker tests shorten it, so a killed worker is replaced in seconds).
LEASE = timedelta(seconds=getattr(settings, "HAVEN_CIRCLE_LEASE_SECONDS", 60))
LONGEST_LEAD = timedelta(days=1)


@jobs.handler(
    actions.MISSED,
    max_attempts=12,
    lease=LEASE,
    backoff=timedelta(seconds=5),
    backoff_cap=timedelta(minutes=5),
)
def missed(run: jobs.Run) -> str:
    now = timezone.now()
    alerted = 0
    while True:
        run.heartbeat()
        taken = miss_due(now)
        alerted += taken
        # Send each batch as it is written: the first people hear at once,
        # not after every deadline in a crowd has been marked.
        delivery.send_all_missed(run)
        if taken < delivery.batch_size():
            break
    _finish_rows_held_by_others(run)
    return "sent" if alerted else "nothing_due"


class Raced(Exception):
    """Check-ins changed under this run's lock (never expected): nothing is written."""


def miss_due(now) -> int:
    """Take a batch of check-ins whose deadline has passed, and write their alerts.

    In one transaction: the batch is locked (PostgreSQL skips rows another
    run holds; SQLite's write transaction has the database to itself), each
    check-in is marked missed or moved to next week, and each alert is
    written with a row per chosen contact, a few statements for the batch.
    The check-in's round goes up with it and (check-in, round) is unique on
    alerts, so a check-in is never alerted twice for one deadline. Returns
    how many were taken.
    """
    with transaction.atomic():
        due = (
            CheckIn.objects.filter(state=Active, due_at__lte=now)
            .order_by("due_at")
            .only("id", "owner_id", "kind", "round", "due_at", "weekday", "at_time", "zone", "days")
        )
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        batch = list(due[: delivery.batch_size()])
        if not batch:
            return 0
        missed_round = {c.pk: c.round for c in batch}
        once = [c.pk for c in batch if c.kind != CheckIn.Kind.WEEKLY]
        ended = CheckIn.objects.filter(pk__in=once, state=Active).update(
            state=CheckIn.State.MISSED, round=F("round") + 1
        )
        if ended != len(once):
            raise Raced  # roll it all back; the job tries again
        weekly = [c for c in batch if c.kind == CheckIn.Kind.WEEKLY]
        for check_in in weekly:
            check_in.due_at = actions.next_due(check_in, now)
            check_in.round += 1
        CheckIn.objects.bulk_update(weekly, ["due_at", "round"])
        actions.register_all(weekly)

        owners = {c.owner_id for c in batch}
        words = actions.words_of_many(owners)
        people = delivery.recipients_of(owners, "for_checkins")
        alerts, rows = [], []
        for check_in in batch:
            alert = Alert(
                owner_id=check_in.owner_id,
                kind=Alert.Kind.MISSED,
                check_in_id=check_in.pk,
                round=missed_round[check_in.pk],
            )
            alert.text = delivery.seal_text(alert, words[check_in.owner_id])
            alerts.append(alert)
            rows += delivery.new_rows(alert, people.get(check_in.owner_id, ()))
        Alert.objects.bulk_create(alerts)
        Delivery.objects.bulk_create(rows)
    return len(batch)


def _finish_rows_held_by_others(run: jobs.Run) -> None:
    """Rows another worker holds: it finishes them, or it died and its lease runs out."""
    deadline = time.monotonic() + 2 * LEASE.total_seconds()
    held = Delivery.objects.filter(alert__kind=Alert.Kind.MISSED, state=Delivery.State.SENDING)
    while held.exists():
        if time.monotonic() > deadline:
            raise Unreachable("rows still held")  # try again later
        time.sleep(0.5)
        run.heartbeat()
        delivery.send_all_missed(run)


@jobs.handler(actions.REMIND, lease=LEASE, backoff=timedelta(seconds=30))
def remind(run: jobs.Run) -> str:
    now = timezone.now()
    near = CheckIn.objects.filter(state=Active, due_at__lte=now + LONGEST_LEAD).select_related(
        "owner"
    )
    sent = 0
    with notifier() as outgoing:
        for check_in in near.iterator():
            lead = schedule.reminder_lead(check_in.kind, check_in.days)
            if check_in.reminded_round == check_in.round or check_in.due_at - lead > now:
                continue
            claimed = (
                CheckIn.objects.filter(pk=check_in.pk, round=check_in.round, state=Active)
                .exclude(reminded_round=check_in.round)
                .update(reminded_round=check_in.round)
            )
            if not claimed or check_in.owner.is_decoy:
                continue
            run.heartbeat()
            words = actions.words_of(check_in.owner)
            if not words.get("reminder_to"):
                continue  # the page reminds them; no email was asked for
            local = timezone.localtime(check_in.due_at, schedule.zone(check_in.zone))
            message = emails.reminder(
                words["reminder_to"],
                words,
                tokens.make(tokens.CHECK_IN, check_in),
                formats.date_format(local, "D j M, H:i"),
            )
            outgoing.send(message)
            sent += 1
    return "sent" if sent else "nothing_due"


@jobs.handler(actions.INVITE, lease=LEASE, backoff=timedelta(seconds=30))
def invite(run: jobs.Run) -> str:
    pk, _dot, number = run.key.rpartition(".")
    contact = Contact.objects.filter(pk=pk, invitations=int(number)).first()
    if contact is None:
        return "not_needed"
    now = timezone.now()
    if contact.owner.is_decoy:
        Contact.objects.filter(pk=pk).update(invited_at=now)
        return "quiet"
    words = actions.words_of(contact.owner)
    message = emails.invitation(
        sealing.open_text(contact, "email"), words, tokens.make(tokens.CONTACT, contact)
    )
    with notifier() as outgoing:
        result = outgoing.send(message)
    Contact.objects.filter(pk=pk).update(invited_at=now, invite_reply=result.code)
    return "sent" if result.accepted else "refused"
