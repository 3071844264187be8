"""The daily note with real worker processes: two workers ask for it at once, both are
killed in the middle of sending it, and a third one, started after, finishes it.
Each daily subscriber gets the day's note exactly once; nobody else gets anything.

The workers are real `manage.py run_worker` processes whose sweepers call the
daily hook every half second; the SMTP server is real (aiosmtpd, in this
process), on an SQLite file and on PostgreSQL. The daily hour is set to 0, so
the note is due as soon as the workers start.
"""

import signal
import sqlite3
import time
from collections import Counter
from contextlib import closing

from core.tests.processes import (
    django_python,
    haven_env,
    kill,
    manage,
    postgres_database,
    start_worker,
    wait_for,
)
from newsletter.tests.smtp import running_sink

FAST = ("--interval", "0.05", "--sweep-every", "0.5")
READERS = 6
CONNECTIONS = 2
HELD_AFTER = 2

SETUP = f"""
from inspire import content_files
from newsletter import addresses
from newsletter.models import SendSettings, Subscriber

content_files.load()
SendSettings.objects.create(rate_per_second=1000, connections={CONNECTIONS}, daily_hour=0)

def add(address, **fields):
    subscriber = Subscriber(address_hash=addresses.address_hash(address), **fields)
    subscriber.address = addresses.seal(address, subscriber.id)
    subscriber.save()

for n in range({READERS}):
    add(f"reader{{n}}@example.org", state="confirmed", daily=True, weekly=False)
add("weekly@example.org", state="confirmed", daily=False, weekly=True)
add("pending@example.org", state="pending", daily=True)
"""


def daily_note_once_through_two_workers_and_a_restart(tmp_path, database_url: str, rows):
    with running_sink() as (sink, port):
        env = haven_env(
            database_url,
            tmp_path,
            HAVEN_EMAIL_HOST="127.0.0.1",
            HAVEN_EMAIL_PORT=str(port),
            HAVEN_SITE_URL="https://haven.example",
            HAVEN_NEWSLETTER_LEASE_SECONDS="2",
            HAVEN_NEWSLETTER_RETRY_PAUSE_MS="10",
        )
        manage(env, "migrate", "-v", "0")
        django_python(env, SETUP)
        sink.hold_after(HELD_AFTER)
        sent = "SELECT count(*) FROM newsletter_delivery WHERE state = 'sent'"

        pair = [start_worker(env, tmp_path / f"worker{n}.log", *FAST) for n in range(2)]
        try:
            wait_for(lambda: sink.held >= CONNECTIONS, 90, "the day's note to be on its way")
            wait_for(lambda: rows(sent) == [(HELD_AFTER,)], 30, "the accepted notes' marks")
            time.sleep(1)  # both sweepers have asked for the day's job by now, more than once
        finally:
            for worker in pair:
                kill(worker, signal.SIGKILL)
        sink.release()
        assert rows("SELECT count(*) FROM newsletter_issue") == [(1,)]
        assert rows("SELECT count(*) FROM core_oncejob WHERE kind = 'newsletter.daily'") == [(1,)]

        restarted = start_worker(env, tmp_path / "restarted.log", *FAST)
        try:
            wait_for(
                lambda: rows("SELECT state FROM newsletter_issue") == [("sent",)],
                120,
                "the restarted worker to finish the day's note",
            )
            time.sleep(3)  # a lease's length and several sweeps: no second note
        finally:
            kill(restarted, signal.SIGTERM)

    days = rows("SELECT day FROM newsletter_issue WHERE kind = 'daily'")
    jobs = rows("SELECT key, state, outcome FROM core_oncejob WHERE kind = 'newsletter.daily'")
    # Started just before midnight, a run may see two days: one note each, never more.
    assert len(days) == len({day for (day,) in days}) == len(jobs)
    assert {state for _key, state, _outcome in jobs} == {"done"}
    counts = Counter(sink.recipients())
    assert set(counts) == {f"reader{n}@example.org" for n in range(READERS)}
    assert set(counts.values()) == {len(days)}, counts
    message_ids = [message["Message-ID"] for message in sink.messages()]
    assert len(message_ids) == len(set(message_ids))
    for log in tmp_path.glob("*.log"):
        assert "@example.org" not in log.read_text()


def test_two_workers_and_a_restart_send_the_days_note_once(tmp_path):
    db_file = tmp_path / "haven.sqlite3"

    def rows(sql):
        with closing(sqlite3.connect(db_file, timeout=20)) as db:
            return db.execute(sql).fetchall()

    daily_note_once_through_two_workers_and_a_restart(tmp_path, f"sqlite:///{db_file}", rows)


def test_the_same_on_postgresql(tmp_path):
    import psycopg

    with postgres_database("daily_note") as url:

        def rows(sql):
            with psycopg.connect(url) as db:
                return db.execute(sql).fetchall()

        daily_note_once_through_two_workers_and_a_restart(tmp_path, url, rows)
