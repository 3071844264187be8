"""Jobs of accounts: the silent alert a duress sign-in asks for (T2)."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import DuressEvent
from core import features, jobs

DELIVER_DURESS = "duress.deliver"
Pending = DuressEvent.State.PENDING
# A feature that can tell someone names, in its feature.py,
# `extra={"duress_alert": "app.module.function"}`: a function
# `(event, run) -> "delivered" | "no_contact"`. It keeps one record per
# recipient that it marks sent right after each send, so a run started again
# after a crash skips who was told (see core/jobs.py), and it hangs those
# records on the event (a foreign key that cascades), so they are forgotten
# with it. Accounts imports no feature: the registry names them.
DURESS_HOOK = "duress_alert"


def alert_trusted_contacts(event: DuressEvent, run: jobs.Run) -> str:
    """Ask every feature that can alert someone; DELIVERED if any of them told someone."""
    state = DuressEvent.State.NO_CONTACT
    for feature in features.all_features():
        hook = feature.extra.get(DURESS_HOOK)
        if hook and features.resolve(hook)(event, run) == DuressEvent.State.DELIVERED:
            state = DuressEvent.State.DELIVERED
    return state


def forget_event(run: jobs.Run) -> None:
    """An alert that could not be delivered still must not linger."""
    DuressEvent.objects.filter(pk=run.key).delete()


@jobs.handler(
    DELIVER_DURESS,
    max_attempts=10,
    lease=timedelta(seconds=60),
    backoff=timedelta(seconds=5),
    backoff_cap=timedelta(minutes=5),
    # Neither the event nor its job may remain to say when someone was coerced.
    keep=False,
    on_give_up=forget_event,
)
def deliver_duress(run: jobs.Run) -> str:
    event = DuressEvent.objects.filter(pk=run.key).first()
    if event is None:
        return "gone"  # the account was deleted first
    state = event.state
    if state == Pending:
        state = alert_trusted_contacts(event, run)
        # The outcome is written before the event goes, so a run started
        # again after a crash here does not alert anyone twice.
        DuressEvent.objects.filter(pk=event.pk, state=Pending).update(
            state=state, delivered_at=timezone.now()
        )
    with transaction.atomic():
        # What features hung on the event (their per-recipient records) goes with it.
        DuressEvent.objects.filter(pk=event.pk).delete()
    return state
