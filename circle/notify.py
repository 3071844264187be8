"""How a message leaves Haven: a small interface, email over SMTP today.

    with notifier() as outgoing:                     # one connection for a batch
        result = outgoing.send(Outgoing(to=..., subject=..., ...))
    if result.accepted: ...            # the server took it (a 2xx reply)
    elif result.refused: ...           # a 5xx reply: a bounce at send time
    # otherwise it raised Unreachable: try again later

Another channel (a text message or push provider) is a class with the same
`send` method, named in `HAVEN_CIRCLE_NOTIFIER`. Every message is discreet by
default: the sender name and subject are the person's own neutral choice,
never "Haven", and nothing in a message's headers says what it is about.
Addresses and words never reach a log line from here.
"""

from __future__ import annotations

import binascii
import re
import secrets
import smtplib
import time
from dataclasses import dataclass
from email.header import Header
from email.utils import formataddr, formatdate, parseaddr
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.message import sanitize_address
from django.utils.module_loading import import_string

from core import smtp


@dataclass(frozen=True)
class Outgoing:
    to: str
    subject: str
    sender_name: str
    text: str
    html: str
    # The same on every try: a resend after a crash is seen as the same message.
    message_id: str


@dataclass(frozen=True)
class Result:
    accepted: bool
    code: int | None = None

    @property
    def refused(self) -> bool:
        return not self.accepted


class Unreachable(Exception):
    """The server could not be reached, or answered "try later" (4xx): retry."""


class Unaddressable(Exception):
    """An address no mail server could be given: the message is refused, not retried."""


class Notifier(Protocol):
    def __enter__(self) -> Notifier: ...

    def __exit__(self, *exc) -> None: ...

    def send(self, message: Outgoing) -> Result: ...


SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
# An address that can go into an envelope and a header as it is.
PLAIN_ADDRESS = re.compile(r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+")


class EmailNotifier:
    """Email, over one SMTP connection for a whole batch.

    Inside `with`, one connection carries every message, opened on the first
    send (a batch with nothing to send connects to no one); a connection the
    server dropped is opened again once. Messages are put together here, a
    few string joins instead of the email package's generator, since this
    runs for every contact of every alert in a crowd of deadlines. With any
    mail backend other than SMTP (the tests' outbox, a console), Django's own
    mail connection is used instead.
    """

    def __init__(self) -> None:
        self.client: smtplib.SMTP | None = None
        self.connection = None
        self.entered = False
        self.smtp = settings.EMAIL_BACKEND == SMTP_BACKEND
        self.envelope_from = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "notes@localhost"
        self._date = (0, "")

    def __enter__(self) -> EmailNotifier:
        self.entered = True
        if not self.smtp:
            self.connection = get_connection(fail_silently=False)
        return self

    def __exit__(self, *exc) -> None:
        self.entered = False
        self._close()
        if self.connection is not None:
            try:
                self.connection.close()
            except (OSError, smtplib.SMTPException):
                pass
        self.connection = None

    def send(self, message: Outgoing) -> Result:
        try:
            if self.smtp:
                self._transmit(message)
            else:
                self._through_django(message)
        except smtplib.SMTPRecipientsRefused as refused:
            code = next(iter(refused.recipients.values()), (None, b""))[0]
            return self._answer(code)
        except smtplib.SMTPResponseException as error:
            return self._answer(error.smtp_code)
        except (OSError, smtplib.SMTPException) as error:
            self._close()
            raise Unreachable(type(error).__name__) from None
        except Unaddressable:
            # Never from the form, which checks the address: the message
            # cannot go, so it is refused here, with no reply code.
            return Result(accepted=False, code=None)
        return Result(accepted=True, code=250)

    # ---- SMTP, one connection for the batch ----

    def _transmit(self, message: Outgoing) -> None:
        to = _envelope_address(message.to)
        data = self._compose(message, to)
        fresh = self.client is None
        if fresh:
            self.client = smtp.connect()
        try:
            smtp.transmit(self.client, self.envelope_from, to, data, True)
        except smtplib.SMTPServerDisconnected:
            self._close()
            if fresh:
                raise
            # The server let an idle connection go: once more, on a new one.
            self.client = smtp.connect()
            smtp.transmit(self.client, self.envelope_from, to, data, True)
        if not self.entered:
            self._close()

    def _close(self) -> None:
        if self.client is not None:
            try:
                self.client.quit()
            except (OSError, smtplib.SMTPException):
                pass
        self.client = None

    def _compose(self, message: Outgoing, to: str) -> bytes:
        boundary = f"=_notes_{secrets.token_hex(12)}"
        sender = formataddr((" ".join(message.sender_name.split()), self.envelope_from))
        lines = [
            f"From: {sender}",
            f"To: {to}",
            f"Subject: {_header(message.subject)}",
            f"Date: {self._now()}",
            f"Message-ID: {message.message_id}",
            "MIME-Version: 1.0",
            f'Content-Type: multipart/alternative; boundary="{boundary}"',
            "",
            f"--{boundary}",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            _quoted_printable(message.text),
            f"--{boundary}",
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            _quoted_printable(message.html),
            f"--{boundary}--",
            "",
        ]
        return "\r\n".join(lines).encode("ascii")

    def _now(self) -> str:
        second = int(time.time())
        if self._date[0] != second:
            self._date = (second, formatdate(second, localtime=False))
        return self._date[1]

    # ---- Any other mail backend ----

    def _through_django(self, message: Outgoing) -> None:
        mail = EmailMultiAlternatives(
            message.subject,
            message.text,
            formataddr((message.sender_name, self.envelope_from)),
            [message.to],
            headers={"Message-ID": message.message_id},
        )
        mail.attach_alternative(message.html, "text/html")
        _envelope_address(message.to)
        if self.connection is None:
            with get_connection(fail_silently=False) as connection:
                connection.send_messages([mail])
        else:
            self.connection.send_messages([mail])

    @staticmethod
    def _answer(code: int | None) -> Result:
        if code is not None and 500 <= code < 600:
            return Result(accepted=False, code=code)
        raise Unreachable(f"reply {code}")


def _envelope_address(to: str) -> str:
    """The address as it goes to the server (an international domain in its ASCII form)."""
    if PLAIN_ADDRESS.fullmatch(to):
        return to
    try:
        address = sanitize_address(to, "utf-8")
    except ValueError:
        raise Unaddressable from None
    if not PLAIN_ADDRESS.fullmatch(address):
        raise Unaddressable
    return address


def _header(value: str) -> str:
    """A header's value on one line: as it is when it can be, else encoded (RFC 2047)."""
    value = " ".join(value.split())
    if value.isascii() and len(value) < 900:
        return value
    return Header(value, "utf-8").encode(linesep="\r\n")


def _quoted_printable(text: str) -> str:
    body = binascii.b2a_qp(text.replace("\r\n", "\n").encode("utf-8"))
    return body.decode("ascii").replace("\n", "\r\n")


def notifier() -> Notifier:
    path = getattr(settings, "HAVEN_CIRCLE_NOTIFIER", "circle.notify.EmailNotifier")
    return import_string(path)()
