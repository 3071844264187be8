"""Changes to a member's circle. Views parse and check; these write.

Work that sends (an invitation, a reminder, an alert) is registered here as
an exactly-once job inside the same transaction (core/jobs.py), carrying ids
only; circle/jobs.py does it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from circle import schedule, sealing
from circle.models import Alert, CheckIn, Circle, Contact, Delivery, new_nonce
from core import jobs
from vault.box import Box

INVITE = "circle.invite"
REMIND = "circle.remind"
MISSED = "circle.missed"

ROLES = ("for_tempted", "for_checkins", "for_emergency")


def default_words() -> dict[str, str]:
    return {
        "checkin": _(
            "Hi, it's me. I didn't check in when I said I would. Please try to reach me "
            "in the way we agreed. If you can't reach me and you are worried, call the "
            "emergency number."
        ),
        "duress": _(
            "Hi, it's me. I may not be free to talk right now. Please don't mention this "
            "note to me or to anyone I live with. Do what we agreed."
        ),
        "signature": "",
        "sender": _("Notes"),
        "subject": _("A note for you"),
        "country": "",
        "reminder_to": "",
    }


# ---- The circle's words (server-sealed) -------------------------------------


def words_of(user) -> dict[str, str]:
    circle = Circle.objects.filter(owner=user).first()
    stored = sealing.open_json(circle, "words") if circle else {}
    return {**default_words(), **stored}


def words_of_many(owner_ids) -> dict[object, dict[str, str]]:
    """`words_of` for many members at once, in one query: {owner id: words}."""
    defaults = default_words()
    found = {pk: defaults for pk in owner_ids}
    for circle in Circle.objects.filter(owner_id__in=owner_ids).only("id", "owner_id", "words"):
        found[circle.owner_id] = {**defaults, **sealing.open_json(circle, "words")}
    return found


def has_words(user) -> bool:
    return Circle.objects.filter(owner=user).exclude(words=b"").exists()


# Words that go into a message's headers: one line, always.
ONE_LINE = ("signature", "sender", "subject", "country", "reminder_to")


def save_words(user, words: dict[str, str]) -> None:
    kept = {key: str(words.get(key, "")) for key in default_words()}
    for key in ONE_LINE:
        kept[key] = " ".join(kept[key].split())
    with transaction.atomic():
        circle, _created = Circle.objects.select_for_update().get_or_create(owner=user)
        circle.words = sealing.seal_json(circle, "words", kept)
        circle.save(update_fields=["words", "updated_at"])


# ---- Contacts -----------------------------------------------------------------


@dataclass
class Person:
    """A contact with its sealed parts opened, for the person's own pages."""

    contact: Contact
    name: str
    email: str
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def relation(self) -> str:
        return self.details.get("relation", "")

    @property
    def may_know(self) -> str:
        return self.details.get("may_know", "")

    @property
    def phone(self) -> str:
        return self.details.get("phone", "")

    @property
    def phone_link(self) -> str:
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


def opened(contact: Contact, box: Box) -> Person:
    return Person(
        contact=contact,
        name=box.open(contact, "name"),
        email=sealing.open_text(contact, "email"),
        details=box.open_json(contact, "details", {}) or {},
    )


def people(user, box: Box) -> list[Person]:
    return [opened(contact, box) for contact in Contact.objects.owned_by(user)]


def _fill(contact: Contact, box: Box, data: dict[str, Any]) -> None:
    contact.name = box.seal(contact, "name", data["name"])
    contact.details = box.seal_json(
        contact,
        "details",
        {key: data.get(key, "") for key in ("relation", "may_know", "phone")},
    )
    for role in ROLES:
        setattr(contact, role, bool(data.get(role)))


def add_contact(user, box: Box, data: dict[str, Any]) -> Contact:
    with transaction.atomic():
        contact = Contact(owner=user)
        _fill(contact, box, data)
        contact.email = sealing.seal(contact, "email", data["email"])
        contact.save()
        invite(contact)
    return contact


