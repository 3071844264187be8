"""Turning an issue into the exact bytes each subscriber receives.

An issue is rendered once per wording (quiet, plain, open); each recipient's
message is that rendering with their own links put in, quoted-printable
encoded, under headers of their own:

- List-Unsubscribe with an https and a mailto link (RFC 2369) and
  List-Unsubscribe-Post: List-Unsubscribe=One-Click (RFC 8058), so a mail
  program can unsubscribe with one POST and no cookie;
- a Message-ID that is the same for the same issue and subscriber, so a
  message sent again after a crash can be recognised as the one before;
- no tracking pixel, no rewritten links: every link goes straight to Haven.
"""

from __future__ import annotations

import binascii
import email.utils
import time
from dataclasses import dataclass
from email.header import Header
from functools import cached_property

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from newsletter import addresses, links, tokens
from newsletter.models import Issue, Wording

# Stand-ins for each recipient's own links, put in after rendering once.
UNSUBSCRIBE_MARK = "HVNLUNSUBSCRIBEMARK"
MANAGE_MARK = "HVNLMANAGEMARK"


def _header(value: str) -> str:
    if value.isascii() and len(value) < 900:
        return value
    return Header(value, "utf-8").encode()


def _sender(name: str) -> str:
    _real, address = email.utils.parseaddr(settings.HAVEN_NEWSLETTER_FROM)
    return email.utils.formataddr((name, address))


def _domain() -> str:
    _real, address = email.utils.parseaddr(settings.HAVEN_NEWSLETTER_FROM)
    return address.rpartition("@")[2] or "localhost"


@dataclass(frozen=True)
class Variant:
    sender: str
    subject: str
    text: Part
    html: Part


def render(issue: Issue, wording: str) -> tuple[str, str, str, str]:
    """(sender name, subject, text, html) of an issue for one wording, with link marks."""
    context = {
        "issue": issue,
        "wording": wording,
        "open": wording == Wording.OPEN,
        "guide_url": links.absolute(issue.guide_path) if issue.guide_path else "",
        "unsubscribe_url": UNSUBSCRIBE_MARK,
        "manage_url": MANAGE_MARK,
    }
    # The daily note has words of its own ("Daily note", "today"); the rest is the same.
    name = "daily" if issue.kind == Issue.Kind.DAILY else "issue"
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"newsletter/emails/{name}_subject.txt", context).strip()
        text = render_to_string(f"newsletter/emails/{name}.txt", context)
        html = render_to_string(f"newsletter/emails/{name}.html", context)
    sender = "Haven" if wording == Wording.OPEN else "Notes"
    return sender, " ".join(subject.split()), text, html


def _qp(text: str) -> str:
    body = binascii.b2a_qp(text.replace("\r\n", "\n").encode("utf-8"))
    return body.decode("ascii").replace("\n", "\r\n")


class Part:
    """A rendered part, quoted-printable encoded once, except the lines holding links.

    Quoted-printable works line by line, so encoding each line on its own
    gives the same bytes as encoding the whole; only the few lines with a
    recipient's links are encoded again for each recipient.
    """

    def __init__(self, rendered: str) -> None:
        self.pieces: list[str | None] = []
        self.marked: list[tuple[int, str]] = []
        for line in rendered.replace("\r\n", "\n").split("\n"):
            if UNSUBSCRIBE_MARK in line or MANAGE_MARK in line:
                self.marked.append((len(self.pieces), line))
                self.pieces.append(None)
            else:
                self.pieces.append(_qp(line))

    def encoded(self, unsubscribe: str, manage: str) -> str:
        pieces = list(self.pieces)
        for index, line in self.marked:
            pieces[index] = _qp(
                line.replace(UNSUBSCRIBE_MARK, unsubscribe).replace(MANAGE_MARK, manage)
            )
        return "\r\n".join(pieces)


class Composer:
    """Builds every recipient's message for one issue."""

    def __init__(self, issue: Issue) -> None:
        self.issue = issue
        self.domain = _domain()
        self.opener = addresses.Opener()
        self._date = (0, "")
        self.leave_token = tokens.maker("unsubscribe")
        self.manage_token = tokens.maker("manage")
        self.unsubscribe_at = links.template("newsletter:unsubscribe")
        self.manage_at = links.template("newsletter:manage")
        self.variants: dict[str, Variant] = {}
        for wording in Wording.values:
            name, subject, text, html = render(issue, wording)
            self.variants[wording] = Variant(
                _header(_sender(name)), _header(subject), Part(text), Part(html)
            )

    @cached_property
    def list_id(self) -> str:
        name = "Daily note" if self.issue.kind == Issue.Kind.DAILY else "Weekly notes"
        return f"{name} <{self.issue.kind}.notes.{self.domain}>"

    def date(self) -> str:
        now = int(time.time())
        if self._date[0] != now:
            self._date = (now, email.utils.formatdate(now, localtime=False))
        return self._date[1]

    def message_id(self, subscriber_id) -> str:
        return f"<notes.{self.issue.id.hex}.{subscriber_id.hex}@{self.domain}>"

    def envelope_sender(self) -> str:
        return email.utils.parseaddr(settings.HAVEN_NEWSLETTER_BOUNCES)[1]

    def build(self, subscriber_id, sealed_address: bytes, wording: str) -> tuple[str, bytes]:
        """(recipient address, the whole message) for one subscriber."""
        to = self.opener(sealed_address, subscriber_id)
        variant = self.variants.get(wording) or self.variants[Wording.QUIET]
        leave = self.leave_token(subscriber_id)
        unsubscribe = leave.join(self.unsubscribe_at)
        manage = self.manage_token(subscriber_id).join(self.manage_at)
        boundary = f"=_notes_{subscriber_id.hex}"
        lines = [
            f"From: {variant.sender}",
            f"To: {to}",
            f"Subject: {variant.subject}",
            f"Date: {self.date()}",
            f"Message-ID: {self.message_id(subscriber_id)}",
            f"List-Id: {self.list_id}",
            f"List-Unsubscribe: <{unsubscribe}>,\r\n <{links.unsubscribe_mailto(leave)}>",
            "List-Unsubscribe-Post: List-Unsubscribe=One-Click",
            "MIME-Version: 1.0",
            f'Content-Type: multipart/alternative; boundary="{boundary}"',
            "",
            f"--{boundary}",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            variant.text.encoded(unsubscribe, manage),
            f"--{boundary}",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            variant.html.encoded(unsubscribe, manage),
            f"--{boundary}--",
            "",
        ]
        return to, "\r\n".join(lines).encode("ascii")


def preview(issue: Issue, wording: str = Wording.QUIET) -> dict[str, str]:
    """What an operator sees before scheduling: subject, sender, text and HTML."""
    name, subject, text, html = render(issue, wording)
    sample = {"unsubscribe": links.absolute("/newsletter/u/example/")}
    sample["manage"] = links.absolute("/newsletter/manage/example/")
    return {
        "sender": name,
        "subject": subject,
        "text": text.replace(UNSUBSCRIBE_MARK, sample["unsubscribe"]).replace(
            MANAGE_MARK, sample["manage"]
        ),
        "html": html.replace(UNSUBSCRIBE_MARK, sample["unsubscribe"]).replace(
            MANAGE_MARK, sample["manage"]
        ),
    }
