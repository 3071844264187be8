"""The daily note: each day, from the operator's hour, the day's reminder goes by email.

Where the words come from: the inspire room's `inspire.api.reminder_for(day)`,
a function it exposes for this (the newsletter never reads inspire's models).
Without inspire installed, there is nothing to send: no daily note is made,
and the admin's send settings say so.

How it happens once a day: every worker's sweeper calls
`newsletter.jobs.daily_when_due` every few seconds. From the hour on (server
time, settings.TIME_ZONE, the same days as the inspire pages), it asks
core.jobs for the job "newsletter.daily" keyed by the date; two workers, or a
restart, ask for the same job, so it runs once. That job makes the day's
Issue (one per day: `Issue.day` is unique) and sends it through the same
resumable path as the weekly notes.
"""

from __future__ import annotations

import datetime
from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from newsletter.models import Issue, SendSettings, Subscriber

# Issues an operator may still have sent by hand on a day: then the worker
# makes no note of its own that day.
WRITTEN = [Issue.State.SCHEDULED, Issue.State.SENDING, Issue.State.SENT]


def available() -> bool:
    """Whether Haven has daily reminders to send (the inspire room is installed)."""
    return apps.is_installed("inspire")


def reminder_for(day: datetime.date) -> dict | None:
    if not available():
        return None
    return import_module("inspire.api").reminder_for(day)


def today() -> datetime.date:
    return timezone.localdate()


def due_day(now: datetime.datetime | None = None) -> datetime.date | None:
    """The day whose note should be on its way now, or None (paused, or before the hour)."""
    options = SendSettings.current()
    if options.daily_paused:
        return None
    local = timezone.localtime(now)
    if local.hour < options.daily_hour:
        return None
    return local.date()


def has_readers() -> bool:
    return Subscriber.objects.filter(state=Subscriber.State.CONFIRMED, daily=True).exists()


def written_by_hand(day: datetime.date) -> bool:
    """An operator's own daily issue goes out that day: it is the day's note."""
    local = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=local)
    end = start + datetime.timedelta(days=1)
    return Issue.objects.filter(
        kind=Issue.Kind.DAILY,
        day__isnull=True,
        state__in=WRITTEN,
        send_at__gte=start,
        send_at__lt=end,
    ).exists()


def draft(day: datetime.date, reminder: dict) -> Issue:
    """The day's note as an unsaved Issue: what the worker sends, and what a preview shows."""
    with translation.override(settings.LANGUAGE_CODE):
        return Issue(
            kind=Issue.Kind.DAILY,
            state=Issue.State.SCHEDULED,
            day=day,
            # Plain wording shows only the date; open wording, the theme.
            title=formats.date_format(day, "j F"),
            subject_open=_("Today's reminder from Haven: %(theme)s") % {"theme": reminder["theme"]},
            reflection=reminder["text"],
            guide_path=reminder["path"],
            send_at=timezone.now(),
        )


def make(day: datetime.date) -> Issue | None:
    """The day's Issue, made from the day's reminder if it isn't yet; None without a reminder."""
    found = Issue.objects.filter(day=day).first()
    if found is not None:
        return found
    reminder = reminder_for(day)
    if reminder is None:
        return None
    issue = draft(day, reminder)
    issue.save(force_insert=True)
    return issue


def tomorrow() -> datetime.date:
    return today() + datetime.timedelta(days=1)