def update_contact(contact: Contact, box: Box, data: dict[str, Any]) -> bool:
    """Save changes; a new address asks the new address to confirm again. True if it did."""
    with transaction.atomic():
        old = sealing.open_text(contact, "email")
        _fill(contact, box, data)
        readdressed = old.casefold() != data["email"].casefold()
        if readdressed:
            contact.email = sealing.seal(contact, "email", data["email"])
            contact.nonce = new_nonce()  # links sent to the old address stop working
            contact.confirmed_at = None
            contact.stopped_at = None
        contact.save()
        if readdressed:
            invite(contact)
    return readdressed


def invite(contact: Contact) -> None:
    """Ask the contact to confirm (again). Inside the caller's transaction."""
    Contact.objects.filter(pk=contact.pk).update(invitations=F("invitations") + 1)
    contact.refresh_from_db(fields=["invitations"])
    jobs.once(INVITE, f"{contact.pk}.{contact.invitations}")


def remove_contact(contact: Contact) -> None:
    contact.delete()


def confirm(contact: Contact) -> None:
    Contact.objects.filter(pk=contact.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now()
    )
    Contact.objects.filter(pk=contact.pk).update(stopped_at=None)


def stop(contact: Contact) -> None:
    Contact.objects.filter(pk=contact.pk, stopped_at__isnull=True).update(stopped_at=timezone.now())


# ---- Check-ins -------------------------------------------------------------------


def minute_after(moment: datetime.datetime) -> datetime.datetime:
    """The first whole minute at or after `moment`: the slot its work runs in."""
    whole = moment.replace(second=0, microsecond=0)
    return whole if whole == moment else whole + datetime.timedelta(minutes=1)


def slot(kind: str, moment: datetime.datetime) -> None:
    """Make sure a job of `kind` runs at the minute `moment` falls in (a key per minute).

    Every check-in due in the same minute shares one job, and each run does
    all that is due by then, so 10,000 deadlines at 21:00 are one batch.
    """
    at = minute_after(max(moment, timezone.now()))
    jobs.once(kind, at.astimezone(datetime.UTC).strftime("%Y%m%d%H%M"), run_after=at)


def _register(check_in: CheckIn) -> None:
    """The deadline's alert and its reminder, as minute-slot jobs (inside a transaction)."""
    register_all([check_in])


def register_all(check_ins) -> None:
    """`_register` for many check-ins: each minute slot asked for once."""
    wanted = {}
    for check_in in check_ins:
        reminder = check_in.due_at - schedule.reminder_lead(check_in.kind, check_in.days)
        for kind, moment in ((MISSED, check_in.due_at), (REMIND, reminder)):
            at = minute_after(max(moment, timezone.now()))
            wanted.setdefault((kind, at), moment)
    for (kind, _at), moment in wanted.items():
        slot(kind, moment)


def add_check_in(
    user,
    kind: str,
    *,
    at: datetime.time | None = None,
    weekday: int | None = None,
    days: int | None = None,
    zone: str = "",
) -> CheckIn:
    now = timezone.now()
    tz = schedule.zone(zone)
    check_in = CheckIn(owner=user, kind=kind, zone=tz.key)
    if kind == CheckIn.Kind.ONCE:
        check_in.at_time = at.strftime("%H:%M")
        check_in.due_at = schedule.once(now, at, tz)
    elif kind == CheckIn.Kind.WEEKLY:
        check_in.at_time = at.strftime("%H:%M")
        check_in.weekday = weekday
        check_in.due_at = schedule.weekly(now, weekday, at, tz)
    else:
        check_in.days = days
        check_in.seen_hour = schedule.hour_of(now)
        check_in.due_at = schedule.away(check_in.seen_hour, days)
    with transaction.atomic():
        check_in.save()
        _register(check_in)
    return check_in


def _at_time(check_in: CheckIn) -> datetime.time:
    hours, minutes = check_in.at_time.split(":")
    return datetime.time(int(hours), int(minutes))


