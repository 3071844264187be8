"""Job handlers for the tests that run real worker processes.

Each run notes itself in plain tables the tests create, so a test can count
how often a handler started and how often its side effect happened.
"""

import os
import time
from datetime import timedelta
from pathlib import Path

from django.db import connection

from core import jobs

TABLES = ("test_job_starts", "test_job_effects")


def create_tables() -> None:
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(
                f"CREATE TABLE {table} (job_key varchar(200) NOT NULL, pid integer NOT NULL)"
            )


def _note(table: str, key: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (job_key, pid) VALUES (%s, %s)",  # noqa: S608
            [key, os.getpid()],
        )


@jobs.handler("test.held", lease=timedelta(seconds=2), backoff=timedelta(milliseconds=100))
def held(run: jobs.Run) -> str:
    """Starts, then waits while the file named by HAVEN_TEST_HOLD exists."""
    _note("test_job_starts", run.key)
    hold = os.environ.get("HAVEN_TEST_HOLD")
    while hold and Path(hold).exists():
        time.sleep(0.05)
    _note("test_job_effects", run.key)
    return "counted"


@jobs.handler("test.counted", lease=timedelta(seconds=30))
def counted(run: jobs.Run) -> str:
    _note("test_job_starts", run.key)
    time.sleep(0.01)  # long enough for two workers to overlap
    _note("test_job_effects", run.key)
    return "counted"
