"""Real Haven processes for tests: a database of their own, Django in a subprocess, workers.

The processes run the production settings module (`haven.settings`) with
the test suite's throwaway secrets, tiny Argon2 and the database task
backend, against a database made for the one test: an SQLite file in a
temporary folder, or a fresh PostgreSQL database that is dropped afterwards.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def haven_env(database_url: str, var_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HAVEN_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="haven.settings",
        PYTHONPATH=str(ROOT),
        DATABASE_URL=database_url,
        HAVEN_VAR_DIR=str(var_dir),
        HAVEN_SECRET_KEY=settings.SECRET_KEY,
        HAVEN_PEPPER=settings.HAVEN_PEPPER,
        HAVEN_SERVER_KEYS=settings.HAVEN_SERVER_KEYS,
        HAVEN_RECORDS_SIGNING_KEYS=settings.HAVEN_RECORDS_SIGNING_KEYS,
        HAVEN_ARGON2_MEMORY_KIB="64",
        HAVEN_ARGON2_TIME="1",
        HAVEN_ARGON2_LANES="1",
        HAVEN_ARGON2_PER_SECOND="1000000",
        HAVEN_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        HAVEN_LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str, timeout: float = 300) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def django_python(env: dict[str, str], code: str, timeout: float = 300) -> str:
    """Run Python with Django set up (and the test job handlers registered)."""
    prelude = "import django; django.setup(); import core.tests.job_handlers\n"
    done = subprocess.run(
        [sys.executable, "-c", prelude + code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def start_worker(env: dict[str, str], log: Path, *args: str) -> subprocess.Popen:
    """`manage.py run_worker`, with the test job handlers registered, in its own group."""
    code = (
        "import sys, django; django.setup(); import core.tests.job_handlers\n"
        "from django.core.management import call_command\n"
        "call_command('run_worker', *sys.argv[1:])\n"
    )
    handle = log.open("ab")
    return subprocess.Popen(
        [sys.executable, "-c", code, "--no-reload", "--no-startup-delay", *args],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def kill(process: subprocess.Popen, how: int = signal.SIGKILL) -> None:
    if process.poll() is None:
        os.killpg(process.pid, how)
    process.wait(timeout=30)


def wait_for(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:.0f}s: {what}")
        time.sleep(0.1)


def _postgres_server() -> str:
    """Where PostgreSQL listens: HAVEN_TEST_POSTGRES, the suite's own, or the local default."""
    explicit = os.environ.get("HAVEN_TEST_POSTGRES")
    if explicit:
        return explicit.rstrip("/")
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        user = db.get("USER") or "postgres"
        password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
        host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
        return f"postgres://{user}{password}@{host}:{port}"
    return "postgres://postgres@127.0.0.1:5432"


@contextmanager
def postgres_database(purpose: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    import psycopg

    server = _postgres_server()
    try:
        admin = psycopg.connect(f"{server}/postgres", autocommit=True, connect_timeout=3)
    except psycopg.OperationalError:
        where = urlsplit(server).hostname
        pytest.skip(
            f"PostgreSQL is not reachable at {where}: this test needs real row locks "
            "between processes (set HAVEN_TEST_POSTGRES to point at a server)"
        )
    name = f"haven_jobs_{purpose}_{secrets.token_hex(4)}"
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server}/{name}"
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