def next_due(check_in: CheckIn, now: datetime.datetime) -> datetime.datetime | None:
    """After a check-in or a miss: the next deadline, or None when there is none."""
    if check_in.kind == CheckIn.Kind.WEEKLY:
        after = max(now, check_in.due_at)
        return schedule.weekly(
            after, check_in.weekday, _at_time(check_in), schedule.zone(check_in.zone)
        )
    if check_in.kind == CheckIn.Kind.AWAY:
        return schedule.away(schedule.hour_of(now), check_in.days)
    return None


def check_in(check_in: CheckIn) -> bool:
    """The person is fine: the deadline moves on (or ends). False if it had already passed."""
    now = timezone.now()
    with transaction.atomic():
        current = CheckIn.objects.select_for_update().get(pk=check_in.pk)
        if current.state != CheckIn.State.ACTIVE:
            return False
        due = next_due(current, now)
        changes: dict[str, Any] = {"checked_in_at": now, "round": current.round + 1}
        if due is None:
            changes["state"] = CheckIn.State.DONE
        else:
            changes["due_at"] = due
            if current.kind == CheckIn.Kind.AWAY:
                changes["seen_hour"] = schedule.hour_of(now)
        CheckIn.objects.filter(pk=current.pk, round=current.round).update(**changes)
        current.refresh_from_db()
        if current.state == CheckIn.State.ACTIVE:
            _register(current)
    return True


def stop_check_in(check_in: CheckIn) -> None:
    CheckIn.objects.filter(pk=check_in.pk).update(
        state=CheckIn.State.STOPPED, round=F("round") + 1, nonce=new_nonce()
    )


def restart_check_in(check_in: CheckIn) -> None:
    """Start a missed, done or stopped check-in again, from now."""
    now = timezone.now()
    with transaction.atomic():
        current = CheckIn.objects.select_for_update().get(pk=check_in.pk)
        if current.state == CheckIn.State.ACTIVE:
            return
        if current.kind == CheckIn.Kind.ONCE:
            due = schedule.once(now, _at_time(current), schedule.zone(current.zone))
        elif current.kind == CheckIn.Kind.WEEKLY:
            due = schedule.weekly(
                now, current.weekday, _at_time(current), schedule.zone(current.zone)
            )
        else:
            current.seen_hour = schedule.hour_of(now)
            due = schedule.away(current.seen_hour, current.days)
        current.state = CheckIn.State.ACTIVE
        current.round += 1
        current.due_at = due
        current.save()
        _register(current)


def stamp_seen(user, now: datetime.datetime) -> int:
    """Haven was opened: "if I haven't opened Haven for N days" check-ins start counting again.

    Only the hour is kept, and only on those check-ins. The job at the old
    deadline finds nothing due; the new deadline gets its own.
    """
    hour = schedule.hour_of(now)
    moved = 0
    waiting = CheckIn.objects.filter(owner=user, kind=CheckIn.Kind.AWAY, state=CheckIn.State.ACTIVE)
    for check_in in waiting.exclude(seen_hour=hour).only("pk", "days", "kind"):
        check_in.due_at = schedule.away(hour, check_in.days)
        with transaction.atomic():
            done = CheckIn.objects.filter(pk=check_in.pk, state=CheckIn.State.ACTIVE).update(
                seen_hour=hour, due_at=check_in.due_at
            )
            if done:
                _register(check_in)
        moved += done
    return moved


def wants_stamp(user) -> bool:
    return CheckIn.objects.filter(
        owner=user, kind=CheckIn.Kind.AWAY, state=CheckIn.State.ACTIVE
    ).exists()


# ---- What was sent -------------------------------------------------------------


@dataclass
class Sent:
    alert: Alert
    words: dict[str, str]
    deliveries: list[tuple[Delivery, str]]


def sent_alerts(user, box: Box, limit: int = 20) -> list[Sent]:
    names = {person.contact.pk: person.name for person in people(user, box)}
    shown = []
    alerts = Alert.objects.owned_by(user).filter(kind=Alert.Kind.MISSED)[:limit]
    for alert in alerts.prefetch_related("deliveries"):
        rows = [(d, names.get(d.contact_id, "")) for d in alert.deliveries.all()]
        shown.append(Sent(alert, sealing.open_json(alert, "text"), rows))
    return shown
