"""An open-loop load generator: requests arrive at random moments at a set rate,
whether or not earlier ones have been answered, as people's requests do.

wrk keeps a fixed number of connections busy, so when the server slows down
it simply asks less often, and its latencies never show the queue a real
crowd would meet. Here each request has an arrival time drawn in advance
(exponential gaps: a Poisson stream at `rate` a second), and its latency is
counted from that arrival time to the end of its answer, so time spent
waiting for a free connection counts too.
"""

from __future__ import annotations

import http.client
import queue
import random
import threading
import time

SENDERS = 32


def run(port: int, path: str, cookie: str, rate: float, seconds: float, seed: int = 7) -> dict:
    """Send GET `path` at `rate` a second for `seconds`; latencies from each arrival."""
    arrivals: list[float] = []
    clock = 0.0
    draw = random.Random(seed)  # noqa: S311 - arrival gaps, not a secret
    while True:
        clock += draw.expovariate(rate)
        if clock >= seconds:
            break
        arrivals.append(clock)
    due: queue.Queue = queue.Queue()
    latencies: list[float] = []
    failures = [0]
    lock = threading.Lock()
    headers = {"Cookie": cookie} if cookie else {}

    def sender() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            arrival = due.get()
            if arrival is None:
                conn.close()
                return
            ok = False
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            finished = time.perf_counter()
            with lock:
                if ok:
                    latencies.append(finished - arrival)
                else:
                    failures[0] += 1

    threads = [threading.Thread(target=sender, daemon=True) for _ in range(SENDERS)]
    for thread in threads:
        thread.start()
    start = time.perf_counter()
    for offset in arrivals:
        moment = start + offset
        wait = moment - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        due.put(moment)
    for _ in threads:
        due.put(None)
    for thread in threads:
        thread.join(timeout=60)
    latencies.sort()

    def at(share: float) -> float | None:
        return latencies[int(share * (len(latencies) - 1))] if latencies else None

    return {
        "path": path,
        "rate": rate,
        "seconds": seconds,
        "sent": len(arrivals),
        "answered": len(latencies),
        "failed": failures[0],
        "p50_s": at(0.50),
        "p95_s": at(0.95),
        "p99_s": at(0.99),
        "max_s": latencies[-1] if latencies else None,
    }
