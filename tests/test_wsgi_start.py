"""The web server refuses to start without its secrets (gunicorn runs no system checks)."""

import os
import subprocess
import sys

from django.conf import settings

SECRETS = ("HAVEN_SECRET_KEY", "HAVEN_PEPPER", "HAVEN_SERVER_KEYS", "HAVEN_RECORDS_SIGNING_KEYS")


def import_wsgi(tmp_path, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HAVEN_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="haven.settings",
        # An empty folder: no var/secrets.json from a laptop run to fall back on.
        HAVEN_VAR_DIR=str(tmp_path),
        DATABASE_URL=f"sqlite:///{tmp_path / 'haven.sqlite3'}",
        **extra,
    )
    return subprocess.run(
        [sys.executable, "-c", "from haven.wsgi import application; print(callable(application))"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_without_its_secrets_the_web_server_stops_and_says_what_is_missing(tmp_path):
    started = import_wsgi(tmp_path)
    assert started.returncode != 0
    assert "Haven will not start" in started.stderr
    for name in SECRETS:
        assert f"{name} is not set" in started.stderr


def test_with_its_secrets_the_web_server_starts(tmp_path):
    started = import_wsgi(
        tmp_path,
        HAVEN_SECRET_KEY=settings.SECRET_KEY,
        HAVEN_PEPPER=settings.HAVEN_PEPPER,
        HAVEN_SERVER_KEYS=settings.HAVEN_SERVER_KEYS,
        HAVEN_RECORDS_SIGNING_KEYS=settings.HAVEN_RECORDS_SIGNING_KEYS,
    )
    assert started.returncode == 0, started.stderr[-2000:]
    assert started.stdout.strip() == "True"


def test_one_missing_secret_is_enough_to_stop_it(tmp_path):
    started = import_wsgi(
        tmp_path, HAVEN_SECRET_KEY=settings.SECRET_KEY, HAVEN_PEPPER=settings.HAVEN_PEPPER
    )
    assert started.returncode != 0
    assert "HAVEN_SERVER_KEYS is not set" in started.stderr
    assert "HAVEN_PEPPER is not set" not in started.stderr
