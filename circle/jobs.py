"""The circle's exactly-once jobs. Keys are ids ("<check-in id>.<round>"), never words.

- `circle.missed`: at a check-in's deadline. If the person has not checked
  in, the check-in is marked missed (or moved to next week), and the alert
  with one row per contact is written, in one transaction; then sent
  (circle/delivery.py). A run started again after a crash finds the alert
  and sends only what is not sent yet.
- `circle.remind`: a little before the deadline, an email to the person if
  they gave an address for reminders (the page reminds them either way).
- `circle.invite`: asks a new contact to confirm.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone

from circle import actions, delivery, emails, schedule, sealing, tokens
from circle.models import Alert, CheckIn, Contact
from circle.notify import notifier
from core import jobs

Active = CheckIn.State.ACTIVE
# How long a worker holds an alert before another may take it over (the
# worker tests shorten it, so a killed worker is replaced in seconds).
LEASE = timedelta(seconds=getattr(settings, "HAVEN_CIRCLE_LEASE_SECONDS", 60))


def _parse(key: str) -> tuple[str, int]:
    pk, _dot, number = key.rpartition(".")
    return pk, int(number)


@jobs.handler(
    actions.MISSED,
    max_attempts=12,
    lease=LEASE,
    backoff=timedelta(seconds=5),
    backoff_cap=timedelta(minutes=5),
)
def missed(run: jobs.Run) -> str:
    pk, round_ = _parse(run.key)
    alert = Alert.objects.filter(check_in_id=pk, round=round_).first()
    if alert is None:
        with transaction.atomic():
            check_in = CheckIn.objects.select_for_update().filter(pk=pk).first()
            if check_in is None:
                return "gone"
            if check_in.round != round_ or check_in.state != Active:
                return "checked_in"
            now = timezone.now()
            if check_in.due_at > now:
                # Haven was opened since ("away" check-ins): wait for the new deadline.
                check_in.round += 1
                check_in.save(update_fields=["round"])
                actions._register(check_in)
                return "moved"
            alert = _miss(check_in, round_, now)
    delivery.send(alert, run)
    return delivery.outcome(alert)


def _miss(check_in: CheckIn, round_: int, now) -> Alert:
    following = actions.next_due(check_in, now) if check_in.kind == CheckIn.Kind.WEEKLY else None
    if following is None:
        check_in.state = CheckIn.State.MISSED
    else:
        check_in.round += 1
        check_in.due_at = following
    check_in.save(update_fields=["state", "round", "due_at"])
    if following is not None:
        actions._register(check_in)
    contacts = list(delivery.recipients(check_in.owner, "for_checkins"))
    return delivery.write_alert(
        check_in.owner, Alert.Kind.MISSED, contacts, check_in=check_in, round=round_
    )


@jobs.handler(actions.REMIND, lease=timedelta(seconds=60), backoff=timedelta(seconds=30))
def remind(run: jobs.Run) -> str:
    pk, round_ = _parse(run.key)
    check_in = CheckIn.objects.filter(pk=pk, round=round_, state=Active).first()
    if check_in is None:
        return "not_needed"
    if check_in.due_at - schedule.reminder_lead(check_in.kind, check_in.days) > (
        timezone.now() + timedelta(minutes=1)
    ):
        return "moved"  # Haven was opened since: the deadline is further off now
    if check_in.owner.is_decoy:
        return "quiet"
    words = actions.words_of(check_in.owner)
    if not words.get("reminder_to"):
        return "in_haven_only"
    local = timezone.localtime(check_in.due_at, schedule.zone(check_in.zone))
    due = formats.date_format(local, "D j M, H:i")
    message = emails.reminder(
        words["reminder_to"], words, tokens.make(tokens.CHECK_IN, check_in), due
    )
    result = notifier().send(message)
    return "sent" if result.accepted else "refused"


@jobs.handler(actions.INVITE, lease=timedelta(seconds=60), backoff=timedelta(seconds=30))
def invite(run: jobs.Run) -> str:
    pk, number = _parse(run.key)
    contact = Contact.objects.filter(pk=pk, invitations=number).first()
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
    result = notifier().send(message)
    Contact.objects.filter(pk=pk).update(invited_at=now, invite_reply=result.code)
    return "sent" if result.accepted else "refused"
