"""Missed check-ins at scale: 10,000 due check-ins, one worker, a real SMTP server.

One `manage.py run_worker` process (the database task backend, SQLite in WAL
mode) works through 10,000 missed check-ins, each alerting one confirmed
contact: claim the job, mark the check-in missed, write the alert and its
delivery row, open the server-sealed address and words, render the message,
hand it to the SMTP server, mark it sent.

The clock starts when the alerts fall due: the minute slot their job runs in
(the worker is started at once, so it is waiting by then, as a running one
would be), and stops when the last delivery row is marked sent. The
baselines, measured in the same run against the same SMTP server: a bare
smtplib client sending 10,000 messages of the same size, one connection each
(the figure the goal is a ratio to), and the same client over one connection
(about as fast as one connection to this server can go). Goal: the worker
under 60 s.

    python -m bench.alerts [COUNT] [--profile FILE] [run_worker options...]
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

from bench.load import _free_port, server_env

ROOT = Path(__file__).resolve().parent.parent
CHECK_INS = 10_000
MEMBERS = 1_000
GOAL_SECONDS = 60.0

SEED = """
import os, sys
from datetime import timedelta
from django.db import transaction
from django.utils import timezone
from accounts.models import User
from circle import actions, sealing
from circle.models import CheckIn, Contact
from core import jobs
from vault.box import Box

members, per_member = int(sys.argv[1]), int(sys.argv[2])
box = Box(os.urandom(32))
now = timezone.now()
users = User.objects.bulk_create(
    User(username=f"bench{m}", username_key=f"bench{m}") for m in range(members)
)
contacts = []
for m, user in enumerate(users):
    actions.save_words(user, {**actions.default_words(), "signature": f"B{m}"})
    contact = Contact(owner=user, for_checkins=True, confirmed_at=now)
    actions._fill(contact, box, {"name": f"friend {m}", "for_checkins": True})
    contact.email = sealing.seal(contact, "email", f"friend{m}@example.org")
    contacts.append(contact)
Contact.objects.bulk_create(contacts)
check_ins = CheckIn.objects.bulk_create(
    CheckIn(owner=user, kind="once", at_time="21:00", due_at=now - timedelta(seconds=1))
    for user in users
    for _ in range(per_member)
)
with transaction.atomic():
    for check_in in check_ins:
        actions._register(check_in)  # all due now: one minute slot
"""

BARE = """
import smtplib, sys
from email.message import EmailMessage

port, count, size, pooled = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
body = "x" * size
shared = smtplib.SMTP("127.0.0.1", port) if pooled == "one" else None
for n in range(count):
    message = EmailMessage()
    message["From"] = "Notes <notes@localhost>"
    message["To"] = f"friend{n}@example.org"
    message["Subject"] = "A note for you"
    message.set_content(body)
    if shared is not None:
        shared.send_message(message)
        continue
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        smtp.send_message(message)
if shared is not None:
    shared.quit()
