"""Every message the circle sends: one function per kind, three templates each.

Each returns an `Outgoing` for the notifier (circle/notify.py). Subjects and
sender names are the person's own discreet choice (default: "Notes", "A note
for you"); nothing in them says Haven, help or harm.
"""

from __future__ import annotations

import secrets
from dataclasses import replace
from email.utils import make_msgid

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from circle.notify import Outgoing

# Where each contact's own link goes in a message rendered once for an alert
# (a new mark in each process: no one's words can hold it).
LINK_MARK = f"HVCIRCLELINK{secrets.token_hex(8).upper()}"


def site_url(path: str) -> str:
    return settings.HAVEN_SITE_URL.rstrip("/") + path


def message_id() -> str:
    return make_msgid(idstring=secrets.token_hex(8), domain="notes.invalid")


def _render(kind: str, to: str, words: dict, context: dict, msgid: str) -> Outgoing:
    context = {**context, "words": words}
    subject = render_to_string(f"circle/emails/{kind}_subject.txt", context)
    return Outgoing(
        to=to,
        subject=" ".join(subject.split()),
        sender_name=words.get("sender") or "Notes",
        text=render_to_string(f"circle/emails/{kind}.txt", context),
        html=render_to_string(f"circle/emails/{kind}.html", context),
        message_id=msgid,
    )


def invitation(to: str, words: dict, token: str) -> Outgoing:
    """Asks a new contact to confirm, so a typo never sends an alert to a stranger."""
    link = site_url(reverse("circle:contact_page", args=[token]))
    return _render("invitation", to, words, {"link": link}, message_id())


class Alert:
    """The pre-agreed words, exactly as the person wrote them, and a link to what to do.

    Rendered once for an alert; each contact's copy differs only in the link
    to their own page, put in afterwards.
    """

    def __init__(self, sent: dict) -> None:
        self.rendered = _render("alert", "", sent, {"link": LINK_MARK}, "")

    def to(self, to: str, token: str, msgid: str) -> Outgoing:
        link = site_url(reverse("circle:contact_page", args=[token]))
        return replace(
            self.rendered,
            to=to,
            text=self.rendered.text.replace(LINK_MARK, link),
            html=self.rendered.html.replace(LINK_MARK, link),
            message_id=msgid,
        )


def alert(to: str, sent: dict, token: str, msgid: str) -> Outgoing:
    return Alert(sent).to(to, token, msgid)


def reminder(to: str, words: dict, token: str, due_text: str) -> Outgoing:
    """To the person: a check-in is coming up; one tap on the page it links to checks in."""
    link = site_url(reverse("circle:reminder", args=[token]))
    return _render("reminder", to, words, {"link": link, "due": due_text}, message_id())
