"""The circle's exactly-once jobs, one per minute slot (key "YYYYMMDDHHMM", UTC).

Every check-in due in the same minute shares one job, and each run does all
that is due by its time, so a crowd of deadlines is one batch:

- `circle.missed`: every active check-in whose deadline has passed is marked
  missed (or moved to next week) and its alert, with one row per chosen
  contact, is written, in one transaction per check-in (conditional on the
  check-in's round, so two runs never alert twice); then every unfinished row
  is sent (circle/delivery.py: claimed with a lease, marked right after the
  mail server answers).
- `circle.remind`: every active check-in whose reminder time has come gets
  its reminder email, if the person gave an address (once per round).
- `circle.invite`: asks a new contact to confirm (key: contact id and count).

Nothing here is logged, and no address or word is in a key or an outcome.
"""

from __future__ import annotations

import time
from datetime import timedelta

from django.conf import settings
from django.db import transaction
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
        due = list(
            CheckIn.objects.filter(state=Active, due_at__lte=now)
            .order_by("due_at")
            .values_list("pk", flat=True)[: delivery.BATCH]
        )
        for pk in due:
            alerted += _miss(pk, now)
        # Send each batch as it is written: the first people hear at once,
        # not after every deadline in a crowd has been marked.
        delivery.send_all_missed(run)
        if len(due) < delivery.BATCH:
            break
    _finish_rows_held_by_others(run)
    return "sent" if alerted else "nothing_due"


def _miss(pk, now) -> int:
    with transaction.atomic():
        check_in = (
            CheckIn.objects.select_for_update()
            .filter(pk=pk, state=Active, due_at__lte=now)
            .select_related("owner")
            .first()
        )
        if check_in is None:
            return 0  # checked in, moved on, or another run took it
        missed_round = check_in.round
        following = actions.next_due(check_in, now) if check_in.kind == "weekly" else None
        check_in.round += 1
        if following is None:
            check_in.state = CheckIn.State.MISSED
        else:
            check_in.due_at = following
        check_in.save(update_fields=["state", "round", "due_at"])
        if following is not None:
            actions._register(check_in)
        contacts = list(delivery.recipients(check_in.owner, "for_checkins"))
        delivery.write_alert(
            check_in.owner, Alert.Kind.MISSED, contacts, check_in=check_in, round=missed_round
        )
    return 1


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
