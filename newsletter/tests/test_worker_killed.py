"""A worker killed with SIGKILL in the middle of a campaign, and another one after it:
every recipient gets the issue exactly once.

The SMTP server here is real (aiosmtpd, in this process) and the workers are
real `manage.py run_worker` processes, on an SQLite file and on PostgreSQL. After 25 messages
the server stops answering, so every connection of the first worker waits
for its "250"; the worker is killed right then, and the messages it was
waiting on were never accepted (as with a real server, whose client went
away before the reply). A second worker takes the job over when the lease
runs out and sends the rest.
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
RECIPIENTS = 60
CONNECTIONS = 3

SETUP = f"""
from django.db import transaction
from django.utils import timezone
from newsletter import addresses, jobs
from newsletter.models import Issue, SendSettings, Subscriber

SendSettings.objects.create(rate_per_second=1000, connections={CONNECTIONS})
for n in range({RECIPIENTS}):
    address = f"reader{{n}}@example.org"
    subscriber = Subscriber(address_hash=addresses.address_hash(address), state="confirmed")
    subscriber.address = addresses.seal(address, subscriber.id)
    subscriber.save()
with transaction.atomic():
    issue = Issue.objects.create(
        title="Small steps", subject_open="Small steps", tip="Rest counts too.",
        state="scheduled", send_at=timezone.now(),
    )
    jobs.schedule(issue)
"""


def campaign_killed_and_resumed(tmp_path, database_url: str, rows) -> None:
    with running_sink() as (sink, port):
        env = haven_env(
            database_url,
            tmp_path,
            HAVEN_EMAIL_HOST="127.0.0.1",
            HAVEN_EMAIL_PORT=str(port),
            HAVEN_NEWSLETTER_LEASE_SECONDS="2",
            HAVEN_NEWSLETTER_RETRY_PAUSE_MS="10",
        )
        manage(env, "migrate", "-v", "0")
        django_python(env, SETUP)
        sink.hold_after(25)
        sent = "SELECT count(*) FROM newsletter_delivery WHERE state = 'sent'"

        first = start_worker(env, tmp_path / "first.log", *FAST)
        try:
            wait_for(lambda: sink.held >= CONNECTIONS, 90, "every connection to wait for a reply")
            # What the server accepted is marked within milliseconds.
            wait_for(lambda: rows(sent) == [(25,)], 30, "the 25 accepted messages to be marked")
        finally:
            kill(first, signal.SIGKILL)  # no chance to tidy up
        sink.release()
        assert len(sink.accepted) == 25
        assert rows(sent) == [(25,)]
        assert rows("SELECT state FROM core_oncejob") == [("running",)]

        second = start_worker(env, tmp_path / "second.log", *FAST)
        try:
            wait_for(
                lambda: rows("SELECT state FROM newsletter_issue") == [("sent",)],
                120,
                "a second worker to finish the campaign once the first one's lease ran out",
            )
            time.sleep(3)  # a lease's length and several sweeps: nothing sends it again
        finally:
            kill(second, signal.SIGTERM)

    counts = Counter(sink.recipients())
    assert set(counts) == {f"reader{n}@example.org" for n in range(RECIPIENTS)}
    assert set(counts.values()) == {1}, [to for to, n in counts.items() if n > 1]
    assert rows(sent) == [(RECIPIENTS,)]
    assert rows("SELECT state, attempts, outcome FROM core_oncejob") == [("done", 2, "sent")]
    # Nothing in the workers' logs names a recipient.
    for log in ("first.log", "second.log"):
        assert "@example.org" not in (tmp_path / log).read_text()


def test_a_campaign_survives_its_worker_being_killed_and_reaches_everyone_once(tmp_path):
    db_file = tmp_path / "haven.sqlite3"

    def rows(sql):
        with closing(sqlite3.connect(db_file, timeout=20)) as db:
            return db.execute(sql).fetchall()

    campaign_killed_and_resumed(tmp_path, f"sqlite:///{db_file}", rows)


def test_the_same_on_postgresql(tmp_path):
    import psycopg

    with postgres_database("newsletter_killed") as url:

        def rows(sql):
            with psycopg.connect(url) as db:
                return db.execute(sql).fetchall()

        campaign_killed_and_resumed(tmp_path, url, rows)
