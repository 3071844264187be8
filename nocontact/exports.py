"""The counter, the contacts noted and the urges ridden out, for the person's own export."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.export_tables import Table, export_tables, restore_tables
from core.pdf import Writer
from nocontact import content
from nocontact.actions import SECTIONS
from nocontact.models import Steady

VERSION = 1
TITLE = _("Days without contact")
TABLES = [Table(Steady, "steady", json=list(SECTIONS), single=True)]


def export(user, box) -> dict:
    return export_tables(user, box, TABLES, VERSION)


def restore(user, box, data) -> None:
    restore_tables(user, box, data, TABLES, VERSION)


def readable(out: Writer, data: dict) -> None:
    doc = data.get("steady") or {}
    if not any(doc.get(section) for section in SECTIONS):
        out.small(_("Nothing written here yet."))
        return
    counter = doc.get("counter") or {}
    if counter.get("start"):
        out.heading(counter.get("name") or _("Your count"))
        out.line(_("Started on %(day)s") % {"day": counter["start"]})
        out.line(dict(content.MODES).get(counter.get("mode"), ""))
        allowed = [content.label(content.CHANNELS, k) for k in counter.get("allowed", [])]
        if allowed:
            out.small(", ".join(allowed))
        if counter.get("allowed_note"):
            out.small(counter["allowed_note"])
    contacts = (doc.get("contacts") or {}).get("items") or []
    if contacts:
        out.heading(_("What you noted"))
        for c in contacts:
            parts = [c.get("on", ""), content.label(content.CHANNELS, c.get("how", ""))]
            parts += [content.label(content.WHO, c.get("who", ""))]
            parts += [content.label(content.FELT, c.get("felt", ""))]
            out.line(" · ".join(p for p in parts if p))
            if c.get("note"):
                out.small(c["note"])
    lists = doc.get("lists") or {}
    for key, title in (("miss", _("What I miss")), ("lived", _("What I lived"))):
        if lists.get(key):
            out.heading(title)
            for item in lists[key]:
                out.small(item)
    urges = doc.get("urges") or {}
    if urges.get("items"):
        out.heading(_("Urges you rode out"))
        for u in urges["items"]:
            helped = ", ".join(content.label(content.HELPED, k) for k in u.get("helped", []))
            strength = _("from %(before)s to %(after)s") % {
                "before": u.get("before") or "?",
                "after": u.get("after") or "?",
            }
            out.line(f"{u.get('on', '')}  {strength}  {helped}")
            if u.get("note"):
                out.small(u["note"])
    for w in urges.get("writings") or []:
        out.heading(_("Written out, not sent (%(day)s)") % {"day": w.get("on", "")})
        out.small(w.get("text", ""))
