"""The circle, for the person's own export and restore.

Server-sealed values (addresses, the words) come out opened like the rest,
and go back in sealed with this Haven's server key. Contacts come back
waiting to confirm again (with new links), check-ins come back stopped and
what was sent is not brought back: a restored space must never alert anyone
by surprise.
"""

from __future__ import annotations

import datetime

from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _

from accounts.export_tables import RestoreRefused
from circle import actions, sealing
from circle.models import Alert, CheckIn, Circle, Contact

VERSION = 1
TITLE = _("Your circle")
ROLES = actions.ROLES
DETAILS = ("relation", "may_know", "phone")


def export(user, box) -> dict:
    circle = Circle.objects.filter(owner=user).first()
    return {
        "version": VERSION,
        "words": sealing.open_json(circle, "words") if circle else None,
        "words_times": _times(circle) if circle else None,
        "contacts": [
            {
                **_times(c),
                "name": box.open(c, "name"),
                "email": sealing.open_text(c, "email"),
                "details": box.open_json(c, "details", {}) or {},
                **{role: getattr(c, role) for role in ROLES},
            }
            for c in Contact.objects.owned_by(user)
        ],
        "check_ins": [
            {
                "kind": c.kind,
                "at_time": c.at_time,
                "weekday": c.weekday,
                "days": c.days,
                "zone": c.zone,
                **_times(c),
            }
            for c in CheckIn.objects.owned_by(user)
        ],
        "sent": [
            {
                "created_at": a.created_at.isoformat(),
                "kind": a.kind,
                "text": sealing.open_json(a, "text"),
                "deliveries": [d.state for d in a.deliveries.all()],
            }
            for a in Alert.objects.owned_by(user)
        ],
    }


def _times(row) -> dict[str, str]:
    return {"created_at": row.created_at.isoformat(), "updated_at": row.updated_at.isoformat()}


def _put_times(row, data: dict) -> None:
    """auto_now would stamp today: put the real times back."""
    type(row).objects.filter(pk=row.pk).update(
        created_at=_moment(data.get("created_at")), updated_at=_moment(data.get("updated_at"))
    )


def _text(value, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit or "\x00" in value:
        raise RestoreRefused(RestoreRefused.INVALID)
    return value


def _moment(value) -> datetime.datetime:
    moment = parse_datetime(value) if isinstance(value, str) else None
    if moment is None or moment.tzinfo is None:
        raise RestoreRefused(RestoreRefused.INVALID)
    return moment


def restore(user, box, data) -> None:
    if not isinstance(data, dict) or not isinstance(data.get("version"), int):
        raise RestoreRefused(RestoreRefused.INVALID)
    if data["version"] > VERSION:
        raise RestoreRefused(RestoreRefused.NEWER)
    words = data.get("words")
    contacts = data.get("contacts") or []
    check_ins = data.get("check_ins") or []
    if words is not None and not isinstance(words, dict):
        raise RestoreRefused(RestoreRefused.INVALID)
    if not isinstance(contacts, list) or not isinstance(check_ins, list):
        raise RestoreRefused(RestoreRefused.INVALID)
    made = []
    for row in contacts:
        if not isinstance(row, dict) or not isinstance(row.get("details", {}), dict):
            raise RestoreRefused(RestoreRefused.INVALID)
        details = {k: _text(row.get("details", {}).get(k, ""), 1000) for k in DETAILS}
        entry = {
            "name": _text(row.get("name", ""), 100),
            "email": _text(row.get("email", ""), 254),
            **details,
            **{role: bool(row.get(role)) for role in ROLES},
        }
        _moment(row.get("created_at")), _moment(row.get("updated_at"))
        made.append((entry, row))
    kept_check_ins = []
    for row in check_ins:
        if not isinstance(row, dict) or row.get("kind") not in CheckIn.Kind.values:
            raise RestoreRefused(RestoreRefused.INVALID)
        _moment(row.get("created_at")), _moment(row.get("updated_at"))
        kept_check_ins.append(row)
    words_times = data.get("words_times") or {}
    if words:
        if not isinstance(words_times, dict):
            raise RestoreRefused(RestoreRefused.INVALID)
        _moment(words_times.get("created_at")), _moment(words_times.get("updated_at"))
        actions.save_words(user, {k: _text(v, 1000) for k, v in words.items()})
        _put_times(Circle.objects.get(owner=user), words_times)
    for entry, row in made:
        contact = Contact(owner=user)
        actions._fill(contact, box, entry)
        contact.email = sealing.seal(contact, "email", entry["email"])
        contact.save()
        _put_times(contact, row)
    for row in kept_check_ins:
        weekday = row.get("weekday")
        days = row.get("days")
        check_in = CheckIn.objects.create(
            owner=user,
            kind=row["kind"],
            state=CheckIn.State.STOPPED,
            due_at=_moment(row.get("created_at")),
            at_time=_text(row.get("at_time") or "", 5),
            weekday=weekday if isinstance(weekday, int) and 0 <= weekday <= 6 else None,
            days=days if isinstance(days, int) and 1 <= days <= 30 else None,
            zone=_text(row.get("zone") or "", 64),
        )
        _put_times(check_in, row)


def readable(out, data: dict) -> None:
    contacts = data.get("contacts") or []
    if not contacts and not data.get("words"):
        out.small(_("Nothing written here yet."))
        return
    out.heading(_("Your people"))
    for person in contacts:
        details = person.get("details") or {}
        line = person.get("name", "")
        if details.get("relation"):
            line += f" ({details['relation']})"
        out.line(line)
        out.small(person.get("email", ""))
        for key in ("phone", "may_know"):
            if details.get(key):
                out.small(details[key])
    words = data.get("words") or {}
    if words:
        out.heading(_("Your words"))
        for key in ("checkin", "duress", "signature", "sender", "subject", "reminder_to"):
            if words.get(key):
                out.small(words[key])
    for alert in data.get("sent") or []:
        out.heading(_("What was sent"))
        out.small(f"{alert.get('created_at', '')}: {(alert.get('text') or {}).get('body', '')}")
