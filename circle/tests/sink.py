"""A real SMTP server for the circle's tests: it keeps what it accepts and
refuses, with a permanent 550, any recipient whose address starts "bounce"
(and, with a "451 try later", any address in `later`)."""

from __future__ import annotations

import email
import email.policy
import socket
import threading
from dataclasses import dataclass, field


@dataclass
class Received:
    to: list[str]
    message_id: str
    subject: str
    sender: str
    text: str
    raw: bytes


@dataclass
class Sink:
    received: list[Received] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    later: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address.lower().startswith("bounce"):
            with self.lock:
                self.refused.append(address)
            return "550 5.1.1 No such mailbox here"
        if address in self.later:
            return "451 4.3.0 Busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        with self.lock:
            self.received.append(
                Received(
                    to=list(envelope.rcpt_tos),
                    message_id=str(message.get("Message-ID", "")),
                    subject=str(message.get("Subject", "")),
                    sender=str(message.get("From", "")),
                    text=body.get_content() if body else "",
                    raw=envelope.content,
                )
            )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if address in r.to]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
