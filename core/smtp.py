"""Talking SMTP fast: connecting, and handing over one message for one recipient.

Shared by the two senders of many messages, the newsletter (newsletter/
sending.py) and the circle's alerts (circle/notify.py); a single email goes
through Django's mail connection instead.

smtplib opens the connection (EHLO, STARTTLS, AUTH). Where the server offers
PIPELINING (RFC 2920), as relays generally do, each message then goes in two
round trips instead of four: MAIL, RCPT and DATA in one write and their three
replies read together, then the content once DATA has said "354". This path
talks to the socket directly, since it runs once per recipient and smtplib's
reply reading is most of a message's cost. Without PIPELINING (or with
`pipelining=False`) smtplib's own `sendmail` is used.

Refusals raise smtplib's exceptions in both paths, with the server's code.
"""

from __future__ import annotations

import re
import smtplib

from django.conf import settings

LEADING_DOTS = re.compile(rb"(?m)^\.")
MAX_REPLY = 64 * 1024


def connect() -> smtplib.SMTP:
    client = smtplib.SMTP(settings.EMAIL_HOST, settings.EMAIL_PORT, timeout=settings.EMAIL_TIMEOUT)
    if settings.EMAIL_USE_TLS:
        client.starttls()
    if settings.EMAIL_HOST_USER:
        client.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
    client.ehlo_or_helo_if_needed()
    return client


def _replies(sock, count: int) -> list[tuple[int, bytes]]:
    """Read `count` whole replies (a reply may span "250-" lines; its last has "250 ")."""
    found: list[tuple[int, bytes]] = []
    buffer = b""
    while len(found) < count:
        chunk = sock.recv(8192)
        if not chunk:
            raise smtplib.SMTPServerDisconnected("the server closed the connection")
        buffer += chunk
        if len(buffer) > MAX_REPLY:
            raise smtplib.SMTPServerDisconnected("the server's reply is too long")
        *lines, buffer = buffer.split(b"\r\n")
        for line in lines:
            if len(line) >= 4 and line[3:4] == b"-":
                continue
            try:
                found.append((int(line[:3]), line[4:]))
            except ValueError:
                raise smtplib.SMTPServerDisconnected("the server's reply made no sense") from None
    if len(found) > count or buffer:
        raise smtplib.SMTPServerDisconnected("the server answered more than it was asked")
    return found


def _rset_quietly(client: smtplib.SMTP) -> None:
    try:
        client.rset()
    except (smtplib.SMTPException, OSError):
        pass


def transmit(client: smtplib.SMTP, sender: str, to: str, message: bytes, pipelining: bool) -> None:
    """Hand one message (CRLF lines, ending in CRLF) for one recipient to the server."""
    if not (pipelining and client.does_esmtp and client.has_extn("pipelining")):
        client.sendmail(sender, [to], message)
        return
    sock = client.sock
    sock.sendall(f"MAIL FROM:<{sender}>\r\nRCPT TO:<{to}>\r\nDATA\r\n".encode("ascii"))
    mail, rcpt, data = _replies(sock, 3)
    failed = None
    if mail[0] != 250:
        failed = smtplib.SMTPSenderRefused(mail[0], mail[1], sender)
    elif rcpt[0] not in (250, 251):
        failed = smtplib.SMTPRecipientsRefused({to: rcpt})
    elif data[0] != 354:
        failed = smtplib.SMTPDataError(*data)
    if failed is not None:
        if 421 not in (mail[0], rcpt[0], data[0]):
            _rset_quietly(client)  # a 421 closes the connection anyway
        raise failed
    if message.startswith(b".") or b"\n." in message:  # a plain search is much cheaper
        message = LEADING_DOTS.sub(b"..", message)
    sock.sendall(message + b".\r\n")
    [(code, reply)] = _replies(sock, 1)
    if code != 250:
        raise smtplib.SMTPDataError(code, reply)
