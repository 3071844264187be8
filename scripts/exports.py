"""The person's own scripts, for their own export and restore."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.export_tables import Table, export_tables, restore_tables
from core.pdf import Writer
from scripts.models import MyScript, Situation

VERSION = 1
TITLE = gettext_lazy("My scripts")
TABLES = [Table(MyScript, "my_scripts", json=["content"])]


def export(user, box) -> dict:
    return export_tables(user, box, TABLES, VERSION)


def restore(user, box, data) -> None:
    restore_tables(user, box, data, TABLES, VERSION)


def _sentence(parts: dict) -> str:
    """The builder's four parts read as the page shows them."""
    sentence = (
        f"{_('I feel')} {parts.get('feel') or '…'} {_('when you')} {parts.get('when') or '…'}. "
        f"{_('I need')} {parts.get('need') or '…'}."
    )
    if parts.get("then"):
        sentence += f" {_('If it happens again, I will')} {parts['then']}."
    return sentence


def readable(out: Writer, data: dict) -> None:
    scripts = data.get("my_scripts") or []
    if not scripts:
        out.small(_("Nothing kept here yet."))
    for row in scripts:
        script = row.get("content") or {}
        out.heading(script.get("title") or _("My boundary"))
        if script.get("situation") in Situation.values:
            out.small(Situation(script["situation"]).label)
        out.line(_sentence(script["parts"]) if script.get("parts") else script.get("text", ""))
