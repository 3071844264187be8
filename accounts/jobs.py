"""Jobs of accounts: the silent alert a duress sign-in asks for (T2)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from accounts.models import DuressEvent
from core import jobs

DELIVER_DURESS = "duress.deliver"
Pending = DuressEvent.State.PENDING


def alert_trusted_contacts(event: DuressEvent, run: jobs.Run) -> str:
    """Tell the person's trusted contacts. Today there is nobody to tell.

    The circle feature takes this over: it alerts each of the person's
    contacts, keeping one record per contact that it marks sent right after
    each send (so a run started again after a crash skips who was told, see
    core/jobs.py), and answers DELIVERED once someone was told.
    """
    return DuressEvent.State.NO_CONTACT


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
    DuressEvent.objects.filter(pk=event.pk).delete()
    return state