"""

DUE = "SELECT min(run_after) FROM core_oncejob WHERE kind = 'circle.missed'"


class Counter:
    """An SMTP server that only counts (and measures) what it is given."""

    def __init__(self) -> None:
        self.count = 0
        self.bytes = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        with self.lock:
            self.count += 1
            self.bytes += len(envelope.content)
        return "250 OK"


def _python(env, code: str, *args: str, timeout: float = 1800) -> None:
    prelude = "import django; django.setup()\n"
    done = subprocess.run(
        [sys.executable, "-c", prelude + code, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if done.returncode:
        raise RuntimeError(done.stderr[-3000:])


def bench_alerts(
    var_dir: Path,
    check_ins: int = CHECK_INS,
    members: int = MEMBERS,
    *worker_args: str,
    profile: Path | None = None,
) -> dict:
    from aiosmtpd.controller import Controller

    counter = Counter()
    port = _free_port()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        env = server_env(var_dir)
        env.update(
            HAVEN_EMAIL_HOST="127.0.0.1",
            HAVEN_EMAIL_PORT=str(port),
            HAVEN_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            HAVEN_LOG_LEVEL="WARNING",
        )
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        seed_started = time.perf_counter()
        _python(env, SEED, str(members), str(check_ins // members))
        seed_seconds = time.perf_counter() - seed_started

        database = var_dir / "haven.sqlite3"

        def sent() -> int:
            with closing(sqlite3.connect(database, timeout=30)) as db:
                query = "SELECT count(*) FROM circle_delivery WHERE state = 'sent'"
                return db.execute(query).fetchone()[0]

        with closing(sqlite3.connect(database, timeout=30)) as db:
            (due_at,) = db.execute(DUE).fetchone()
        due = datetime.fromisoformat(due_at).replace(tzinfo=UTC).timestamp()

        log = (var_dir / "worker.log").open("ab")
        started = time.perf_counter()
        # The clock starts at the later of now and the minute the alerts fall due.
        clock = started + max(0.0, due - time.time())
        # With a profile path, the worker runs under cProfile, which writes its
        # figures when the worker stops (SIGTERM ends it cleanly).
        profiler = ["-m", "cProfile", "-o", str(profile)] if profile else []
        worker = subprocess.Popen(
            [
                sys.executable,
                *profiler,
                "manage.py",
                "run_worker",
                "--no-reload",
                "--no-startup-delay",
                *worker_args,
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            while sent() < check_ins:
                if worker.poll() is not None:
                    raise RuntimeError(f"the worker stopped; see {var_dir / 'worker.log'}")
                if time.perf_counter() - started > 1800:
                    raise RuntimeError("the worker took over 30 minutes")
                time.sleep(0.25)
            worker_seconds = time.perf_counter() - clock
        finally:
            worker.terminate()
            worker.wait(timeout=60)
        received = counter.count
        size = counter.bytes // max(received, 1)

        bare = {}
        for pooled in ("each", "one"):
            counter.count = 0
            bare_started = time.perf_counter()
            _python(env, BARE, str(port), str(check_ins), str(size), pooled)
            bare[pooled] = time.perf_counter() - bare_started
            assert counter.count == check_ins, counter.count
    finally:
        controller.stop()
    return {
        "check_ins": check_ins,
        "members": members,
        "messages": received,
        "message_bytes": size,
        "seed_seconds": seed_seconds,
        "worker_seconds": worker_seconds,
        "bare_smtp_seconds": bare["each"],
        "bare_one_connection_seconds": bare["one"],
        "ratio": worker_seconds / bare["each"],
        "goal_seconds": GOAL_SECONDS,
    }


def main(argv: list[str]) -> None:
    """python -m bench.alerts [COUNT] [--profile FILE] [run_worker options...]

    With --profile, the worker's cProfile figures go to FILE (read them with
    `python -m pstats FILE`); the timings are then the profiler's, not the goal's.
    """
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(prog="python -m bench.alerts")
    parser.add_argument("count", nargs="?", type=int, default=CHECK_INS)
    parser.add_argument("--profile", type=Path)
    options, worker_args = parser.parse_known_args(argv)
    profile = options.profile.resolve() if options.profile else None
    with tempfile.TemporaryDirectory(prefix="haven-bench-alerts-") as folder:
        result = bench_alerts(
            Path(folder),
            options.count,
            max(1, options.count // 10),
            *worker_args,
            profile=profile,
        )
    print(result)


if __name__ == "__main__":
    main(sys.argv[1:])


def section(r: dict) -> list[str]:
    from bench.report import ratio, seconds, table

    n = f"{r['check_ins']:,}"
    met = "met" if r["worker_seconds"] <= r["goal_seconds"] else "NOT met"
    out = [
        f"7. {n} missed check-ins, one worker, real SMTP ({r['message_bytes']:,} B a message);"
        f" goal under {r['goal_seconds']:.0f} s ({met})"
    ]
    rows = [
        [
            f"bare smtplib client, {n} messages (baseline)",
            seconds(r["bare_smtp_seconds"]),
            ratio(1),
            seconds(r["bare_smtp_seconds"] / r["check_ins"]),
        ],
        [
            f"bare smtplib client, {n} messages over one connection",
            seconds(r["bare_one_connection_seconds"]),
            ratio(r["bare_one_connection_seconds"] / r["bare_smtp_seconds"]),
            seconds(r["bare_one_connection_seconds"] / r["check_ins"]),
        ],
        [
            "run_worker from the minute they fall due: claim, write alerts, send, mark sent",
            seconds(r["worker_seconds"]),
            ratio(r["ratio"]),
            seconds(r["worker_seconds"] / r["check_ins"]),
        ],
    ]
    return out + table(["measure", "total", "vs bare", "each"], rows)
