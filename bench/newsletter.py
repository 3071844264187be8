"""The newsletter bench: 20,000 recipients to a local SMTP sink, beside a bare SMTP client.

Haven's side is `newsletter.sending.send()` as the worker runs it: delivery
rows made and claimed in batches from the database, each message composed
for its subscriber (sealed address opened, signed links, quoted-printable
parts), the global rate limit counted in the database, the pool's SMTP
connections, and each row marked sent as the server accepts it.

The baseline is smtplib alone: the same messages (composed beforehand for
the same subscribers from the same issue, not timed), one connection per
pool slot, one thread per connection, no database. Both send to the same
sink, a separate process (bench.smtp_sink), in alternating rounds; each
figure is the median of its rounds. Haven is also measured with SMTP
pipelining off, to show what pipelining brings.
"""

from __future__ import annotations

import smtplib
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

RECIPIENTS = 20_000
CONNECTIONS = 4
ROUNDS = 5
GOAL_RATE = 1000.0
GOAL_RATIO = 0.90


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_sink(port: int) -> subprocess.Popen:
    root = Path(__file__).resolve().parent.parent
    sink = subprocess.Popen(
        [sys.executable, "-m", "bench.smtp_sink", str(port)],
        cwd=root,
        stdout=subprocess.PIPE,
        text=True,
    )
    if sink.stdout.readline().strip() != "ready":
        raise RuntimeError("the SMTP sink did not start")
    return sink


def _stop_sink(sink: subprocess.Popen) -> tuple[int, int]:
    sink.terminate()
    out, _ = sink.communicate(timeout=60)
    messages, recipients = out.split()
    return int(messages), int(recipients)


def _subscribers(count: int) -> None:
    from newsletter import addresses
    from newsletter.models import Subscriber

    rows = []
    for n in range(count):
        address = f"reader{n}@example.org"
        row = Subscriber(address_hash=addresses.address_hash(address), state="confirmed")
        row.address = addresses.seal(address, row.id)
        rows.append(row)
    Subscriber.objects.bulk_create(rows, batch_size=2000)


def _issue(n: int):
    from django.utils import timezone

    from newsletter.models import Issue

    return Issue.objects.create(
        title=f"Bench {n}",
        subject_open="This week: small steps",
        summary="A tip about keeping papers safe.",
        tip="Keep a copy of important papers somewhere only you can reach. " * 3,
        reflection="Noticing what you feel is a kind of strength. " * 3,
        script_title="Saying no without explaining",
        script_words="“I'm not able to do that.”",
        guide_title="Staying safe",
        guide_path="/guide/staying-safe/",
        state="scheduled",
        send_at=timezone.now(),
    )


def _composed(issue) -> tuple[str, list[tuple[str, bytes]]]:
    from newsletter.composing import Composer
    from newsletter.models import Subscriber

    composer = Composer(issue)
    rows = Subscriber.objects.order_by("pk").values_list("id", "address", "wording")
    messages = [composer.build(*row) for row in rows.iterator()]
    return composer.envelope_sender(), messages


def _bare(port: int, sender: str, messages: list[tuple[str, bytes]]) -> float:
    """smtplib alone: one connection per slot, one thread each. Seconds for all."""
    shares = [messages[n::CONNECTIONS] for n in range(CONNECTIONS)]

    def send(share):
        client = smtplib.SMTP("127.0.0.1", port, timeout=30)
        for to, raw in share:
            client.sendmail(sender, [to], raw)
        client.quit()

    threads = [threading.Thread(target=send, args=(share,)) for share in shares]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def _haven(issue, *, pipelining: bool = True) -> tuple[float, int]:
    from django.test import override_settings

    from newsletter import sending

    with override_settings(HAVEN_NEWSLETTER_PIPELINING=pipelining):
        start = time.perf_counter()
        outcome = sending.send(issue)
        return time.perf_counter() - start, outcome.sent


def bench_newsletter(recipients: int = RECIPIENTS) -> dict:
    from django.test import override_settings

    from newsletter.models import Delivery, SendSettings

    port = _free_port()
    sink = _start_sink(port)
    try:
        with override_settings(
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            HAVEN_SITE_URL="https://haven.example",
            HAVEN_NEWSLETTER_FROM="Notes <notes@haven.example>",
        ):
            _subscribers(recipients)
            # The operator's limit set far above what is measured: this
            # measures the sender, with the limit's bookkeeping still done.
            SendSettings.objects.create(rate_per_second=1_000_000, connections=CONNECTIONS)
            sender, messages = _composed(_issue(0))
            bare_s, haven_s, one_by_one_s = [], [], []
            for _round in range(ROUNDS):
                bare_s.append(_bare(port, sender, messages))
                for pipelining, times in ((True, haven_s), (False, one_by_one_s)):
                    seconds, sent = _haven(
                        _issue(len(bare_s) * 2 + pipelining), pipelining=pipelining
                    )
                    if sent != recipients:
                        raise RuntimeError(f"Haven sent {sent} of {recipients}")
                    times.append(seconds)
            marked = Delivery.objects.filter(state="sent").count()
    finally:
        accepted, accepted_recipients = _stop_sink(sink)
    expected = 3 * ROUNDS * recipients
    if accepted != expected or accepted_recipients != expected:
        raise RuntimeError(f"the sink accepted {accepted} messages, not {expected}")
    if marked != 2 * ROUNDS * recipients:
        raise RuntimeError(f"{marked} deliveries marked sent, not {2 * ROUNDS * recipients}")
    bare_rate = recipients / statistics.median(bare_s)
    haven_rate = recipients / statistics.median(haven_s)
    one_by_one_rate = recipients / statistics.median(one_by_one_s)
    return {
        "recipients": recipients,
        "connections": CONNECTIONS,
        "rounds": ROUNDS,
        "message_bytes": statistics.median(len(raw) for _to, raw in messages),
        "bare_s": bare_s,
        "haven_s": haven_s,
        "bare_per_s": bare_rate,
        "haven_per_s": haven_rate,
        "ratio": haven_rate / bare_rate,
        "one_by_one_s": one_by_one_s,
        "one_by_one_per_s": one_by_one_rate,
        "one_by_one_ratio": one_by_one_rate / bare_rate,
        "rows_marked_sent": marked,
        "goal_rate": GOAL_RATE,
        "goal_ratio": GOAL_RATIO,
    }
