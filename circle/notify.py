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

import smtplib
from dataclasses import dataclass
from email.utils import formataddr, parseaddr
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.utils.module_loading import import_string


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


class Notifier(Protocol):
    def __enter__(self) -> Notifier: ...

    def __exit__(self, *exc) -> None: ...

    def send(self, message: Outgoing) -> Result: ...


class EmailNotifier:
    """Email through Django's mail connection (SMTP in production, an outbox on a laptop).

    Inside `with`, one connection carries every message; a connection the
    server dropped is opened again once.
    """

    def __init__(self) -> None:
        self.connection = None
        self.opened = False

    def __enter__(self) -> EmailNotifier:
        self.connection = get_connection(fail_silently=False)
        return self

    def __exit__(self, *exc) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except (OSError, smtplib.SMTPException):
                pass
        self.connection = None
        self.opened = False

    def _deliver(self, mail: EmailMultiAlternatives) -> None:
        if self.connection is None:
            with get_connection(fail_silently=False) as connection:
                connection.send_messages([mail])
            return
        if not self.opened:
            # Opened here, not on entering: a batch with nothing to send connects to no one.
            self.connection.open()
            self.opened = True
        try:
            self.connection.send_messages([mail])
        except smtplib.SMTPServerDisconnected:
            self.connection.close()
            self.connection.send_messages([mail])  # it opens again

    def send(self, message: Outgoing) -> Result:
        address = parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "notes@localhost"
        mail = EmailMultiAlternatives(
            message.subject,
            message.text,
            formataddr((message.sender_name, address)),
            [message.to],
            headers={"Message-ID": message.message_id},
        )
        mail.attach_alternative(message.html, "text/html")
        try:
            self._deliver(mail)
        except smtplib.SMTPRecipientsRefused as refused:
            code = next(iter(refused.recipients.values()), (None, b""))[0]
            return self._answer(code)
        except smtplib.SMTPResponseException as error:
            return self._answer(error.smtp_code)
        except (OSError, smtplib.SMTPException) as error:
            raise Unreachable(type(error).__name__) from None
        return Result(accepted=True, code=250)

    @staticmethod
    def _answer(code: int | None) -> Result:
        if code is not None and 500 <= code < 600:
            return Result(accepted=False, code=code)
        raise Unreachable(f"reply {code}")


def notifier() -> Notifier:
    path = getattr(settings, "HAVEN_CIRCLE_NOTIFIER", "circle.notify.EmailNotifier")
    return import_string(path)()
