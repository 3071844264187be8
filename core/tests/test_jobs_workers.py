"""Exactly-once jobs with real worker processes (`manage.py run_worker`).

A worker killed with SIGKILL in the middle of a job, and two workers racing
over the same jobs on PostgreSQL: each job's side effect happens once.
"""

import signal
import sqlite3
import time
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

FAST = ("--interval", "0.05", "--sweep-every", "0.5")


def test_a_job_survives_its_worker_being_killed_mid_job_and_happens_once(tmp_path):
    db_file = tmp_path / "haven.sqlite3"
    hold = tmp_path / "hold"
    env = haven_env(f"sqlite:///{db_file}", tmp_path, HAVEN_TEST_HOLD=str(hold))
    manage(env, "migrate", "-v", "0")
    hold.touch()
    django_python(
        env,
        "from django.db import transaction\n"
        "from core import jobs\n"
        "from core.tests.job_handlers import create_tables\n"
        "create_tables()\n"
        "with transaction.atomic():\n"
        "    jobs.once('test.held', 'the-one')\n",
    )

    def rows(sql):
        with closing(sqlite3.connect(db_file, timeout=20)) as db:
            return db.execute(sql).fetchall()

    first = start_worker(env, tmp_path / "first.log", *FAST)
    try:
        wait_for(lambda: rows("SELECT pid FROM test_job_starts"), 90, "the first worker to start")
    finally:
        kill(first, signal.SIGKILL)  # no chance to tidy up
    assert rows("SELECT state, attempts FROM core_oncejob") == [("running", 1)]
    assert rows("SELECT * FROM test_job_effects") == []

    hold.unlink()
    second = start_worker(env, tmp_path / "second.log", *FAST)
    try:
        wait_for(
            lambda: rows("SELECT state FROM core_oncejob") == [("done",)],
            90,
            "a second worker to finish the job once the first one's lease ran out",
        )
        time.sleep(3)  # a lease's length and several sweeps: nothing runs it again
    finally:
        kill(second, signal.SIGTERM)

    assert rows("SELECT pid FROM test_job_starts") == [(first.pid,), (second.pid,)]
    assert rows("SELECT job_key, pid FROM test_job_effects") == [("the-one", second.pid)]
    assert rows("SELECT state, attempts, outcome FROM core_oncejob") == [("done", 2, "counted")]
    # The worker logs that it started, but not each task it ran, nor when.
    logged = (tmp_path / "second.log").read_text()
    assert "Starting worker" in logged
    assert "run_once_job" not in logged and "test.held" not in logged


def test_two_workers_on_postgresql_run_each_of_200_jobs_exactly_once(tmp_path):
    import psycopg

    with postgres_database("two_workers") as url:
        env = haven_env(url, tmp_path)
        manage(env, "migrate", "-v", "0")
        django_python(
            env,
            "from django.db import transaction\n"
            "from core import jobs\n"
            "from core.tests.job_handlers import create_tables\n"
            "create_tables()\n"
            "with transaction.atomic():\n"
            "    made = [jobs.once('test.counted', f'job-{n}') for n in range(200)]\n"
            "# A second task for every job, so the two workers chase the same jobs.\n"
            "for job in made:\n"
            "    jobs.enqueue(job.pk)\n",
        )

        def rows(sql):
            with psycopg.connect(url) as db:
                return db.execute(sql).fetchall()

        assert rows("SELECT count(*) FROM django_tasks_database_dbtaskresult") == [(400,)]
        workers = [start_worker(env, tmp_path / f"worker{n}.log", *FAST) for n in range(2)]
        try:
            done = "SELECT count(*) FROM core_oncejob WHERE state = 'done'"
            wait_for(lambda: rows(done) == [(200,)], 240, "two workers to finish 200 jobs")
            ready = "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'READY'"
            wait_for(lambda: rows(ready) == [(0,)], 60, "the workers to try every queued task")
        finally:
            for worker in workers:
                kill(worker, signal.SIGTERM)

        starts = rows("SELECT job_key, pid FROM test_job_starts")
        effects = rows("SELECT job_key, pid FROM test_job_effects")
        assert len(starts) == len(effects) == 200
        assert {key for key, _pid in effects} == {f"job-{n}" for n in range(200)}
        # Both workers took part: the claims really were contested.
        assert {pid for _key, pid in effects} == {worker.pid for worker in workers}
        assert rows("SELECT DISTINCT attempts FROM core_oncejob") == [(1,)]
