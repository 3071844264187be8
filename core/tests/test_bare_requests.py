"""Requests that read nothing of the person pay for nothing of theirs."""

import time

import pytest
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext


@pytest.mark.django_db
def test_a_ping_from_someone_signed_in_asks_the_database_nothing(owner_client):
    assert owner_client.get("/home/").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = owner_client.get("/ping/")
    assert response.status_code == 200
    assert response.content == b"pong"
    assert len(queries) == 0, [q["sql"] for q in queries]
    # The session was never opened, so nothing of it is written back and no
    # "Vary: Cookie" is added.
    assert getattr(response.wsgi_request, "session", None) is None
    assert "hv_s" not in response.cookies
    assert "Cookie" not in response.get("Vary", "")


@pytest.mark.django_db
def test_the_health_check_asks_only_its_own_question(owner_client):
    with CaptureQueriesContext(connection) as queries:
        response = owner_client.get("/health/")
    assert response.status_code == 200
    assert [q["sql"] for q in queries] == ["SELECT 1"]
    assert getattr(response.wsgi_request, "session", None) is None


@pytest.mark.django_db
def test_a_bare_answer_keeps_every_safety_header(owner_client):
    response = owner_client.get("/ping/")
    assert response["Cache-Control"].startswith("no-store")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_a_bare_answer_over_https_keeps_strict_transport(client, settings):
    settings.SECURE_HSTS_SECONDS = 600
    response = client.get("/ping/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=600")
    assert "Strict-Transport-Security" not in client.get("/ping/")


@pytest.mark.django_db
def test_a_bare_answer_is_the_same_as_the_whole_chain_would_give(owner_client, settings):
    """The front door adds what the rest of the chain adds, header for header."""
    settings.SECURE_HSTS_SECONDS = 600
    direct = owner_client.get("/ping/", secure=True)
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if not m.endswith("FrontDoorMiddleware")]
    chained = owner_client.get("/ping/", secure=True)
    assert chained.content == direct.content == b"pong"
    changing = {"Content-Security-Policy"}  # a fresh nonce in each
    assert {k: v for k, v in direct.items() if k not in changing} == {
        k: v for k, v in chained.items() if k not in changing
    }


@pytest.mark.django_db
def test_pings_do_not_keep_an_idle_vault_open(owner_client):
    """Only the person's own pages count as being there: a ping (a monitor, a
    stray tab) never moves the idle clock on."""
    two_minutes_ago = int(time.time()) - 120
    session = owner_client.session
    session["hv_seen"] = two_minutes_ago
    session.save()
    owner_client.get("/ping/")
    assert owner_client.session["hv_seen"] == two_minutes_ago
    owner_client.get("/home/")
    assert owner_client.session["hv_seen"] > two_minutes_ago


@pytest.mark.django_db
def test_private_pages_still_open_the_vault(owner_client):
    response = owner_client.get("/home/")
    assert response.status_code == 200
    assert response.wsgi_request.vault is not None
    assert response.wsgi_request.session.accessed is True


@pytest.mark.django_db
def test_the_quick_exit_still_locks_the_vault(owner_client):
    owner_client.get("/x/")
    response = owner_client.get("/home/")
    assert response.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_the_database_connection_outlives_a_request():
    """Opening a connection (and SQLite's PRAGMAs) costs more than a cheap page,
    so one connection serves request after request, still in WAL mode."""
    # A fresh connection: one the worker opened tests ago may be past its age.
    connection.close()
    connection.ensure_connection()
    raw = connection.connection
    close_old_connections()  # what Django runs as every request ends
    assert connection.connection is raw
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
