"""Missed check-ins with real worker processes and a real SMTP server.

A worker killed with SIGKILL in the middle of an alert's batch, and two
workers racing over the same alerts on PostgreSQL: each contact receives
each alert once. Not zero times, not twice.
"""

import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from contextlib import closing

import pytest
from aiosmtpd.controller import Controller

from circle.tests.notifiers import WORKER, setup_code
from circle.tests.sink import Sink, free_port
from core.tests.processes import (
    ROOT,
    django_python,
    haven_env,
    kill,
    manage,
    postgres_database,
    wait_for,
)

FAST = ("--interval", "0.05", "--sweep-every", "0.5")


@pytest.fixture
def sink():
    received = Sink()
    port = free_port()
    controller = Controller(received, hostname="127.0.0.1", port=port)
    controller.start()
    received.port = port
    yield received
    controller.stop()


def start(env, log, *args):
    handle = log.open("ab")
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, "--no-reload", "--no-startup-delay", *args],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def environment(url, tmp_path, sink, **extra):
    return haven_env(
        url,
        tmp_path,
        HAVEN_EMAIL_HOST="127.0.0.1",
        HAVEN_EMAIL_PORT=str(sink.port),
        HAVEN_TEST_SENDS=str(tmp_path / "sends"),
        **extra,
    )


def sends(tmp_path):
    path = tmp_path / "sends"
    lines = path.read_text().split("\n") if path.exists() else []
    return [tuple(line.split(" ", 1)) for line in lines if line]


def test_a_worker_killed_mid_batch_is_replaced_and_each_contact_gets_one_message(tmp_path, sink):
    db_file = tmp_path / "haven.sqlite3"
    hold = tmp_path / "hold"
    env = environment(f"sqlite:///{db_file}", tmp_path, sink, HAVEN_TEST_HOLD=str(hold))
    manage(env, "migrate", "-v", "0")
    hold.touch()
    django_python(env, setup_code(members=1, people=4))

    def rows(sql):
        with closing(sqlite3.connect(db_file, timeout=20)) as db:
            return db.execute(sql).fetchall()

    first = start(env, tmp_path / "first.log", *FAST)
    try:
        reached = tmp_path / "hold.reached"
        wait_for(reached.exists, 90, "the first worker to send one message and reach the second")
    finally:
        kill(first, signal.SIGKILL)  # no chance to tidy up
    assert len(sink.received) == 1
    # Rows are claimed two at a time here: the one the server took was marked
    # at once, the other of its batch waits under the dead worker's lease,
    # and the next batch was never claimed.
    states = Counter(state for (state,) in rows("SELECT state FROM circle_delivery"))
    assert states == {"sent": 1, "sending": 1, "pending": 2}

    hold.unlink()
    second = start(env, tmp_path / "second.log", *FAST)
    try:
        wait_for(
            lambda: rows("SELECT count(*) FROM circle_delivery WHERE state = 'sent'") == [(4,)],
            90,
            "a second worker to finish the batch once the first one's lease ran out",
        )
        wait_for(
            lambda: (
                rows("SELECT state FROM core_oncejob WHERE kind = 'circle.missed'") == [("done",)]
            ),
            30,
            "the job to be marked done",
        )
    finally:
        kill(second, signal.SIGTERM)

    to = Counter(r.to[0] for r in sink.received)
    assert to == {f"m0.p{n}@example.org": 1 for n in range(4)}
    assert all("WORDS-OF-0" in r.text for r in sink.received)
    pids = [pid for pid, _msgid in sends(tmp_path)]
    assert pids.count(str(first.pid)) == 1 and pids.count(str(second.pid)) == 3
    # The worker's log names no address and no words.
    logged = (tmp_path / "second.log").read_text() + (tmp_path / "first.log").read_text()
    assert "example.org" not in logged and "WORDS-OF" not in logged


def test_two_workers_on_postgresql_send_each_alert_to_each_contact_once(tmp_path, sink):
    import psycopg

    members, people = 40, 3
    with postgres_database("circle_workers") as url:
        env = environment(url, tmp_path, sink)
        manage(env, "migrate", "-v", "0")
        django_python(env, setup_code(members=members, people=people, twice=True))

        def rows(sql):
            with psycopg.connect(url) as db:
                return db.execute(sql).fetchall()

        workers = [start(env, tmp_path / f"worker{n}.log", *FAST) for n in range(2)]
        try:
            sent = "SELECT count(*) FROM circle_delivery WHERE state = 'sent'"
            wait_for(lambda: rows(sent) == [(members * people,)], 240, "every alert sent")
            done = "SELECT count(*) FROM core_oncejob WHERE kind = 'circle.missed' AND state='done'"
            wait_for(lambda: rows(done) == [(members,)], 60, "every job done")
        finally:
            for worker in workers:
                kill(worker, signal.SIGTERM)

    to = Counter(r.to[0] for r in sink.received)
    expected = {f"m{m}.p{n}@example.org": 1 for m in range(members) for n in range(people)}
    assert to == expected
    for r in sink.received:
        member = r.to[0].split(".")[0][1:]
        assert f"WORDS-OF-{member}\n" in r.text or f"WORDS-OF-{member}\r" in r.text
    # Both workers took part: the jobs really were contested.
    assert {pid for pid, _msgid in sends(tmp_path)} == {str(w.pid) for w in workers}
