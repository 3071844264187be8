"""The search index for each database: an FTS5 table on SQLite, a GIN index on
PostgreSQL. Each step runs only on its own database."""

from django.db import migrations

SQLITE_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS guide_section_fts USING fts5("
    "section_id UNINDEXED, title, summary, body, "
    "tokenize = 'porter unicode61 remove_diacritics 2')"
)
SQLITE_DROP = "DROP TABLE IF EXISTS guide_section_fts"
POSTGRES_CREATE = (
    "CREATE INDEX IF NOT EXISTS guide_section_search_gin "
    "ON guide_section USING GIN (search_vector)"
)
POSTGRES_DROP = "DROP INDEX IF EXISTS guide_section_search_gin"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [("guide", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
