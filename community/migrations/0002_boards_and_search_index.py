"""The boards every Haven starts with, and (on PostgreSQL) the full-text index."""

from django.db import migrations

BOARDS = [
    ("recognising", "Recognising the pattern", "Working out what is happening, and whether it's okay."),
    ("planning", "Planning to leave", "Thinking it through, step by step, at your own pace."),
    ("after", "After leaving", "The weeks and years after: the hard days and the good ones."),
    ("family", "Family", "When the harm comes from a parent, a sibling or a relative."),
    ("work", "Work", "When the harm happens at work, or follows you there."),
    ("wins", "Wins", "Small steps and big ones. Every one counts here."),
    ("reminders", "Reminders", "Short, gentle words members wrote for each other."),
]


def add_boards(apps, schema_editor):
    Board = apps.get_model("community", "Board")
    for position, (slug, title, description) in enumerate(BOARDS):
        Board.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "description": description,
                "position": position,
                "kind": "reminders" if slug == "reminders" else "discussion",
            },
        )


def add_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS community_post_search ON community_post "
            "USING GIN (to_tsvector('english', body))"
        )


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS community_post_search")


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]

    operations = [
        migrations.RunPython(add_boards, migrations.RunPython.noop),
        migrations.RunPython(add_search_index, drop_search_index),
    ]
