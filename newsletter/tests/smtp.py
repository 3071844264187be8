"""A real SMTP server for tests (aiosmtpd): it keeps what it accepts, and can be told to refuse.

`Sink.accepted` holds (envelope sender, recipients, message bytes) for every
message the server answered "250" to. `refuse_next(code, times)` answers the
next DATA commands with that code instead; `refuse_recipient(address, code)`
refuses one recipient for good; `hold_after(n)` makes the server wait before
answering any message after the n-th, until `release()` (a message whose
client has gone by then is not kept, as a real server would not deliver it).
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
from contextlib import contextmanager

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Sink:
    def __init__(self) -> None:
        self.accepted: list[tuple[str, list[str], bytes]] = []
        self.refusals: list[int] = []
        self.recipients_refused: dict[str, int] = {}
        self.held = 0
        # Offer PIPELINING (RFC 2920), as most relays do.
        self.pipelining = True
        self._hold_after: int | None = None
        self._release = threading.Event()
        self.lock = threading.Lock()

    def refuse_next(self, code: int, times: int = 1) -> None:
        self.refusals.extend([code] * times)

    def refuse_recipient(self, address: str, code: int = 550) -> None:
        self.recipients_refused[address] = code

    def hold_after(self, count: int) -> None:
        self._hold_after = count
        self._release.clear()

    def release(self) -> None:
        self._hold_after = None
        self._release.set()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):  # noqa: N802
        session.host_name = hostname
        if self.pipelining:
            responses.insert(-1, "250-PIPELINING")
        return responses

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        code = self.recipients_refused.get(address)
        if code:
            return f"{code} 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        with self.lock:
            if self.refusals:
                code = self.refusals.pop(0)
                return f"{code} 4.3.2 Try again later" if code < 500 else f"{code} Refused"
            holding = self._hold_after is not None and len(self.accepted) >= self._hold_after
            if holding:
                self.held += 1
        if holding:
            while not self._release.is_set():
                await asyncio.sleep(0.02)
            # A client killed while we waited has closed its connection:
            # aiosmtpd cancels this handler then, so nothing below runs.
            await asyncio.sleep(0.05)
            if server.transport is None or server.transport.is_closing():
                return "451 Client gone"  # never heard, never delivered
        with self.lock:
            self.accepted.append(
                (envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
            )
        return "250 Message accepted for delivery"

    def messages(self) -> list[email.message.EmailMessage]:
        return [
            email.message_from_bytes(raw, policy=email.policy.default)
            for _from, _to, raw in self.accepted
        ]

    def recipients(self) -> list[str]:
        return [to for _from, tos, _raw in self.accepted for to in tos]


@contextmanager
def running_sink(port: int | None = None):
    sink = Sink()
    port = port or free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        sink.release()
        controller.stop()
