"""A local SMTP sink for the newsletter bench: answers every command, keeps a count.

    python -m bench.smtp_sink PORT

It speaks just enough SMTP for any client (greeting, EHLO/HELO, MAIL, RCPT,
DATA with dot-terminated content, RSET, NOOP, QUIT), answers "250" to every
message and stores nothing, so the sink costs as little as a server can and
the clients measured beside each other are what the figures tell apart. It
runs as its own process, so it shares no interpreter with the senders.
Prints "ready" once listening; on SIGTERM prints the number of messages and
recipients it accepted.
"""

from __future__ import annotations

import asyncio
import signal
import sys

EHLO = b"250-sink\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SIZE 52428800\r\n"
END = b"\r\n.\r\n"


class Totals:
    messages = 0
    recipients = 0


class Session(asyncio.Protocol):
    def connection_made(self, transport) -> None:
        self.transport = transport
        self.buffer = bytearray()
        self.in_data = False
        self.rcpts = 0
        transport.write(b"220 sink ESMTP\r\n")

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while True:
            if self.in_data:
                # "\r\n.\r\n" ends the content (DATA's own line ended with \r\n).
                end = self.buffer.find(END)
                if end < 0 and self.buffer.startswith(b".\r\n"):
                    end, cut = -2, 3
                elif end < 0:
                    return
                else:
                    cut = end + len(END)
                del self.buffer[:cut]
                self.in_data = False
                Totals.messages += 1
                Totals.recipients += self.rcpts
                self.rcpts = 0
                self.transport.write(b"250 OK\r\n")
                continue
            end = self.buffer.find(b"\r\n")
            if end < 0:
                return
            line = bytes(self.buffer[:end])
            del self.buffer[: end + 2]
            self.command(line[:4].upper())

    def command(self, verb: bytes) -> None:
        if verb == b"EHLO":
            self.transport.write(EHLO)
        elif verb == b"RCPT":
            self.rcpts += 1
            self.transport.write(b"250 OK\r\n")
        elif verb == b"DATA":
            self.in_data = True
            # The content may follow at once: keep "\r\n" in front so END finds
            # an empty message too.
            self.buffer[:0] = b"\r\n"
            self.transport.write(b"354 Go ahead\r\n")
        elif verb == b"QUIT":
            self.transport.write(b"221 Bye\r\n")
            self.transport.close()
        elif verb in (b"HELO", b"MAIL", b"RSET", b"NOOP"):
            if verb == b"RSET":
                self.rcpts = 0
            self.transport.write(b"250 OK\r\n")
        else:
            self.transport.write(b"502 Not here\r\n")


async def serve(port: int) -> None:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Session, "127.0.0.1", port)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    print("ready", flush=True)
    async with server:
        await stop.wait()
    print(f"{Totals.messages} {Totals.recipients}", flush=True)


def main() -> int:
    asyncio.run(serve(int(sys.argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
