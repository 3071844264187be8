"""What a thief with the database would read: its bytes, on SQLite or PostgreSQL."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from django.db import connection


def committed_database_bytes() -> bytes:
    """The database as stored: SQLite's files (the main one, its WAL and journal,
    so deleted rows not yet overwritten count too), or PostgreSQL's pg_dump.
    Only what is committed: for tests that run outside a transaction."""
    if connection.vendor == "sqlite":
        db_file = Path(connection.settings_dict["NAME"])
        assert db_file.exists(), "this check needs an on-disk database"
        connection.close()
        return b"".join(
            Path(str(db_file) + suffix).read_bytes()
            for suffix in ("", "-wal", "-journal")
            if Path(str(db_file) + suffix).exists()
        )
    pg_dump = shutil.which("pg_dump")
    assert pg_dump, "pg_dump is needed to check a PostgreSQL database"
    params = connection.settings_dict
    return subprocess.run(
        [
            pg_dump,
            "-h",
            params["HOST"] or "127.0.0.1",
            "-p",
            str(params["PORT"] or 5432),
            "-U",
            params["USER"] or "postgres",
            params["NAME"],
        ],
        check=True,
        capture_output=True,
    ).stdout


def every_row_as_text() -> str:
    """Every row of every table, read through the test's own connection (so
    rows of a transaction not yet committed count), as text: bytes shown with
    their printable characters as they are."""
    lines = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                lines.append(repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row)))
    return "\n".join(lines)
